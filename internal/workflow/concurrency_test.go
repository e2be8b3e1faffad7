package workflow_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// TestConcurrentApprovals has 8 goroutines each create, submit and approve
// hazards at once. Every approval must succeed, the human ids must be
// distinct and gapless, and the audit chain must come out whole: verify
// walks it and checks every version against it.
func TestConcurrentApprovals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		const writers, each = 8, 4
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		hids := make(chan string, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := range each {
					x, y := 46.05+0.1*float64(w), 39.55+0.1*float64(i)
					in := workflow.Input{RecordType: "hazard", Submit: true, Feature: feature(square(x, y, 0.01), hazardProps("2024-01-01"))}
					r, err := e.svc.CreateReport(e.ctx, storetest.Editor, in)
					if err != nil {
						errs <- fmt.Errorf("writer %d: create: %w", w, err)
						return
					}
					a, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0)
					if err != nil {
						errs <- fmt.Errorf("writer %d: approve report %d: %w", w, r.ID, err)
						return
					}
					hids <- a.RecordHID
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		close(hids)
		for err := range errs {
			t.Error(err)
		}
		var got []string
		for h := range hids {
			got = append(got, h)
		}
		sort.Strings(got)
		for i, h := range got {
			if want := mineaction.FormatHID(mineaction.TypeHazard, int64(i+1)); h != want {
				t.Fatalf("human ids %v: %s where %s was expected", got, h, want)
			}
		}
		if len(got) != writers*each {
			t.Fatalf("%d approvals, want %d", len(got), writers*each)
		}
		rep, err := verify.Run(e.ctx, e.store)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Fatalf("verify: %v", rep.Problems)
		}
		// One create and one approval per report.
		if rep.AuditEntries != 2*writers*each || rep.Versions != writers*each {
			t.Errorf("verify saw %d audit entries and %d versions, want %d and %d",
				rep.AuditEntries, rep.Versions, 2*writers*each, writers*each)
		}
	})
}

// TestConcurrentUpdatesOfOneRecord approves two updates of the same hazard
// version at once: one must win and the other get a conflict, never both
// succeed.
func TestConcurrentUpdatesOfOneRecord(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-01-01")
		var reports []*mineaction.Report
		for i, status := range []string{"worked_on", "closed"} {
			p := hazardProps(fmt.Sprintf("2024-02-0%d", i+1))
			p["status"] = status
			reports = append(reports, e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: hid, Version: 1,
				Feature: feature(square(46.1, 39.6, 0.02), p)}))
		}
		start := make(chan struct{})
		errs := make([]error, len(reports))
		var wg sync.WaitGroup
		for i, r := range reports {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				verifier := storetest.Verifier
				if i == 1 {
					verifier = storetest.Verifier2
				}
				_, errs[i] = e.svc.Approve(e.ctx, verifier, r.ID, 0)
			}()
		}
		close(start)
		wg.Wait()
		won := -1
		for i, err := range errs {
			switch {
			case err == nil && won >= 0:
				t.Fatalf("both approvals succeeded")
			case err == nil:
				won = i
			case kindOf(err) != mineaction.KindConflict:
				t.Fatalf("approval %d: %v, want a conflict", i, err)
			}
		}
		if won < 0 {
			t.Fatalf("no approval succeeded: %v", errs)
		}
		got := e.record(hid)
		if want := []string{"worked_on", "closed"}[won]; got.Version != 2 || got.Index.Status != want {
			t.Errorf("record after the race: v%d %s, want v2 %s", got.Version, got.Index.Status, want)
		}
		loser, err := e.svc.Report(e.ctx, storetest.Verifier, reports[1-won].ID)
		if err != nil {
			t.Fatal(err)
		}
		if loser.Status != mineaction.StatusSubmitted {
			t.Errorf("the losing report is %s, want still submitted", loser.Status)
		}
		if rep, err := verify.Run(e.ctx, e.store); err != nil || !rep.OK() {
			t.Fatalf("verify: %v %v", err, rep)
		}
	})
}

// TestConcurrentApprovalsOfOneReport has two verifiers approve the same
// report at once: exactly one approval must succeed, and the other get a
// conflict, so the report creates one record, not two.
func TestConcurrentApprovalsOfOneReport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		r := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(square(46.1, 39.6, 0.01), hazardProps("2024-01-01"))})
		errs := race(func() error { _, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0); return err },
			func() error { _, err := e.svc.Approve(e.ctx, storetest.Verifier2, r.ID, 0); return err })
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("approvals of one report at once: %v, want one success and one conflict", errs)
		}
		for _, err := range errs {
			if err != nil && kindOf(err) != mineaction.KindConflict {
				t.Errorf("the losing approval: %v, want a conflict", err)
			}
		}
		if n := e.count(mineaction.TypeHazard); n != 1 {
			t.Errorf("%d hazards, want 1", n)
		}
	})
}

// TestConcurrentRemovalAndLink approves, at once, the removal of a hazard
// and an activity on it: the hazard must not end up removed with a current
// activity linking to it. One of the two fails with a conflict.
func TestConcurrentRemovalAndLink(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		for range 5 {
			hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-01-01")
			removal := e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", RecordID: hid, Version: 1, Delete: true,
				Feature: feature(square(46.1, 39.6, 0.01), hazardProps("2024-03-01"))})
			act := e.submit(storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature("null",
				activityProps(hid, "clearance", "2024-02-01", outcome("cleared", square(46.1, 39.6, 0.005))))})
			errs := race(func() error { _, err := e.svc.Approve(e.ctx, storetest.Verifier, removal.ID, 0); return err },
				func() error { _, err := e.svc.Approve(e.ctx, storetest.Verifier2, act.ID, 0); return err })
			if (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("removal and link at once: %v, want one success and one conflict", errs)
			}
			for _, err := range errs {
				if err != nil && kindOf(err) != mineaction.KindConflict {
					t.Errorf("the losing approval: %v, want a conflict", err)
				}
			}
		}
		if rep, err := verify.Run(e.ctx, e.store); err != nil || !rep.OK() {
			t.Fatalf("verify: %v %v", err, rep)
		}
	})
}

// race runs the functions at once and returns their errors.
func race(fs ...func() error) []error {
	errs := make([]error, len(fs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = f()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}
