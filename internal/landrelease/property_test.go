package landrelease_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// randomPolygon returns a star-shaped polygon around (x, y).
func randomPolygon(rng *rand.Rand, x, y, r float64) geo.Polygon {
	n := 5 + rng.IntN(25)
	var ring geo.Ring
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		rr := r * (0.3 + 0.7*rng.Float64())
		ring = append(ring, geo.Point{X: x + rr*math.Cos(a), Y: y + rr*math.Sin(a)})
	}
	return geo.Polygon{append(ring, ring[0])}
}

func feature(g geo.Geometry, props map[string]any) json.RawMessage {
	p, _ := json.Marshal(props)
	return json.RawMessage(`{"type":"Feature","geometry":` + string(geo.AppendGeoJSON(nil, g)) + `,"properties":` + string(p) + `}`)
}

type fig struct{ o, c, r, cl, rem float64 }

func figuresOf(t *testing.T, s mineaction.Store) map[string]fig {
	t.Helper()
	ctx := context.Background()
	out := map[string]fig{}
	err := s.View(ctx, func(tx mineaction.Tx) error {
		hs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, WithFigures: true})
		if err != nil {
			return err
		}
		for _, h := range hs {
			f := h.Figures
			out[h.HID] = fig{f.OriginalM2, f.CancelledM2, f.ReducedM2, f.ClearedM2, f.RemainingM2}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRandomOverlappingReleases approves hazards and many overlapping,
// spilling releases in random order, then checks the identity on every
// hazard, that each figure matches a recomputation, and that undoing the
// approvals one by one, latest first, returns every figure to exactly its
// earlier value.
func TestRandomOverlappingReleases(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ctx := context.Background()
		s := open(t)
		storetest.Seed(t, s)
		wf := workflow.New(s, workflow.Config{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
		rng := rand.New(rand.NewPCG(42, 7))
		const hazards = 6
		var centres [hazards][2]float64
		for i := range centres {
			centres[i] = [2]float64{46.1 + 0.1*float64(i), 39.8}
			r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Submit: true,
				Feature: feature(randomPolygon(rng, centres[i][0], centres[i][1], 0.03), map[string]any{
					"organisation": "OPA", "date_of_information": "2021-01-01", "category": "SHA", "status": "open", "hazard_type": "minefield"})})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
				t.Fatal(err)
			}
		}
		kinds := map[string]string{"nts": "cancelled", "ts": "reduced", "clearance": "cleared"}
		types := []string{"nts", "ts", "clearance"}
		type step struct {
			report int64
			before map[string]fig
		}
		var steps []step
		for i := 0; i < 40; i++ {
			h := rng.IntN(hazards)
			typ := types[rng.IntN(3)]
			var outcomes []map[string]any
			for k := 0; k < 1+rng.IntN(3); k++ {
				// Releases overlap each other and often spill over the edge.
				c := centres[h]
				g := randomPolygon(rng, c[0]+0.04*(rng.Float64()-0.5), c[1]+0.04*(rng.Float64()-0.5), 0.005+0.02*rng.Float64())
				outcomes = append(outcomes, map[string]any{"kind": kinds[typ], "geometry": json.RawMessage(geo.MarshalGeoJSON(g))})
			}
			day := fmt.Sprintf("2022-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
			in := workflow.Input{RecordType: "activity", Submit: true, Feature: feature(nil, map[string]any{
				"organisation": "OPA", "date_of_information": day, "activity_type": typ, "status": "completed",
				"hazard": mineaction.FormatHID(mineaction.TypeHazard, int64(h+1)), "end_date": day, "outcomes": outcomes})}
			r, err := wf.CreateReport(ctx, storetest.Editor, in)
			if mineaction.ErrorKind(err) == mineaction.KindInvalid {
				continue // every outcome fell outside the hazard: refused, as it should be
			}
			if err != nil {
				t.Fatal(err)
			}
			before := figuresOf(t, s)
			if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, step{r.ID, before})
		}
		final := figuresOf(t, s)
		released := 0.0
		for hid, f := range final {
			sum := f.c + f.r + f.cl + f.rem
			if d := math.Abs(f.o - sum); d > landrelease.Tolerance(f.o) {
				t.Errorf("%s: original %.6f != %.6f (diff %.3g m²)", hid, f.o, sum, d)
			}
			released += f.c + f.r + f.cl
		}
		if released == 0 {
			t.Fatal("nothing was released: the test did not exercise the accounting")
		}
		// Undo latest first: every figure returns exactly to its earlier value.
		for i := len(steps) - 1; i >= 0; i-- {
			if _, err := wf.Undo(ctx, storetest.Verifier, steps[i].report, 0); err != nil {
				t.Fatal(err)
			}
			now := figuresOf(t, s)
			for hid, want := range steps[i].before {
				if got := now[hid]; got != want {
					t.Fatalf("after undoing report %d, %s figures %+v, want exactly %+v", steps[i].report, hid, got, want)
				}
			}
		}
	})
}
