package workflow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// env is a seeded store with a workflow service and a fixed clock.
type env struct {
	t     testing.TB
	ctx   context.Context
	store mineaction.Store
	svc   *workflow.Service
}

func newEnv(t testing.TB, open func(testing.TB) mineaction.Store) *env {
	s := open(t)
	storetest.Seed(t, s)
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	svc := workflow.New(s, workflow.Config{Now: func() time.Time { return clock }})
	return &env{t: t, ctx: context.Background(), store: s, svc: svc}
}

// square returns a GeoJSON polygon of a square with lower-left corner
// (x, y) and side d degrees.
func square(x, y, d float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}`,
		x, y, x+d, y, x+d, y+d, x, y+d, x, y)
}

func feature(geom string, props map[string]any) json.RawMessage {
	p, _ := json.Marshal(props)
	if geom == "" {
		geom = "null"
	}
	return json.RawMessage(`{"type":"Feature","geometry":` + geom + `,"properties":` + string(p) + `}`)
}

func hazardProps(doi string) map[string]any {
	return map[string]any{"organisation": "OPA", "date_of_information": doi, "category": "CHA", "status": "open",
		"hazard_type": "minefield", "eo_confirmed": []string{"ap_mine"}}
}

// submit creates a submitted report as the editor and fails the test on error.
func (e *env) submit(c auth.Caller, in workflow.Input) *mineaction.Report {
	e.t.Helper()
	in.Submit = true
	r, err := e.svc.CreateReport(e.ctx, c, in)
	if err != nil {
		e.t.Fatalf("create report: %v", err)
	}
	return r
}

func (e *env) approve(r *mineaction.Report) *mineaction.Report {
	e.t.Helper()
	out, err := e.svc.Approve(e.ctx, storetest.Verifier, r.ID, 0)
	if err != nil {
		e.t.Fatalf("approve report %d: %v", r.ID, err)
	}
	return out
}

// newHazard creates and approves a hazard, returning its human id.
func (e *env) newHazard(geom, doi string) string {
	e.t.Helper()
	r := e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "hazard", Feature: feature(geom, hazardProps(doi))}))
	return r.RecordHID
}

func (e *env) record(hid string) *mineaction.RecordState {
	e.t.Helper()
	var out *mineaction.RecordState
	err := e.store.View(e.ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = tx.RecordByHID(e.ctx, hid)
		return err
	})
	if err != nil {
		e.t.Fatalf("record %s: %v", hid, err)
	}
	return out
}

func (e *env) figures(hid string) *mineaction.Figures {
	e.t.Helper()
	r := e.record(hid)
	var out *mineaction.Figures
	err := e.store.View(e.ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = tx.Figures(e.ctx, r.ID)
		return err
	})
	if err != nil {
		e.t.Fatalf("figures %s: %v", hid, err)
	}
	return out
}

func (e *env) count(t mineaction.RecordType) int {
	e.t.Helper()
	var n int
	err := e.store.View(e.ctx, func(tx mineaction.Tx) error {
		var err error
		n, err = tx.CountRecords(e.ctx, mineaction.RecordQuery{Type: t})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func activityProps(hazard, typ, end string, outcomes ...map[string]any) map[string]any {
	return map[string]any{"organisation": "OPA", "date_of_information": end, "activity_type": typ, "status": "completed",
		"hazard": hazard, "start_date": end, "end_date": end, "methods": []string{"manual"}, "outcomes": outcomes}
}

func outcome(kind, geom string) map[string]any {
	return map[string]any{"kind": kind, "geometry": json.RawMessage(geom)}
}

func kindOf(err error) mineaction.Kind { return mineaction.ErrorKind(err) }

// square2 is a rectangle of w by h degrees.
func square2(x, y, w, h float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}`,
		x, y, x+w, y, x+w, y+h, x, y+h, x, y)
}

func storetestCountry() geo.MultiPolygon { return storetest.Country }
