package geo

import "math"

// lambdaResult is the geodesic leaving point 1 at a trial azimuth, followed
// to the latitude of point 2: how far its longitude misses (v), the
// derivative of the miss with respect to the azimuth (dv), and the quantities
// the final distance and area need.
type lambdaResult struct {
	v, dv        float64
	salp2, calp2 float64
	sig12        float64
	ssig1, csig1 float64
	ssig2, csig2 float64
	eps          float64
	domg12       float64 // lambda12 - omega12: the ellipsoidal longitude correction
}

// lambda12 traces the geodesic from latitude bet1 at azimuth alp1 to the
// latitude bet2 and returns the miss in longitude against lam12 (given by its sine
// and cosine), as in the paper, section 4. With diffp it also returns the
// derivative of the miss, which needs the reduced length m12.
func (e *ellipsoid) lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam120, clam120 float64, diffp bool) lambdaResult {
	var r lambdaResult
	if sbet1 == 0 && calp1 == 0 {
		// Break the degeneracy of a line along the equator.
		calp1 = -geodTiny
	}
	salp0 := salp1 * cbet1
	calp0 := hypotUnit(calp1, salp1*sbet1)

	somg1 := salp0 * sbet1
	comg1 := calp1 * cbet1
	r.ssig1, r.csig1 = normSinCos(sbet1, comg1)

	// alp2 from Clairaut's relation; cos alp2 written to keep precision when
	// bet2 is close to -bet1 or to bet1.
	r.salp2 = salp1
	if cbet2 != cbet1 {
		r.salp2 = salp0 / cbet2
	}
	if cbet2 != cbet1 || math.Abs(sbet2) != -sbet1 {
		var d float64
		if cbet1 < -sbet1 {
			d = (cbet2 - cbet1) * (cbet1 + cbet2)
		} else {
			d = (sbet1 - sbet2) * (sbet1 + sbet2)
		}
		r.calp2 = math.Sqrt((calp1*cbet1)*(calp1*cbet1)+d) / cbet2
	} else {
		r.calp2 = math.Abs(calp1)
	}
	somg2 := salp0 * sbet2
	comg2 := r.calp2 * cbet2
	r.ssig2, r.csig2 = normSinCos(sbet2, comg2)

	r.sig12 = math.Atan2(math.Max(0, r.csig1*r.ssig2-r.ssig1*r.csig2), r.csig1*r.csig2+r.ssig1*r.ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2)
	comg12 := comg1*comg2 + somg1*somg2
	// eta = omg12 - lam12, the miss before the ellipsoidal correction.
	eta := math.Atan2(somg12*clam120-comg12*slam120, comg12*clam120+somg12*slam120)

	k2 := calp0 * calp0 * e.ep2
	r.eps = epsOf(k2)
	var c3 [geodesicOrder]float64
	e.c3f(r.eps, &c3)
	b312 := sinSeries(r.ssig2, r.csig2, c3[:]) - sinSeries(r.ssig1, r.csig1, c3[:])
	r.domg12 = -e.f * e.a3f(r.eps) * salp0 * (r.sig12 + b312)
	r.v = eta + r.domg12

	if diffp {
		if r.calp2 == 0 {
			r.dv = -2 * e.f1 * dn1 / sbet1
		} else {
			_, m12b := arcLengths(r.eps, r.sig12, r.ssig1, r.csig1, dn1, r.ssig2, r.csig2, dn2)
			r.dv = m12b * e.f1 / (r.calp2 * cbet2)
		}
	}
	return r
}

// azimuthSolution is the azimuth at point 1 found by solveAzimuth, with the
// geodesic it gives.
type azimuthSolution struct {
	lambdaResult
	salp1, calp1 float64
}

// solveAzimuth finds the azimuth at point 1 of the geodesic that reaches
// point 2, by Newton's method on lambda12 from the start (salp1, calp1),
// falling back to bisection of a bracket that the iterations keep narrowing
// whenever a Newton step would leave it or not converge.
func (e *ellipsoid) solveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12 float64) azimuthSolution {
	var sol azimuthSolution
	salp1a, calp1a := geodTiny, 1.0  // bracket: the miss is negative at a ...
	salp1b, calp1b := geodTiny, -1.0 // ... and positive at b
	tripn, tripb := false, false
	for numit := 0; ; numit++ {
		lr := e.lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12, numit < maxit1)
		sol.lambdaResult, sol.salp1, sol.calp1 = lr, salp1, calp1
		v := lr.v
		tol := tol0
		if tripn {
			tol = 8 * tol0
		}
		if tripb || !(math.Abs(v) >= tol) || numit == maxit2 {
			return sol
		}
		// Narrow the bracket.
		if v > 0 && (numit > maxit1 || calp1/salp1 > calp1b/salp1b) {
			salp1b, calp1b = salp1, calp1
		} else if v < 0 && (numit > maxit1 || calp1/salp1 < calp1a/salp1a) {
			salp1a, calp1a = salp1, calp1
		}
		if numit < maxit1 && lr.dv > 0 {
			dalp1 := -v / lr.dv
			if math.Abs(dalp1) < math.Pi {
				sdalp1, cdalp1 := math.Sincos(dalp1)
				nsalp1 := salp1*cdalp1 + calp1*sdalp1
				if nsalp1 > 0 {
					calp1 = calp1*cdalp1 - salp1*sdalp1
					salp1 = nsalp1
					salp1, calp1 = normSinCos(salp1, calp1)
					// Once the miss is at rounding level, accept a slightly
					// larger one next time to stop Newton from dithering.
					tripn = math.Abs(v) <= 16*tol0
					continue
				}
			}
		}
		// Bisect the bracket.
		salp1, calp1 = normSinCos((salp1a+salp1b)/2, (calp1a+calp1b)/2)
		tripn = false
		tripb = math.Abs(salp1a-salp1)+(calp1a-calp1) < tolb || math.Abs(salp1-salp1b)+(calp1-calp1b) < tolb
	}
}

// arcLengths returns, in units of the polar semi-axis b, the distance s12 and
// the reduced length m12 of the arc sigma1..sigma2 with expansion parameter
// eps (the paper, sections 3 and 5).
func arcLengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64) (s12b, m12b float64) {
	var c1, c2 [geodesicOrder + 1]float64
	evenSeries(&c1Table, eps, &c1)
	evenSeries(&c2Table, eps, &c2)
	a1 := a1m1(eps)
	a2 := a2m1(eps)
	m0 := a1 - a2
	a1++
	a2++
	b1 := sinSeries(ssig2, csig2, c1[:]) - sinSeries(ssig1, csig1, c1[:])
	b2 := sinSeries(ssig2, csig2, c2[:]) - sinSeries(ssig1, csig1, c2[:])
	s12b = a1 * (sig12 + b1)
	j12 := m0*sig12 + (a1*b1 - a2*b2)
	m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*j12
	return s12b, m12b
}
