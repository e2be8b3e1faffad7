package mineaction

import (
	"errors"
	"testing"

	"mineaction/internal/geo"
)

// TestFindDateOnce: a find's date in the future is one fault, not two (the
// find checks its date as an item of an activity would, and used to check
// it again as a required field).
func TestFindDateOnce(t *testing.T) {
	f := &Find{Ordnance: "PMN-2", Quantity: 1, FoundDate: "2026-12-30"}
	f.Organisation, f.DateOfInformation = "ARMY", "2026-11-20"
	err := Check(f, geo.Point{X: 47.3, Y: 39.7}, Rules{Today: "2026-11-29"})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Check: %v, want field errors", err)
	}
	n := 0
	for _, fe := range e.Fields {
		if fe.Field == "properties.found_date" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("found_date in the future: %d faults %v, want 1", n, e.Fields)
	}
	f.FoundDate = ""
	if err := Check(f, geo.Point{X: 47.3, Y: 39.7}, Rules{Today: "2026-11-29"}); !errors.As(err, &e) || len(e.Fields) != 1 ||
		e.Fields[0].Field != "properties.found_date" || e.Fields[0].Reason != "required; a date YYYY-MM-DD" {
		t.Errorf("no found_date: %v, want it required", err)
	}
}
