package geo

import (
	"bytes"
	"testing"
)

// FuzzParseGeoJSON: no input makes the parser panic, and anything it
// accepts encodes and parses back to the same encoding.
func FuzzParseGeoJSON(f *testing.F) {
	for _, s := range []string{
		`{"type":"Point","coordinates":[46.1,39.6]}`,
		`{"type":"Polygon","coordinates":[[[46.1,39.6],[46.2,39.6],[46.2,39.7],[46.1,39.6]]]}`,
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}`,
		`{"type":"LineString","coordinates":[[1,2,3],[4,5,6]]}`,
		`{"type":"MultiPoint","coordinates":[]}`,
		`{"type":"Polygon","coordinates":[[["1",2]]]}`,
		`{"coordinates":[1,2]}`, `[]`, `{`, `{"type":"Point","coordinates":[1e400,0]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGeoJSON(data)
		if err != nil {
			return
		}
		enc := MarshalGeoJSON(g)
		g2, err := ParseGeoJSON(enc)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", enc, err)
		}
		if enc2 := MarshalGeoJSON(g2); !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip changed %s to %s", enc, enc2)
		}
		_ = Validate(g)
	})
}

// FuzzUnmarshalWKB: no input makes the decoder panic or allocate without
// bound, and anything it accepts re-encodes stably.
func FuzzUnmarshalWKB(f *testing.F) {
	f.Add(MarshalWKB(Point{1, 2}))
	f.Add(MarshalWKB(Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}))
	f.Add(MarshalWKB(MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}))
	f.Add([]byte{0, 0, 0, 0, 3, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := UnmarshalWKB(data)
		if err != nil {
			return
		}
		enc := MarshalWKB(g)
		g2, err := UnmarshalWKB(enc)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !bytes.Equal(enc, MarshalWKB(g2)) {
			t.Fatal("WKB round trip is not stable")
		}
	})
}
