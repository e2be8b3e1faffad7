package mvt

import (
	"encoding/binary"
	"testing"

	"mineaction/internal/geo"
)

// FuzzEncode feeds arbitrary rings, self-intersecting and degenerate ones
// included, through the encoder and checks what the specification requires
// of the output: a valid command stream, exterior rings with positive area
// first, interior rings with negative area, every vertex in the buffered
// tile.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{0, 2, 0, 0, 0, 0, 10, 0, 0, 0, 10, 10, 0, 10, 0, 0, 10})
	f.Add([]byte{1, 1, 0, 0xf0, 0xf0, 0x30, 0x30, 0xf0, 0x30, 0x10, 0x10, 0x30, 0xf0, 0, 0, 0, 0})
	f.Add([]byte{2, 0, 5, 5, 5, 5, 200, 3, 9, 9, 0x80, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 || len(data) > 512 {
			return // short inputs keep minimisation quick
		}
		kind, simplify := data[0]%3, float64(data[1]%4)
		pts := fuzzPoints(data[2:])
		var geom geo.Geometry
		switch kind {
		case 0: // one polygon, rings split wherever a vertex repeats the ring's first
			geom = fuzzPolygon(pts)
		case 1:
			geom = geo.MultiPolygon{fuzzPolygon(pts), fuzzPolygon(pts[len(pts)/2:])}
		default:
			geom = geo.LineString(pts)
		}
		opt := Options{Buffer: 64, Simplify: simplify}
		b, err := Encode(tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: geom}}}}, opt)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		ls, err := Decode(b)
		if err != nil {
			t.Fatalf("Decode of our own tile: %v", err)
		}
		for _, l := range ls {
			for _, ft := range l.Features {
				if ft.Type == GeomPolygon {
					if _, err := ft.Polygons(); err != nil {
						t.Fatalf("winding: %v in %v", err, ft.Geometry)
					}
				}
				for _, part := range ft.Geometry {
					for _, p := range part {
						if p.X < -64 || p.X > 4160 || p.Y < -64 || p.Y > 4160 {
							t.Fatalf("vertex %v outside the buffered tile", p)
						}
					}
				}
			}
		}
	})
}

// fuzzPoints reads pairs of int16 as tile positions spread over five tiles
// around tile tz/tx/ty.
func fuzzPoints(data []byte) []geo.Point {
	var pts []geo.Point
	for len(data) >= 4 {
		x := int16(binary.LittleEndian.Uint16(data))
		y := int16(binary.LittleEndian.Uint16(data[2:]))
		pts = append(pts, at(2048+float64(x)/3.2, 2048+float64(y)/3.2))
		data = data[4:]
	}
	return pts
}

// fuzzPolygon cuts a point list into rings of at most 8 vertices; the first
// is the shell.
func fuzzPolygon(pts []geo.Point) geo.Polygon {
	var p geo.Polygon
	for len(pts) > 0 {
		n := min(len(pts), 8)
		r := append(geo.Ring{}, pts[:n]...)
		p = append(p, append(r, pts[0]))
		pts = pts[n:]
	}
	return p
}
