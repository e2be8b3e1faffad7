package geos_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// everyPath calls every function of the package once on c, including the
// paths that fail, so a leak on any of them shows in a loop.
func everyPath(t testing.TB, c propertyCase) {
	must := func(err error) {
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	rel := c.releases[0]
	_, err := geos.Remaining(c.hazard, c.releases)
	must(err)
	_, err = geos.Union(c.releases)
	must(err)
	_, err = geos.Difference(c.hazard, rel)
	must(err)
	_, err = geos.Intersection(c.hazard, rel)
	must(err)
	for _, f := range []func(a, b geo.Geometry) (bool, error){
		geos.Intersects, geos.Disjoint, geos.Contains, geos.Within, geos.Equals, geos.Overlaps, geos.Touches, geos.Crosses,
	} {
		_, err = f(c.hazard, rel)
		must(err)
	}
	_, err = geos.Relate(c.hazard, rel)
	must(err)
	p, err := geos.Prepare(c.hazard)
	must(err)
	for _, f := range []func(geo.Geometry) (bool, error){
		p.Intersects, p.Disjoint, p.Contains, p.Within, p.Equals, p.Overlaps, p.Touches, p.Crosses,
	} {
		_, err = f(rel)
		must(err)
	}
	_, err = p.Relate(rel)
	must(err)
	_, err = p.Contains(unclosed())
	p.Close()
	if err == nil {
		t.Fatal("prepared Contains(unclosed) did not fail")
	}
	_, _, err = geos.IsValid(c.hazard)
	must(err)
	_, _, err = geos.IsValid(bowtie()) // the invalid path: reason and location
	must(err)
	_, _, err = geos.IsValid(unclosed())
	must(err)
	_, err = geos.MakeValid(bowtie())
	must(err)
	_, err = geos.Simplify(c.hazard, 1e-4)
	must(err)
	// failures: an exception inside GEOS, a refused read midway through a union
	if _, err = geos.Remaining(bowtie(), c.releases); err == nil {
		t.Fatal("Remaining(bowtie) did not fail")
	}
	if _, err = geos.Union(append(c.releases[:1:1], unclosed())); err == nil {
		t.Fatal("Union(unclosed) did not fail")
	}
}

// rss returns the resident set size of the process, in bytes, after a
// collection that returns freed Go memory to the system.
func rss(t testing.TB) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatalf("read RSS: %v", err)
	}
	f := bytes.Fields(b)
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// TestNoLeaks runs every path thousands of times, then the paths that free
// small C strings and points hundreds of thousands of times. No GEOS
// geometry may be left undestroyed, and the resident memory must stay flat:
// C memory that a path forgot to free (a WKB buffer, a string, a prepared
// geometry, a context) grows it by far more than the allowance. With -short
// the loops are ten times shorter: the count of live geometries stays exact,
// the memory check becomes loose.
func TestNoLeaks(t *testing.T) {
	scale := 1
	if testing.Short() {
		scale = 10
	}
	rng := rand.New(rand.NewPCG(5, 6))
	cases := make([]propertyCase, 20)
	for i := range cases {
		cases[i] = randomCase(rng, i)
		cases[i].releases = cases[i].releases[:min(3, len(cases[i].releases))]
	}
	sq, other := rect(0, 0, 1, 1), rect(0.5, 0.5, 2, 2)
	p, err := geos.Prepare(sq)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	small := func() {
		if _, err := geos.Relate(sq, other); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Relate(other); err != nil {
			t.Fatal(err)
		}
		if ok, _, err := geos.IsValid(bowtie()); ok || err != nil {
			t.Fatalf("IsValid(bowtie) = %v, %v", ok, err)
		}
		if _, err := geos.Intersects(sq, unclosed()); err == nil {
			t.Fatal("Intersects(unclosed) did not fail")
		}
	}
	for _, tt := range []struct {
		name      string
		rounds    int
		round     func(i int)
		allowance int64
	}{
		{"every path", 3000, func(i int) { everyPath(t, cases[i%len(cases)]) }, 3 << 20},
		{"small allocations", 60_000, func(int) { small() }, 1 << 20},
	} {
		rounds := tt.rounds / scale
		for i := range rounds / 10 {
			tt.round(i)
		}
		before := rss(t)
		for i := range rounds {
			tt.round(i)
		}
		after := rss(t)
		t.Logf("%s: RSS %d KiB before, %d KiB after %d rounds", tt.name, before>>10, after>>10, rounds)
		if after-before > tt.allowance {
			t.Errorf("%s: RSS grew by %d KiB over %d rounds, more than the %d KiB allowance",
				tt.name, (after-before)>>10, rounds, tt.allowance>>10)
		}
	}
	if n := geos.LiveGeometries(); n != 0 {
		t.Errorf("%d GEOS geometries left undestroyed", n)
	}
}
