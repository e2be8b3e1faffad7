package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mineaction/internal/mineaction"
)

// apiJSON sends a JSON request to the API in a signed-in session.
func (s *session) apiJSON(method, path string, body any) (int, map[string]any) {
	s.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, s.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", s.csrf)
	res, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	raw, _ := io.ReadAll(res.Body)
	json.Unmarshal(raw, &out)
	return res.StatusCode, out
}

// storedReport reads a report's properties straight from the store.
func storedReport(t *testing.T, st mineaction.Store, id int64) string {
	t.Helper()
	ctx := context.Background()
	var props string
	err := st.View(ctx, func(tx mineaction.Tx) error {
		r, err := tx.Report(ctx, id)
		if err == nil {
			props = string(r.Properties)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return props
}

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

// TestAccidentFormKeepsPersonalData: an accident report saved through the
// API with a victim's personal data keeps it after an edit through the
// web form, which has no personal fields; so does the approved accident
// after a change proposed through the form.
func TestAccidentFormKeepsPersonalData(t *testing.T) {
	srv := smallDemo(t)
	const name, dob = "Web Synthetic-P5LQ", "1979-09-30"
	editor := signIn(t, srv.URL, "editor.anama")
	status, rep := editor.apiJSON("POST", "/api/v1/reports", map[string]any{"record_type": "accident", "feature": map[string]any{
		"type": "Feature", "geometry": map[string]any{"type": "Point", "coordinates": []float64{46.8139, 40.2111}},
		"properties": map[string]any{"organisation": "ANAMA", "date_of_information": "2025-01-15", "accident_type": "mine_erw",
			"date": "2025-01-10", "victims": []any{map[string]any{"outcome": "injured", "sex": "female", "victim_type": "civilian",
				"consent_authorities": true, "personal": map[string]any{"name": name, "address": "3 Synthetic Row", "date_of_birth": dob}}}}}})
	if status != http.StatusCreated {
		t.Fatalf("create through the API: %d %v", status, rep)
	}
	id := int64(rep["id"].(float64))
	if props := storedReport(t, srv.Store, id); !strings.Contains(props, name) || !strings.Contains(props, dob) {
		t.Fatalf("the stored report lacks the personal data: %s", props)
	}

	b := newBrowser(t, srv.URL, 1366, 900)
	b.signIn("editor.anama")
	b.open(fmt.Sprintf("/reports/%d/edit", id))
	if page := get(b, "page", chromedp.Evaluate[string](`document.body.innerHTML`)); strings.Contains(page, name) {
		t.Fatal("the edit form shows the editor a victim's name")
	}
	b.run("change the notes and submit", chromedp.SendKeys(chromedp.ID("f-notes"), "checked by phone"),
		chromedp.Click(chromedp.ID("save-submit")))
	if status := b.text("#report-status"); status != "Submitted" {
		t.Fatalf("after the edit the report is %q", status)
	}
	props := storedReport(t, srv.Store, id)
	if !strings.Contains(props, "checked by phone") {
		t.Fatalf("the edit did not reach the stored report: %s", props)
	}
	if !strings.Contains(props, name) || !strings.Contains(props, dob) {
		t.Errorf("an edit through the web form lost the victim's personal data: %s", props)
	}

	verifier := signIn(t, srv.URL, "verifier")
	if status, out := verifier.apiJSON("POST", fmt.Sprintf("/api/v1/reports/%d/approve", id), nil); status != http.StatusOK {
		t.Fatalf("approve: %d %v", status, out)
	}
	_, out := verifier.apiJSON("GET", fmt.Sprintf("/api/v1/reports/%d", id), nil)
	hid, _ := out["record_id"].(string)
	if hid == "" {
		t.Fatalf("the approved report names no record: %v", out)
	}

	// A change to the approved accident proposed through the form.
	b.open("/reports/new?record=" + hid)
	b.run("change the notes", chromedp.SetValue(chromedp.ID("f-date_of_information"), "2025-02-01"),
		chromedp.SendKeys(chromedp.ID("f-notes"), "; victim visited"), chromedp.Click(chromedp.ID("save-submit")))
	if status := b.text("#report-status"); status != "Submitted" {
		t.Fatalf("the change to %s is %q", hid, status)
	}
	loc := get(b, "location", chromedp.Location())
	var change int64
	fmt.Sscanf(loc[strings.Index(loc, "/reports/")+len("/reports/"):], "%d", &change)
	if status, out := verifier.apiJSON("POST", fmt.Sprintf("/api/v1/reports/%d/approve", change), nil); status != http.StatusOK {
		t.Fatalf("approve the change: %d %v", status, out)
	}
	va := client(t, srv.URL, "va")
	if page := fetch(t, va, srv.URL+"/api/v1/records/"+hid); !strings.Contains(page, name) || !strings.Contains(page, "victim visited") {
		t.Errorf("after a change through the form, victim assistance reads %s", page)
	}
	b.noConsoleErrors("accident edits")
}
