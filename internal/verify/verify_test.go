package verify_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// build makes a small database with a hazard, an activity that releases
// part of it with finds, and an accident with a victim.
func build(t *testing.T) (string, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Seed(t, s)
	wf := workflow.New(s, workflow.Config{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	feat := func(geom, props string) json.RawMessage {
		return json.RawMessage(`{"type":"Feature","geometry":` + geom + `,"properties":` + props + `}`)
	}
	ins := []workflow.Input{
		{RecordType: "hazard", Feature: feat(`{"type":"Polygon","coordinates":[[[46.1,39.6],[46.12,39.6],[46.12,39.62],[46.1,39.62],[46.1,39.6]]]}`,
			`{"organisation":"OPA","date_of_information":"2023-01-01","category":"SHA","status":"open","hazard_type":"minefield"}`)},
		{RecordType: "activity", Feature: feat(`null`,
			`{"organisation":"OPA","date_of_information":"2023-05-01","activity_type":"clearance","status":"completed","hazard":"HA-000001",
			  "end_date":"2023-05-01","outcomes":[{"kind":"cleared","geometry":{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.6],[46.11,39.61],[46.1,39.61],[46.1,39.6]]]}}],
			  "finds":[{"ordnance":"PMN-2","quantity":3}]}`)},
		{RecordType: "accident", Feature: feat(`{"type":"Point","coordinates":[46.105,39.605]}`,
			`{"organisation":"OPA","date_of_information":"2023-06-01","accident_type":"mine_erw","date":"2023-06-01",
			  "victims":[{"outcome":"injured","sex":"male","victim_type":"civilian","personal":{"name":"Synthetic Person"}}]}`)},
	}
	if _, err := wf.SubmitAndApprove(ctx, storetest.Editor, storetest.Admin, ins); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, sqlite.FileName), s
}

func run(t *testing.T, s mineaction.Store) *verify.Report {
	t.Helper()
	rep, err := verify.Run(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestHead checks that verify reports the head of the chain as the store
// holds it, the line operators keep off the machine.
func TestHead(t *testing.T) {
	_, s := build(t)
	defer s.Close()
	rep := run(t, s)
	err := s.View(context.Background(), func(tx mineaction.Tx) error {
		last, err := tx.LastAudit(context.Background())
		if err != nil {
			return err
		}
		if rep.HeadSeq != last.Seq || rep.HeadHash != last.Hash || int(rep.HeadSeq) != rep.AuditEntries {
			t.Errorf("head %d %s after %d entries; the chain ends at %d %s", rep.HeadSeq, rep.HeadHash, rep.AuditEntries, last.Seq, last.Hash)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTamper changes rows behind the application's back and checks that
// verify names each change.
func TestTamper(t *testing.T) {
	cases := []struct {
		name  string
		sql   []string
		where string // the first problem must mention this
	}{
		{"version properties", []string{`UPDATE versions SET props = replace(props, '"SHA"', '"CHA"') WHERE version = 1 AND record_id = 1`}, "HA-000001 v1"},
		{"version approver", []string{`UPDATE versions SET approved_by = 'mallory' WHERE record_id = 1`}, "HA-000001 v1"},
		{"audit actor", []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET actor = 'mallory' WHERE seq = 3`}, "#3"},
		{"audit row deleted", []string{`DROP TRIGGER audit_no_delete`, `DELETE FROM audit WHERE seq = 4`}, "#5"},
		{"current record", []string{`UPDATE records SET props = replace(props, '"open"', '"closed"') WHERE hid = 'HA-000001'`}, "HA-000001"},
		{"figures", []string{`UPDATE figures SET cleared_m2 = cleared_m2 + 5000, remaining_m2 = remaining_m2 - 5000`}, "HA-000001"},
		{"geometry", []string{`UPDATE records SET geom = (SELECT geom FROM records WHERE hid = 'AD-000001') WHERE hid = 'FD-000001'`}, "FD-000001"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, s := build(t)
			if rep := run(t, s); !rep.OK() {
				t.Fatalf("fresh database does not verify: %v", rep.Problems)
			}
			s.Close()
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range c.sql {
				if _, err := db.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			db.Close()
			s2, err := sqlite.OpenFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			rep := run(t, s2)
			if rep.OK() {
				t.Fatal("verify passed a tampered database")
			}
			if first := rep.Problems[0].String(); !strings.Contains(first, c.where) {
				t.Fatalf("first problem %q does not name %s (all: %v)", first, c.where, rep.Problems)
			}
		})
	}
}

// TestAuditAppendOnly checks that the store refuses to change audit rows.
func TestAuditAppendOnly(t *testing.T) {
	path, s := build(t)
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`UPDATE audit SET actor = 'x' WHERE seq = 1`, `DELETE FROM audit WHERE seq = 1`} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: %v, want refusal", q, err)
		}
	}
}
