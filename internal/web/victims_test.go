package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fillAccident fills the accident form's own fields and its position.
func fillAccident(b *browser, notes string) {
	b.t.Helper()
	b.run("fill the accident",
		chromedp.SetValue(chromedp.ID("f-accident_type"), "mine_erw"),
		chromedp.SetValue(chromedp.ID("f-date"), "2025-01-10"),
		chromedp.SetValue(chromedp.ID("f-date_of_information"), "2025-01-15"),
		chromedp.SendKeys(chromedp.ID("f-notes"), notes),
		chromedp.Click(chromedp.CSS("input[name=geom_mode][value=coords]")),
		chromedp.SendKeys(chromedp.ID("f-geom_coords"), "40.2111, 46.8139"))
}

// TestAccidentFormVictimRows enters an accident through the form in a
// real browser as the user guide says: victim 1 filled, the other rows
// left empty; it saves. A required field left empty in victim 2 is named
// with its row.
func TestAccidentFormVictimRows(t *testing.T) {
	srv := smallDemo(t)
	b := newBrowser(t, srv.URL, 1366, 900)
	b.signIn("editor.anama")

	b.open("/reports/new?type=accident")
	fillAccident(b, "E2E victim rows")
	b.run("victim 1",
		chromedp.SetValue(chromedp.ID("f-victims-0-outcome"), "injured"),
		chromedp.SetValue(chromedp.ID("f-victims-0-sex"), "male"),
		chromedp.SetValue(chromedp.ID("f-victims-0-victim_type"), "civilian"),
		chromedp.Click(chromedp.ID("save")))
	if status := b.text("#report-status"); status != "Staged" {
		t.Fatalf("an accident with victim 1 filled and the other rows empty: the page reads %q, errors %q",
			status, get(b, "errors", chromedp.Evaluate[string](`(document.getElementById('error-summary')||{}).textContent||''`)))
	}
	b.noConsoleErrors("accident saved")

	b.open("/reports/new?type=accident")
	fillAccident(b, "E2E victim 2 incomplete")
	b.expect("status of 422")
	b.run("victims 1 and 2, victim 2 without its type",
		chromedp.SetValue(chromedp.ID("f-victims-0-outcome"), "injured"),
		chromedp.SetValue(chromedp.ID("f-victims-0-sex"), "male"),
		chromedp.SetValue(chromedp.ID("f-victims-0-victim_type"), "civilian"),
		chromedp.SetValue(chromedp.ID("f-victims-1-outcome"), "killed"),
		chromedp.SetValue(chromedp.ID("f-victims-1-sex"), "female"),
		chromedp.Click(chromedp.ID("save")))
	summary := b.text("#error-summary")
	if !strings.Contains(summary, "Victim 2: Victim type") {
		t.Errorf("the error summary does not name victim 2: %q", summary)
	}
	if strings.Contains(summary, "Victim 1") || strings.Contains(summary, "Victim 3") {
		t.Errorf("the error summary blames another row: %q", summary)
	}
	if href := get(b, "link", chromedp.Evaluate[string](`Array.from(document.querySelectorAll('#error-summary a')).map(a => a.getAttribute('href')).join(' ')`)); href != "#f-victims-1-victim_type" {
		t.Errorf("the summary links to %q, want victim 2's type", href)
	}
	if msg := b.text("#f-victims-1-victim_type-err"); msg == "" {
		t.Error("victim 2's type has no error next to it")
	}
	b.noConsoleErrors("victim 2 incomplete")
}
