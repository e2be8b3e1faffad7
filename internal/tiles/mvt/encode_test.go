package mvt

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"mineaction/internal/geo"
)

// The command streams of specification 4.3.5, from geometries placed at the
// same tile positions.
func TestSpecExamples(t *testing.T) {
	noSimplify := Options{Buffer: 64}
	for _, tc := range []struct {
		name string
		geom geo.Geometry
		typ  GeomType
		want []uint32
	}{
		{"point", at(25, 17), GeomPoint, []uint32{9, 50, 34}},
		{"multipoint", geo.MultiPoint{at(5, 7), at(3, 2)}, GeomPoint, []uint32{17, 10, 14, 3, 9}},
		{"linestring", geo.LineString{at(2, 2), at(2, 10), at(10, 10)}, GeomLineString, []uint32{9, 4, 4, 18, 0, 16, 16, 0}},
		{"polygon", geo.Polygon{ring([2]float64{3, 6}, [2]float64{8, 12}, [2]float64{20, 34})}, GeomPolygon,
			[]uint32{9, 6, 12, 18, 10, 12, 24, 44, 15}},
		{"multipolygon", geo.MultiPolygon{
			{rect(0, 0, 10, 10)},
			{rect(11, 11, 20, 20), ring([2]float64{13, 13}, [2]float64{13, 17}, [2]float64{17, 17}, [2]float64{17, 13})},
		}, GeomPolygon, []uint32{
			9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15,
			9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15,
			9, 4, 13, 26, 0, 8, 8, 0, 0, 7, 15,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var g geomEncoder
			g.setTile(tz, tx, ty, DefaultExtent, noSimplify)
			typ, err := g.encode(tc.geom)
			if err != nil {
				t.Fatal(err)
			}
			if typ != tc.typ || !reflect.DeepEqual(g.cmds, tc.want) {
				t.Errorf("got %v %v, want %v %v", typ, g.cmds, tc.typ, tc.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	hazard := geo.Polygon{rect(100, 100, 1000, 1000), rect(200, 200, 400, 400)}
	b, err := Encode(tz, tx, ty, []Layer{
		{Name: "hazards", Features: []Feature{{ID: 42, Geometry: hazard, Properties: map[string]any{
			"name": "SHA-0042", "status": "cancelled", "area_m2": 81234.5, "devices": int64(-2),
			"cleared": true, "priority": 3, "big": uint64(1) << 63, "small": float32(0.5), "none": nil,
		}}}},
		{Name: "finds", Extent: 512, Features: []Feature{
			{ID: 1, Geometry: at(2048, 2048), Properties: map[string]any{"kind": "AP"}},
			{ID: 2, Geometry: geo.MultiPoint{at(0, 0), at(4096, 4096)}, Properties: map[string]any{"kind": "AT"}},
		}},
		{Name: "roads", Features: []Feature{{Geometry: geo.LineString{at(10, 10), at(10, 500), at(900, 500)}}}},
	}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []DecodedLayer{
		{Name: "hazards", Version: 2, Extent: 4096, Features: []DecodedFeature{{
			ID: 42, HasID: true, Type: GeomPolygon,
			Geometry: [][]TilePoint{
				{{100, 100}, {1000, 100}, {1000, 1000}, {100, 1000}},
				{{200, 400}, {400, 400}, {400, 200}, {200, 200}},
			},
			Properties: map[string]any{
				"name": "SHA-0042", "status": "cancelled", "area_m2": 81234.5, "devices": int64(-2),
				"cleared": true, "priority": int64(3), "big": uint64(1) << 63, "small": 0.5,
			},
		}}},
		{Name: "finds", Version: 2, Extent: 512, Features: []DecodedFeature{
			{ID: 1, HasID: true, Type: GeomPoint, Geometry: [][]TilePoint{{{256, 256}}}, Properties: map[string]any{"kind": "AP"}},
			{ID: 2, HasID: true, Type: GeomPoint, Geometry: [][]TilePoint{{{0, 0}, {512, 512}}}, Properties: map[string]any{"kind": "AT"}},
		}},
		{Name: "roads", Version: 2, Extent: 4096, Features: []DecodedFeature{
			{Type: GeomLineString, Geometry: [][]TilePoint{{{10, 10}, {10, 500}, {900, 500}}}},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// Rings come out with the winding of specification 4.3.4.4 whatever the
// orientation they went in with.
func TestWinding(t *testing.T) {
	shell, hole := rect(100, 100, 1000, 1000), rect(300, 300, 500, 500)
	other := circle(2500, 2500, 400, 50)
	for _, tc := range []struct {
		name string
		geom geo.Geometry
	}{
		{"screen clockwise shell and hole", geo.Polygon{shell, hole}},
		{"screen anticlockwise shell and hole", geo.Polygon{reversed(shell), reversed(hole)}},
		{"mixed", geo.MultiPolygon{{shell, reversed(hole)}, {reversed(other), circle(2500, 2500, 100, 20)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := encodeOne(t, DefaultOptions(), Feature{Geometry: tc.geom})
			if len(fs) != 1 {
				t.Fatalf("%d features", len(fs))
			}
			polys, err := fs[0].Polygons()
			if err != nil {
				t.Fatal(err)
			}
			in := geo.Polygons(tc.geom)
			if len(polys) != len(in) {
				t.Fatalf("%d polygons, want %d", len(polys), len(in))
			}
			for i, p := range polys {
				if len(p) != len(in[i]) {
					t.Errorf("polygon %d has %d rings, want %d", i, len(p), len(in[i]))
				}
				for j, r := range p {
					checkRing(t, r)
					if a := RingArea(r); (j == 0) != (a > 0) {
						t.Errorf("polygon %d ring %d has area %v", i, j, a)
					}
				}
			}
		})
	}
}

func TestClipLargePolygonToBufferedSquare(t *testing.T) {
	for _, buffer := range []int{0, 64, 256} {
		b := int64(buffer)
		fs := encodeOne(t, Options{Buffer: buffer, Simplify: 1},
			Feature{Geometry: geo.Polygon{rect(-3000, -2000, 9000, 7000)}})
		if len(fs) != 1 || len(fs[0].Geometry) != 1 {
			t.Fatalf("buffer %d: %+v", buffer, fs)
		}
		r := fs[0].Geometry[0]
		if !sameSet(r, TilePoint{-b, -b}, TilePoint{4096 + b, -b}, TilePoint{4096 + b, 4096 + b}, TilePoint{-b, 4096 + b}) {
			t.Errorf("buffer %d: ring %v, want the buffered square", buffer, r)
		}
		if a, want := RingArea(r), float64((4096+2*b)*(4096+2*b)); a != want {
			t.Errorf("buffer %d: area %v, want %v", buffer, a, want)
		}
	}
}

func TestHoleCrossingTileEdge(t *testing.T) {
	// The hole runs from inside the tile across its right edge and beyond
	// the buffer; the shell covers the tile and more.
	p := geo.Polygon{rect(-500, -500, 5000, 5000), rect(3900, 1000, 4600, 2000)}
	fs := encodeOne(t, DefaultOptions(), Feature{Geometry: p})
	if len(fs) != 1 {
		t.Fatalf("%d features", len(fs))
	}
	polys, err := fs[0].Polygons()
	if err != nil {
		t.Fatal(err)
	}
	if len(polys) != 1 || len(polys[0]) != 2 {
		t.Fatalf("structure %v", polys)
	}
	hole := polys[0][1]
	if !sameSet(hole, TilePoint{3900, 1000}, TilePoint{4160, 1000}, TilePoint{4160, 2000}, TilePoint{3900, 2000}) {
		t.Errorf("hole %v, want it clipped at the buffer edge x=4160", hole)
	}
	if a := RingArea(hole); a != -260*1000 {
		t.Errorf("hole area %v", a)
	}
	// Drawn inside the tile, the hole takes 196 x 1000 units out of it.
	shell := polys[0][0]
	if a := RingArea(shell) + RingArea(hole); a != 4224*4224-260*1000 {
		t.Errorf("polygon area %v", a)
	}
}

// A hole that covers the whole buffered tile leaves nothing to draw.
func TestHoleCoveringTile(t *testing.T) {
	p := geo.Polygon{rect(-9000, -9000, 9000, 9000), rect(-5000, -5000, 5000, 5000)}
	b, err := Encode(tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: p}}}}, DefaultOptions())
	if err != nil || b == nil || len(b) != 0 {
		t.Errorf("got %v, %v; want an empty tile", b, err)
	}
}

func TestSimplifyKeepsValidRing(t *testing.T) {
	// A hazard of about 1.3 km across at z10, traced with 4000 tiny steps
	// and a radial wobble of a few metres, as a GPS trace has.
	const n = 4000
	center := at(2000, 2000)
	r := make(geo.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		rad := 70 + 0.3*math.Sin(a*97)
		r = append(r, at(2000+rad*math.Cos(a), 2000+rad*math.Sin(a)))
	}
	r = append(r, r[0])
	counts := map[int]int{}
	for _, z := range []int{8, 10, 14} {
		tr := TileRange(center.Bounds(), z)
		b, err := Encode(z, tr.MinX, tr.MinY, []Layer{{Name: "l", Features: []Feature{{Geometry: geo.Polygon{r}}}}}, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		ls, err := Decode(b)
		if err != nil || len(ls) != 1 || len(ls[0].Features) != 1 {
			t.Fatalf("z%d: %v %v", z, ls, err)
		}
		rings := ls[0].Features[0].Geometry
		if len(rings) != 1 {
			t.Fatalf("z%d: %d rings", z, len(rings))
		}
		checkRing(t, rings[0])
		if RingArea(rings[0]) <= 0 {
			t.Errorf("z%d: area %v", z, RingArea(rings[0]))
		}
		counts[z] = len(rings[0])
	}
	t.Logf("vertices of the %d-vertex ring by zoom: %v", n, counts)
	if !(counts[8] < counts[10] && counts[10] < counts[14] && counts[14] < n) {
		t.Errorf("vertex counts by zoom %v, want fewer at lower zoom and fewer than %d", counts, n)
	}
}

func TestCollapse(t *testing.T) {
	tiny := rect(1000, 1000, 1000.3, 1000.3)
	// A shell that collapses drops its polygon and, if alone, the feature.
	if fs := encodeOne(t, DefaultOptions(), Feature{Geometry: geo.Polygon{tiny}}); len(fs) != 0 {
		t.Errorf("collapsed shell kept: %+v", fs)
	}
	// A hole that collapses is dropped; its shell stays.
	fs := encodeOne(t, DefaultOptions(), Feature{Geometry: geo.Polygon{rect(900, 900, 1100, 1100), tiny}})
	if len(fs) != 1 || len(fs[0].Geometry) != 1 {
		t.Errorf("got %+v, want the shell alone", fs)
	}
	// A sliver thinner than the tolerance is simplified away, but kept
	// without simplification.
	sliver := geo.Polygon{ring([2]float64{100, 100}, [2]float64{3000, 100.4}, [2]float64{3000, 100.9}, [2]float64{100, 100.6})}
	if fs := encodeOne(t, Options{Buffer: 64, Simplify: 1}, Feature{Geometry: sliver}); len(fs) != 0 {
		t.Errorf("sliver kept with simplification: %+v", fs)
	}
	if fs := encodeOne(t, Options{Buffer: 64}, Feature{Geometry: sliver}); len(fs) != 1 {
		t.Errorf("sliver dropped without simplification")
	}
}

func TestClipPointsAndLines(t *testing.T) {
	fs := encodeOne(t, DefaultOptions(),
		Feature{ID: 1, Geometry: geo.MultiPoint{at(-65, 10), at(-64, 10), at(4160, 4160), at(4161, 0)}},
		Feature{ID: 2, Geometry: at(5000, 5000)},
		// In, out across the top, back in: two parts.
		Feature{ID: 3, Geometry: geo.LineString{at(100, 100), at(100, -500), at(300, -500), at(300, 100)}},
	)
	want := []DecodedFeature{
		{ID: 1, HasID: true, Type: GeomPoint, Geometry: [][]TilePoint{{{-64, 10}, {4160, 4160}}}},
		{ID: 3, HasID: true, Type: GeomLineString, Geometry: [][]TilePoint{{{100, 100}, {100, -64}}, {{300, -64}, {300, 100}}}},
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("got %+v\nwant %+v", fs, want)
	}
}

func TestDeterministic(t *testing.T) {
	var fs []Feature
	for i := 0; i < 50; i++ {
		props := map[string]any{}
		for _, k := range strings.Fields("a b c d e f g h i j k l m n o p") {
			props[k+"key"] = int64(i % 7)
		}
		props["name"] = "SHA"
		fs = append(fs, Feature{ID: uint64(i + 1), Geometry: at(float64(i*70), float64(i*50)), Properties: props})
	}
	first, err := Encode(tz, tx, ty, []Layer{{Name: "l", Features: fs}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		again, _ := Encode(tz, tx, ty, []Layer{{Name: "l", Features: fs}}, DefaultOptions())
		if !bytes.Equal(first, again) {
			t.Fatalf("encoding %d differs", i)
		}
	}
	// Keys and values are stored once per layer: 17 keys, values 0..6 and "SHA".
	keys, values := countTables(t, first)
	if keys != 17 || values != 8 {
		t.Errorf("%d keys and %d values, want 17 and 8", keys, values)
	}
}

// countTables counts the keys and values entries of the tile's single layer.
func countTables(t *testing.T, tile []byte) (keys, values int) {
	t.Helper()
	r := reader{buf: tile}
	if _, _, err := r.key(); err != nil {
		t.Fatal(err)
	}
	layer, err := r.bytes()
	if err != nil {
		t.Fatal(err)
	}
	lr := reader{buf: layer}
	for !lr.done() {
		field, wire, err := lr.key()
		if err != nil {
			t.Fatal(err)
		}
		switch field {
		case layerKeys:
			keys++
		case layerValues:
			values++
		}
		if err := lr.skip(wire); err != nil {
			t.Fatal(err)
		}
	}
	return keys, values
}

func TestEmpty(t *testing.T) {
	far := Feature{Geometry: geo.Polygon{rect(9000, 9000, 9500, 9500)}}
	b, err := Encode(tz, tx, ty, []Layer{{Name: "a", Features: []Feature{far}}, {Name: "b"}}, DefaultOptions())
	if err != nil || b == nil || len(b) != 0 {
		t.Errorf("got %v, %v; want an empty, non-nil tile", b, err)
	}
	b, err = Encode(tz, tx, ty, []Layer{{Name: "a", Features: []Feature{far}}, {Name: "b", Features: []Feature{{Geometry: at(1, 1)}}}}, DefaultOptions())
	ls, _ := Decode(b)
	if err != nil || len(ls) != 1 || ls[0].Name != "b" {
		t.Errorf("got %+v, %v; want layer b alone", ls, err)
	}
}

func TestEncodeErrors(t *testing.T) {
	ok := []Layer{{Name: "l", Features: []Feature{{Geometry: at(1, 1)}}}}
	for _, tc := range []struct {
		name    string
		z, x, y int
		layers  []Layer
		opt     Options
	}{
		{"no such tile", 3, 8, 0, ok, DefaultOptions()},
		{"negative buffer", tz, tx, ty, ok, Options{Buffer: -1}},
		{"bad tolerance", tz, tx, ty, ok, Options{Simplify: -1}},
		{"no name", tz, tx, ty, []Layer{{Features: ok[0].Features}}, DefaultOptions()},
		{"duplicate name", tz, tx, ty, append(ok, ok[0]), DefaultOptions()},
		{"property type", tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: at(1, 1), Properties: map[string]any{"t": []int{1}}}}}}, DefaultOptions()},
		{"NaN coordinate", tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: geo.Point{X: 46.8, Y: nan()}}}}}, DefaultOptions()},
		{"infinite coordinate in a hole", tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: geo.Polygon{
			rect(0, 0, 100, 100), {at(10, 10), at(20, 10), {X: math.Inf(1), Y: 39.8}, at(10, 10)}}}}}}, DefaultOptions()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Encode(tc.z, tc.x, tc.y, tc.layers, tc.opt); err == nil {
				t.Error("no error")
			}
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
