package workflow_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// TestConcurrentActivitiesOnFewHazards has 8 goroutines approve activities
// on the same three hazards at once, with overlapping outcomes of every
// kind, out of date order (so some approvals append to a hazard's
// accounting and others rebuild it), finds riding in some of them, and
// each goroutine undoing and approving again one of its approvals; then
// each moves one of its activities to another hazard (an approval that
// rebuilds two hazards) while undoing another. Every
// approval and undo must succeed; each hazard's releases, credits and
// figures must equal, to the bit, a rebuild from scratch of what was
// approved; verify must pass; and on PostgreSQL no transaction may have
// been re-run, that is, no deadlock happened.
func TestConcurrentActivitiesOnFewHazards(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		corners := [][2]float64{{46.10, 39.60}, {46.13, 39.60}, {46.10, 39.63}}
		var hazards []string
		for _, c := range corners {
			hazards = append(hazards, e.newHazard(square(c[0], c[1], 0.02), "2021-01-01"))
		}
		const writers, each = 8, 6
		rng := rand.New(rand.NewPCG(7, 11))
		reports := make([][]*mineaction.Report, writers)
		for w := range writers {
			for i := range each {
				h := (w + i) % len(hazards)
				reports[w] = append(reports[w], e.submit(storetest.Editor, stressActivity(rng, hazards[h], corners[h])))
			}
		}
		run := func(work func(w int) error) {
			start := make(chan struct{})
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					errs <- work(w)
				}()
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
		}
		run(func(w int) error { return stressWriter(e, reports[w]) })
		if t.Failed() {
			return
		}
		// Then each moves one of its activities to the next hazard while
		// undoing another: approvals that lock two hazards at once.
		moves := make([]*mineaction.Report, writers)
		for w := range writers {
			r := e.report(reports[w][2].ID)
			h := (w + 3) % len(hazards)
			in := stressActivity(rng, hazards[h], corners[h])
			in.RecordID, in.Version = r.RecordHID, 1
			moves[w] = e.submit(storetest.Editor, in)
		}
		run(func(w int) error {
			if _, err := e.svc.Approve(e.ctx, storetest.Verifier, moves[w].ID, 0); err != nil {
				return fmt.Errorf("approve move %d: %w", moves[w].ID, err)
			}
			if _, err := e.svc.Undo(e.ctx, storetest.Verifier, reports[w][3].ID, 0); err != nil {
				return fmt.Errorf("undo report %d: %w", reports[w][3].ID, err)
			}
			return nil
		})
		if t.Failed() {
			return
		}
		for _, hid := range hazards {
			stored, rebuilt := e.accounting(hid, false), e.accounting(hid, true)
			if !reflect.DeepEqual(stored, rebuilt) {
				t.Errorf("%s after concurrent approvals:\n stored  %+v\n rebuilt %+v", hid, stored, rebuilt)
			}
			if len(stored.Releases) == 0 {
				t.Errorf("%s: no releases", hid)
			}
		}
		rep, err := verify.Run(e.ctx, e.store)
		if err != nil || !rep.OK() {
			t.Fatalf("verify: %v %v", err, rep.Problems)
		}
		if want := writers * (each - 1); e.count(mineaction.TypeActivity) != want {
			t.Errorf("%d current activities, want %d", e.count(mineaction.TypeActivity), want)
		}
		if pg, ok := e.store.(*postgres.Store); ok && pg.Retries() != 0 {
			t.Errorf("%d transactions were run again after a deadlock", pg.Retries())
		}
	})
}

// stressWriter approves its reports in turn, then undoes its second
// approval and approves the report again.
func stressWriter(e *env, reports []*mineaction.Report) error {
	for _, r := range reports {
		if _, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0); err != nil {
			return fmt.Errorf("approve report %d: %w", r.ID, err)
		}
	}
	r := reports[1]
	if _, err := e.svc.Undo(e.ctx, storetest.Verifier, r.ID, 0); err != nil {
		return fmt.Errorf("undo report %d: %w", r.ID, err)
	}
	if _, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0); err != nil {
		return fmt.Errorf("approve report %d again: %w", r.ID, err)
	}
	return nil
}

// stressActivity is an activity on hazard hid (whose south-west corner is
// c) releasing one or two random squares, some of them outside the hazard,
// dated at random in 2021, with a find one time in three.
func stressActivity(rng *rand.Rand, hid string, c [2]float64) workflow.Input {
	day := mineaction.DateOf(time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(60)))
	typ := []string{"nts", "ts", "clearance"}[rng.IntN(3)]
	kinds := map[string][]string{"nts": {"cancelled"}, "ts": {"reduced", "cleared"}, "clearance": {"cleared"}}[typ]
	var outs []map[string]any
	for range 1 + rng.IntN(2) {
		x, y := c[0]-0.002+rng.Float64()*0.02, c[1]-0.002+rng.Float64()*0.02
		outs = append(outs, outcome(kinds[rng.IntN(len(kinds))], square(x, y, 0.003+rng.Float64()*0.005)))
	}
	p := activityProps(hid, typ, string(day), outs...)
	if rng.IntN(3) == 0 {
		p["finds"] = []map[string]any{{"ordnance": "PMN-2", "quantity": 1 + rng.IntN(3)}}
	}
	return workflow.Input{RecordType: "activity", Submit: true, Feature: feature("null", p)}
}

// report reads a report as the verifier.
func (e *env) report(id int64) *mineaction.Report {
	e.t.Helper()
	r, err := e.svc.Report(e.ctx, storetest.Verifier, id)
	if err != nil {
		e.t.Fatalf("report %d: %v", id, err)
	}
	return r
}

// hazardAccounting is what the land release accounting stores for a hazard.
type hazardAccounting struct {
	Figures  *mineaction.Figures
	Credits  []mineaction.Credit
	Releases []*mineaction.Release
}

// errRollBack ends a transaction that only computed something.
var errRollBack = errors.New("roll back")

// accounting reads a hazard's stored accounting, or with rebuild, the
// accounting landrelease.Rebuild makes from scratch (in a transaction that
// is then rolled back).
func (e *env) accounting(hid string, rebuild bool) hazardAccounting {
	e.t.Helper()
	var out hazardAccounting
	err := e.store.Update(e.ctx, func(tx mineaction.Tx) error {
		h, err := tx.RecordByHID(e.ctx, hid)
		if err != nil {
			return err
		}
		if rebuild {
			if err := landrelease.Rebuild(e.ctx, tx, h.ID); err != nil {
				return err
			}
		}
		out = hazardAccounting{}
		if out.Figures, err = tx.Figures(e.ctx, h.ID); err != nil {
			return err
		}
		if out.Credits, err = tx.CreditsOfHazard(e.ctx, h.ID); err != nil {
			return err
		}
		if out.Releases, err = tx.ReleasesOfHazard(e.ctx, h.ID); err != nil {
			return err
		}
		for _, r := range out.Releases {
			r.ID = 0 // a rebuild inserts the same releases anew
		}
		return errRollBack
	})
	if !errors.Is(err, errRollBack) {
		e.t.Fatalf("accounting of %s: %v", hid, err)
	}
	return out
}
