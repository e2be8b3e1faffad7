package geo

import "math"

// Geodesics on the WGS84 ellipsoid, after C. F. F. Karney, "Algorithms for
// geodesics", J. Geodesy 87, 43-55 (2013): the inverse problem is solved by
// Newton's method on the auxiliary sphere, started from the spherical or
// astroid approximations of the paper; distances, longitudes and areas come
// from trigonometric series to order 6, accurate to about 15 nanometres.

// WGS84 ellipsoid parameters.
const (
	// WGS84A is the equatorial radius of the WGS84 ellipsoid in metres.
	WGS84A = 6378137.0
	// WGS84F is the flattening of the WGS84 ellipsoid.
	WGS84F = 1 / 298.257223563
)

// wgs84 holds the derived constants of the WGS84 ellipsoid. It is set once
// at package initialisation and never changed.
var wgs84 = newEllipsoid(WGS84A, WGS84F)

// ellipsoid holds the constants of an oblate ellipsoid of revolution that the
// geodesic computations need.
type ellipsoid struct {
	a, f  float64 // equatorial radius, flattening
	f1    float64 // 1 - f
	e2    float64 // first eccentricity squared
	ep2   float64 // second eccentricity squared
	n     float64 // third flattening
	b     float64 // polar semi-axis
	c2    float64 // authalic radius squared
	etol2 float64 // threshold for "very short" lines in the inverse start

	a3 [geodesicOrder]float64                // A3 as a polynomial in eps
	c3 [geodesicOrder][geodesicOrder]float64 // C3l (l = 1..5) as polynomials in eps
	c4 [geodesicOrder][geodesicOrder]float64 // C4l (l = 0..5) as polynomials in eps
}

func newEllipsoid(a, f float64) *ellipsoid {
	e := &ellipsoid{a: a, f: f, f1: 1 - f}
	e.e2 = f * (2 - f)
	e.ep2 = e.e2 / (e.f1 * e.f1)
	e.n = f / (2 - f)
	e.b = a * e.f1
	ecc := math.Sqrt(math.Abs(e.e2))
	e.c2 = (a*a + e.b*e.b*math.Atanh(ecc)/ecc) / 2
	// Below this arc length on the auxiliary sphere the error of the
	// spherical start, of order f·sigma², is below rounding, so it is taken
	// as the solution; 0.1 is a safety factor.
	e.etol2 = 0.1 * tol2 / math.Sqrt(math.Max(0.001, math.Abs(f))*math.Min(1, 1-f/2)/2)
	for j := range geodesicOrder {
		e.a3[j] = polyval(a3Table[j], e.n)
		for l := range geodesicOrder - 1 {
			e.c3[l+1][j] = polyval(c3Table[l][j], e.n)
		}
		for l := range geodesicOrder {
			e.c4[l][j] = polyval(c4Table[l][j], e.n)
		}
	}
	return e
}

// Convergence tolerances of the inverse solution.
const (
	tol0    = 0x1p-52 // machine epsilon
	tol1    = 200 * tol0
	tol2    = 0x1p-26 // sqrt(tol0)
	tolb    = tol0
	xthresh = 1000 * tol2
	maxit1  = 20
	maxit2  = maxit1 + 53 + 10
)

// epsOf returns the expansion parameter eps for k² = kk.
func epsOf(kk float64) float64 {
	return kk / (2*(1+math.Sqrt(1+kk)) + kk)
}

// a3f returns A3 for expansion parameter eps.
func (e *ellipsoid) a3f(eps float64) float64 { return polyval(e.a3[:], eps) }

// c3f fills out[1..5] with C3l for expansion parameter eps.
func (e *ellipsoid) c3f(eps float64, out *[geodesicOrder]float64) {
	for l := 1; l < geodesicOrder; l++ {
		out[l] = polyval(e.c3[l][:], eps)
	}
}

// c4f fills out[0..5] with C4l for expansion parameter eps.
func (e *ellipsoid) c4f(eps float64, out *[geodesicOrder]float64) {
	for l := range geodesicOrder {
		out[l] = polyval(e.c4[l][:], eps)
	}
}

// Inverse solves the inverse geodesic problem on WGS84: it returns the length
// in metres of the shortest geodesic from a to b and its azimuths in degrees
// (clockwise from north, in [-180, 180]) at a and, in the direction of
// travel, at b. Coordinates are in degrees; a latitude outside [-90, 90]
// gives NaN results. For coincident points the azimuths are those of a
// meridian (0 or 180).
func Inverse(a, b Point) (distM, azi1Deg, azi2Deg float64) {
	r := wgs84.inverse(a.Y, a.X, b.Y, b.X, false)
	return r.s12, atan2d(r.salp1, r.calp1), atan2d(r.salp2, r.calp2)
}

// Direct solves the direct geodesic problem on WGS84: it returns the point
// reached by following the geodesic that leaves p at azimuth aziDeg (degrees
// clockwise from north) for distM metres. The longitude of the result is
// reduced to [-180, 180]. Negative distances go backwards along the
// geodesic.
func Direct(p Point, aziDeg, distM float64) Point {
	l := wgs84.line(p.Y, p.X, aziDeg)
	lat, lon := l.position(distM)
	return Point{X: lon, Y: lat}
}
