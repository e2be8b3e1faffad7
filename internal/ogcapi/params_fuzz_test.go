package ogcapi

import (
	"encoding/json"
	"net/url"
	"testing"
)

// FuzzParseItems feeds arbitrary query strings to the items parser of
// every collection: it must never panic, and what it accepts must be sane.
func FuzzParseItems(f *testing.F) {
	for _, s := range []string{
		"limit=10&bbox=46,39.5,47,40.5", "bbox=39.5,46,40.5,47&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326",
		"bbox=600000,4400000,700000,4500000&bbox-crs=[EPSG:32638]", "datetime=2024-01-01/..", "datetime=../2024-01-01T10:00:00Z",
		"filter=status%3D'open'", "filter=(status = 'open') AND (date_of_information >= '2022-01-01T')&filter-lang=cql-text",
		`filter={"op":"=","args":[{"property":"status"},"open"]}&filter-lang=cql2-json`, "status=open&category=CHA&after=12",
		"filter=S_INTERSECTS(geometry,BBOX(600000,4400000,700000,4500000))&filter-crs=http://www.opengis.net/def/crs/EPSG/0/32639",
		"limit=99999999999999999999", "before=3&after=4", "crs=%5BOGC:CRS84%5D", "original_m2=1e400",
	} {
		f.Add(s)
	}
	colls := collections()
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, c := range colls {
			got, err := parseItems(c, q)
			if err != nil {
				continue
			}
			if got.limit < 1 || got.limit > MaxLimit {
				t.Fatalf("%s: limit %d", raw, got.limit)
			}
			if b := got.bbox; b != nil && (b.MinX > b.MaxX || b.MinY > b.MaxY || b.MinY < -90 || b.MaxY > 90) {
				t.Fatalf("%s: bbox %v", raw, b)
			}
			if got.after != 0 && got.before != 0 {
				t.Fatalf("%s: both cursors", raw)
			}
			if got.timed && got.from != "" && got.to != "" && got.from > got.to {
				t.Fatalf("%s: interval %s/%s", raw, got.from, got.to)
			}
		}
	})
}

// FuzzMergePatch applies arbitrary JSON merge patches to a feature: no
// panic, and the result encodes.
func FuzzMergePatch(f *testing.F) {
	f.Add(`{"properties":{"status":"closed","priority":null}}`)
	f.Add(`{"geometry":{"type":"Point","coordinates":[46,40]},"properties":null}`)
	f.Add(`[1,2]`)
	f.Fuzz(func(t *testing.T, patch string) {
		var p any
		if json.Unmarshal([]byte(patch), &p) != nil {
			return
		}
		var doc any
		json.Unmarshal([]byte(`{"type":"Feature","geometry":null,"properties":{"status":"open","eo":["a"]}}`), &doc)
		if _, err := json.Marshal(mergePatch(doc, p)); err != nil {
			t.Fatal(err)
		}
	})
}
