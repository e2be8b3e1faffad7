package workflow_test

import (
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// TestApproveUndoRepeatedly approves, undoes and approves again, three
// times over, a report that creates a hazard and one that creates an
// activity releasing part of it with finds riding in it. Each new approval
// creates new records (a new approval of a new record makes a new one);
// each undo must undo what the latest approval made, not trip on what an
// earlier, already undone approval made. The figures and `verify` are
// checked at every step.
func TestApproveUndoRepeatedly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		check := func(step string) {
			t.Helper()
			rep, err := verify.Run(e.ctx, e.store)
			if err != nil {
				t.Fatalf("%s: verify: %v", step, err)
			}
			if !rep.OK() {
				t.Fatalf("%s: verify: %v", step, rep.Problems)
			}
		}
		undo := func(step string, r *mineaction.Report) *mineaction.Report {
			t.Helper()
			out, err := e.svc.Undo(e.ctx, storetest.Verifier, r.ID, 0)
			if err != nil {
				t.Fatalf("%s: undo report %d: %v", step, r.ID, err)
			}
			check(step)
			return out
		}

		// The hazard: a new record each time it is approved.
		hr := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(square(46.1, 39.6, 0.01), hazardProps("2024-01-01"))})
		var hid string
		var whole *mineaction.Figures
		for i, want := range []string{"HA-000001", "HA-000002", "HA-000003"} {
			a := e.approve(hr)
			if a.RecordHID != want {
				t.Fatalf("approval %d made %s, want %s", i+1, a.RecordHID, want)
			}
			check("hazard approved")
			if n := e.count(mineaction.TypeHazard); n != 1 {
				t.Fatalf("approval %d: %d hazards, want 1", i+1, n)
			}
			if i == 2 {
				hid, whole = a.RecordHID, e.figures(a.RecordHID)
				break
			}
			undo("hazard undone", a)
			if n := e.count(mineaction.TypeHazard); n != 0 {
				t.Fatalf("undo %d: %d hazards, want 0", i+1, n)
			}
		}

		// The activity clears the western half of the hazard and finds two
		// mines there.
		props := activityProps(hid, "clearance", "2024-05-01", outcome("cleared", square2(46.1, 39.6, 0.005, 0.01)))
		props["finds"] = []map[string]any{{"ordnance": "PMN-2", "quantity": 2}}
		ar := e.submit(storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature(square(46.1, 39.6, 0.01), props)})
		for i := 0; i < 3; i++ {
			a := e.approve(ar)
			check("activity approved")
			f := e.figures(hid)
			if f.ClearedM2 < 0.49*whole.OriginalM2 || f.ClearedM2 > 0.51*whole.OriginalM2 || f.RemainingM2 >= whole.RemainingM2 {
				t.Fatalf("approval %d: figures %+v, want half of %+v cleared", i+1, f, whole)
			}
			if n, m := e.count(mineaction.TypeActivity), e.count(mineaction.TypeFind); n != 1 || m != 1 {
				t.Fatalf("approval %d: %d activities and %d finds, want 1 and 1", i+1, n, m)
			}
			undo("activity undone", a)
			if f := e.figures(hid); f.ClearedM2 != 0 || f.RemainingM2 != whole.RemainingM2 {
				t.Fatalf("undo %d: figures %+v, want %+v", i+1, f, whole)
			}
			if n, m := e.count(mineaction.TypeActivity), e.count(mineaction.TypeFind); n != 0 || m != 0 {
				t.Fatalf("undo %d: %d activities and %d finds, want none", i+1, n, m)
			}
		}

		// The hazard's third approval can be undone too, and approved again.
		undo("hazard undone again", &mineaction.Report{ID: hr.ID})
		if n := e.count(mineaction.TypeHazard); n != 0 {
			t.Fatalf("%d hazards after the last undo, want 0", n)
		}
		if a := e.approve(hr); a.RecordHID != "HA-000004" {
			t.Fatalf("fourth approval made %s", a.RecordHID)
		}
		check("hazard approved a fourth time")
	})
}
