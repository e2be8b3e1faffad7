package tiles_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/tiles"
	"mineaction/internal/tiles/mvt"
	"mineaction/internal/workflow"
)

func hazard(x, y, d float64, status string) workflow.Input {
	return workflow.Input{RecordType: "hazard", Feature: []byte(fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":`+
		`[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]},"properties":{"organisation":"OPA","date_of_information":"2024-01-01",`+
		`"category":"SHA","status":"%s","hazard_type":"minefield"}}`, x, y, x+d, y, x+d, y+d, x, y+d, x, y, status))}
}

// TestInvalidationByBox: on every store, an approval re-renders only the
// cached tiles it touches. A tile elsewhere is served from the cache
// (nothing is rendered); the tile of a hazard that moved is re-rendered
// at its old place and at its new one; and a tile asked for afresh is
// rendered whatever the cache holds.
func TestInvalidationByBox(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		s := open(t)
		storetest.Seed(t, s)
		clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		wf := workflow.New(s, workflow.Config{Now: func() time.Time { return clock }})
		ctx := context.Background()
		approve := func(ins ...workflow.Input) []*mineaction.Report {
			t.Helper()
			reps, err := wf.SubmitAndApprove(ctx, storetest.Editor, storetest.Admin, ins)
			if err != nil {
				t.Fatal(err)
			}
			return reps
		}
		first := approve(hazard(46.10, 39.60, 0.01, "open"), hazard(46.80, 40.30, 0.01, "open"))
		svc := tiles.New(tiles.Config{Store: s})
		west := mvt.TileRange(first[0].Geometry.Bounds(), 12)
		east := mvt.TileRange(first[1].Geometry.Bounds(), 12)
		get := func(r mvt.Range, fresh bool) *tiles.Tile {
			t.Helper()
			tile, err := svc.Get(ctx, storetest.Viewer, tiles.Request{Layers: []string{tiles.LayerHazards}, Z: 12, X: r.MinX, Y: r.MinY, Fresh: fresh})
			if err != nil {
				t.Fatal(err)
			}
			return tile
		}
		w0, e0 := get(west, false), get(east, false)
		if len(w0.Data) == 0 || len(e0.Data) == 0 || svc.Renders() != 2 {
			t.Fatalf("first tiles: %d and %d bytes, %d renders", len(w0.Data), len(e0.Data), svc.Renders())
		}
		if get(west, false); svc.Renders() != 2 {
			t.Fatal("a repeated tile was rendered again")
		}
		// Another hazard in the east: the west tile stays cached.
		approve(hazard(46.805, 40.305, 0.002, "open"))
		if w := get(west, false); svc.Renders() != 2 || !bytes.Equal(w.Data, w0.Data) {
			t.Errorf("an approval far away re-rendered the west tile (%d renders)", svc.Renders())
		}
		if e := get(east, false); svc.Renders() != 3 || bytes.Equal(e.Data, e0.Data) {
			t.Errorf("the east tile was not re-rendered after an approval in it (%d renders)", svc.Renders())
		}
		// The west hazard moves east: both tiles change.
		upd := hazard(46.81, 40.31, 0.01, "worked_on")
		upd.RecordID, upd.Version = first[0].RecordHID, 1
		upd.Feature = bytes.Replace(upd.Feature, []byte("2024-01-01"), []byte("2024-02-01"), 1)
		approve(upd)
		before := svc.Renders()
		if w := get(west, false); svc.Renders() != before+1 || len(w.Data) != 0 {
			t.Errorf("the west tile still shows the hazard that moved away (%d bytes, %d renders)", len(w.Data), svc.Renders()-before)
		}
		get(east, false)
		if svc.Renders() != before+2 {
			t.Error("the east tile was not re-rendered after the hazard moved into it")
		}
		get(east, true)
		if svc.Renders() != before+3 {
			t.Error("a fresh request was served from the cache")
		}
	})
}
