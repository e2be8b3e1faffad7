package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hazardForm is the post of the hazard form for a small triangle.
func hazardForm(org string) url.Values {
	return url.Values{"record_type": {"hazard"}, "organisation": {org},
		"date_of_information": {"2025-02-01"}, "category": {"SHA"}, "status": {"open"}, "hazard_type": {"minefield"},
		"action": {"save"}, "geom_mode": {"coords"}, "geom_coords": {"39.70, 47.30\n39.70, 47.301\n39.701, 47.301"}}
}

// stagedHazard saves a hazard report by a form post as user (of
// organisation org) and returns its path, /reports/N.
func stagedHazard(t *testing.T, base, user, org string) string {
	t.Helper()
	return signIn(t, base, user).expectRedirect("/reports", hazardForm(org))
}

// TestEditFormNamesTheReport opens the edit form of a staged report: its
// title and heading name the report and its type, not "New report"
// (review5 M10), and it posts back to the report.
func TestEditFormNamesTheReport(t *testing.T) {
	srv := smallDemo(t)
	report := stagedHazard(t, srv.URL, "editor.army", "ARMY")
	id := strings.TrimPrefix(report, "/reports/")
	b := newBrowser(t, srv.URL, 1366, 900)
	b.signIn("editor.army")
	b.open(report + "/edit")
	want := fmt.Sprintf("Edit report #%s: Hazardous area", id)
	if h := b.text("h1"); h != want {
		t.Errorf("the edit form is headed %q, want %q", h, want)
	}
	if title := get(b, "title", chromedp.Title()); !strings.HasPrefix(title, want+" ·") {
		t.Errorf("the edit form is titled %q, want %q", title, want)
	}
	if action := get(b, "form action", chromedp.Evaluate[string](`document.getElementById('report-form').getAttribute('action')`)); action != report {
		t.Errorf("the edit form posts to %q, want %q", action, report)
	}
	b.waitMap()
	b.screenshot("form-edit")
	b.noConsoleErrors("edit form")
}
