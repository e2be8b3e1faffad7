package web_test

import (
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestApproveOlderReport: a change whose date of information is older than
// the record's is kept in history on approval and leaves the current view
// as it is. The verifier is told so before deciding, and the page after
// the approval says what happened instead of "the record and the figures
// are updated" (review5 M6).
func TestApproveOlderReport(t *testing.T) {
	srv := smallDemo(t)
	editor, verifier := signIn(t, srv.URL, "editor.army"), signIn(t, srv.URL, "verifier")
	page := func(s *session, path string) string {
		t.Helper()
		res, err := s.c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	approve := func(report string) string {
		t.Helper()
		_, loc, _ := verifier.post(report+"/approve", url.Values{"revision": {revisionOf(t, verifier, report)}})
		return page(verifier, loc)
	}

	// A new hazard dated 2025-02-01 is approved as usual.
	form := hazardForm("ARMY")
	form.Set("action", "submit")
	first := editor.expectRedirect("/reports", form)
	approved := approve(first)
	if !strings.Contains(approved, "the record and the figures are updated") {
		t.Errorf("the approval of a new record does not say the figures are updated")
	}
	hid := regexp.MustCompile(`HA-\d{6}`).FindString(approved)

	// A change dated a year earlier.
	form.Set("record_id", hid)
	form.Set("version", "1")
	form.Set("date_of_information", "2024-02-01")
	form.Set("status", "closed")
	change := editor.expectRedirect("/reports", form)
	before := page(verifier, change)
	if !strings.Contains(before, `id="older-note"`) || !strings.Contains(before, "keeps it in the record&#39;s history") {
		t.Errorf("the verifier is not warned that the older report will not change %s", hid)
	}
	after := approve(change)
	if strings.Contains(after, "the record and the figures are updated") {
		t.Error("the approval of an older report says the record and the figures are updated")
	}
	if !strings.Contains(after, "kept in the record&#39;s history") || !strings.Contains(after, "the current view and the figures are unchanged") {
		t.Errorf("the approval of an older report does not say it was kept in history")
	}
	if rec := page(verifier, "/records/"+hid); !strings.Contains(rec, "Version 1 · date of information 2025-02-01") {
		t.Errorf("the current view of %s changed after an older report", hid)
	}
}
