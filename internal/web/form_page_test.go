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

// TestFormsFitAPhone opens the new report forms at the width of a phone,
// and a submitted report with its reject form as the verifier: no page is
// wider than the screen (review5 M7: the hazard form was 578 px wide at
// 375 px, the reject form overflowed at 400 px).
func TestFormsFitAPhone(t *testing.T) {
	srv := smallDemo(t)
	form := hazardForm("ARMY")
	form.Set("action", "submit")
	report := signIn(t, srv.URL, "editor.army").expectRedirect("/reports", form)
	const width = 375
	b := newBrowser(t, srv.URL, width, 800)
	// Headless Chromium's window is wider than a phone: emulate its screen.
	b.run("phone screen", chromedp.EmulateViewport(width, 800))
	overflow := func(path string) {
		t.Helper()
		b.open(path)
		w := get(b, "page width", chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		if w > width {
			wide := get(b, "wide elements", chromedp.Evaluate[[]string](`[...document.querySelectorAll('main *')]
			  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-wrap table'))
			  .slice(0, 6).map((e) => e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right))`))
			t.Errorf("%s is %v px wide on a %d px screen: %v", path, w, width, wide)
		}
	}
	// ANAMA's long name makes the widest organisation list.
	b.signIn("editor.anama")
	for _, ty := range []string{"hazard", "activity", "find", "accident", "victim", "education"} {
		overflow("/reports/new?type=" + ty)
	}
	b.screenshot("phone-form")
	b.signOut()
	b.signIn("verifier")
	overflow(report)
	b.screenshot("phone-report")
	b.noConsoleErrors("phone")
}

// TestRefusedFormTakesFocus saves an empty hazard form: the page that
// comes back says "Error:" first in its title and has the focus on its
// error summary, so that the keyboard and a screen reader start there;
// the map is one tab stop, its canvas, named as the page names the map
// (review5 L3).
func TestRefusedFormTakesFocus(t *testing.T) {
	b := editorAtHazardForm(t)
	stops := get(b, "the map's tab stops", chromedp.Evaluate[[]string](`[document.getElementById('map'), ...document.querySelectorAll('#map canvas')]
	  .filter((e) => e.tabIndex >= 0).map((e) => e.tagName + ' ' + e.getAttribute('aria-label'))`))
	if len(stops) != 1 || stops[0] != "CANVAS Map for drawing" {
		t.Errorf("the map's own tab stops are %q; want its canvas alone, named for the form", stops)
	}
	b.expect("status of 422")
	b.run("save an empty form", chromedp.Click(chromedp.ID("save")))
	poll[bool](b, "the refused form", `document.readyState === 'complete' && !!document.getElementById('error-summary')`)
	if title := get(b, "title", chromedp.Title()); !strings.HasPrefix(title, "Error: New report: Hazardous area") {
		t.Errorf("the refused form is titled %q", title)
	}
	if h := b.text("h1"); h != "New report: Hazardous area" {
		t.Errorf("the refused form is headed %q", h)
	}
	focused := poll[string](b, "focus", `document.activeElement && document.activeElement.id`)
	if focused != "error-summary" {
		t.Errorf("after a refused save the focus is on %q, want the error summary", focused)
	}
	b.screenshot("form-refused")
	b.noConsoleErrors("refused form")
}
