package mvt

import (
	"math"
	"testing"

	"mineaction/internal/geo"
)

// The tile most tests draw in: z10 over the dense area of the reference data.
const tz, tx, ty = 10, 645, 388

// at returns the longitude/latitude of tile position (px, py) in tile
// tz/tx/ty with the default extent.
func at(px, py float64) geo.Point {
	minX, _, maxX, maxY := MercatorBounds(tz, tx, ty)
	s := (maxX - minX) / DefaultExtent
	return FromMercator(minX+px*s, maxY-py*s)
}

// ring returns a closed ring through the given tile positions.
func ring(pts ...[2]float64) geo.Ring {
	r := make(geo.Ring, 0, len(pts)+1)
	for _, p := range pts {
		r = append(r, at(p[0], p[1]))
	}
	return append(r, r[0])
}

// rect returns a ring around a tile-space rectangle, clockwise on screen.
func rect(x0, y0, x1, y1 float64) geo.Ring {
	return ring([2]float64{x0, y0}, [2]float64{x1, y0}, [2]float64{x1, y1}, [2]float64{x0, y1})
}

func reversed(r geo.Ring) geo.Ring {
	out := make(geo.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

// circle returns a ring of n vertices around tile position (cx, cy).
func circle(cx, cy, radius float64, n int) geo.Ring {
	r := make(geo.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, at(cx+radius*math.Cos(a), cy+radius*math.Sin(a)))
	}
	return append(r, r[0])
}

// encodeOne encodes one layer in tile tz/tx/ty and decodes it back.
func encodeOne(t *testing.T, opt Options, fs ...Feature) []DecodedFeature {
	t.Helper()
	b, err := Encode(tz, tx, ty, []Layer{{Name: "l", Features: fs}}, opt)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	ls, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(ls) == 0 {
		return nil
	}
	if len(ls) != 1 || ls[0].Name != "l" || ls[0].Extent != DefaultExtent || ls[0].Version != 2 {
		t.Fatalf("layers %+v", ls)
	}
	return ls[0].Features
}

// pointSet returns the vertices of a ring as a set.
func pointSet(r []TilePoint) map[TilePoint]bool {
	s := make(map[TilePoint]bool, len(r))
	for _, p := range r {
		s[p] = true
	}
	return s
}

func sameSet(a []TilePoint, b ...TilePoint) bool {
	if len(a) != len(b) {
		return false
	}
	s := pointSet(a)
	for _, p := range b {
		if !s[p] {
			return false
		}
	}
	return true
}

// checkRing fails unless r is a usable ring: at least three distinct
// vertices, no consecutive duplicates, no crossing edges.
func checkRing(t *testing.T, r []TilePoint) {
	t.Helper()
	if len(pointSet(r)) < 3 {
		t.Fatalf("ring with %d distinct vertices: %v", len(pointSet(r)), r)
	}
	n := len(r)
	for i := range r {
		if r[i] == r[(i+1)%n] {
			t.Fatalf("consecutive duplicate at %d: %v", i, r[i])
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue // adjacent through the closing edge
			}
			if segmentsCross(r[i], r[(i+1)%n], r[j], r[(j+1)%n]) {
				t.Fatalf("edges %d and %d cross", i, j)
			}
		}
	}
}

// segmentsCross reports a proper crossing of segments a-b and c-d.
func segmentsCross(a, b, c, d TilePoint) bool {
	o := func(p, q, r TilePoint) int64 {
		v := (q.X-p.X)*(r.Y-p.Y) - (q.Y-p.Y)*(r.X-p.X)
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
}
