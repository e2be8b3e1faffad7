package geo

import "math"

// geodesicLine is a geodesic fixed by a starting point and azimuth, with the
// series terms that depend only on the line computed once, so that positions
// along it (the direct problem) cost a few Clenshaw sums each.
type geodesicLine struct {
	e            *ellipsoid
	lon1         float64
	salp0, calp0 float64 // azimuth at the equator crossing
	ssig1, csig1 float64 // arc length from the equator crossing to the start
	somg1, comg1 float64 // longitude on the auxiliary sphere of the start
	a1m1         float64 // A1 - 1
	b11          float64 // I1 series at the start
	stau1, ctau1 float64 // scaled distance of the start
	a3c          float64 // -f sin(alpha0) A3
	b31          float64 // I3 series at the start
	c1a, c1pa    [geodesicOrder + 1]float64
	c3a          [geodesicOrder]float64
}

// line returns the geodesic leaving (lat1, lon1) at azimuth azi1, all in
// degrees.
func (e *ellipsoid) line(lat1, lon1, azi1 float64) geodesicLine {
	l := geodesicLine{e: e, lon1: lon1}
	salp1, calp1 := sincosd(angRound(angNormalize(azi1)))
	sbet1, cbet1 := sincosd(angRound(latFix(lat1)))
	sbet1, cbet1 = normSinCos(e.f1*sbet1, cbet1)
	cbet1 = math.Max(geodTiny, cbet1)

	// The triangle with the equator crossing (the paper, section 2) gives
	// alpha0, sigma1 and omega1.
	l.salp0 = salp1 * cbet1
	l.calp0 = hypotUnit(calp1, salp1*sbet1)
	l.ssig1 = sbet1
	l.somg1 = l.salp0 * sbet1
	l.csig1 = 1.0
	if sbet1 != 0 || calp1 != 0 {
		l.csig1 = cbet1 * calp1
	}
	l.comg1 = l.csig1
	l.ssig1, l.csig1 = normSinCos(l.ssig1, l.csig1)

	eps := epsOf(l.calp0 * l.calp0 * e.ep2)
	l.a1m1 = a1m1(eps)
	evenSeries(&c1Table, eps, &l.c1a)
	evenSeries(&c1pTable, eps, &l.c1pa)
	l.b11 = sinSeries(l.ssig1, l.csig1, l.c1a[:])
	s, c := math.Sincos(l.b11)
	l.stau1 = l.ssig1*c + l.csig1*s
	l.ctau1 = l.csig1*c - l.ssig1*s

	l.a3c = -e.f * l.salp0 * e.a3f(eps)
	e.c3f(eps, &l.c3a)
	l.b31 = sinSeries(l.ssig1, l.csig1, l.c3a[:])
	return l
}

// position returns the latitude and longitude in degrees of the point s12
// metres along the line; the longitude is reduced to [-180, 180].
func (l *geodesicLine) position(s12 float64) (lat2, lon2 float64) {
	e := l.e
	// Distance to arc length: scale by A1, then revert the I1 series.
	tau12 := s12 / (e.b * (1 + l.a1m1))
	s, c := math.Sincos(tau12)
	b12 := -sinSeries(l.stau1*c+l.ctau1*s, l.ctau1*c-l.stau1*s, l.c1pa[:])
	sig12 := tau12 - (b12 - l.b11)
	ssig12, csig12 := math.Sincos(sig12)
	ssig2 := l.ssig1*csig12 + l.csig1*ssig12
	csig2 := l.csig1*csig12 - l.ssig1*ssig12

	sbet2 := l.calp0 * ssig2
	cbet2 := hypotUnit(l.salp0, l.calp0*csig2)
	if cbet2 == 0 {
		// The end point is a pole: keep the direction defined.
		cbet2, csig2 = geodTiny, geodTiny
	}
	somg2 := l.salp0 * ssig2
	comg2 := csig2
	omg12 := math.Atan2(somg2*l.comg1-comg2*l.somg1, comg2*l.comg1+somg2*l.somg1)
	lam12 := omg12 + l.a3c*(sig12+(sinSeries(ssig2, csig2, l.c3a[:])-l.b31))
	lon2 = angNormalize(angNormalize(l.lon1) + angNormalize(lam12/radPerDeg))
	lat2 = atan2d(sbet2, e.f1*cbet2)
	return lat2, lon2
}
