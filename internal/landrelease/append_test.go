package landrelease_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestAppendEqualsRebuild approves activities in date order, so that each
// is accounted incrementally, and checks that a full rebuild of every
// hazard gives bit-for-bit the same figures, releases and credits.
func TestAppendEqualsRebuild(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ctx := context.Background()
		s := open(t)
		storetest.Seed(t, s)
		wf := workflow.New(s, workflow.Config{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
		rng := rand.New(rand.NewPCG(9, 9))
		var ins []workflow.Input
		for i := 0; i < 3; i++ {
			ins = append(ins, workflow.Input{RecordType: "hazard", Feature: feature(randomPolygon(rng, 46.2+0.1*float64(i), 39.8, 0.03), map[string]any{
				"organisation": "OPA", "date_of_information": "2021-01-01", "category": "CHA", "status": "open", "hazard_type": "minefield", "eo_confirmed": []string{"ap_mine"}})})
		}
		if _, err := wf.SubmitAndApprove(ctx, storetest.Editor, storetest.Admin, ins); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 30; i++ {
			h := i % 3
			g := randomPolygon(rng, 46.2+0.1*float64(h)+0.03*(rng.Float64()-0.5), 39.8+0.03*(rng.Float64()-0.5), 0.004+0.01*rng.Float64())
			day := fmt.Sprintf("2022-%02d-%02d", 1+i/3, 1+i%28)
			r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "activity", Submit: true, Feature: feature(nil, map[string]any{
				"organisation": "OPA", "date_of_information": day, "activity_type": "clearance", "status": "completed",
				"hazard": mineaction.FormatHID(mineaction.TypeHazard, int64(h+1)), "end_date": day,
				"outcomes": []map[string]any{{"kind": "cleared", "geometry": json.RawMessage(geo.MarshalGeoJSON(g))}}})})
			if mineaction.ErrorKind(err) == mineaction.KindInvalid {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
				t.Fatal(err)
			}
		}
		type snap struct {
			figs    map[int64]mineaction.Figures
			credits map[int64][]mineaction.Credit
		}
		take := func(tx mineaction.Tx) snap {
			sn := snap{map[int64]mineaction.Figures{}, map[int64][]mineaction.Credit{}}
			for id := int64(1); id <= 3; id++ {
				f, err := tx.Figures(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				sn.figs[id] = *f
				if sn.credits[id], err = tx.CreditsOfHazard(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			return sn
		}
		var before snap
		s.View(ctx, func(tx mineaction.Tx) error { before = take(tx); return nil })
		err := s.Update(ctx, func(tx mineaction.Tx) error {
			for id := int64(1); id <= 3; id++ {
				if err := landrelease.Rebuild(ctx, tx, id); err != nil {
					return err
				}
			}
			after := take(tx)
			for id := int64(1); id <= 3; id++ {
				b, a := before.figs[id], after.figs[id]
				if b.OriginalM2 != a.OriginalM2 || b.CancelledM2 != a.CancelledM2 || b.ReducedM2 != a.ReducedM2 ||
					b.ClearedM2 != a.ClearedM2 || b.RemainingM2 != a.RemainingM2 || string(geo.MarshalWKB(b.Remaining)) != string(geo.MarshalWKB(a.Remaining)) {
					t.Errorf("hazard %d: incremental %+v, rebuilt %+v", id, b, a)
				}
				if len(before.credits[id]) != len(after.credits[id]) {
					t.Errorf("hazard %d: %d credits incrementally, %d rebuilt", id, len(before.credits[id]), len(after.credits[id]))
					continue
				}
				for i := range after.credits[id] {
					if before.credits[id][i] != after.credits[id][i] {
						t.Errorf("hazard %d credit %d: %+v vs %+v", id, i, before.credits[id][i], after.credits[id][i])
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if before.figs[1].ClearedM2 == 0 {
			t.Fatal("nothing was cleared: the test exercised nothing")
		}
	})
}
