package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mineaction/internal/demo"
)

// session is a signed-in browser without a browser: the session cookie
// and the CSRF token the forms carry.
type session struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

func signIn(t *testing.T, base, user string) *session {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	body, _ := json.Marshal(map[string]string{"user": user, "password": demo.Password})
	res, err := c.Post(base+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	json.NewDecoder(res.Body).Decode(&out)
	return &session{t: t, base: base, c: c, csrf: out.CSRF}
}

// post sends a form with the CSRF token and returns the status, the
// redirect target and the page.
func (s *session) post(path string, form url.Values) (int, string, string) {
	s.t.Helper()
	form.Set("csrf_token", s.csrf)
	res, err := s.c.PostForm(s.base+path, form)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// expectRedirect posts and wants a 303 to a report page; it returns it.
func (s *session) expectRedirect(path string, form url.Values) string {
	s.t.Helper()
	status, loc, page := s.post(path, form)
	if status != http.StatusSeeOther {
		s.t.Fatalf("POST %s: %d, want 303:\n%s", path, status, errorsOf(page))
	}
	return strings.SplitN(loc, "?", 2)[0]
}

func errorsOf(page string) string {
	var out []string
	for _, m := range regexp.MustCompile(`class="(?:error|error-text|alert error)"[^>]*>([^<]*)`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, "\n")
}

func statusOf(t *testing.T, s *session, path string) string {
	t.Helper()
	res, err := s.c.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`id="report-status">([^<]*)<`).FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("%s has no status: %d", path, res.StatusCode)
	}
	return m[1]
}

func revisionOf(t *testing.T, s *session, path string) string {
	t.Helper()
	res, err := s.c.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`name="revision" value="(\d+)"`).FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("%s offers no action", path)
	}
	return m[1]
}

// TestReportFormsWorkflow enters a hazard by typed DMS coordinates through
// the form, withdraws and resubmits it, has it rejected with a reason,
// edits it, and has it approved and the approval undone, all by form posts
// with the session's CSRF token. A form without the token is refused.
func TestReportFormsWorkflow(t *testing.T) {
	srv := smallDemo(t)
	editor, verifier := signIn(t, srv.URL, "editor.army"), signIn(t, srv.URL, "verifier")

	form := url.Values{"record_type": {"hazard"}, "organisation": {"ARMY"}, "date_of_information": {"2025-02-01"},
		"category": {"CHA"}, "status": {"open"}, "hazard_type": {"battle_area"}, "eo_confirmed": {"uxo", "axo"},
		"geom_mode": {"coords"}, "action": {"submit"},
		"geom_coords": {"39°45'00\"N 46°45'00\"E\n39°45'00\"N 46°45'30\"E\n39°45'30\"N 46°45'30\"E\n39°45'30\"N 46°45'00\"E"}}
	noToken := url.Values{}
	for k, v := range form {
		noToken[k] = v
	}
	res, err := editor.c.PostForm(srv.URL+"/reports", noToken)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a form without its CSRF token: %d, want 403", res.StatusCode)
	}

	report := editor.expectRedirect("/reports", form)
	if got := statusOf(t, editor, report); got != "Submitted" {
		t.Fatalf("after save and submit: %s", got)
	}
	editor.expectRedirect(report+"/withdraw", url.Values{"revision": {revisionOf(t, editor, report)}})
	if got := statusOf(t, editor, report); got != "Staged" {
		t.Fatalf("after withdraw: %s", got)
	}
	editor.expectRedirect(report+"/submit", url.Values{"revision": {revisionOf(t, editor, report)}})

	// A rejection needs a reason; the editor reads it.
	status, _, page := verifier.post(report+"/reject", url.Values{"revision": {revisionOf(t, verifier, report)}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "say why") || strings.Contains(page, "invalid input") {
		t.Errorf("reject without a reason: %d", status)
	}
	verifier.expectRedirect(report+"/reject", url.Values{"revision": {revisionOf(t, verifier, report)}, "reason": {"the polygon is on the wrong side of the road"}})
	res, _ = editor.c.Get(srv.URL + report)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), "the polygon is on the wrong side of the road") {
		t.Error("the editor does not see the reason of the rejection")
	}

	// The editor changes the category and resubmits through the edit form.
	form.Set("category", "SHA")
	form.Set("revision", revisionOf(t, editor, report))
	editor.expectRedirect(report, form)
	if got := statusOf(t, editor, report); got != "Submitted" {
		t.Fatalf("after edit and submit: %s", got)
	}
	verifier.expectRedirect(report+"/approve", url.Values{"revision": {revisionOf(t, verifier, report)}})
	if got := statusOf(t, verifier, report); got != "Approved" {
		t.Fatalf("after approval: %s", got)
	}
	verifier.expectRedirect(report+"/undo", url.Values{"revision": {revisionOf(t, verifier, report)}})
	if got := statusOf(t, verifier, report); got != "Submitted" {
		t.Fatalf("after undo: %s", got)
	}

	// An editor of another organisation cannot see the report at all.
	other := signIn(t, srv.URL, "editor.anama")
	res, _ = other.c.Get(srv.URL + report)
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("another organisation's editor reads the report: %d", res.StatusCode)
	}
}

// TestUTMBandS enters a hazard in southern Azerbaijan by UTM positions
// written with the band letter S, as field teams there write them
// (GeoConvert -u: 39.700N 47.300E is 38n 697194 4396990): the form reads
// them in band S, inside the service area, and not 50°S, where the
// southern hemisphere would put them.
func TestUTMBandS(t *testing.T) {
	srv := smallDemo(t)
	editor := signIn(t, srv.URL, "editor.army")
	form := url.Values{"record_type": {"hazard"}, "organisation": {"ARMY"}, "date_of_information": {"2025-02-01"},
		"category": {"CHA"}, "status": {"open"}, "hazard_type": {"battle_area"}, "eo_confirmed": {"uxo"},
		"geom_mode": {"coords"}, "action": {"save"},
		"geom_coords": {"38S 697194 4396990\n38S 697365 4396994\n38S 697359 4397216\n38S 697188 4397212"}}
	report := editor.expectRedirect("/reports", form)
	res, err := editor.c.Get(srv.URL + "/api/v1" + report)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got struct {
		Feature struct {
			Geometry struct {
				Coordinates [][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"feature"`
	}
	if err := json.NewDecoder(res.Body).Decode(&got); err != nil || len(got.Feature.Geometry.Coordinates) != 1 {
		t.Fatalf("report %s: %v, %+v", report, err, got)
	}
	first := got.Feature.Geometry.Coordinates[0][0]
	if math.Abs(first[0]-47.3) > 1e-5 || math.Abs(first[1]-39.7) > 1e-5 {
		t.Errorf("38S 697194 4396990 was saved at %v, want 47.30000E 39.70000N", first)
	}
}
