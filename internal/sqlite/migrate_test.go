package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// schemaV1 creates a database at schema version 1 at path, with a report
// that a version refers to, a deleted report above it, and a release.
func schemaV1(t *testing.T, path string, extra ...string) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := append([]string{ms[0].SQL, "PRAGMA user_version = 1",
		`INSERT INTO organisations (id, code, name, kind) VALUES (1, 'OPA', 'Operator A', 'ngo')`,
		`INSERT INTO users (id, name, roles, password_hash, created_at) VALUES (1, 'eddie', 'editor', '-', '2024-01-01T00:00:00Z')`,
		`INSERT INTO records (id, type, hid, org_id, version, doi, props, updated_at) VALUES
			(1, 'hazard', 'HA-000001', 1, 1, '2024-01-01', '{}', '2024-01-01T00:00:00Z'),
			(2, 'activity', 'AC-000001', 1, 1, '2024-01-01', '{}', '2024-01-01T00:00:00Z')`,
		`INSERT INTO reports (id, record_type, record_id, status, org_code, created_by, created_at, updated_at, props, doi, revision)
			VALUES (7, 'hazard', 1, 'approved', 'OPA', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '{}', '2024-01-01', 2),
			(8, 'hazard', NULL, 'staged', 'OPA', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '{}', '2024-01-01', 1)`,
		`DELETE FROM reports WHERE id = 8`,
		`INSERT INTO versions (record_id, version, report_id, doi, props, applied, approved_by, approved_at, hash)
			VALUES (1, 1, 7, '2024-01-01', '{}', 1, 'vera', '2024-01-01T00:00:00Z', 'h')`,
		`INSERT INTO releases (id, activity_id, hazard_id, kind, date, outcome_index, geom, area_m2, outside_m2, minx, miny, maxx, maxy)
			VALUES (5, 2, 1, 'cleared', '2024-01-01', 0, x'00', 1, 0, 0, 0, 1, 1)`,
	}, extra...)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestMigrationAutoincrement migrates a version 1 database: every row and
// id is kept, the foreign keys still hold and are enforced again, and a
// new report takes an id above the highest ever used after the migration.
func TestMigrationAutoincrement(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	schemaV1(t, path)
	s, err := OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version, fk int
	var reportsSQL, releasesSQL string
	row := s.writer.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version), (SELECT foreign_keys FROM pragma_foreign_keys),
		(SELECT sql FROM sqlite_schema WHERE name = 'reports'), (SELECT sql FROM sqlite_schema WHERE name = 'releases')`)
	if err := row.Scan(&version, &fk, &reportsSQL, &releasesSQL); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || fk != 1 || !strings.Contains(reportsSQL, "AUTOINCREMENT") || !strings.Contains(releasesSQL, "AUTOINCREMENT") {
		t.Fatalf("after migration: version %d, foreign_keys %d\n%s\n%s", version, fk, reportsSQL, releasesSQL)
	}
	var n int
	if err := s.writer.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM reports WHERE id = 7) + (SELECT count(*) FROM releases WHERE id = 5)
		+ (SELECT count(*) FROM versions v JOIN reports r ON r.id = v.report_id)
		+ (SELECT count(*) FROM pragma_index_list('reports')) + (SELECT count(*) FROM pragma_index_list('releases'))`).Scan(&n); err != nil || n != 7 {
		t.Fatalf("rows, joins and indexes after migration: %d (%v), want 7", n, err)
	}
	if _, err := s.writer.ExecContext(ctx, "DELETE FROM reports WHERE id = 7"); err == nil {
		t.Error("deleting a report a version refers to: accepted, want the foreign key enforced")
	}
	var id int64
	if err := s.writer.QueryRowContext(ctx, `INSERT INTO reports (record_type, status, org_code, created_by, created_at, updated_at, props, doi, revision)
		VALUES ('hazard', 'staged', 'OPA', 1, 'x', 'x', '{}', '2024-01-01', 1) RETURNING id`).Scan(&id); err != nil || id != 8 {
		t.Fatalf("new report: id %d (%v), want 8", id, err)
	}
	if _, err := s.writer.ExecContext(ctx, "DELETE FROM reports WHERE id = 8"); err != nil {
		t.Fatal(err)
	}
	if err := s.writer.QueryRowContext(ctx, `INSERT INTO reports (record_type, status, org_code, created_by, created_at, updated_at, props, doi, revision)
		VALUES ('hazard', 'staged', 'OPA', 1, 'x', 'x', '{}', '2024-01-01', 1) RETURNING id`).Scan(&id); err != nil || id != 9 {
		t.Fatalf("report after deleting the highest: id %d (%v), want 9", id, err)
	}
}

// TestMigrationRefusesBrokenReferences checks that a version 1 database
// with a row referring to a missing one is not migrated (the foreign key
// check fails the migration, which leaves the database as it was).
func TestMigrationRefusesBrokenReferences(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	schemaV1(t, path, "PRAGMA foreign_keys = OFF", `INSERT INTO versions (record_id, version, report_id, doi, props, applied,
		approved_by, approved_at, hash) VALUES (1, 2, 99, '2024-01-01', '{}', 1, 'vera', '2024-01-01T00:00:00Z', 'h')`)
	_, err := OpenFile(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "foreign key check") {
		t.Fatalf("migrating a database with a broken reference: %v, want the foreign key check to fail", err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	var reportsSQL string
	if err := db.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version), (SELECT sql FROM sqlite_schema WHERE name = 'reports')`).
		Scan(&version, &reportsSQL); err != nil || version != 1 || strings.Contains(reportsSQL, "AUTOINCREMENT") {
		t.Fatalf("after the failed migration: version %d (%v)\n%s", version, err, reportsSQL)
	}
}

// TestMigrationReportAuthors migrates a database whose reports predate
// their authors: each report's authors are taken from the audit log, the
// user who entered it first, then whoever changed it, in the order they
// first did, each once.
func TestMigrationReportAuthors(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	audit := func(seq int, actor, action string, report int) string {
		return fmt.Sprintf(`INSERT INTO audit (seq, at, actor, action, report_id, prev_hash, hash)
			VALUES (%d, '2024-01-01T00:00:00Z', '%s', '%s', %d, 'p%d', 'h%d')`, seq, actor, action, report, seq, seq)
	}
	schemaV1(t, path,
		`INSERT INTO users (id, name, roles, password_hash, created_at) VALUES (2, 'olga', 'editor,verifier', '-', '2024-01-01T00:00:00Z'),
			(3, 'omar', 'editor', '-', '2024-01-01T00:00:00Z')`,
		`INSERT INTO reports (id, record_type, status, org_code, created_by, created_at, updated_at, props, doi, revision)
			VALUES (9, 'hazard', 'submitted', 'OPA', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '{}', '2024-01-01', 5),
			(10, 'hazard', 'staged', 'OPA', 2, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '{}', '2024-01-01', 1)`,
		audit(1, "eddie", "report.create", 9), audit(2, "omar", "report.update", 9), audit(3, "eddie", "report.update", 9),
		audit(4, "olga", "report.update", 9), audit(5, "omar", "report.update", 9), audit(6, "vera", "report.reject", 9),
		audit(7, "olga", "report.create", 10), audit(8, "eddie", "report.update", 7))
	s, err := OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[int]string{7: `["eddie"]`, 9: `["eddie","omar","olga"]`, 10: `["olga"]`} {
		var got string
		if err := s.writer.QueryRowContext(ctx, "SELECT authors FROM reports WHERE id = ?", id).Scan(&got); err != nil || got != want {
			t.Errorf("report %d: authors %s (%v), want %s", id, got, err, want)
		}
	}
}
