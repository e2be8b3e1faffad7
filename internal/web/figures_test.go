package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"mineaction/internal/demo"
)

// client signs in through the JSON API and keeps the session cookie.
func client(t *testing.T, base, user string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	body, _ := json.Marshal(map[string]string{"user": user, "password": demo.Password})
	res, err := c.Post(base+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign in as %s: %s", user, res.Status)
	}
	return c
}

// fetch returns the body of url, which must answer 200.
func fetch(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	code, body := status(t, c, url)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d: %s", url, code, body)
	}
	return body
}

// TestSmallCasualtyCountsSuppressed checks that casualty counts of one or
// two in a district are shown as "<3" to a viewer, in the JSON API and the
// dashboard's CSV, and whole to the victim assistance role; the totals
// agree with the national summary.
func TestSmallCasualtyCountsSuppressed(t *testing.T) {
	srv := smallDemo(t)
	viewer, va := client(t, srv.URL, "viewer"), client(t, srv.URL, "va")
	url := srv.URL + "/api/v1/figures/casualties?by=admin_area&from=2020-11-10&to=2024-06-10"
	var shown, whole struct {
		Suppressed bool `json:"suppressed"`
		Rows       []map[string]any
		Total      map[string]any
	}
	json.Unmarshal([]byte(fetch(t, viewer, url)), &shown)
	json.Unmarshal([]byte(fetch(t, va, url)), &whole)
	if !shown.Suppressed || whole.Suppressed {
		t.Fatalf("suppressed: viewer %v, victim assistance %v", shown.Suppressed, whole.Suppressed)
	}
	small := 0
	for i, row := range whole.Rows {
		for k, v := range row {
			n, isNum := v.(float64)
			if k == "key" || !isNum {
				continue
			}
			got := shown.Rows[i][k]
			if n >= 1 && n <= 2 {
				small++
				if got != "<3" {
					t.Errorf("%s %s: %v shown as %v, want \"<3\"", row["key"], k, n, got)
				}
			} else if got != n && got != "x" { // "x": withheld so that a "<3" cannot be derived
				t.Errorf("%s %s: %v shown as %v", row["key"], k, n, got)
			}
		}
	}
	if small == 0 {
		t.Fatal("the demo has no small count by district: the test proves nothing")
	}
	if whole.Total["total"] != 361.0 || whole.Total["killed"] != 68.0 {
		t.Errorf("casualties to 2024-06-10: %v total, %v killed; the summary says 361 and 68", whole.Total["total"], whole.Total["killed"])
	}
	csv := fetch(t, viewer, srv.URL+"/dashboard/csv/by-admin-area?as_of=2024-06-10")
	if !strings.Contains(csv, "<3") {
		t.Errorf("the viewer's CSV shows no suppressed cell:\n%s", csv)
	}
	if full := fetch(t, va, srv.URL+"/dashboard/csv/by-admin-area?as_of=2024-06-10"); strings.Contains(full, "<3") {
		t.Errorf("the victim assistance CSV suppresses counts:\n%s", full)
	}
}

// TestPagesKeepPersonalData checks that the record pages and lists never
// show a victim's name to a viewer, and show it to the victim assistance
// role of the national authority where consent allows.
func TestPagesKeepPersonalData(t *testing.T) {
	srv := smallDemo(t)
	viewer, va := client(t, srv.URL, "viewer"), client(t, srv.URL, "va")
	seen := 0
	for _, path := range []string{"/records/VC-000001", "/records/VC-000002", "/records/VC-000003", "/records/VC-000004",
		"/records?type=victim", "/records/AD-000001", "/records/AD-000002"} {
		if _, page := status(t, viewer, srv.URL+path); strings.Contains(page, "Demo Person") { // victims answer 403 to a viewer
			t.Errorf("%s shows a victim's name to a viewer", path)
		}
		if strings.Contains(fetch(t, va, srv.URL+path), "Demo Person") {
			seen++
		}
	}
	if seen == 0 {
		t.Error("the victim assistance role sees no victim's name on any page: the test proves nothing")
	}
}
