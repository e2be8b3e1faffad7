package geo

import (
	"encoding/binary"
	"math"
	"reflect"
	"testing"
)

// wkbBuilder writes WKB by hand, in either byte order and with extra
// coordinates, for inputs that MarshalWKB (little-endian, 2D) never makes.
type wkbBuilder struct {
	order interface {
		binary.ByteOrder
		binary.AppendByteOrder
	}
	b []byte
}

func (w *wkbBuilder) header(code uint32) {
	if w.order.String() == binary.BigEndian.String() {
		w.b = append(w.b, 0)
	} else {
		w.b = append(w.b, 1)
	}
	w.u32(code)
}

func (w *wkbBuilder) u32(v uint32) { w.b = w.order.AppendUint32(w.b, v) }

// ring writes a point count and the points, each followed by extra
// coordinates (Z, M) that the decoder must skip.
func (w *wkbBuilder) ring(ps []Point, extra int) {
	w.u32(uint32(len(ps)))
	for i, p := range ps {
		w.b = w.order.AppendUint64(w.b, math.Float64bits(p.X))
		w.b = w.order.AppendUint64(w.b, math.Float64bits(p.Y))
		for k := range extra {
			w.b = w.order.AppendUint64(w.b, math.Float64bits(float64(100*i+k)))
		}
	}
}

func TestUnmarshalWKBOrdersAndDimensions(t *testing.T) {
	shell := []Point{{46.1, 39.6}, {46.2, 39.6}, {46.2, 39.7}, {46.1, 39.6}}
	hole := []Point{{46.15, 39.62}, {46.16, 39.62}, {46.16, 39.63}, {46.15, 39.62}}
	line := []Point{{-1.5, 2.25}, {3, -4}, {1e-7, 1e7}}
	for _, order := range []interface {
		binary.ByteOrder
		binary.AppendByteOrder
	}{binary.LittleEndian, binary.BigEndian} {
		for _, c := range []struct {
			name  string
			code  uint32 // geometry type with its dimension flags
			srid  bool
			extra int
		}{
			{"2D", 0, false, 0},
			{"ISO Z", 1000, false, 1},
			{"ISO M", 2000, false, 1},
			{"ISO ZM", 3000, false, 2},
			{"EWKB Z with SRID", 0xa0000000, true, 1},
			{"EWKB ZM", 0xc0000000, false, 2},
		} {
			header := func(w *wkbBuilder, typ uint32) {
				w.header(typ + c.code)
				if c.srid {
					w.u32(4326)
				}
			}
			w := &wkbBuilder{order: order}
			header(w, wkbMultiPolygon)
			w.u32(2)
			header(w, wkbPolygon)
			w.u32(2)
			w.ring(shell, c.extra)
			w.ring(hole, c.extra)
			header(w, wkbPolygon)
			w.u32(1)
			w.ring(shell[:3:3], c.extra)
			want := MultiPolygon{{shell, hole}, {shell[:3]}}
			name := c.name + " " + order.String()
			if g, err := UnmarshalWKB(w.b); err != nil || !reflect.DeepEqual(g, Geometry(want)) {
				t.Errorf("%s multipolygon: %v, %v; want %v", name, g, err, want)
			}
			w = &wkbBuilder{order: order}
			header(w, wkbLineString)
			w.ring(line, c.extra)
			if g, err := UnmarshalWKB(w.b); err != nil || !reflect.DeepEqual(g, Geometry(LineString(line))) {
				t.Errorf("%s linestring: %v, %v", name, g, err)
			}
			// A point count that runs past the end is refused.
			if _, err := UnmarshalWKB(w.b[:len(w.b)-1]); err == nil {
				t.Errorf("%s: truncated linestring accepted", name)
			}
		}
	}
}

// BenchmarkUnmarshalWKB decodes a hazard-like polygon: a shell of 40
// vertices and a hole of 8.
func BenchmarkUnmarshalWKB(b *testing.B) {
	var shell, hole Ring
	for i := range 41 {
		a := 2 * math.Pi * float64(i%40) / 40
		shell = append(shell, Point{X: 46.9 + 0.003*math.Cos(a), Y: 39.8 + 0.002*math.Sin(a)})
	}
	for i := range 9 {
		a := -2 * math.Pi * float64(i%8) / 8
		hole = append(hole, Point{X: 46.9 + 0.001*math.Cos(a), Y: 39.8 + 0.0007*math.Sin(a)})
	}
	data := MarshalWKB(Polygon{shell, hole})
	for b.Loop() {
		if _, err := UnmarshalWKB(data); err != nil {
			b.Fatal(err)
		}
	}
}
