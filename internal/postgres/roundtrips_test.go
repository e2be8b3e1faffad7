package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/pgtest"
	"mineaction/internal/postgres"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// roundTrips is a pgx tracer that counts what the store sends to the
// server: each statement sent alone, and each batch, is one round trip.
type roundTrips struct {
	mu                sync.Mutex
	trips, statements int
}

func (r *roundTrips) add(statements int) {
	r.mu.Lock()
	r.trips++
	r.statements += statements
	r.mu.Unlock()
}

// take returns the counts so far and starts again from zero.
func (r *roundTrips) take() (trips, statements int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	trips, statements = r.trips, r.statements
	r.trips, r.statements = 0, 0
	return trips, statements
}

func (r *roundTrips) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	r.add(1)
	return ctx
}

func (r *roundTrips) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (r *roundTrips) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	r.add(d.Batch.Len())
	return ctx
}

func (r *roundTrips) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (r *roundTrips) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

// TestRoundTrips counts the round trips to the server of what every
// report costs: authenticating a request, entering a report, and approving
// a new hazard and an activity that releases part of one. On a machine where the server,
// the database and the clients share the processors, round trips, not
// statements, are most of the database's cost (see docs/BENCHMARKS.md),
// so they are kept from creeping back.
func TestRoundTrips(t *testing.T) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	rt := &roundTrips{}
	// One connection, so that its statements are prepared by the first
	// approval of each kind and the second is counted as in steady use.
	s, err := postgres.OpenConfigured(ctx, pgtest.NewDatabase(t), func(c *pgxpool.Config) {
		c.MaxConns = 1
		c.ConnConfig.Tracer = rt
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Seed(t, s)
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	svc := workflow.New(s, workflow.Config{Now: func() time.Time { return clock }})
	accounts := auth.NewService(s, auth.Config{Now: func() time.Time { return clock }})

	submit := func(typ mineaction.RecordType, geom string, props map[string]any) *mineaction.Report {
		t.Helper()
		p, _ := json.Marshal(props)
		if geom == "" {
			geom = "null"
		}
		r, err := svc.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: typ, Submit: true,
			Feature: json.RawMessage(`{"type":"Feature","geometry":` + geom + `,"properties":` + string(p) + `}`)})
		if err != nil {
			t.Fatalf("create %s report: %v", typ, err)
		}
		return r
	}
	approve := func(r *mineaction.Report) *mineaction.Report {
		t.Helper()
		out, err := svc.Approve(ctx, storetest.Verifier, r.ID, 0)
		if err != nil {
			t.Fatalf("approve report %d: %v", r.ID, err)
		}
		return out
	}
	square := func(x, y, d float64) string {
		return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}`,
			x, y, x+d, y, x+d, y+d, x, y+d, x, y)
	}
	hazard := func(i int) *mineaction.Report {
		return submit(mineaction.TypeHazard, square(46.1+0.01*float64(i), 39.6, 0.005), map[string]any{
			"organisation": "OPA", "date_of_information": "2024-01-02", "category": "CHA", "status": "open",
			"hazard_type": "minefield", "eo_confirmed": []string{"ap_mine"}})
	}
	activity := func(hid string, i int) *mineaction.Report {
		day := fmt.Sprintf("2024-02-%02d", i+1)
		return submit(mineaction.TypeActivity, "", map[string]any{
			"organisation": "OPA", "date_of_information": day, "activity_type": "clearance", "status": "completed",
			"hazard": hid, "start_date": day, "end_date": day, "methods": []string{"manual"},
			"outcomes": []map[string]any{{"kind": "cleared", "geometry": json.RawMessage(square(46.1+0.001*float64(i), 39.6, 0.001))}}})
	}

	measure := func(what string, maxTrips int, f func()) {
		t.Helper()
		rt.take()
		f()
		trips, statements := rt.take()
		t.Logf("%s: %d round trips, %d statements", what, trips, statements)
		if trips > maxTrips {
			t.Errorf("%s: %d round trips, want at most %d", what, trips, maxTrips)
		}
	}

	// New hazards: the first prepares the statements.
	first := approve(hazard(0))
	h := hazard(1)
	measure("approve a new hazard", 4, func() { approve(h) })

	// Activities on the first hazard, each releasing land: Append.
	approve(activity(first.RecordHID, 0))
	var a *mineaction.Report
	measure("enter an activity report", 3, func() { a = activity(first.RecordHID, 1) })
	measure("approve an activity", 6, func() { approve(a) })

	secret, _, err := accounts.CreateToken(ctx, "system", "vera", "bench", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := accounts.ByToken(ctx, secret); err != nil {
		t.Fatal(err)
	}
	measure("authenticate a token", 1, func() {
		if _, err := accounts.ByToken(ctx, secret); err != nil {
			t.Fatal(err)
		}
	})
	measure("enter a hazard report", 4, func() { hazard(2) })

	// What GET /api/v1/records/{hid} reads: a hazard, what links to it
	// and its figures, in one statement, which the endpoint marks as such
	// (no BEGIN, no ROLLBACK). The activity approved above links to the
	// first hazard and released part of it.
	var deps []mineaction.Link
	var figs *mineaction.Figures
	read := func(ctx context.Context) error {
		return s.View(ctx, func(tx mineaction.Tx) error {
			rec, err := tx.RecordByHID(ctx, first.RecordHID)
			if err != nil {
				return err
			}
			if deps, err = tx.Dependents(ctx, rec.ID); err != nil {
				return err
			}
			figs, err = tx.Figures(ctx, rec.ID)
			return err
		})
	}
	measure("read a record with its dependents and figures", 1, func() {
		if err := read(mineaction.OneStatement(ctx)); err != nil {
			t.Fatal(err)
		}
	})
	if len(deps) != 2 || deps[0].Rel != mineaction.RefHazard || figs == nil || figs.ClearedM2 <= 0 || figs.Remaining == nil {
		t.Errorf("read %s: dependents %+v, figures %+v; want the two activities and cleared land", first.RecordHID, deps, figs)
	}
	deps, figs = nil, nil
	measure("the same in a transaction", 2, func() {
		if err := read(ctx); err != nil {
			t.Fatal(err)
		}
	})
	if len(deps) != 2 || figs == nil {
		t.Errorf("read %s in a transaction: dependents %+v, figures %+v", first.RecordHID, deps, figs)
	}

	// A read marked as one statement that makes a second is refused.
	err = s.View(mineaction.OneStatement(ctx), func(tx mineaction.Tx) error {
		if _, err := tx.RecordByHID(ctx, first.RecordHID); err != nil {
			return err
		}
		_, err := tx.RecordByHID(ctx, h.RecordHID)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "one statement") {
		t.Errorf("a second statement in a read marked as one: %v, want it refused", err)
	}
}
