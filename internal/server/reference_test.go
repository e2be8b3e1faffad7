package server_test

import (
	"fmt"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// TestReferenceUnblocksImportIssue: a report naming an organisation the
// database does not know waits with an import issue; an administrator adds
// the organisation; the report can then be approved.
func TestReferenceUnblocksImportIssue(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newServer(t, open)
		body := strings.Replace(string(hazardBody(okSquare, func(p map[string]any) { p["admin_area"] = "NEW-1" })),
			`"record_type":"hazard"`, `"record_type":"hazard","accept_issues":true,"submit":true`, 1)
		res := ts.do("vera", "POST", "/api/v1/reports", []byte(body))
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		id := int(res.json(t)["id"].(float64))
		approve := func() response { return ts.do("victor", "POST", fmt.Sprintf("/api/v1/reports/%d/approve", id), nil) }
		if res := approve(); res.status != 409 {
			t.Fatalf("approval with an import issue: %d %s", res.status, res.body)
		}
		area := `{"name":"New district","level":1,"affected":true,"geometry":{"type":"Polygon","coordinates":[[[46,39.5],[46.3,39.5],[46.3,39.8],[46,39.8],[46,39.5]]]}}`
		if res := ts.do("vera", "PUT", "/api/v1/reference/admin-areas/NEW-1", []byte(area)); res.status != 403 {
			t.Fatalf("a verifier changing reference data: %d", res.status)
		}
		bad := strings.Replace(area, `[46,39.8],[46,39.5]`, `[46,39.8]`, 1)
		if res := ts.do("admin", "PUT", "/api/v1/reference/admin-areas/NEW-1", []byte(bad)); res.status != 422 {
			t.Fatalf("an unclosed admin area: %d %s", res.status, res.body)
		}
		if res := ts.do("admin", "PUT", "/api/v1/reference/admin-areas/NEW-1", []byte(area)); res.status != 204 {
			t.Fatalf("admin adds the area: %d %s", res.status, res.body)
		}
		if res := approve(); res.status != 200 {
			t.Fatalf("approval once the reference exists: %d %s", res.status, res.body)
		}
	})
}
