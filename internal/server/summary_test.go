package server_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestDemoSummary builds the small demo through the workflow and reads the
// national figures over HTTP as the curl does: as of 2024-06-10 the
// contaminated share lies between 11.5% and 13% and casualties since the
// ceasefire are 361, 68 killed; by 2024-09-30, 377 and 69. The figures come
// out of the records through the normal computation.
func TestDemoSummary(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newEmptyServer(t, open)
		ctx := context.Background()
		wf := workflow.New(ts.store, workflow.Config{})
		if _, err := demo.Build(ctx, ts.store, wf, demo.Options{Seed: 1, Scale: demo.Small}); err != nil {
			t.Fatal(err)
		}
		tok, _, err := auth.NewService(ts.store, auth.Config{}).CreateToken(ctx, "test", "viewer", "t", nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ts.tokens["viewer"] = tok
		for _, c := range []struct {
			asOf            string
			total, killed   int64
			minShare, maxSh float64
		}{
			{"2024-06-10", 361, 68, 0.115, 0.13},
			{"2024-09-30", 377, 69, 0.115, 0.13},
		} {
			res := ts.do("viewer", "GET", "/api/v1/summary?as_of="+c.asOf+"&since=2020-11-10", nil)
			if res.status != 200 {
				t.Fatalf("summary: %d %s", res.status, res.body)
			}
			var s struct {
				AsOf              string  `json:"as_of"`
				TerritoryM2       float64 `json:"territory_m2"`
				ContaminatedShare float64 `json:"contaminated_share"`
				Hazards           struct {
					Count       int     `json:"count"`
					OriginalM2  float64 `json:"original_m2"`
					CancelledM2 float64 `json:"cancelled_m2"`
					ReducedM2   float64 `json:"reduced_m2"`
					ClearedM2   float64 `json:"cleared_m2"`
					RemainingM2 float64 `json:"remaining_m2"`
				} `json:"hazards"`
				Casualties struct{ Total, Killed, Injured int64 } `json:"casualties"`
				Finds      struct{ Items int64 }                  `json:"finds"`
			}
			json.Unmarshal(res.body, &s)
			if s.ContaminatedShare < c.minShare || s.ContaminatedShare > c.maxSh {
				t.Errorf("as of %s: contaminated share %.4f, want %.3f..%.3f", c.asOf, s.ContaminatedShare, c.minShare, c.maxSh)
			}
			if s.Casualties.Total != c.total || s.Casualties.Killed != c.killed || s.Casualties.Injured != c.total-c.killed {
				t.Errorf("as of %s: casualties %+v, want %d of whom %d killed", c.asOf, s.Casualties, c.total, c.killed)
			}
			h := s.Hazards
			if d := h.OriginalM2 - (h.CancelledM2 + h.ReducedM2 + h.ClearedM2 + h.RemainingM2); math.Abs(d) > 1 {
				t.Errorf("as of %s: national figures do not balance by %.3f m²", c.asOf, d)
			}
			if math.Abs(s.ContaminatedShare-h.RemainingM2/s.TerritoryM2) > 1e-12 || h.Count == 0 || s.Finds.Items == 0 {
				t.Errorf("as of %s: inconsistent summary %+v", c.asOf, s)
			}
		}
	})
}
