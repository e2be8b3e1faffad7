package geo

import (
	"errors"
	"math"
	"testing"
)

// traverseFixture is a traverse walked leg by leg with GeodSolve.
type traverseFixture struct {
	Name       string
	Start      [2]float64   // lon, lat
	Legs       [][2]float64 // bearing in degrees, distance in metres
	Points     [][2]float64 // lon, lat of the end of each leg
	Misclosure float64
}

func TestTraverseMatchesGeodSolve(t *testing.T) {
	var f struct{ Cases []traverseFixture }
	readGeodesicFixture(t, "geodsolve-traverse.json", &f)
	if len(f.Cases) < 10 {
		t.Fatalf("%d traverse fixtures, want at least 10", len(f.Cases))
	}
	closed := 0
	for _, c := range f.Cases {
		start := Point{X: c.Start[0], Y: c.Start[1]}
		legs := make([]Leg, len(c.Legs))
		for i, l := range c.Legs {
			legs[i] = Leg{BearingDeg: l[0], DistanceM: l[1]}
		}
		ring, mis, err := Traverse(start, legs)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if math.Abs(mis-c.Misclosure) > distTolM {
			t.Errorf("%s: misclosure %.10f m, GeodSolve %.10f m", c.Name, mis, c.Misclosure)
		}
		if ring[0] != start || ring[len(ring)-1] != start {
			t.Errorf("%s: ring runs from %v to %v, want both ends at the start %v", c.Name, ring[0], ring[len(ring)-1], start)
		}
		// The last leg's end is in the ring unless it closes on the start.
		ends := ring[1 : len(ring)-1]
		if c.Misclosure < 0.001 {
			closed++
			if len(ends) != len(legs)-1 {
				t.Errorf("%s: closing traverse has %d points between the starts, want %d", c.Name, len(ends), len(legs)-1)
			}
		} else if len(ends) != len(legs) {
			t.Errorf("%s: %d points between the starts, want %d", c.Name, len(ends), len(legs))
		}
		for i, p := range ends {
			want := Point{X: c.Points[i][0], Y: c.Points[i][1]}
			if d, _, _ := Inverse(p, want); d > distTolM {
				t.Errorf("%s: end of leg %d at %v, GeodSolve %v (%.3g m apart)", c.Name, i, p, want, d)
			}
		}
	}
	if closed == 0 {
		t.Error("no fixture closes within a millimetre")
	}
}

// A "square" of four 1 km legs does not close on the ellipsoid. At latitude
// phi, each east or west geodesic leg of length s bends towards the equator,
// ending s² tan(phi)/(2N) south of its parallel (N the radius of curvature
// in the prime vertical), and the meridians converge, so the west leg
// undoes less longitude than the east leg did: s² tan(phi)/N to the east.
// The traverse ends about sqrt(2) s² tan(phi)/N from its start, to the
// south-east.
func TestTraverseSquareMisclosure(t *testing.T) {
	const s, lat = 1000.0, 40.0
	start := Point{X: 47, Y: lat}
	legs := []Leg{{0, s}, {90, s}, {180, s}, {270, s}}
	ring, mis, err := Traverse(start, legs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ring) != 6 {
		t.Fatalf("ring has %d points, want 6", len(ring))
	}
	d, az, _ := Inverse(start, ring[4])
	if math.Abs(d-mis) > 1e-12 {
		t.Errorf("misclosure %.9f m, but the last leg ends %.9f m from the start", mis, d)
	}
	sinPhi := math.Sin(lat * radPerDeg)
	n := WGS84A / math.Sqrt(1-WGS84F*(2-WGS84F)*sinPhi*sinPhi)
	want := math.Sqrt2 * s * s * math.Tan(lat*radPerDeg) / n
	if math.Abs(mis-want) > 0.001*want || math.Abs(az-135) > 0.1 {
		t.Errorf("misclosure %.5f m at azimuth %.3f°, want about %.5f m at 135°", mis, az, want)
	}
}

func TestTraverseErrors(t *testing.T) {
	ok := Leg{BearingDeg: 45, DistanceM: 100}
	cases := []struct {
		name  string
		start Point
		legs  []Leg
		index int // leg named in the error, -1 for none
	}{
		{"no legs", Point{47, 40}, nil, -1},
		{"one leg", Point{47, 40}, []Leg{ok}, -1},
		{"start latitude", Point{47, 91}, []Leg{ok, ok}, -1},
		{"start not a number", Point{math.NaN(), 40}, []Leg{ok, ok}, -1},
		{"bearing 360", Point{47, 40}, []Leg{ok, {360, 10}}, 1},
		{"negative bearing", Point{47, 40}, []Leg{{-0.5, 10}, ok}, 0},
		{"bearing infinite", Point{47, 40}, []Leg{ok, ok, {math.Inf(1), 10}}, 2},
		{"negative distance", Point{47, 40}, []Leg{ok, {10, -1}}, 1},
		{"distance NaN", Point{47, 40}, []Leg{{10, math.NaN()}, ok}, 0},
	}
	for _, c := range cases {
		ring, _, err := Traverse(c.start, c.legs)
		if err == nil {
			t.Errorf("%s: no error (ring %v)", c.name, ring)
			continue
		}
		if !errors.Is(err, ErrInvalidTraverse) {
			t.Errorf("%s: error %q does not wrap ErrInvalidTraverse", c.name, err)
		}
		var le *LegError
		switch {
		case c.index < 0 && errors.As(err, &le):
			t.Errorf("%s: error %q names leg %d", c.name, err, le.Index)
		case c.index >= 0 && !errors.As(err, &le):
			t.Errorf("%s: error %q names no leg", c.name, err)
		case c.index >= 0 && le.Index != c.index:
			t.Errorf("%s: error %q names leg %d, want %d", c.name, err, le.Index, c.index)
		}
	}
	// Zero-length legs and bearings just under 360 are allowed.
	if _, _, err := Traverse(Point{47, 40}, []Leg{{0, 0}, {359.999, 5}}); err != nil {
		t.Errorf("valid traverse: %v", err)
	}
}
