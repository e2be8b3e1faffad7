package coord

import "math"

// WGS84 and UTM constants.
const (
	wgs84A    = 6378137.0         // semi-major axis, metres
	wgs84F    = 1 / 298.257223563 // flattening
	utmK0     = 0.9996            // scale on the central meridian
	utmFalseE = 500000.0          // false easting, metres
	utmFalseN = 10000000.0        // false northing in the southern hemisphere, metres
)

// tmSeries holds the constants of the transverse Mercator projection of the
// WGS84 ellipsoid by Krüger's series in the third flattening n, carried to
// order n⁶ as in C. F. F. Karney, "Transverse Mercator with an accuracy of a
// few nanometers", J. Geodesy 85(8), 475-485 (2011), equations (14)-(15)
// and (35)-(36). Within a UTM zone the truncation error is a few nanometres.
type tmSeries struct {
	e2    float64    // eccentricity squared
	e     float64    // eccentricity
	rectA float64    // rectifying radius A, metres
	alpha [7]float64 // forward coefficients α₁…α₆ (index 0 unused)
	beta  [7]float64 // inverse coefficients β₁…β₆ (index 0 unused)
}

// wgs84TM is computed once from the WGS84 constants and never changed.
var wgs84TM = newTMSeries(wgs84A, wgs84F)

func newTMSeries(a, f float64) tmSeries {
	n := f / (2 - f)
	n2 := n * n
	n3 := n2 * n
	n4 := n3 * n
	n5 := n4 * n
	n6 := n5 * n
	var s tmSeries
	s.e2 = f * (2 - f)
	s.e = math.Sqrt(s.e2)
	s.rectA = a / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	s.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	s.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	return s
}

// conformalTau returns tan χ, the tangent of the conformal latitude, from
// tau = tan φ (Karney 2011, equations 7-9).
func (s *tmSeries) conformalTau(tau float64) float64 {
	sig := math.Sinh(s.e * math.Atanh(s.e*tau/math.Hypot(1, tau)))
	return tau*math.Hypot(1, sig) - sig*math.Hypot(1, tau)
}

// geodeticTau inverts conformalTau by Newton's method (Karney 2011,
// equations 19-21); it converges in two or three steps.
func (s *tmSeries) geodeticTau(taup float64) float64 {
	e2m := 1 - s.e2
	tau := taup / e2m
	for range 8 {
		tp := s.conformalTau(tau)
		d := (taup - tp) * (1 + e2m*tau*tau) / (e2m * math.Hypot(1, tau) * math.Hypot(1, tp))
		tau += d
		if math.Abs(d) <= 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// forward projects latitude lat and longitude dlon east of the central
// meridian (degrees, |dlon| well under 90) to transverse Mercator x
// (eastward) and y (northward from the equator) in metres, scale k0 on the
// central meridian.
func (s *tmSeries) forward(lat, dlon, k0 float64) (x, y float64) {
	phi := lat * math.Pi / 180
	lam := dlon * math.Pi / 180
	taup := s.conformalTau(math.Tan(phi))
	sinLam, cosLam := math.Sincos(lam)
	xip := math.Atan2(taup, cosLam)
	etap := math.Asinh(sinLam / math.Hypot(taup, cosLam))
	xi, eta := xip, etap
	for j := 1; j <= 6; j++ {
		k := float64(2 * j)
		sx, cx := math.Sincos(k * xip)
		xi += s.alpha[j] * sx * math.Cosh(k*etap)
		eta += s.alpha[j] * cx * math.Sinh(k*etap)
	}
	return k0 * s.rectA * eta, k0 * s.rectA * xi
}

// inverse is the inverse of forward: it returns latitude and longitude east
// of the central meridian in degrees.
func (s *tmSeries) inverse(x, y, k0 float64) (lat, dlon float64) {
	xi := y / (k0 * s.rectA)
	eta := x / (k0 * s.rectA)
	xip, etap := xi, eta
	for j := 1; j <= 6; j++ {
		k := float64(2 * j)
		sx, cx := math.Sincos(k * xi)
		xip -= s.beta[j] * sx * math.Cosh(k*eta)
		etap -= s.beta[j] * cx * math.Sinh(k*eta)
	}
	sh := math.Sinh(etap)
	sxp, cxp := math.Sincos(xip)
	r := math.Hypot(sh, cxp)
	dlon = math.Atan2(sh, cxp) * 180 / math.Pi
	if r == 0 {
		// At a pole of the projection.
		return math.Copysign(90, sxp), dlon
	}
	tau := s.geodeticTau(sxp / r)
	return math.Atan(tau) * 180 / math.Pi, dlon
}
