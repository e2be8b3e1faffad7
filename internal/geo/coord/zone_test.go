package coord

import (
	"math"
	"testing"

	"mineaction/internal/geo"
)

// TestToZone checks conversions into a fixed zone against GeographicLib's
// GeoConvert (GeoConvert -u -z ZONE -p 4), including points outside the
// zone's standard 6 degrees, as a data set in EPSG:32638 or 32639 has them.
func TestToZone(t *testing.T) {
	cases := []struct {
		lat, lon float64
		zone     int
		north    bool
		e, n     float64
	}{
		{39.8, 46.9, 38, true, 662661.0486, 4407286.2968},
		{40.5, 44.9, 38, true, 491526.6137, 4483259.5341},
		{38.9, 48.5, 38, true, 803537.5513, 4311505.4713},
		{39.1, 50.2, 38, true, 949769.7474, 4340765.4801},
		{39.8, 46.9, 39, true, 148951.7468, 4413607.0374},
		{41.2, 45.1, 39, true, 5187.6264, 4577772.3607},
		{39.1, 50.2, 39, true, 430823.7481, 4328178.3765},
		{-10.5, 46.9, 38, false, 707941.0759, 8838676.4239},
	}
	for _, c := range cases {
		u, err := ToZone(geo.Point{X: c.lon, Y: c.lat}, c.zone, c.north)
		if err != nil {
			t.Fatalf("%v %v zone %d: %v", c.lat, c.lon, c.zone, err)
		}
		if u.Zone != c.zone || u.North != c.north || math.Abs(u.Easting-c.e) > 1e-4 || math.Abs(u.Northing-c.n) > 1e-4 {
			t.Errorf("%v %v zone %d: got %v, GeoConvert says %d %.4f %.4f", c.lat, c.lon, c.zone, u, c.zone, c.e, c.n)
		}
		back, err := u.Point()
		if err != nil || math.Abs(back.X-c.lon) > 1e-9 || math.Abs(back.Y-c.lat) > 1e-9 {
			t.Errorf("%v %v zone %d: round trip gave %v, %v", c.lat, c.lon, c.zone, back, err)
		}
	}
	for _, bad := range []struct {
		p    geo.Point
		zone int
	}{{geo.Point{X: 46, Y: 40}, 0}, {geo.Point{X: 46, Y: 40}, 61}, {geo.Point{X: 46, Y: 85}, 38}, {geo.Point{X: math.NaN(), Y: 40}, 38}} {
		if _, err := ToZone(bad.p, bad.zone, true); err == nil {
			t.Errorf("ToZone(%v, %d) accepted", bad.p, bad.zone)
		}
	}
}
