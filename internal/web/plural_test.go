package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// TestCountsAgree renders the review queue with counts of one and two: the
// words agree with the numbers (review5 L4: "1 warnings", "1 are still
// staged").
func TestCountsAgree(t *testing.T) {
	w := New(Config{})
	one := []mineaction.Warning{{Field: "geometry", Reason: "overlaps"}}
	two := append(one, mineaction.Warning{Field: "geometry", Reason: "is long"})
	for _, c := range []struct {
		n    int
		want []string
	}{
		{1, []string{"1 submitted report waits for a decision; 1 is still staged by its author.", "1 warning<", "1 import issue<"}},
		{2, []string{"2 submitted reports wait for a decision; 2 are still staged by their authors.", "2 warnings<", "2 import issues<"}},
	} {
		ws, issues := one, []mineaction.Issue{{Field: "hazard", Reason: "unknown"}}
		if c.n == 2 {
			ws, issues = two, append(issues, issues[0])
		}
		d := listReportsData{Queue: true, Counts: map[string]int{"submitted": c.n, "staged": c.n},
			Reports: []*mineaction.Report{{ID: 1, Status: mineaction.StatusSubmitted, RecordType: mineaction.TypeHazard, Warnings: ws, Issues: issues}}}
		rec := httptest.NewRecorder()
		if err := w.render(rec, 200, "reports", &Page{Title: "Review", Caller: auth.Caller{}, Data: d}); err != nil {
			t.Fatal(err)
		}
		for _, s := range c.want {
			if !strings.Contains(rec.Body.String(), s) {
				t.Errorf("with counts of %d the queue does not read %q", c.n, s)
			}
		}
	}
}

// TestReferencePlaceholders: each reference field shows an example id of
// the type it refers to; the find form's activity field showed HA-000001
// (review5 L4).
func TestReferencePlaceholders(t *testing.T) {
	fv := forms[mineaction.TypeFind].view(auth.Caller{}, url.Values{}, formErrors{}, refData{})
	want := map[string]string{"activity": "AC-000001", "hazard": "HA-000001"}
	for _, f := range fv.Fields {
		if w, ok := want[f.Name]; ok {
			if f.Placeholder != w {
				t.Errorf("the find form's %s field shows %q, want %q", f.Name, f.Placeholder, w)
			}
			delete(want, f.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("the find form has no fields %v", want)
	}
	rec := httptest.NewRecorder()
	if err := New(Config{}).render(rec, 200, "form", &Page{Title: "New report", Data: fv}); err != nil {
		t.Fatal(err)
	}
	if page := rec.Body.String(); !strings.Contains(page, `name="activity" value=""`) || !strings.Contains(page, `placeholder="AC-000001"`) {
		t.Error("the find form's activity field is drawn without its placeholder AC-000001")
	}
}
