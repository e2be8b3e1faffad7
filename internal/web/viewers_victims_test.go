package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// status fetches url and returns the status and body.
func status(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestViewersSeeNoVictims checks that a viewer (a donor or ministry) reads
// no victim record on any surface, as DOMAIN.md asks ("reports show
// counts, never persons"): the web list and page and the JSON API (record
// and history) answer 403 as other forbidden reads do, the OGC API has no
// victims collection, and an accident (an event) stays readable with its
// victims as numbers and no link to them. Verifier, editor and victim
// assistance keep reading victims.
func TestViewersSeeNoVictims(t *testing.T) {
	srv := smallDemo(t)
	viewer := client(t, srv.URL, "viewer")
	forbidden := []string{"/records?type=victim", "/records/VC-000001", "/records/vc-000002",
		"/api/v1/records/VC-000001", "/api/v1/records/VC-000001/history", "/records/VC-999999", "/api/v1/records/VC-999999"}
	for _, path := range forbidden {
		if code, body := status(t, viewer, srv.URL+path); code != http.StatusForbidden {
			t.Errorf("viewer GET %s: %d, want 403: %.200s", path, code, body)
		}
	}
	for _, path := range []string{"/api/v1/records?type=victim", "/ogcapi/collections/victims/items", "/ogcapi/collections/victims"} {
		if code, body := status(t, viewer, srv.URL+path); code == http.StatusOK || strings.Contains(body, "VC-0") {
			t.Errorf("viewer GET %s: %d: %.200s", path, code, body)
		}
	}
	if _, body := status(t, viewer, srv.URL+"/ogcapi/collections"); strings.Contains(body, `"victims"`) {
		t.Error("the OGC API lists a victims collection")
	}
	if _, body := status(t, viewer, srv.URL+"/records"); strings.Contains(body, "type=victim") {
		t.Error("the records page offers victims to a viewer")
	}
	// Accidents are events: readable, with victims counted.
	code, body := status(t, viewer, srv.URL+"/api/v1/records/AD-000001")
	if code != http.StatusOK {
		t.Fatalf("viewer GET accident: %d %s", code, body)
	}
	var acc struct {
		Properties map[string]any `json:"properties"`
	}
	json.Unmarshal([]byte(body), &acc)
	if strings.Contains(body, "VC-0") || strings.Contains(body, `"sex"`) || strings.Contains(body, `"age"`) {
		t.Errorf("the accident shows persons to a viewer: %s", body)
	}
	if _, isNum := acc.Properties["victims"].(float64); !isNum {
		t.Errorf("the accident's victims are not a number: %v", acc.Properties["victims"])
	}
	for _, path := range []string{"/api/v1/records/AD-000001/history", "/records/AD-000001", "/records?type=accident"} {
		code, body := status(t, viewer, srv.URL+path)
		if code != http.StatusOK {
			t.Errorf("viewer GET %s: %d", path, code)
		}
		if strings.Contains(body, "VC-0") || strings.Contains(body, `"sex"`) {
			t.Errorf("viewer GET %s shows a victim", path)
		}
	}
	for _, user := range []string{"va", "verifier", "editor.anama"} {
		c := client(t, srv.URL, user)
		for _, path := range []string{"/records?type=victim", "/records/VC-000001", "/api/v1/records/VC-000001", "/api/v1/records/VC-000001/history"} {
			if code, _ := status(t, c, srv.URL+path); code != http.StatusOK {
				t.Errorf("%s GET %s: %d, want 200", user, path, code)
			}
		}
		if _, body := status(t, c, srv.URL+"/api/v1/records/AD-000001"); !strings.Contains(body, "VC-0") && !strings.Contains(body, `"sex"`) {
			t.Errorf("%s does not see the accident's victims", user)
		}
	}
}
