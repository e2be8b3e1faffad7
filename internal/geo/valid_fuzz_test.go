package geo

import (
	"encoding/binary"
	"math"
	"testing"
)

// vldDecode builds a geometry from arbitrary bytes: a type byte, then
// counts and coordinates. Most coordinates come from one byte each on a
// small grid (where degenerate configurations are common), some byte
// values stand for awkward numbers, and 0xff takes the next 8 bytes as a
// raw float64.
func vldDecode(data []byte) Geometry {
	pos := 0
	next := func() byte {
		if pos >= len(data) {
			return 0
		}
		pos++
		return data[pos-1]
	}
	coord := func() float64 {
		b := next()
		switch {
		case b == 0xff:
			var raw [8]byte
			for i := range raw {
				raw[i] = next()
			}
			return math.Float64frombits(binary.LittleEndian.Uint64(raw[:]))
		case b == 0xfe:
			return math.NaN()
		case b == 0xfd:
			return math.Inf(1)
		case b == 0xfc:
			return 200
		case b == 0xfb:
			return 1e-300
		case b >= 0xf0:
			return 40 + float64(b-0xf0)*1e-15
		}
		return float64(b%16) / 2
	}
	points := func(max int) []Point {
		n := int(next()) % max
		pts := make([]Point, n)
		for i := range pts {
			pts[i] = Point{coord(), coord()}
		}
		return pts
	}
	ring := func() Ring {
		r := Ring(points(12))
		if len(r) > 0 && next()%4 != 0 {
			r = append(r, r[0]) // usually closed
		}
		return r
	}
	polygon := func() Polygon {
		p := make(Polygon, int(next())%4)
		for i := range p {
			p[i] = ring()
		}
		return p
	}
	switch next() % 5 {
	case 0:
		return Point{coord(), coord()}
	case 1:
		return MultiPoint(points(8))
	case 2:
		return LineString(points(8))
	case 3:
		return polygon()
	}
	m := make(MultiPolygon, int(next())%4)
	for i := range m {
		m[i] = polygon()
	}
	return m
}

// FuzzValidate checks that Validate and Normalize never panic, that every
// problem points into the geometry, and that Normalize keeps the verdict.
func FuzzValidate(f *testing.F) {
	f.Add([]byte{3, 1, 5, 0, 0, 8, 0, 8, 8, 0, 8, 1})
	f.Add([]byte{3, 2, 5, 0, 0, 10, 0, 10, 10, 0, 10, 1, 4, 2, 2, 4, 2, 4, 4, 1})
	f.Add([]byte{4, 2, 1, 4, 0, 0, 2, 0, 2, 2, 1, 1, 4, 2, 2, 4, 2, 4, 4, 2, 2, 1})
	f.Add([]byte{3, 1, 5, 0, 0, 8, 8, 8, 0, 0, 8, 1})
	f.Add([]byte{3, 1, 4, 0xf0, 0xf0, 0xf8, 0xf0, 0xf4, 0xf1, 0xfe, 0, 1})
	f.Add([]byte{2, 3, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := vldDecode(data)
		probs := Validate(g)
		if len(probs) > MaxProblems {
			t.Fatalf("%d problems, more than MaxProblems", len(probs))
		}
		for _, p := range probs {
			if p.Reason == "" || p.String() == "" {
				t.Fatalf("problem without a reason: %#v", p)
			}
			vldCheckIndices(t, g, p)
		}
		n := Normalize(g)
		if (Validate(n) == nil) != (probs == nil) {
			t.Fatalf("Normalize changed validity: %v before, %v after\n%s", probs, Validate(n), MarshalGeoJSON(g))
		}
	})
}

// vldCheckIndices fails if p does not point into g.
func vldCheckIndices(t *testing.T, g Geometry, p Problem) {
	t.Helper()
	var pts []Point
	switch g := g.(type) {
	case Point:
		pts = []Point{g}
	case MultiPoint:
		pts = g
	case LineString:
		pts = g
	default:
		mp := Polygons(g)
		if p.Polygon < 0 || p.Polygon >= len(mp) || p.Ring < 0 || p.Ring >= len(mp[p.Polygon]) {
			t.Fatalf("problem %v points outside the geometry", p)
		}
		pts = mp[p.Polygon][p.Ring]
	}
	if p.Vertex < -1 || p.Vertex >= len(pts) {
		t.Fatalf("problem %v: vertex outside 0..%d", p, len(pts)-1)
	}
	if p.Vertex >= 0 && pts[p.Vertex] != p.At && !math.IsNaN(p.At.X) && !math.IsNaN(p.At.Y) {
		t.Fatalf("problem %v: vertex %d is at %v", p, p.Vertex, pts[p.Vertex])
	}
}
