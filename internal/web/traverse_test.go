package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestTraverseMisclosure posts traverses through the hazard form. One that
// misses its benchmark by far more than the tolerance (a leg left out:
// review5 M3) is refused at the legs field, which names the misclosure and
// the tolerance in metres, instead of being closed out of sight. One that
// misses by less is closed and saved, and the report page it leads to says
// by how much it missed.
func TestTraverseMisclosure(t *testing.T) {
	srv := smallDemo(t)
	editor := signIn(t, srv.URL, "editor.army")
	form := func(legs string) url.Values {
		return url.Values{"record_type": {"hazard"}, "organisation": {"ARMY"}, "date_of_information": {"2025-02-01"},
			"category": {"SHA"}, "status": {"open"}, "hazard_type": {"minefield"}, "action": {"save"},
			"geom_mode": {"traverse"}, "geom_start": {"39.70, 47.30"}, "geom_legs": {legs}}
	}

	status, loc, page := editor.post("/reports", form("90 470\n0 470\n270 300"))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a traverse 500 m open: %d (to %q), want 422", status, loc)
	}
	errs := errorsOf(page)
	if !strings.Contains(errs, "499.77 m from the benchmark") || !strings.Contains(errs, "at most 12.40 m") {
		t.Errorf("a traverse 500 m open says:\n%s", errs)
	}

	// 100 m legs round a square, the last one 0.5 m short: within 1 %.
	status, loc, page = editor.post("/reports", form("90 100\n0 100\n270 100\n180 99.5"))
	if status != http.StatusSeeOther {
		t.Fatalf("a traverse 0.5 m open: %d, want 303:\n%s", status, errorsOf(page))
	}
	if !strings.Contains(loc, "misclosure=0.50") {
		t.Errorf("the saved traverse leads to %s, without its misclosure", loc)
	}
	res, err := editor.c.Get(srv.URL + loc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), "missed its benchmark by 0.50 m") {
		t.Errorf("the report page after a traverse 0.5 m open does not say so")
	}
}
