package geo

import (
	"math"
	"testing"
)

// FuzzInverseDirect checks the inverse and direct solutions against each
// other for arbitrary valid points: the distance is finite, no more than
// from pole to pole, and the direct problem along the returned azimuth lands
// on the other point. Run with go test -fuzz=FuzzInverseDirect.
func FuzzInverseDirect(f *testing.F) {
	f.Add(40.0, -75.0, -10.0, 120.0)
	f.Add(0.0, 0.0, 0.5, 179.5)     // nearly antipodal, on the equator
	f.Add(-30.0, 0.0, 29.9, 179.8)  // nearly antipodal
	f.Add(89.999, 10.0, -89.9, 0.0) // near the poles
	f.Add(45.0, 10.0, 45.0, 10.000000001)
	f.Add(0.0, -179.9, 0.0, 179.9)
	f.Fuzz(func(t *testing.T, lat1, lon1, lat2, lon2 float64) {
		for _, v := range []float64{lat1, lon1, lat2, lon2} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return
			}
		}
		if math.Abs(lat1) > 90 || math.Abs(lat2) > 90 || math.Abs(lon1) > 540 || math.Abs(lon2) > 540 {
			return
		}
		a, b := Point{X: lon1, Y: lat1}, Point{X: lon2, Y: lat2}
		s12, azi1, azi2 := Inverse(a, b)
		if !(s12 >= 0 && s12 <= 20003931.4587) || math.IsNaN(azi1) || math.IsNaN(azi2) {
			t.Fatalf("Inverse(%v, %v) = %v, %v, %v", a, b, s12, azi1, azi2)
		}
		end := Direct(a, azi1, s12)
		if miss, _, _ := Inverse(end, b); miss > 1e-6 {
			t.Fatalf("Inverse(%v, %v) = %.9f m at %.12f°, but Direct along it ends at %v, %.3g m away",
				a, b, s12, azi1, end, miss)
		}
	})
}
