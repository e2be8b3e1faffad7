package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

func hazardBody(geom string, mutate func(p map[string]any)) []byte {
	props := map[string]any{"organisation": "OPA", "date_of_information": "2024-01-01", "category": "CHA",
		"status": "open", "hazard_type": "minefield", "eo_confirmed": []string{"ap_mine"}}
	if mutate != nil {
		mutate(props)
	}
	p, _ := json.Marshal(props)
	return []byte(`{"record_type":"hazard","feature":{"type":"Feature","geometry":` + geom + `,"properties":` + string(p) + `}}`)
}

const okSquare = `{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.6],[46.11,39.61],[46.1,39.61],[46.1,39.6]]]}`

// TestBadInput sends each kind of bad input the issue lists and checks the
// status, that the problem names the field, and that nothing changed.
func TestBadInput(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newServer(t, open)
		big := strings.Repeat(" ", 9<<20)
		cases := []struct {
			name   string
			body   []byte
			status int
			field  string
		}{
			{"malformed JSON", []byte(`{"record_type":"hazard",`), 400, "body"},
			{"unknown top-level field", []byte(`{"record_type":"hazard","colour":"red"}`), 400, "colour"},
			{"unknown property", hazardBody(okSquare, func(p map[string]any) { p["colour"] = "red" }), 422, "feature.properties.colour"},
			{"unknown enum code", hazardBody(okSquare, func(p map[string]any) { p["status"] = "finished" }), 422, "feature.properties.status"},
			{"wrong JSON type", hazardBody(okSquare, func(p map[string]any) { p["status"] = 3 }), 422, "feature.properties.status"},
			{"missing required field", hazardBody(okSquare, func(p map[string]any) { delete(p, "category") }), 422, "feature.properties.category"},
			{"missing date", hazardBody(okSquare, func(p map[string]any) { delete(p, "date_of_information") }), 422, "feature.properties.date_of_information"},
			{"unknown record type", []byte(`{"record_type":"minefield","feature":{}}`), 422, "record_type"},
			{"unknown organisation", hazardBody(okSquare, func(p map[string]any) { p["organisation"] = "NOPE" }), 403, ""},
			{"unknown admin area", hazardBody(okSquare, func(p map[string]any) { p["admin_area"] = "ZZ" }), 422, "feature.properties.admin_area"},
			{"unclosed ring", hazardBody(`{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.6],[46.11,39.61],[46.1,39.61]]]}`, nil), 422, "feature.geometry.coordinates[0]"},
			{"too few points", hazardBody(`{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.6],[46.1,39.6],[46.1,39.6]]]}`, nil), 422, "feature.geometry.coordinates[0]"},
			{"self-intersection", hazardBody(`{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.61],[46.11,39.6],[46.1,39.61],[46.1,39.6]]]}`, nil), 422, "feature.geometry.coordinates[0]"},
			{"out of range", hazardBody(`{"type":"Polygon","coordinates":[[[186.1,39.6],[186.11,39.6],[186.11,39.61],[186.1,39.6]]]}`, nil), 422, "feature.geometry.coordinates[0]"},
			{"swapped lat/lon", hazardBody(`{"type":"Polygon","coordinates":[[[39.6,46.1],[39.6,46.11],[39.61,46.11],[39.6,46.1]]]}`, nil), 422, "feature.geometry.coordinates"},
			{"not a number", hazardBody(`{"type":"Polygon","coordinates":[[["46.1",39.6],[46.11,39.6],[46.11,39.61],[46.1,39.6]]]}`, nil), 422, "feature.geometry.coordinates[0][0][0]"},
			{"geometry not an object", hazardBody(`"POLYGON"`, nil), 422, "feature.geometry"},
			{"geometry type not a string", hazardBody(`{"type":7,"coordinates":[]}`, nil), 422, "feature.geometry.type"},
			{"record type not a string", []byte(`{"record_type":["hazard"],"feature":{}}`), 400, "record_type"},
			{"point for a hazard", hazardBody(`{"type":"Point","coordinates":[46.1,39.6]}`, nil), 422, "feature.geometry"},
			{"over the size limit", []byte(`{"record_type":"hazard",` + big + `"feature":{}}`), 413, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := ts.snapshot()
				res := ts.do("eddie", "POST", "/api/v1/reports", c.body)
				if res.status != c.status {
					t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
				}
				if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
					t.Fatalf("content type %q", ct)
				}
				// The sender is told about JSON, not about our Go types.
				if strings.Contains(string(res.body), "Go value") || strings.Contains(string(res.body), "geo.") ||
					strings.Contains(string(res.body), "mineaction.") {
					t.Fatalf("the problem speaks of Go types: %s", res.body)
				}
				p := res.json(t)
				if c.field != "" {
					found := false
					errs, _ := p["errors"].([]any)
					for _, e := range errs {
						f := e.(map[string]any)["field"].(string)
						found = found || strings.HasPrefix(f, c.field)
					}
					if !found {
						t.Fatalf("no error names %s: %s", c.field, res.body)
					}
				}
				if after := ts.snapshot(); after != before {
					t.Fatalf("database changed: %v -> %v", before, after)
				}
			})
		}
	})
}

// TestStaleVersion checks that a stale write is a conflict and changes
// nothing, for reports (If-Match) and records (version).
func TestStaleVersion(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newServer(t, open)
		res := ts.do("eddie", "POST", "/api/v1/reports", hazardBody(okSquare, nil))
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		id := int(res.json(t)["id"].(float64))
		path := fmt.Sprintf("/api/v1/reports/%d", id)
		if res := ts.do("eddie", "PUT", path, hazardBody(okSquare, nil), "If-Match", `"1"`); res.status != 200 {
			t.Fatalf("update: %d %s", res.status, res.body)
		}
		before := ts.snapshot()
		if res := ts.do("eddie", "PUT", path, hazardBody(okSquare, nil), "If-Match", `"1"`); res.status != 412 {
			t.Fatalf("stale update: %d %s", res.status, res.body)
		}
		if res := ts.do("eddie", "PUT", path, hazardBody(okSquare, nil)); res.status != 422 {
			t.Fatalf("update without If-Match: %d %s", res.status, res.body)
		}
		if after := ts.snapshot(); after != before {
			t.Fatalf("database changed: %v -> %v", before, after)
		}
		// A record update based on a version that is not current.
		ts.do("eddie", "POST", path+"/submit", nil)
		if res := ts.do("vera", "POST", path+"/approve", nil); res.status != 200 {
			t.Fatalf("approve: %d %s", res.status, res.body)
		}
		stale := []byte(strings.Replace(string(hazardBody(okSquare, nil)), `"record_type":"hazard"`, `"record_type":"hazard","record_id":"HA-000001","version":2`, 1))
		before = ts.snapshot()
		if res := ts.do("eddie", "POST", "/api/v1/reports", stale); res.status != 409 {
			t.Fatalf("stale record version: %d %s", res.status, res.body)
		}
		if after := ts.snapshot(); after != before {
			t.Fatalf("database changed: %v -> %v", before, after)
		}
	})
}
