package geos_test

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// outcome is everything computed on one random case, encoded so that two
// runs can be compared byte for byte.
type outcome struct {
	remaining, union, simplified   []byte
	intersects, preparedIntersects bool
	relate, errMsg                 string
}

func compute(t testing.TB, c propertyCase, shared *geos.Prepared) outcome {
	var o outcome
	rem, err := geos.Remaining(c.hazard, c.releases)
	if err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	o.remaining = geo.MarshalWKB(rem)
	u, err := geos.Union(c.releases)
	if err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	o.union = geo.MarshalWKB(u)
	s, err := geos.Simplify(c.hazard, 1e-4)
	if err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	o.simplified = geo.MarshalWKB(s)
	if o.intersects, err = geos.Intersects(c.hazard, c.releases[0]); err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	if o.preparedIntersects, err = shared.Intersects(c.hazard); err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	if o.relate, err = geos.Relate(c.hazard, c.releases[0]); err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	// A failure on every case, located at the case's own hazard: the message
	// must be this case's, never another goroutine's.
	x, y := c.hazard[0][0].X, c.hazard[0][0].Y
	bow := geo.Polygon{ring(x, y, x+1e-3, y+1e-3, x+1e-3, y, x, y+1e-3)}
	if _, err := geos.Difference(bow, c.hazard); err != nil {
		o.errMsg = err.Error()
	}
	return o
}

// TestConcurrentOverlays runs the same overlays, predicates and failures from
// 8 goroutines at once, sharing one Prepared, and checks every result is the
// one computed alone. Run it with -race.
func TestConcurrentOverlays(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	cases := make([]propertyCase, 40)
	for i := range cases {
		cases[i] = randomCase(rng, i)
	}
	shared, err := geos.Prepare(rect(45.9, 38.9, 46.75, 40.5))
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	want := make([]outcome, len(cases))
	for i, c := range cases {
		want[i] = compute(t, c, shared)
		if want[i].errMsg == "" {
			t.Fatalf("%s: the bowtie difference did not fail", c.name)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 99))
			for range 3 * len(cases) {
				i := r.IntN(len(cases))
				got := compute(t, cases[i], shared)
				w := want[i]
				if !bytes.Equal(got.remaining, w.remaining) || !bytes.Equal(got.union, w.union) ||
					!bytes.Equal(got.simplified, w.simplified) || got.intersects != w.intersects ||
					got.preparedIntersects != w.preparedIntersects || got.relate != w.relate || got.errMsg != w.errMsg {
					t.Errorf("goroutine %d, %s: result differs from the one computed alone", g, cases[i].name)
				}
			}
		})
	}
	wg.Wait()
	if n := geos.LiveGeometries(); n != 0 {
		t.Errorf("%d GEOS geometries left undestroyed", n)
	}
}
