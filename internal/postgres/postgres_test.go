package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
	"mineaction/internal/pgtest"
	"mineaction/internal/postgres"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

var ctx = context.Background()

// TestConformance runs the store conformance suite on PostgreSQL/PostGIS.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Postgres)
}

func TestSchemaVersion(t *testing.T) {
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := s.Pool().QueryRow(ctx, "SELECT version FROM mineaction_schema").Scan(&v); err != nil || v != postgres.SchemaVersion() {
		t.Fatalf("schema version %d (%v), want %d", v, err, postgres.SchemaVersion())
	}
	s.Close()
	// Opening again applies nothing and keeps the data.
	s, err = postgres.Open(ctx, url)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	if _, err := s.Pool().Exec(ctx, "UPDATE mineaction_schema SET version = version + 1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = postgres.Open(ctx, url)
	if err == nil || !strings.Contains(err.Error(), "newer mineaction") {
		t.Fatalf("opening a newer schema: %v, want a refusal", err)
	}
}

func TestRefusesNonUTF8(t *testing.T) {
	url := pgtest.NewDatabase(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	name := "mineaction_test_latin1"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); conn.Close(ctx) })
	latin := strings.Replace(url, url[strings.LastIndex(url, "/")+1:strings.Index(url+"?", "?")], name, 1)
	if _, err := postgres.Open(ctx, latin); err == nil || !strings.Contains(err.Error(), "UTF8") {
		t.Fatalf("opening a LATIN1 database: %v, want a refusal", err)
	}
}

func TestBackupSaysHow(t *testing.T) {
	s := storetest.Postgres(t)
	err := s.Backup(ctx, t.TempDir()+"/x")
	if !errors.Is(err, postgres.ErrBackup) || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("backup: %v", err)
	}
}

// TestFoldFunctions compares the SQL fold functions with the Go ones on
// tricky strings and on every code point up to U+1FFFF, beyond which no
// letter has a case or an accent.
func TestFoldFunctions(t *testing.T) {
	pool := storetest.Postgres(t).(*postgres.Store).Pool()
	for _, s := range []string{
		"Bakı", "BAKI", "İsmayıllı", "ISMAYILLI", "ŞƏKİ", "Şəki", "Gəncə", "AĞDAM", "ağdam", "Füzuli", "FÜZULİ", "Çöl",
		"Straße", "STRASSE", "GROẞ", "ſ", "ς Σ σ", "K Kelvin", "Cafe\u0301", "Ǆǅǆ", "ǈ", "ﬃ", "ŉ", "Ω Ω", "ϴ θ", "ẞß",
		"Ⓐ", "𐐀𐐨", "𞤀", "a%_\\'", "",
	} {
		var casei, accenti, both string
		err := pool.QueryRow(ctx, "SELECT mineaction_casei($1), mineaction_accenti($1), mineaction_casei(mineaction_accenti($1))", s).
			Scan(&casei, &accenti, &both)
		if err != nil {
			t.Fatal(err)
		}
		if casei != cql2.FoldCase(s) || accenti != cql2.FoldAccents(s) || both != cql2.FoldCase(cql2.FoldAccents(s)) {
			t.Errorf("%q: SQL folds to %q %q %q, Go to %q %q %q", s, casei, accenti, both,
				cql2.FoldCase(s), cql2.FoldAccents(s), cql2.FoldCase(cql2.FoldAccents(s)))
		}
	}
	rows, err := pool.Query(ctx, `SELECT i, mineaction_casei(chr(i)), mineaction_accenti(chr(i))
		FROM generate_series(1, 131071) i WHERE i NOT BETWEEN 55296 AND 57343`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, bad := 0, 0
	for rows.Next() {
		var r int32
		var casei, accenti string
		if err := rows.Scan(&r, &casei, &accenti); err != nil {
			t.Fatal(err)
		}
		n++
		s := string(rune(r))
		if !utf8.ValidString(s) {
			continue
		}
		if casei != cql2.FoldCase(s) || accenti != cql2.FoldAccents(s) {
			if bad++; bad < 10 {
				t.Errorf("U+%04X: SQL folds to %q %q, Go to %q %q", r, casei, accenti, cql2.FoldCase(s), cql2.FoldAccents(s))
			}
		}
	}
	if err := rows.Err(); err != nil || n < 120000 {
		t.Fatalf("compared %d code points: %v", n, err)
	}
}

// TestDatabaseProtections checks what the schema refuses whoever asks:
// emptying the audit log, and changing an approved version other than by
// marking it undone.
func TestDatabaseProtections(t *testing.T) {
	s := storetest.Postgres(t)
	storetest.Seed(t, s)
	wf := workflow.New(s, workflow.Config{})
	r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Submit: true,
		Feature: []byte(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[46.1,39.6],[46.11,39.6],[46.11,39.61],[46.1,39.6]]]},
		"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"CHA","status":"open","hazard_type":"minefield","eo_confirmed":["ap_mine"]}}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
		t.Fatal(err)
	}
	pool := s.(*postgres.Store).Pool()
	for _, q := range []string{
		"TRUNCATE audit",
		"UPDATE versions SET props = '{}'",
		"UPDATE versions SET approved_by = 'mallory'",
		"UPDATE versions SET geom = NULL",
		"DELETE FROM versions",
	} {
		if _, err := pool.Exec(ctx, q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	if _, err := pool.Exec(ctx, "UPDATE versions SET undone_by = 'vera', undone_at = now()"); err != nil {
		t.Errorf("marking a version undone: %v", err)
	}
	if _, err := pool.Exec(ctx, "UPDATE versions SET undone_by = 'victor'"); err == nil {
		t.Error("changing an undo: accepted")
	}
	var bad int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM records WHERE ST_SRID(geom) <> 4326)
		+ (SELECT count(*) FROM versions WHERE ST_SRID(geom) <> 4326)`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d geometries without SRID 4326 (%v)", bad, err)
	}
}

// TestUnlockedReadsSeeCommits checks that a write transaction keeps only
// what it read of rows it locked: a record it has not locked, read again,
// is read as last committed (READ COMMITTED), as the workflow expects.
func TestUnlockedReadsSeeCommits(t *testing.T) {
	s := storetest.Postgres(t)
	storetest.Seed(t, s)
	rec := func(version int) *mineaction.RecordState {
		return &mineaction.RecordState{Type: mineaction.TypeHazard, HID: "HA-000001", Organisation: "OPA", Version: version,
			DateOfInformation: "2024-01-15", Properties: json.RawMessage(`{}`), UpdatedAt: time.Unix(0, 0).UTC()}
	}
	h := rec(1)
	if err := s.Update(ctx, func(tx mineaction.Tx) error { return tx.InsertRecord(ctx, h) }); err != nil {
		t.Fatal(err)
	}
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		if _, err := tx.RecordByHID(ctx, h.HID); err != nil {
			return err
		}
		tx.(mineaction.Prefetcher).Prefetch(ctx, h.ID) // not locked: ignored
		// Another writer changes it meanwhile.
		err := s.Update(ctx, func(tx mineaction.Tx) error {
			r := rec(2)
			r.ID = h.ID
			return tx.UpdateRecord(ctx, r)
		})
		if err != nil {
			return err
		}
		for _, read := range []func() (*mineaction.RecordState, error){
			func() (*mineaction.RecordState, error) { return tx.RecordByHID(ctx, h.HID) },
			func() (*mineaction.RecordState, error) { return tx.Record(ctx, h.ID) },
		} {
			got, err := read()
			if err != nil {
				return err
			}
			if got.Version != 2 {
				t.Errorf("read again: version %d, want the committed 2", got.Version)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
