package web_test

import (
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestReadableReportValues enters an activity with released land and an
// item found, and reads its report page as the verifier: the land shows as
// its kind and area in hectares, the item as its quantity and ordnance, and
// coded fields as the labels the form showed, not as JSON or codes
// (review5 M9).
func TestReadableReportValues(t *testing.T) {
	srv := smallDemo(t)
	rect := "39.809, 46.338\n39.809, 46.344\n39.812, 46.344\n39.812, 46.338"
	editor, verifier := signIn(t, srv.URL, "editor.army"), signIn(t, srv.URL, "verifier")
	// The hazard the activity clears, the same rectangle.
	hazard := hazardForm("ARMY")
	hazard.Set("geom_coords", rect)
	hazard.Set("action", "submit")
	first := editor.expectRedirect("/reports", hazard)
	_, loc, _ := verifier.post(first+"/approve", url.Values{"revision": {revisionOf(t, verifier, first)}})
	res, err := verifier.c.Get(srv.URL + loc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	hid := regexp.MustCompile(`HA-\d{6}`).FindString(string(b))

	form := url.Values{"record_type": {"activity"}, "organisation": {"ARMY"}, "date_of_information": {"2025-02-01"},
		"activity_type": {"clearance"}, "status": {"completed"}, "hazard": {hid}, "end_date": {"2025-01-30"}, "methods": {"manual", "dogs"}, "action": {"submit"},
		"geom_mode": {"coords"}, "geom_coords": {rect},
		"outcomes.0.kind": {"cleared"}, "outcomes.0.geometry": {rect},
		"finds.0.ordnance": {"PMN-2"}, "finds.0.quantity": {"3"}, "finds.0.disposal": {"destroyed_in_situ"},
		"finds.0.geometry": {"39.81, 46.34"}}
	report := editor.expectRedirect("/reports", form)
	res, err = verifier.c.Get(srv.URL + report)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	page := string(b)
	// GeographicLib's Planimeter gives 171,135.4 m² for the rectangle.
	for _, want := range []string{"1. Cleared: 17.11 ha", "1. 3 × PMN-2 (Landmine, Anti-personnel)", "Destroyed in situ",
		"Clearance", "Completed", "Manual, Mine detection dogs"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report page does not show %q", want)
		}
	}
	for _, raw := range []string{`"kind":"cleared"`, `&#34;kind&#34;`, `[&#34;manual&#34;`, "destroyed_in_situ"} {
		if strings.Contains(page, raw) {
			t.Errorf("the report page shows %s", raw)
		}
	}

	// The record and its history, after approval, read the same.
	_, loc, _ = verifier.post(report+"/approve", url.Values{"revision": {revisionOf(t, verifier, report)}})
	res, err = verifier.c.Get(srv.URL + loc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	activity := regexp.MustCompile(`AC-\d{6}`).FindString(string(b))
	res, err = verifier.c.Get(srv.URL + "/records/" + activity)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if n := strings.Count(string(b), "1. Cleared: 17.11 ha"); n != 2 {
		t.Errorf("%s shows its released land as kind and area %d times; want 2 (facts and history)", activity, n)
	}
}
