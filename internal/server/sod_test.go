package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// Separation of duties (docs/SECURITY.md): nobody approves or rejects a
// report whose content they entered or changed, whatever the route; a
// verifier does not take back, change, submit or delete another user's
// report (they reject it, with a reason, to its author).
//
// The users: eddie (editor of OPA) enters reports; vera (verifier of the
// authority) reviews them; olga is an editor of OPA who is also a verifier,
// so she may change eddie's reports as his colleague, and review reports.

// sodReport has eddie enter and submit a hazard report through the API and
// returns its path.
func sodReport(t *testing.T, ts *testServer, note string) string {
	t.Helper()
	res := ts.do("eddie", "POST", "/api/v1/reports", withSubmit(hazardBody(okSquare, func(p map[string]any) { p["notes"] = note })))
	if res.status != 201 {
		t.Fatalf("eddie enters a report: %d %s", res.status, res.body)
	}
	return fmt.Sprintf("/api/v1/reports/%v", res.json(t)["id"])
}

func withSubmit(body []byte) []byte {
	return []byte(strings.Replace(string(body), `{"record_type"`, `{"submit":true,"record_type"`, 1))
}

// wantProblem checks a refusal: the status, a problem+json body, and a
// detail that names the reason.
func wantProblem(t *testing.T, what string, res response, status int, reason string) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: %d, want %d: %s", what, res.status, status, res.body)
		return
	}
	if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	if d, _ := res.json(t)["detail"].(string); !strings.Contains(d, reason) {
		t.Errorf("%s: detail %q does not say %q", what, d, reason)
	}
}

// wantPage checks a refusal by the web app: the status, and an error page
// that names the reason.
func wantPage(t *testing.T, what string, res response, status int, reason string) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: %d, want %d: %s", what, res.status, status, res.body)
		return
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("%s: Content-Type %q, want an HTML page", what, ct)
	}
	if !strings.Contains(string(res.body), reason) {
		t.Errorf("%s: the page does not say %q:\n%s", what, reason, res.body)
	}
}

// wantStatus checks a request that must succeed.
func wantStatus(t *testing.T, what string, res response, status int) {
	t.Helper()
	if res.status != status {
		t.Fatalf("%s: %d, want %d: %s", what, res.status, status, res.body)
	}
}

// reportState reads a report through the API as vera.
func reportState(t *testing.T, ts *testServer, path string) map[string]any {
	t.Helper()
	res := ts.do("vera", "GET", path, nil)
	wantStatus(t, "GET "+path, res, 200)
	return res.json(t)
}

func form(v url.Values) (body []byte, headers []string) {
	return []byte(v.Encode()), []string{"Content-Type", "application/x-www-form-urlencoded"}
}

// hazardForm is the web form of a hazard at okSquare with the given notes.
func hazardForm(rev, note string) url.Values {
	return url.Values{"record_type": {"hazard"}, "organisation": {"OPA"}, "date_of_information": {"2024-01-01"},
		"category": {"CHA"}, "status": {"open"}, "hazard_type": {"minefield"}, "eo_confirmed": {"ap_mine"},
		"notes": {note}, "geom_mode": {"coords"}, "action": {"submit"}, "revision": {rev},
		"geom_coords": {"39.6, 46.1\n39.6, 46.11\n39.61, 46.11\n39.61, 46.1"}}
}

func TestSeparationOfDuties(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newServer(t, open)
		ts.addUser("olga", "OPA", mineaction.RoleEditor, mineaction.RoleVerifier)

		t.Run("a verifier does not take back or change another's report: API", func(t *testing.T) {
			rep := sodReport(t, ts, "eddie's text")
			before := reportState(t, ts, rep)
			wantProblem(t, "vera withdraws eddie's report", ts.do("vera", "POST", rep+"/withdraw", nil), 403, "withdraw this report")
			wantProblem(t, "vera changes eddie's report", ts.do("vera", "PUT", rep, hazardBody(okSquare, nil), "If-Match", fmt.Sprintf(`"%v"`, before["revision"])), 403, "change this report")
			wantProblem(t, "vera deletes eddie's report", ts.do("vera", "DELETE", rep, nil, "If-Match", fmt.Sprintf(`"%v"`, before["revision"])), 403, "delete this report")
			after := reportState(t, ts, rep)
			if after["revision"] != before["revision"] || after["status"] != "submitted" {
				t.Errorf("eddie's report changed: revision %v -> %v, status %v", before["revision"], after["revision"], after["status"])
			}
			// What vera may do: reject it with a reason, back to eddie.
			wantStatus(t, "vera rejects eddie's report", ts.do("vera", "POST", rep+"/reject", []byte(`{"reason":"the polygon is on the wrong side of the road"}`)), 200)
			wantProblem(t, "vera resubmits eddie's rejected report", ts.do("vera", "POST", rep+"/submit", nil), 403, "submit this report")
		})

		t.Run("a verifier does not take back or change another's report: web", func(t *testing.T) {
			rep := sodReport(t, ts, "eddie's text")
			page := strings.Replace(rep, "/api/v1", "", 1)
			res := ts.do("vera", "GET", page, nil)
			wantStatus(t, "vera reads eddie's report page", res, 200)
			if body := string(res.body); strings.Contains(body, page+"/withdraw") || !strings.Contains(body, page+"/approve") {
				t.Errorf("vera's page of eddie's report: offers withdraw %v, approve %v; want approve only",
					strings.Contains(body, page+"/withdraw"), strings.Contains(body, page+"/approve"))
			}
			rev := fmt.Sprint(reportState(t, ts, rep)["revision"])
			b, h := form(url.Values{"revision": {rev}})
			wantPage(t, "vera withdraws eddie's report by the web form", ts.do("vera", "POST", page+"/withdraw", b, h...), 403, "withdraw this report")
			b, h = form(hazardForm(rev, "vera's text"))
			wantPage(t, "vera posts the edit form of eddie's report", ts.do("vera", "POST", page, b, h...), 403, "change this report")
			if st := reportState(t, ts, rep); fmt.Sprint(st["revision"]) != rev || st["status"] != "submitted" {
				t.Errorf("eddie's report changed: revision %s -> %v, status %v", rev, st["revision"], st["status"])
			}
		})

		t.Run("whoever changed a report does not decide on it: API", func(t *testing.T) {
			rep := sodReport(t, ts, "eddie's text")
			wantStatus(t, "olga withdraws her colleague's report", ts.do("olga", "POST", rep+"/withdraw", nil), 200)
			rev := reportState(t, ts, rep)["revision"]
			wantStatus(t, "olga changes it", ts.do("olga", "PUT", rep, hazardBody(okSquare, func(p map[string]any) { p["notes"] = "olga's text" }),
				"If-Match", fmt.Sprintf(`"%v"`, rev)), 200)
			wantStatus(t, "olga submits it", ts.do("olga", "POST", rep+"/submit", nil), 200)
			wantProblem(t, "olga approves it", ts.do("olga", "POST", rep+"/approve", nil), 403, "you entered or changed")
			wantProblem(t, "olga rejects it", ts.do("olga", "POST", rep+"/reject", []byte(`{"reason":"no"}`)), 403, "you entered or changed")
			st := reportState(t, ts, rep)
			if fmt.Sprint(st["authors"]) != "[eddie olga]" {
				t.Errorf("authors %v, want [eddie olga]", st["authors"])
			}
			wantStatus(t, "vera approves it", ts.do("vera", "POST", rep+"/approve", nil), 200)
			st = reportState(t, ts, rep)
			if st["created_by"] != "eddie" || st["decided_by"] != "vera" || st["status"] != "approved" {
				t.Errorf("approved report: created_by %v, decided_by %v, status %v", st["created_by"], st["decided_by"], st["status"])
			}
			// Undone, it is back in the queue, and still not olga's to decide.
			wantStatus(t, "vera undoes the approval", ts.do("vera", "POST", rep+"/undo", nil), 200)
			wantProblem(t, "olga approves it after the undo", ts.do("olga", "POST", rep+"/approve", nil), 403, "you entered or changed")
		})

		t.Run("whoever changed a report does not decide on it: web", func(t *testing.T) {
			rep := sodReport(t, ts, "eddie's text")
			page := strings.Replace(rep, "/api/v1", "", 1)
			rev := func() string { return fmt.Sprint(reportState(t, ts, rep)["revision"]) }
			b, h := form(url.Values{"revision": {rev()}})
			wantStatus(t, "olga withdraws it by the web form", ts.do("olga", "POST", page+"/withdraw", b, h...), 200)
			b, h = form(hazardForm(rev(), "olga's text"))
			wantStatus(t, "olga edits and submits it by the web form", ts.do("olga", "POST", page, b, h...), 200)
			st := reportState(t, ts, rep)
			if st["status"] != "submitted" || !strings.Contains(fmt.Sprint(st["feature"]), "olga's text") {
				t.Fatalf("after olga's edit: status %v, feature %v", st["status"], st["feature"])
			}
			res := ts.do("olga", "GET", page, nil)
			wantStatus(t, "olga reads the report page", res, 200)
			if strings.Contains(string(res.body), page+"/approve") {
				t.Errorf("the page offers olga to approve a report she changed")
			}
			if res := ts.do("vera", "GET", page, nil); !strings.Contains(string(res.body), "changed by olga") {
				t.Errorf("vera's page of the report does not say olga changed it")
			}
			b, h = form(url.Values{"revision": {rev()}})
			wantPage(t, "olga approves it by the web form", ts.do("olga", "POST", page+"/approve", b, h...), 403, "you entered or changed")
			b, h = form(url.Values{"revision": {rev()}, "reason": {"no"}})
			wantPage(t, "olga rejects it by the web form", ts.do("olga", "POST", page+"/reject", b, h...), 403, "you entered or changed")
			b, h = form(url.Values{"revision": {rev()}})
			wantStatus(t, "vera approves it by the web form", ts.do("vera", "POST", page+"/approve", b, h...), 200)
		})

		t.Run("OGC API transactions: the author does not decide", func(t *testing.T) {
			// A hazard to change, entered by eddie and approved by vera.
			rep := sodReport(t, ts, "eddie's text")
			wantStatus(t, "vera approves eddie's hazard", ts.do("vera", "POST", rep+"/approve", nil), 200)
			hid := reportState(t, ts, rep)["record_id"]
			body := []byte(`{"type":"Feature","geometry":` + okSquare + `,"properties":{"organisation":"OPA","date_of_information":"2024-03-01",` +
				`"category":"SHA","status":"open","hazard_type":"minefield","notes":"olga's text"}}`)
			res := ts.do("olga", "PUT", fmt.Sprintf("/ogcapi/collections/hazards/items/%v", hid), body, "If-Match", "*")
			wantStatus(t, "olga changes the hazard by OGC API", res, 202)
			loc := strings.TrimPrefix(res.header.Get("Location"), ts.url)
			wantProblem(t, "olga approves her change", ts.do("olga", "POST", loc+"/approve", nil), 403, "you entered or changed")
			wantStatus(t, "vera approves olga's change", ts.do("vera", "POST", loc+"/approve", nil), 200)
		})
	})
}
