package workflow_test

import (
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

func TestStagedReportChangesNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		r, err := e.svc.CreateReport(e.ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(square(46.1, 39.6, 0.01), hazardProps("2024-01-01"))})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != mineaction.StatusStaged {
			t.Fatalf("status %s, want staged", r.Status)
		}
		if n := e.count(mineaction.TypeHazard); n != 0 {
			t.Fatalf("%d hazards after staging, want 0", n)
		}
		if _, err := e.svc.Submit(e.ctx, storetest.Editor, r.ID, r.Revision); err != nil {
			t.Fatal(err)
		}
		if n := e.count(mineaction.TypeHazard); n != 0 {
			t.Fatalf("%d hazards after submitting, want 0", n)
		}
	})
}

func TestApproveRejectUndo(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		r := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(square(46.1, 39.6, 0.01), hazardProps("2024-01-01"))})
		if _, err := e.svc.Approve(e.ctx, storetest.Editor, r.ID, 0); kindOf(err) != mineaction.KindForbidden {
			t.Fatalf("editor approving: %v, want forbidden", err)
		}
		a := e.approve(r)
		if a.RecordHID != "HA-000001" || a.ResultVersion != 1 {
			t.Fatalf("approved as %s v%d", a.RecordHID, a.ResultVersion)
		}
		if n := e.count(mineaction.TypeHazard); n != 1 {
			t.Fatalf("%d hazards, want 1", n)
		}
		f := e.figures("HA-000001")
		if f.OriginalM2 < 9e5 || f.OriginalM2 > 1e6 || f.RemainingM2 != f.OriginalM2 {
			t.Fatalf("figures %+v", f)
		}

		// An update that is rejected changes nothing.
		props := hazardProps("2024-03-01")
		props["status"] = "worked_on"
		u := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: "HA-000001", Version: 1, Feature: feature(square(46.1, 39.6, 0.02), props)})
		if _, err := e.svc.Reject(e.ctx, storetest.Verifier, u.ID, 0, ""); kindOf(err) != mineaction.KindInvalid {
			t.Fatalf("reject without reason: %v", err)
		}
		if _, err := e.svc.Reject(e.ctx, storetest.Verifier, u.ID, 0, "polygon does not match the sketch"); err != nil {
			t.Fatal(err)
		}
		if got := e.record("HA-000001"); got.Version != 1 || got.Index.Status != "open" {
			t.Fatalf("after rejection: v%d %s", got.Version, got.Index.Status)
		}

		// Approved, it becomes version 2; undone, version 1 is back.
		u2 := e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: "HA-000001", Version: 1, Feature: feature(square(46.1, 39.6, 0.02), props)}))
		if got := e.record("HA-000001"); got.Version != 2 || got.Index.Status != "worked_on" {
			t.Fatalf("after update: v%d %s", got.Version, got.Index.Status)
		}
		if f2 := e.figures("HA-000001"); f2.OriginalM2 < 3.9*f.OriginalM2 {
			t.Fatalf("bigger polygon, figures %+v", f2)
		}
		if _, err := e.svc.Undo(e.ctx, storetest.Verifier, u2.ID, 0); err != nil {
			t.Fatal(err)
		}
		got := e.record("HA-000001")
		if got.Version != 1 || got.Index.Status != "open" {
			t.Fatalf("after undo: v%d %s", got.Version, got.Index.Status)
		}
		if f3 := e.figures("HA-000001"); f3.OriginalM2 != f.OriginalM2 || f3.RemainingM2 != f.RemainingM2 {
			t.Fatalf("figures after undo %+v, want %+v", f3, f)
		}
	})
}
