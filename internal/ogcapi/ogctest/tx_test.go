package ogctest

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// TestTransactions checks OGC API Features Part 4 on every store: writes
// enter reports for review (202 and the report's location), never change a
// feature before approval, and use strong ETags with If-Match.
func TestTransactions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open).with(t)
		ctx := context.Background()
		// approve approves the report a 202 names, as a verifier.
		approve := func(r res) {
			t.Helper()
			if r.status != 202 {
				t.Fatalf("write: %d %s", r.status, r.body)
			}
			loc := r.header.Get("Location")
			if !strings.HasPrefix(loc, e.url+"/api/v1/reports/") {
				t.Fatalf("Location %q", loc)
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(loc, e.url+"/api/v1/reports/"), 10, 64)
			rep := e.do("eddie", "GET", loc, nil).json(t)
			if rep["status"] != "submitted" {
				t.Fatalf("report %d is %v", id, rep["status"])
			}
			if _, err := e.wf.Approve(ctx, storetest.Verifier, id, 0); err != nil {
				t.Fatalf("approve: %v", err)
			}
		}
		count := func() int { return len(ids(t, e.items("hazards", url.Values{"limit": {"1000"}}).json(t))) }

		// OPTIONS advertises the methods.
		for path, want := range map[string]string{
			"/ogcapi/collections/hazards/items":                               "GET, HEAD, POST, OPTIONS",
			"/ogcapi/collections/hazards/items/" + e.fx.hazards[0].hid:        "GET, HEAD, PUT, PATCH, DELETE, OPTIONS",
			"/ogcapi/collections/accidents/items":                             "GET, HEAD, OPTIONS",
			"/ogcapi/collections/releases/items/" + e.fx.activities[0] + ".0": "GET, HEAD, OPTIONS",
		} {
			if r := e.do("eddie", "OPTIONS", path, nil); r.status != 204 || r.header.Get("Allow") != want {
				t.Errorf("OPTIONS %s: %d Allow %q, want %q", path, r.status, r.header.Get("Allow"), want)
			}
		}
		if r := e.do("eddie", "POST", "/ogcapi/collections/accidents/items", []byte(`{}`), "Content-Type", "application/geo+json"); r.status != 405 {
			t.Errorf("POST on a read-only collection: %d", r.status)
		}

		// Create: a report, not a feature, until approval.
		newHazard := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[46.9,40.4],[46.91,40.4],[46.91,40.41],[46.9,40.41],[46.9,40.4]]]},` +
			`"properties":{"date_of_information":"2025-01-01","category":"SHA","status":"open","hazard_type":"battle_area","name":"From QGIS"}}`
		before := count()
		problem(t, e.do("donor", "POST", "/ogcapi/collections/hazards/items", []byte(newHazard), "Content-Type", "application/geo+json"), 403)
		problem(t, e.do("", "POST", "/ogcapi/collections/hazards/items", []byte(newHazard), "Content-Type", "application/geo+json"), 401)
		bad := e.do("eddie", "POST", "/ogcapi/collections/hazards/items", []byte(strings.Replace(newHazard, `"open"`, `"finished"`, 1)), "Content-Type", "application/geo+json")
		problem(t, bad, 422)
		if !strings.Contains(string(bad.body), "feature.properties.status") {
			t.Errorf("the problem does not name the field: %s", bad.body)
		}
		extent := func() []any {
			m := e.get("/ogcapi/collections/hazards", 200).json(t)
			return m["extent"].(map[string]any)["spatial"].(map[string]any)["bbox"].([]any)[0].([]any)
		}
		if ext := extent(); ext[2].(float64) >= 46.91 {
			t.Fatalf("extent %v before the new hazard", ext)
		}
		r := e.do("eddie", "POST", "/ogcapi/collections/hazards/items", []byte(newHazard), "Content-Type", "application/geo+json")
		if count() != before {
			t.Fatal("a POST changed the features before approval")
		}
		approve(r)
		if count() != before+1 {
			t.Fatal("the approved hazard is not a feature")
		}
		// The kept extent grows with the approval.
		if ext := extent(); ext[2].(float64) < 46.91 || ext[3].(float64) < 40.41 {
			t.Errorf("extent %v after the hazard at 46.9-46.91, 40.4-40.41 was approved", ext)
		}
		staged := e.do("eddie", "POST", "/ogcapi/collections/hazards/items?submit=false", []byte(newHazard), "Content-Type", "application/geo+json")
		if staged.status != 202 || staged.json(t)["status"] != "staged" {
			t.Errorf("submit=false: %d %s", staged.status, staged.body)
		}

		// Replace: read, change, write back with If-Match.
		hid := e.fx.hazards[20].hid
		path := "/ogcapi/collections/hazards/items/" + hid
		got := e.get(path, 200)
		tag := got.header.Get("ETag")
		var f map[string]any
		json.Unmarshal(got.body, &f)
		f["properties"].(map[string]any)["status"] = "worked_on"
		f["properties"].(map[string]any)["date_of_information"] = "2025-02-01"
		body := mustJSON(f)
		problem(t, e.do("eddie", "PUT", path, body, "Content-Type", "application/geo+json"), 400)
		problem(t, e.do("eddie", "PUT", path, body, "Content-Type", "application/geo+json", "If-Match", `"v7-0000"`), 412)
		approve(e.do("eddie", "PUT", path, body, "Content-Type", "application/geo+json", "If-Match", tag))
		after := e.get(path, 200)
		p := after.json(t)["properties"].(map[string]any)
		if p["status"] != "worked_on" || p["version"] != float64(2) || p["name"] != e.fx.hazards[20].name {
			t.Errorf("after PUT: %v", p)
		}
		if after.header.Get("ETag") == tag {
			t.Error("the ETag did not change")
		}
		problem(t, e.do("eddie", "PUT", path, body, "Content-Type", "application/geo+json", "If-Match", tag), 412)

		// Update: a merge patch; null removes a property.
		tag = after.header.Get("ETag")
		patch := `{"properties":{"priority":null,"status":"closed","date_of_information":"2025-03-01"},"id":"ignored"}`
		approve(e.do("eddie", "PATCH", path, []byte(patch), "Content-Type", "application/merge-patch+json", "If-Match", tag))
		p = e.get(path, 200).json(t)["properties"].(map[string]any)
		if p["status"] != "closed" || p["priority"] != nil || p["name"] != e.fx.hazards[20].name || p["version"] != float64(3) {
			t.Errorf("after PATCH: %v", p)
		}

		// Delete.
		tag = e.get(path, 200).header.Get("ETag")
		approve(e.do("eddie", "DELETE", path, nil, "If-Match", tag))
		problem(t, e.do("donor", "GET", path, nil), 404)
	})
}
