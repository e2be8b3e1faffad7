package geo

import "math"

// startResult is the first estimate of the inverse solution. When sig12 >= 0
// the line was short enough for the estimate to be the solution, and salp2,
// calp2 and dnm are set too.
type startResult struct {
	sig12        float64
	salp1, calp1 float64
	salp2, calp2 float64
	dnm          float64 // mean of sqrt(1 + e'² sin² bet), scaling the short-line sphere
}

// inverseStart estimates the azimuth at point 1 for the reduced inverse
// problem (the paper, section 4): from a sphere for most lines, with the
// sphere's radius scaled to the mean latitude for short ones, and from the
// astroid approximation for nearly antipodal points, where the
// spherical estimate is poor.
func (e *ellipsoid) inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12 float64) startResult {
	r := startResult{sig12: -1, dnm: 1}
	sbet12 := sbet2*cbet1 - cbet2*sbet1  // sin(bet2 - bet1)
	cbet12 := cbet2*cbet1 + sbet2*sbet1  // cos(bet2 - bet1)
	sbet12a := sbet2*cbet1 + cbet2*sbet1 // sin(bet2 + bet1)

	shortLine := cbet12 >= 0 && sbet12 < 0.5 && cbet2*lam12 < 0.5
	somg12, comg12 := slam12, clam12
	if shortLine {
		sbetm2 := (sbet1 + sbet2) * (sbet1 + sbet2)
		sbetm2 /= sbetm2 + (cbet1+cbet2)*(cbet1+cbet2)
		r.dnm = math.Sqrt(1 + e.ep2*sbetm2)
		somg12, comg12 = math.Sincos(lam12 / (e.f1 * r.dnm))
	}

	// Azimuth of the great circle on the sphere, written to avoid
	// cancellation for both small and large omg12.
	r.salp1 = cbet2 * somg12
	if comg12 >= 0 {
		r.calp1 = sbet12 + cbet2*sbet1*somg12*somg12/(1+comg12)
	} else {
		r.calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
	}
	ssig12 := hypotUnit(r.salp1, r.calp1)
	csig12 := sbet1*sbet2 + cbet1*cbet2*comg12

	switch {
	case shortLine && ssig12 < e.etol2:
		// Really short: the scaled sphere is exact to rounding.
		r.salp2 = cbet1 * somg12
		t := 1 - comg12
		if comg12 >= 0 {
			t = somg12 * somg12 / (1 + comg12)
		}
		r.calp2 = sbet12 - cbet1*sbet2*t
		r.salp2, r.calp2 = normSinCos(r.salp2, r.calp2)
		r.sig12 = math.Atan2(ssig12, csig12)
	case math.Abs(e.n) > 0.1 || csig12 >= 0 || ssig12 >= 6*math.Abs(e.n)*math.Pi*cbet1*cbet1:
		// Not nearly antipodal: the sphere is a good enough start.
	default:
		// Nearly antipodal. Scale to coordinates (x, y) in which the
		// antipode is the origin and the cut of the astroid runs to (-1, 0).
		lam12x := math.Atan2(-slam12, -clam12) // lam12 - pi
		eps := epsOf(sbet1 * sbet1 * e.ep2)
		lamScale := e.f * cbet1 * e.a3f(eps) * math.Pi
		betScale := lamScale * cbet1
		x := lam12x / lamScale
		y := sbet12a / betScale
		if y > -tol1 && x > -1-xthresh {
			// On or near the cut: the start follows from x alone.
			r.salp1 = math.Min(1, -x)
			r.calp1 = -math.Sqrt(1 - r.salp1*r.salp1)
		} else {
			k := astroid(x, y)
			omg12a := lamScale * (-x * k / (1 + k))
			somg12, comg12 = math.Sincos(omg12a)
			comg12 = -comg12
			r.salp1 = cbet2 * somg12
			r.calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
		}
	}
	if !(r.salp1 <= 0) {
		r.salp1, r.calp1 = normSinCos(r.salp1, r.calp1)
	} else {
		r.salp1, r.calp1 = 1, 0
	}
	return r
}

// astroid returns the positive root k of
//
//	k⁴ + 2k³ - (x² + y² - 1)k² - 2y²k - y² = 0,
//
// the astroid equation of the paper (section 4), which fixes the start azimuth for nearly antipodal
// points; it is 0 on the cut y = 0, |x| <= 1.
func astroid(x, y float64) float64 {
	p := x * x
	q := y * y
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		return 0
	}
	// The paper's closed-form solution: u is the wanted root of the
	// resolvent cubic, from T³ = S + r³ ± sqrt(S (S + 2r³)), S = x²y²/4;
	// then k follows from u, v = sqrt(u² + y²) and w = (u + v - y²)/(2v).
	s := p * q / 4
	r2 := r * r
	r3 := r * r2
	disc := s * (s + 2*r3)
	u := r
	if disc >= 0 {
		t3 := s + r3
		// Choose the sign that avoids cancellation in t3.
		if t3 < 0 {
			t3 -= math.Sqrt(disc)
		} else {
			t3 += math.Sqrt(disc)
		}
		t := math.Cbrt(t3)
		u += t
		if t != 0 {
			u += r2 / t
		}
	} else {
		// Three real roots: take the trigonometric form.
		ang := math.Atan2(math.Sqrt(-disc), -(s + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(u*u + q)
	var uv float64 // u + v, without cancellation when u < 0
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+w*w) + w)
}
