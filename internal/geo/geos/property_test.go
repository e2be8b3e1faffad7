package geos_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// TestRandomAgainstPostGIS compares Remaining and Union with PostGIS on a few
// hundred seeded random hazards with 1-30 releases each.
func TestRandomAgainstPostGIS(t *testing.T) {
	pg := newPostGIS(t)
	rng := rand.New(rand.NewPCG(20240610, 1))
	const n = 300
	identical := 0
	for i := range n {
		c := randomCase(rng, i)
		for j, g := range append([]geo.Geometry{c.hazard}, c.releases...) {
			if ok, reason, err := geos.IsValid(g); err != nil || !ok {
				t.Fatalf("%s: generated geometry %d is invalid: %s %v", c.name, j, reason, err)
			}
		}
		rem, err := geos.Remaining(c.hazard, c.releases)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		a := pg.remaining(c.hazard, c.releases, rem)
		if !sameArea(a.got, a.want) {
			t.Errorf("%s: remaining area = %.17g, PostGIS %.17g", c.name, a.got, a.want)
		}
		if a.identical {
			identical++
		}
		u, err := geos.Union(c.releases)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if want, got := pg.union(c.releases, u); !sameArea(got, want) {
			t.Errorf("%s: union area = %.17g, PostGIS %.17g", c.name, got, want)
		}
	}
	t.Logf("%d of %d remainders byte-identical to PostGIS's", identical, n)
}

const predicatesSQL = `
SELECT ST_Intersects(a, b), ST_Disjoint(a, b), ST_Contains(a, b), ST_Within(a, b), ST_Equals(a, b),
       ST_Overlaps(a, b), ST_Touches(a, b), ST_Crosses(a, b), ST_Relate(a, b)
FROM (SELECT ST_GeomFromWKB(decode($1, 'hex')) AS a, ST_GeomFromWKB(decode($2, 'hex')) AS b) AS g`

// randomPair draws two geometries of random types that often touch, share
// vertices or contain one another.
func randomPair(rng *rand.Rand) (geo.Geometry, geo.Geometry) {
	c := randomCase(rng, 0)
	pick := func() geo.Geometry {
		switch rng.IntN(7) {
		case 0:
			return c.hazard
		case 1:
			return c.hazard[0][rng.IntN(len(c.hazard[0]))] // a vertex of the hazard
		case 2:
			r := c.hazard[0]
			i := rng.IntN(len(r) - 1)
			return geo.LineString{r[i], r[i+1]} // an edge of the hazard
		case 3:
			b := c.hazard.Bounds()
			return geo.LineString{{X: b.MinX, Y: b.MinY}, {X: b.MaxX, Y: b.MaxY}}
		case 4:
			return geo.MultiPoint{c.hazard[0][0], {X: c.hazard[0][0].X + 1, Y: c.hazard[0][0].Y}}
		}
		return c.releases[rng.IntN(len(c.releases))]
	}
	return pick(), pick()
}

// TestPredicatesAgainstPostGIS compares every predicate, prepared and not,
// and Relate with PostGIS on random pairs of mixed geometry types.
func TestPredicatesAgainstPostGIS(t *testing.T) {
	pg := newPostGIS(t)
	rng := rand.New(rand.NewPCG(3, 4))
	funcs := []func(a, b geo.Geometry) (bool, error){
		geos.Intersects, geos.Disjoint, geos.Contains, geos.Within, geos.Equals, geos.Overlaps, geos.Touches, geos.Crosses,
	}
	names := []string{"intersects", "disjoint", "contains", "within", "equals", "overlaps", "touches", "crosses"}
	trues := make([]int, len(funcs))
	for i := range 400 {
		a, b := randomPair(rng)
		var want [8]bool
		var wantM string
		err := pg.conn.QueryRow(context.Background(), predicatesSQL, hexWKB(a), hexWKB(b)).Scan(
			&want[0], &want[1], &want[2], &want[3], &want[4], &want[5], &want[6], &want[7], &wantM)
		if err != nil {
			t.Fatal(err)
		}
		p, err := geos.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		prepared := []func(geo.Geometry) (bool, error){
			p.Intersects, p.Disjoint, p.Contains, p.Within, p.Equals, p.Overlaps, p.Touches, p.Crosses,
		}
		for k, f := range funcs {
			got, err := f(a, b)
			if err != nil {
				t.Fatalf("pair %d %s: %v", i, names[k], err)
			}
			if got != want[k] {
				t.Errorf("pair %d (%s, %s): %s = %v, PostGIS %v", i, a.Type(), b.Type(), names[k], got, want[k])
			}
			if got {
				trues[k]++
			}
			gotP, err := prepared[k](b)
			if err != nil {
				t.Fatalf("pair %d prepared %s: %v", i, names[k], err)
			}
			if gotP != want[k] {
				t.Errorf("pair %d (%s, %s): prepared %s = %v, PostGIS %v", i, a.Type(), b.Type(), names[k], gotP, want[k])
			}
		}
		m, err := geos.Relate(a, b)
		if err != nil {
			t.Fatal(err)
		}
		pm, err := p.Relate(b)
		if err != nil {
			t.Fatal(err)
		}
		if m != wantM || pm != wantM {
			t.Errorf("pair %d: relate = %s, prepared %s, PostGIS %s", i, m, pm, wantM)
		}
		p.Close()
	}
	// Each predicate must have been true at least once, or the pairs test little.
	for k, n := range trues {
		if n == 0 {
			t.Errorf("%s was never true over the random pairs", names[k])
		}
	}
}
