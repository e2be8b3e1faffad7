package migrate_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/landrelease"
	"mineaction/internal/migrate"
	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

var ctx = context.Background()

// Demo accounts the tests act as.
var (
	editor   = auth.Caller{Principal: mineaction.Principal{User: "editor.anama", Organisation: "ANAMA", Roles: []mineaction.Role{mineaction.RoleEditor}}}
	verifier = auth.Caller{Principal: mineaction.Principal{User: "verifier", Roles: []mineaction.Role{mineaction.RoleVerifier}}}
)

// TestMigrateSmallDemo builds the small demo on SQLite, adds what the demo
// does not have (an undone approval, a rejected report, deleted reports,
// the highest among them, a session, tokens, one revoked), copies it into
// an empty PostgreSQL database and checks the copy: verify passes, and the
// row counts, every version hash, the audit chain head and the national
// figures on each year's last day are the same. The copy then takes new
// reports with ids above every id SQLite gave, and a second copy into the
// same database is refused.
func TestMigrateSmallDemo(t *testing.T) {
	src := storetest.SQLite(t).(*sqlite.Store)
	wf := workflow.New(src, workflow.Config{})
	if _, err := demo.Build(ctx, src, wf, demo.Options{Seed: 1, Scale: demo.Small}); err != nil {
		t.Fatal(err)
	}
	deleted := history(t, src, wf)
	dst := storetest.Postgres(t).(*postgres.Store)
	var tables []string
	err := migrate.Copy(ctx, src, dst, func(table string, done, total int) {
		if done == total {
			tables = append(tables, table)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tables, " ") != strings.Join(migrate.Tables, " ") {
		t.Errorf("progress told of %v, want every table", tables)
	}
	rep, err := migrate.Check(ctx, src, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("the copy differs: %v", rep.Differences)
	}
	if !rep.Verify.OK() || rep.Verify.Versions == 0 || rep.Versions != rep.Verify.Versions || rep.Head == nil ||
		rep.Rows["sessions"] != 1 || rep.Rows["tokens"] != 2 || len(rep.Dates) < 5 {
		t.Fatalf("check: %+v, verify %+v", rep, rep.Verify)
	}
	for _, d := range []mineaction.Date{"2024-06-10", "2024-09-30"} {
		a, b := summary(t, src, d), summary(t, dst, d)
		if a != b {
			t.Errorf("summary as of %s:\n SQLite     %s\n PostgreSQL %s", d, a, b)
		}
	}
	// New rows on the copy never take an id SQLite gave.
	pwf := workflow.New(dst, workflow.Config{})
	r, err := pwf.CreateReport(ctx, editor, hazardInput(46.95, 40.25))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID <= deleted {
		t.Errorf("a new report on the copy took id %d, not above %d, the highest SQLite gave", r.ID, deleted)
	}
	if err := migrate.Copy(ctx, src, dst, nil); !errors.Is(err, migrate.ErrNotEmpty) {
		t.Errorf("copying into a database with data: %v, want a refusal", err)
	}
}

// TestCheckFindsDifferences changes the copy behind the store's back and
// checks that Check reports it.
func TestCheckFindsDifferences(t *testing.T) {
	src := storetest.SQLite(t).(*sqlite.Store)
	storetest.Seed(t, src)
	wf := workflow.New(src, workflow.Config{})
	for i := range 3 {
		r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Submit: true,
			Feature: storetestHazard(46.1+0.02*float64(i), 39.6)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	dst := storetest.Postgres(t).(*postgres.Store)
	if err := migrate.Copy(ctx, src, dst, nil); err != nil {
		t.Fatal(err)
	}
	if rep, err := migrate.Check(ctx, src, dst, nil); err != nil || !rep.OK() {
		t.Fatalf("the copy before the change: %v %v", err, rep)
	}
	if _, err := dst.Pool().Exec(ctx, "UPDATE hazard_history SET original_m2 = original_m2 + 1 WHERE hazard_id = (SELECT min(id) FROM records)"); err != nil {
		t.Fatal(err)
	}
	rep, err := migrate.Check(ctx, src, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(strings.Join(rep.Differences, "\n"), "national figures") {
		t.Fatalf("a changed figure on the copy: differences %v", rep.Differences)
	}
}

// history adds an undone approval, a rejected report, deleted reports (the
// last the highest id of all), a session and tokens, one revoked, and
// returns the id of the deleted highest report.
func history(t *testing.T, s mineaction.Store, wf *workflow.Service) int64 {
	t.Helper()
	must := func(r *mineaction.Report, err error) *mineaction.Report {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	undone := must(wf.CreateReport(ctx, editor, hazardInput(46.90, 40.20)))
	must(wf.Approve(ctx, verifier, undone.ID, 0))
	must(wf.Undo(ctx, verifier, undone.ID, 0))
	rejected := must(wf.CreateReport(ctx, editor, hazardInput(46.92, 40.20)))
	must(wf.Reject(ctx, verifier, rejected.ID, 0, "the polygon is drawn on the wrong field"))
	var last int64
	for i := range 2 {
		in := hazardInput(46.94, 40.20)
		in.Submit = false
		r := must(wf.CreateReport(ctx, editor, in))
		if err := wf.DeleteReport(ctx, editor, r.ID, 0); err != nil {
			t.Fatalf("delete report %d (%d): %v", r.ID, i, err)
		}
		last = r.ID
	}
	accounts := auth.NewService(s, auth.Config{})
	for _, name := range []string{"laptop", "qgis"} {
		_, tok, err := accounts.CreateToken(ctx, "admin", "verifier", name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if name == "laptop" {
			if err := accounts.RevokeToken(ctx, "admin", tok.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		return tx.PutSession(ctx, &mineaction.Session{Hash: "session-hash", User: "verifier", CSRF: "csrf", CreatedAt: now,
			LastSeen: now, ExpiresAt: now.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	return last
}

// summary returns the national figures as of day d, as JSON.
func summary(t *testing.T, s mineaction.Store, d mineaction.Date) string {
	t.Helper()
	var out []byte
	err := s.View(ctx, func(tx mineaction.Tx) error {
		sum, err := landreleaseSummary(tx, d)
		if err != nil {
			return err
		}
		out, err = json.Marshal(sum)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func hazardInput(x, y float64) workflow.Input {
	f := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]},
		"properties":{"organisation":"ANAMA","date_of_information":"2025-01-02","category":"SHA","status":"open",
		"hazard_type":"minefield","eo_suspected":["ap_mine"]}}`, x, y, x+0.01, y, x+0.01, y+0.01, x, y+0.01, x, y)
	return workflow.Input{RecordType: "hazard", Submit: true, Feature: json.RawMessage(f)}
}

func storetestHazard(x, y float64) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]},
		"properties":{"organisation":"OPA","date_of_information":"2024-01-02","category":"CHA","status":"open",
		"hazard_type":"minefield","eo_confirmed":["ap_mine"]}}`, x, y, x+0.01, y, x+0.01, y+0.01, x, y+0.01, x, y))
}

func landreleaseSummary(tx mineaction.Tx, d mineaction.Date) (*landrelease.Summary, error) {
	return landrelease.ComputeSummary(ctx, tx, d, "2020-11-10")
}
