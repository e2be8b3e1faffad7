package mvt

import (
	"reflect"
	"strings"
	"testing"

	"mineaction/internal/geo"
)

// packed returns a packed repeated uint32 payload.
func packed(vs ...uint32) []byte {
	var b []byte
	for _, v := range vs {
		b = appendVarint(b, uint64(v))
	}
	return b
}

// feature builds a feature message with the given type, geometry and tags.
func feature(typ GeomType, geom []uint32, tags ...uint32) []byte {
	var b []byte
	if len(tags) > 0 {
		b = appendBytesField(b, featureTags, packed(tags...))
	}
	b = appendVarintField(b, featureType, uint64(typ))
	return appendBytesField(b, featureGeometry, packed(geom...))
}

// tileOf builds a one-layer tile named "l" with one key "k" and one string
// value "v", holding the given feature messages.
func tileOf(features ...[]byte) []byte {
	var l []byte
	l = appendVarintField(l, layerVersion, 2)
	l = appendStringField(l, layerName, "l")
	for _, f := range features {
		l = appendBytesField(l, layerFeatures, f)
	}
	l = appendStringField(l, layerKeys, "k")
	l = appendBytesField(l, layerValues, appendStringField(nil, valueString, "v"))
	return appendBytesField(nil, tileLayers, l)
}

func TestDecodeSpecGeometry(t *testing.T) {
	tile := tileOf(
		feature(GeomPoint, []uint32{17, 10, 14, 3, 9}, 0, 0),
		feature(GeomLineString, []uint32{9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8}),
		feature(GeomPolygon, []uint32{9, 6, 12, 18, 10, 12, 24, 44, 15}),
	)
	ls, err := Decode(tile)
	if err != nil {
		t.Fatal(err)
	}
	want := []DecodedFeature{
		{Type: GeomPoint, Geometry: [][]TilePoint{{{5, 7}, {3, 2}}}, Properties: map[string]any{"k": "v"}},
		{Type: GeomLineString, Geometry: [][]TilePoint{{{2, 2}, {2, 10}, {10, 10}}, {{1, 1}, {3, 5}}}},
		{Type: GeomPolygon, Geometry: [][]TilePoint{{{3, 6}, {8, 12}, {20, 34}}}},
	}
	if len(ls) != 1 || !reflect.DeepEqual(ls[0].Features, want) {
		t.Errorf("got %+v", ls)
	}
	if a := RingArea(ls[0].Features[2].Geometry[0]); a != 19 {
		t.Errorf("area %v, want 19", a)
	}
}

// Unknown fields are skipped and unpacked repeated fields accepted, as
// protobuf requires of readers.
func TestDecodeTolerates(t *testing.T) {
	var f []byte
	f = appendVarintField(f, 99, 5)
	f = appendVarintField(f, featureType, uint64(GeomPoint))
	f = appendVarintField(f, featureGeometry, 9)
	f = appendVarintField(f, featureGeometry, 2)
	f = appendVarintField(f, featureGeometry, 2)
	tile := appendStringField(tileOf(f), 7, "ignored")
	ls, err := Decode(tile)
	if err != nil {
		t.Fatal(err)
	}
	if got := ls[0].Features[0].Geometry; !reflect.DeepEqual(got, [][]TilePoint{{{1, 1}}}) {
		t.Errorf("geometry %v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	good := tileOf(feature(GeomPolygon, []uint32{9, 6, 12, 18, 10, 12, 24, 44, 15}))
	noName := appendBytesField(nil, tileLayers, appendVarintField(nil, layerExtent, 4096))
	emptyValue := appendBytesField(nil, tileLayers,
		appendBytesField(appendStringField(nil, layerName, "l"), layerValues, nil))
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", good[:len(good)-3], "truncated"},
		{"varint overflow", []byte{0x1a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, "varint"},
		{"group wire type", []byte{0x0b}, "wire type"},
		{"layer without name", noName, "no name"},
		{"LineTo first", tileOf(feature(GeomLineString, []uint32{10, 2, 2})), "LineTo"},
		{"zero-length LineTo", tileOf(feature(GeomLineString, []uint32{9, 2, 2, 10, 0, 0})), "zero-length"},
		{"missing parameters", tileOf(feature(GeomPoint, []uint32{17, 2, 2})), "parameters"},
		{"ClosePath in a line", tileOf(feature(GeomLineString, []uint32{9, 2, 2, 10, 2, 2, 15})), "ClosePath"},
		{"ring not closed", tileOf(feature(GeomPolygon, []uint32{9, 6, 12, 18, 10, 12, 24, 44})), "not closed"},
		{"ring repeats start", tileOf(feature(GeomPolygon, []uint32{9, 0, 0, 26, 2, 0, 0, 2, 1, 1, 15})), "repeats"},
		{"unknown command", tileOf(feature(GeomPoint, []uint32{12, 2, 2})), "unknown command"},
		{"unknown type", tileOf(feature(GeomType(4), []uint32{9, 2, 2})), "geometry type"},
		{"no geometry", tileOf(feature(GeomPoint, nil)), "no geometry"},
		{"tag out of range", tileOf(feature(GeomPoint, []uint32{9, 2, 2}, 0, 1)), "missing key or value"},
		{"odd tags", tileOf(feature(GeomPoint, []uint32{9, 2, 2}, 0)), "odd"},
		{"empty value", emptyValue, "no field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// FuzzDecode checks that no input makes Decode panic, and that what it
// accepts has the shape it promises.
func FuzzDecode(f *testing.F) {
	enc, err := Encode(tz, tx, ty, []Layer{
		{Name: "hazards", Features: []Feature{{ID: 1, Geometry: geo.Polygon{rect(10, 10, 500, 500), rect(20, 20, 40, 40)},
			Properties: map[string]any{"name": "SHA", "n": 3, "f": 1.5, "b": true, "neg": -4}}}},
		{Name: "finds", Features: []Feature{{Geometry: geo.MultiPoint{at(1, 2), at(3, 4)}}}},
		{Name: "lines", Features: []Feature{{Geometry: geo.LineString{at(1, 2), at(300, 4000)}}}},
	}, DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	f.Add(tileOf(feature(GeomLineString, []uint32{9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8})))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ls, err := Decode(data)
		if err != nil {
			return
		}
		for _, l := range ls {
			for _, ft := range l.Features {
				if ft.Type != GeomUnknown && len(ft.Geometry) == 0 {
					t.Fatalf("%s feature with no geometry accepted", ft.Type)
				}
				for _, part := range ft.Geometry {
					if ft.Type == GeomPolygon && len(part) < 3 || ft.Type == GeomLineString && len(part) < 2 {
						t.Fatalf("%s part with %d vertices accepted", ft.Type, len(part))
					}
				}
			}
		}
	})
}
