package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/pgtest"
)

// TestMigrationReportAuthors migrates a database whose reports predate
// their authors (schema version 4): each report's authors are taken from
// the audit log, the user who entered it first, then whoever changed it,
// in the order they first did, each once.
func TestMigrationReportAuthors(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`CREATE TABLE mineaction_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`,
		`INSERT INTO mineaction_schema VALUES (1, 4)`,
		`INSERT INTO users (id, name, roles, password_hash, created_at) VALUES
			(1, 'eddie', '{editor}', '-', now()), (2, 'olga', '{editor,verifier}', '-', now()), (3, 'omar', '{editor}', '-', now())`,
		`INSERT INTO reports (id, record_type, status, org_code, created_by, created_at, updated_at, props, doi, revision) VALUES
			(7, 'hazard', 'approved', 'OPA', 1, now(), now(), '{}', '2024-01-01', 2),
			(9, 'hazard', 'submitted', 'OPA', 1, now(), now(), '{}', '2024-01-01', 5),
			(10, 'hazard', 'staged', 'OPA', 2, now(), now(), '{}', '2024-01-01', 1)`,
	}
	for i, e := range []struct {
		actor, action string
		report        int
	}{{"eddie", "report.create", 9}, {"omar", "report.update", 9}, {"eddie", "report.update", 9}, {"olga", "report.update", 9},
		{"omar", "report.update", 9}, {"vera", "report.reject", 9}, {"olga", "report.create", 10}, {"eddie", "report.update", 7}} {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO audit (seq, at, actor, action, report_id, prev_hash, hash)
			VALUES (%d, now(), '%s', '%s', %d, 'p%d', 'h%d')`, i+1, e.actor, e.action, e.report, i, i+1))
	}
	for _, m := range ms[:4] {
		if _, err := conn.Exec(ctx, m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
	}
	for _, q := range stmts {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[int]string{7: `["eddie"]`, 9: `["eddie", "omar", "olga"]`, 10: `["olga"]`} {
		var got string
		if err := s.Pool().QueryRow(ctx, "SELECT authors::jsonb::text FROM reports WHERE id = $1", id).Scan(&got); err != nil || got != want {
			t.Errorf("report %d: authors %s (%v), want %s", id, got, err, want)
		}
	}
}
