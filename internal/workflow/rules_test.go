package workflow_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestDateOfInformationRule: an approved report older than the current data
// is kept in history but does not overwrite it.
func TestDateOfInformationRule(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-05-01")
		old := hazardProps("2024-01-01")
		old["status"] = "closed"
		r := e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: hid, Version: 1, Feature: feature(square(46.1, 39.6, 0.01), old)}))
		if r.ResultVersion != 2 {
			t.Fatalf("result version %d", r.ResultVersion)
		}
		cur := e.record(hid)
		if cur.Version != 1 || cur.Index.Status != "open" || cur.DateOfInformation != "2024-05-01" {
			t.Fatalf("current view changed by an older report: v%d %s %s", cur.Version, cur.Index.Status, cur.DateOfInformation)
		}
		var vs []*mineaction.Version
		e.store.View(e.ctx, func(tx mineaction.Tx) error {
			var err error
			vs, err = tx.Versions(e.ctx, cur.ID)
			return err
		})
		if len(vs) != 2 || vs[1].Applied || !vs[0].Applied {
			t.Fatalf("history: %d versions, applied %v", len(vs), []bool{vs[0].Applied, len(vs) > 1 && vs[1].Applied})
		}
	})
}

// TestImportIssueBlocksApproval: a report that refers to unknown reference
// data can be staged with an import issue, and cannot be approved until
// the reference exists.
func TestImportIssueBlocksApproval(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		props := hazardProps("2024-01-01")
		props["admin_area"] = "NEW"
		in := workflow.Input{RecordType: "hazard", Feature: feature(square(46.1, 39.6, 0.01), props)}
		if _, err := e.svc.CreateReport(e.ctx, storetest.Editor, in); kindOf(err) != mineaction.KindInvalid {
			t.Fatalf("unknown reference without accept_issues: %v", err)
		}
		in.AcceptIssues, in.Submit = true, true
		r, err := e.svc.CreateReport(e.ctx, storetest.Editor, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Issues) != 1 || r.Issues[0].Field != "properties.admin_area" {
			t.Fatalf("issues %+v", r.Issues)
		}
		if _, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0); kindOf(err) != mineaction.KindConflict {
			t.Fatalf("approval with an import issue: %v, want conflict", err)
		}
		if n := e.count(mineaction.TypeHazard); n != 0 {
			t.Fatalf("%d hazards after a refused approval", n)
		}
		// The reference is added: now it can be approved.
		e.store.Update(e.ctx, func(tx mineaction.Tx) error {
			return tx.PutAdminArea(e.ctx, &mineaction.AdminArea{Code: "NEW", Name: "New", Level: 2, Geometry: storetestCountry(), AreaM2: 1})
		})
		if _, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFirstReleaseByDateGetsTheCredit: two releases cover the same land;
// the earlier by date is credited, whatever the order of approval, and
// land outside the hazard is not release of it.
func TestFirstReleaseByDateGetsTheCredit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		hid := e.newHazard(square(46.1, 39.6, 0.02), "2021-01-01")
		whole := e.figures(hid).OriginalM2
		// Approved first, dated later: the south-west quarter, cleared.
		e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature("null",
			activityProps(hid, "clearance", "2023-06-01", outcome("cleared", square(46.1, 39.6, 0.01))))}))
		// Approved second, dated earlier: the whole south half and beyond the edge, cancelled.
		r := e.submit(storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature("null",
			activityProps(hid, "nts", "2022-03-01", outcome("cancelled", square2(46.1, 39.59, 0.02, 0.02))))})
		if len(r.Warnings) == 0 || r.Warnings[0].Code != "outside_hazard" {
			t.Fatalf("spill warning missing: %+v", r.Warnings)
		}
		e.approve(r)
		f := e.figures(hid)
		half := whole / 2
		if math.Abs(f.CancelledM2-half) > half*1e-3 || f.ClearedM2 != 0 {
			t.Fatalf("cancelled %.1f (want about half, %.1f), cleared %.1f (want 0: that land was already cancelled)", f.CancelledM2, half, f.ClearedM2)
		}
		if !landrelease.Balanced(f) {
			t.Fatalf("identity fails: %+v", f)
		}
		// Entirely outside the hazard: an error on the report.
		_, err := e.svc.CreateReport(e.ctx, storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature("null",
			activityProps(hid, "clearance", "2023-07-01", outcome("cleared", square(46.5, 39.9, 0.01))))})
		if kindOf(err) != mineaction.KindInvalid {
			t.Fatalf("release outside its hazard: %v", err)
		}
	})
}

// TestOverlapWarnings: a new hazard that duplicates an existing one, or
// overlaps it by more than the allowed share, is entered with a warning
// naming it; one that only touches it is not.
func TestOverlapWarnings(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-05-01")
		for _, c := range []struct {
			geom, code string
		}{
			{square(46.1, 39.6, 0.01), "duplicate"},
			{square(46.105, 39.6, 0.01), "overlap"},
			{square(46.11, 39.6, 0.01), ""},
			// Paris: a report a data officer must look at, not refuse (the
			// service area is a box; a border area may lie just outside it).
			{square(2.3, 48.8, 0.01), "outside_service_area"},
		} {
			r := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(c.geom, hazardProps("2024-05-02"))})
			var codes []string
			for _, w := range r.Warnings {
				if w.Code == c.code && c.code != "outside_service_area" && !strings.Contains(w.Reason, hid) {
					t.Errorf("%s warning does not name %s: %s", w.Code, hid, w.Reason)
				}
				codes = append(codes, w.Code)
			}
			if want := []string{c.code}; c.code == "" && len(codes) != 0 || c.code != "" && !slices.Equal(codes, want) {
				t.Errorf("a hazard at %s: warnings %v, want %q", c.geom, codes, c.code)
			}
		}
	})
}

// TestMovedWarning: a change that moves a hazard clear of its outline and
// more than a kilometre away is entered with a warning giving the distance
// (60.1 km here, as GeodSolve -i gives it between the centres: 60119 m;
// the review moved one about as far); a re-survey that shifts it by
// a few metres is not.
func TestMovedWarning(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-05-01")
		for _, c := range []struct {
			geom string
			want bool
		}{
			{square(46.8, 39.6, 0.01), true},
			{square(46.10005, 39.6, 0.01), false},
		} {
			r := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: hid, Version: 1,
				Feature: feature(c.geom, hazardProps("2024-05-02"))})
			var got []mineaction.Warning
			for _, w := range r.Warnings {
				if w.Code == "moved" {
					got = append(got, w)
				}
			}
			if c.want && (len(got) != 1 || !strings.Contains(got[0].Reason, "lies 60.1 km") || !strings.Contains(got[0].Reason, hid)) {
				t.Errorf("moved 0.7° east: warnings %+v, want one \"moved\" giving 60.1 km and %s", r.Warnings, hid)
			}
			if !c.want && len(got) != 0 {
				t.Errorf("shifted a few metres: %+v, want no \"moved\" warning", got)
			}
		}
	})
}
