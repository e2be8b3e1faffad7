package ogcapi

import (
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// TestIntersectsBox compares the exact box test with GEOS on random
// star-shaped polygons, lines and points, many of which only touch or
// straddle the box.
func TestIntersectsBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	box := geo.BBox{MinX: 0, MinY: 0, MaxX: 1, MaxY: 1}
	boxPoly := geo.Polygon{{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}, {X: 0, Y: 0}}}
	star := func() geo.Polygon {
		cx, cy, r := rng.Float64()*3-1, rng.Float64()*3-1, 0.1+rng.Float64()*1.5
		n := 5 + rng.IntN(20)
		var ring geo.Ring
		for i := 0; i < n; i++ {
			a := (float64(i) + 0.1 + 0.8*rng.Float64()) * 2 * math.Pi / float64(n)
			rr := r * (0.3 + 0.7*rng.Float64())
			ring = append(ring, geo.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)})
		}
		return geo.Polygon{append(ring, ring[0])}
	}
	agree := 0
	for i := 0; i < 3000; i++ {
		var g geo.Geometry
		switch i % 4 {
		case 0, 1:
			g = star()
		case 2:
			p := star()
			g = geo.MultiPolygon{p, star()}
		case 3:
			g = geo.Point{X: rng.Float64()*3 - 1, Y: rng.Float64()*3 - 1}
		}
		want, err := geos.Intersects(g, boxPoly)
		if err != nil {
			continue // an invalid random multipolygon
		}
		if got := intersectsBox(g, box); got != want {
			t.Fatalf("intersectsBox(%v) = %v, GEOS says %v", g, got, want)
		}
		agree++
	}
	if agree < 2500 {
		t.Fatalf("only %d cases compared", agree)
	}
	// A polygon with a hole holding the whole box does not meet it.
	holed := geo.Polygon{{{X: -5, Y: -5}, {X: 5, Y: -5}, {X: 5, Y: 5}, {X: -5, Y: 5}, {X: -5, Y: -5}},
		{{X: -1, Y: -1}, {X: 2, Y: -1}, {X: 2, Y: 2}, {X: -1, Y: 2}, {X: -1, Y: -1}}}
	if intersectsBox(holed, box) {
		t.Error("a box inside a hole meets the polygon")
	}
	if !intersectsBox(geo.Polygon{{{X: -5, Y: -5}, {X: 5, Y: -5}, {X: 5, Y: 5}, {X: -5, Y: 5}, {X: -5, Y: -5}}}, box) {
		t.Error("a box inside a polygon does not meet it")
	}
	if !intersectsBox(geo.LineString{{X: -1, Y: 0.5}, {X: 2, Y: 0.5}}, box) || intersectsBox(geo.LineString{{X: -1, Y: 1.5}, {X: 2, Y: 1.6}}, box) {
		t.Error("lines")
	}
}
