package geo

import (
	"math"
	"testing"
)

// Tolerances against GeodSolve, which runs the same series solution.
const (
	distTolM  = 1e-8
	angTolDeg = 1e-9
)

// azimuthTol is the tolerance for an azimuth of a line s12 metres long:
// angTolDeg, or for lines under about 600 m the angle that turns the far end
// by distTolM. The azimuth of a very short line is ill-conditioned in any
// floating-point solution: a rounding of one unit in the sine of a latitude
// (about 1e-16) is a relative error of 1e-7 in a 3 mm line, and GeodSolve
// and this package round differently (their sin and cos are not the same).
func azimuthTol(s12 float64) float64 {
	return math.Max(angTolDeg, distTolM/s12/radPerDeg)
}

// angleGap returns |a - b| in degrees, the short way round.
func angleGapDeg(a, b float64) float64 {
	d, e := angDiff(a, b)
	return math.Abs(d + e)
}

func TestInverseMatchesGeodSolve(t *testing.T) {
	var worstS, worstAz float64
	for i, c := range inverseFixtures(t) {
		a, b := Point{X: c[1], Y: c[0]}, Point{X: c[3], Y: c[2]}
		s12, azi1, azi2 := Inverse(a, b)
		ds, da1, da2 := math.Abs(s12-c[4]), angleGapDeg(azi1, c[5]), angleGapDeg(azi2, c[6])
		if ds > distTolM || da1 > azimuthTol(c[4]) || da2 > azimuthTol(c[4]) {
			t.Errorf("case %d: Inverse(%v, %v) = %.10f m, %.15f°, %.15f°; GeodSolve %.10f m, %.15f°, %.15f°",
				i, a, b, s12, azi1, azi2, c[4], c[5], c[6])
		}
		worstS = math.Max(worstS, ds)
		if c[4] > 1000 {
			worstAz = math.Max(worstAz, math.Max(da1, da2))
		}
	}
	t.Logf("largest differences: %.3g m in distance, %.3g° in azimuth on lines over 1 km", worstS, worstAz)
}

func TestDirectMatchesGeodSolve(t *testing.T) {
	var worst float64
	for i, c := range directFixtures(t) {
		got := Direct(Point{X: c[1], Y: c[0]}, c[2], c[3])
		dlat, dlon := math.Abs(got.Y-c[4]), angleGapDeg(got.X, c[5])
		// The same miss as a distance on the ground, about 111 km a degree.
		distM := 111e3 * math.Hypot(dlat, dlon*math.Cos(c[4]*radPerDeg))
		if dlat > angTolDeg || dlon > angTolDeg || distM > distTolM {
			t.Errorf("case %d: Direct(%v, %v, %v, %v) = %.15f, %.15f; GeodSolve %.15f, %.15f (%.3g m apart)",
				i, c[0], c[1], c[2], c[3], got.Y, got.X, c[4], c[5], distM)
		}
		worst = math.Max(worst, distM)
	}
	t.Logf("largest difference: %.3g m", worst)
}

// Hand-checkable distances: along the equator the geodesic is the equator
// (a·Δλ) up to the point where it turns over the pole; along a meridian it
// is the meridian arc, whose quarter is (pi/2) a/(1+n) (1 + n²/4 + n⁴/64 +
// n⁶/256 + ...), n the third flattening.
func TestInverseKnownDistances(t *testing.T) {
	n := WGS84F / (2 - WGS84F)
	n2 := n * n
	quarterMeridian := math.Pi / 2 * WGS84A / (1 + n) * (1 + n2/4 + n2*n2/64 + n2*n2*n2/256)
	cases := []struct {
		name string
		a, b Point
		want float64
	}{
		{"equator quarter", Point{0, 0}, Point{90, 0}, WGS84A * math.Pi / 2},
		{"equator one degree", Point{10, 0}, Point{11, 0}, WGS84A * math.Pi / 180},
		{"quarter meridian", Point{0, 0}, Point{0, 90}, quarterMeridian},
		{"pole to pole", Point{0, -90}, Point{0, 90}, 2 * quarterMeridian},
		{"pole to pole, other meridians", Point{30, -90}, Point{-150, 90}, 2 * quarterMeridian},
		{"same point", Point{47.5, 40.2}, Point{47.5, 40.2}, 0},
	}
	for _, c := range cases {
		got, _, _ := Inverse(c.a, c.b)
		if math.Abs(got-c.want) > distTolM {
			t.Errorf("%s: Inverse(%v, %v) = %.7f m, want %.7f m", c.name, c.a, c.b, got, c.want)
		}
	}
}

// Swapping the ends reverses the azimuths; Direct along the solution lands
// on the other end.
func TestInverseDirectConsistent(t *testing.T) {
	for i, c := range inverseFixtures(t) {
		a, b := Point{X: c[1], Y: c[0]}, Point{X: c[3], Y: c[2]}
		s12, azi1, azi2 := Inverse(a, b)
		s21, azi2r, azi1r := Inverse(b, a)
		if math.Abs(s12-s21) > distTolM {
			t.Errorf("case %d: Inverse is not symmetric: %.10f m one way, %.10f m back", i, s12, s21)
		}
		// For coincident points, at a pole or for nearly antipodal points the
		// azimuths are not unique.
		if s12 > 0 && math.Abs(a.Y) < 89 && math.Abs(b.Y) < 89 && s12 < 19e6 {
			if tol := azimuthTol(s12); angleGapDeg(azi1, azi1r+180) > tol || angleGapDeg(azi2, azi2r+180) > tol {
				t.Errorf("case %d: reversed azimuths %.12f, %.12f are not %.12f, %.12f turned round",
					i, azi1r, azi2r, azi1, azi2)
			}
		}
		end := Direct(a, azi1, s12)
		if miss, _, _ := Inverse(end, b); miss > 1e-7 {
			t.Errorf("case %d: Direct(%v, %.12f, %.6f) = %v, %.3g m from %v", i, a, azi1, s12, end, miss, b)
		}
	}
}

func TestGeodesicInvalidLatitude(t *testing.T) {
	s, az1, az2 := Inverse(Point{0, 91}, Point{1, 1})
	if !math.IsNaN(s) || !math.IsNaN(az1) || !math.IsNaN(az2) {
		t.Errorf("Inverse with latitude 91 = %v, %v, %v, want NaN", s, az1, az2)
	}
	if p := Direct(Point{0, -90.5}, 10, 1000); !math.IsNaN(p.Y) {
		t.Errorf("Direct from latitude -90.5 = %v, want NaN latitude", p)
	}
}
