package geo

import "math"

// inverseResult is the solution of the inverse problem: the distance, the
// sines and cosines of the azimuths at both ends and, when asked for, the
// area S12 between the geodesic and the equator.
type inverseResult struct {
	s12                        float64 // metres
	salp1, calp1, salp2, calp2 float64
	area                       float64 // S12 in m², clockwise positive
}

// inverse solves the inverse problem between (lat1, lon1) and (lat2, lon2),
// in degrees. With wantArea it also returns S12, the area of the quadrilateral
// (lat1, lon1), (0, lon1), (0, lon2), (lat2, lon2) bounded by the geodesic,
// the meridians and the equator (the paper, section 6).
//
// The problem is first reduced by symmetry to lon12 >= 0, lat1 <= 0 and
// |lat1| >= |lat2|; the signs and the swap are undone at the end.
func (e *ellipsoid) inverse(lat1, lon1, lat2, lon2 float64, wantArea bool) inverseResult {
	lon12, lon12s := angDiff(lon1, lon2)
	lonSign := 1.0
	if math.Signbit(lon12) {
		lonSign = -1
	}
	lon12 *= lonSign
	lon12s *= lonSign
	lam12 := lon12 * radPerDeg
	slam12, clam12 := sincosdErr(lon12, lon12s)
	lon12s = (180 - lon12) - lon12s // the supplement of lon12 + lon12s

	lat1 = angRound(latFix(lat1))
	lat2 = angRound(latFix(lat2))
	swap := 1.0
	if math.Abs(lat1) < math.Abs(lat2) || math.IsNaN(lat2) {
		swap = -1
		lonSign = -lonSign
		lat1, lat2 = lat2, lat1
	}
	latSign := -1.0
	if math.Signbit(lat1) {
		latSign = 1
	}
	lat1 *= latSign
	lat2 *= latSign

	sbet1, cbet1 := sincosd(lat1)
	sbet1, cbet1 = normSinCos(e.f1*sbet1, cbet1)
	cbet1 = math.Max(geodTiny, cbet1)
	sbet2, cbet2 := sincosd(lat2)
	sbet2, cbet2 = normSinCos(e.f1*sbet2, cbet2)
	cbet2 = math.Max(geodTiny, cbet2)
	// Where |bet1| and |bet2| are equal in exact arithmetic, make them equal
	// in floating point too, so that lambda12 sees the symmetric case.
	if cbet1 < -sbet1 {
		if cbet2 == cbet1 {
			sbet2 = math.Copysign(sbet1, sbet2)
		}
	} else if math.Abs(sbet2) == -sbet1 {
		cbet2 = cbet1
	}
	dn1 := math.Sqrt(1 + e.ep2*sbet1*sbet1)
	dn2 := math.Sqrt(1 + e.ep2*sbet2*sbet2)

	var (
		r              inverseResult
		s12            float64
		somg12, comg12 float64 // longitude difference on the auxiliary sphere, for the area
	)

	meridian := lat1 == -90 || slam12 == 0
	if meridian {
		// Along a meridian: the azimuths are known, only the arc remains.
		r.calp1, r.salp1 = clam12, slam12
		r.calp2, r.salp2 = 1, 0
		ssig1, csig1 := sbet1, r.calp1*cbet1
		ssig2, csig2 := sbet2, r.calp2*cbet2
		sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
		s12b, m12b := arcLengths(e.n, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
		if sig12 < 1 || m12b >= 0 {
			if sig12 < 3*geodTiny || (sig12 < tol0 && (s12b < 0 || m12b < 0)) {
				s12b = 0 // no negative lengths for tiny arcs
			}
			s12 = s12b * e.b
		} else {
			// Beyond the conjugate point the meridian is not shortest.
			meridian = false
		}
	}

	switch {
	case meridian:
	case sbet1 == 0 && lon12s >= e.f*180:
		// Both points on the equator, close enough for the equator to be
		// the shortest path.
		r.calp1, r.calp2 = 0, 0
		r.salp1, r.salp2 = 1, 1
		s12 = e.a * lam12
		somg12, comg12 = math.Sincos(lam12 / e.f1)
	default:
		st := e.inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12)
		r.salp1, r.calp1 = st.salp1, st.calp1
		if st.sig12 >= 0 {
			// A short line solved by the start itself.
			r.salp2, r.calp2 = st.salp2, st.calp2
			s12 = st.sig12 * e.b * st.dnm
			somg12, comg12 = math.Sincos(lam12 / (e.f1 * st.dnm))
		} else {
			sol := e.solveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, r.salp1, r.calp1, slam12, clam12)
			r.salp1, r.calp1 = sol.salp1, sol.calp1
			r.salp2, r.calp2 = sol.salp2, sol.calp2
			s12b, _ := arcLengths(sol.eps, sol.sig12, sol.ssig1, sol.csig1, dn1, sol.ssig2, sol.csig2, dn2)
			s12 = s12b * e.b
			// omg12 = lam12 - domg12
			sd, cd := math.Sincos(sol.domg12)
			somg12 = slam12*cd - clam12*sd
			comg12 = clam12*cd + slam12*sd
		}
	}
	r.s12 = 0 + s12

	if wantArea {
		r.area = e.edgeArea(sbet1, cbet1, sbet2, cbet2, r.salp1, r.calp1, r.salp2, r.calp2,
			somg12, comg12, meridian)
		r.area = 0 + r.area*swap*lonSign*latSign
	}

	if swap < 0 {
		r.salp1, r.salp2 = r.salp2, r.salp1
		r.calp1, r.calp2 = r.calp2, r.calp1
	}
	r.salp1 *= swap * lonSign
	r.calp1 *= swap * latSign
	r.salp2 *= swap * lonSign
	r.calp2 *= swap * latSign
	return r
}

// edgeArea returns S12 for the reduced problem (lat1 <= 0, lon12 >= 0): the
// ellipsoidal correction A4 (I4(sigma2) - I4(sigma1)) plus c² times the
// spherical excess alpha2 - alpha1 (the paper, section 6).
func (e *ellipsoid) edgeArea(sbet1, cbet1, sbet2, cbet2, salp1, calp1, salp2, calp2,
	somg12, comg12 float64, meridian bool) float64 {
	salp0 := salp1 * cbet1
	calp0 := hypotUnit(calp1, salp1*sbet1)
	var s12 float64
	if calp0 != 0 && salp0 != 0 {
		// Neither meridional nor equatorial: sigma is defined at both ends.
		ssig1, csig1 := normSinCos(sbet1, calp1*cbet1)
		ssig2, csig2 := normSinCos(sbet2, calp2*cbet2)
		eps := epsOf(calp0 * calp0 * e.ep2)
		a4 := e.a * e.a * calp0 * salp0 * e.e2
		var c4 [geodesicOrder]float64
		e.c4f(eps, &c4)
		s12 = a4 * (cosOddSeries(ssig2, csig2, c4[:]) - cosOddSeries(ssig1, csig1, c4[:]))
	}
	var alp12 float64
	if !meridian && comg12 > -0.7071 && sbet2-sbet1 < 1.75 {
		// Short and not too steep: the excess of the spherical trapezoid
		// from tan(E/2) = tan(omg12/2) (t1 + t2)/(1 + t1 t2), t = tan(bet/2),
		// which keeps full relative precision for tiny edges where
		// alpha2 - alpha1 would cancel.
		domg := 1 + comg12
		dbet1, dbet2 := 1+cbet1, 1+cbet2
		alp12 = 2 * math.Atan2(somg12*(sbet1*dbet2+sbet2*dbet1), domg*(sbet1*sbet2+dbet1*dbet2))
	} else {
		salp12 := salp2*calp1 - calp2*salp1
		calp12 := calp2*calp1 + salp2*salp1
		if salp12 == 0 && calp12 < 0 {
			// A half turn: pick the sign from the start azimuth.
			salp12, calp12 = geodTiny*calp1, -1
		}
		alp12 = math.Atan2(salp12, calp12)
	}
	return s12 + e.c2*alp12
}
