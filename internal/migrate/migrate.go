// Package migrate moves a national database from the embedded store to
// PostgreSQL/PostGIS: it copies every table of a SQLite database, rows and
// ids as they are (history and the audit chain included), into an empty
// PostgreSQL database in one transaction, and then checks the copy (Check):
// verify passes on it, and the figures, counts, version hashes and chain
// head are the same on both.
//
// The copy is made table by table from the PostgreSQL schema: every column
// of every table of the store is read from the SQLite table of the same
// name and converted by its PostgreSQL type (times from RFC 3339 text,
// booleans from integers, empty dates to NULL, geometries from WKB). A
// table or column that exists on one side only fails the copy, so that a
// schema change cannot be forgotten here.
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
)

// Tables are the tables copied, in an order that respects foreign keys.
var Tables = []string{
	"country", "organisations", "teams", "admin_areas", "places", "ordnance", "users", "tokens", "sessions",
	"hid_counters", "records", "record_links", "reports", "versions", "releases", "figures", "credits",
	"hazard_history", "audit",
}

// ignored are the PostgreSQL tables that are not the store's data: the
// schema version (set by the store's migrations) and PostGIS's own.
var ignored = []string{"mineaction_schema", "spatial_ref_sys"}

// chunk is the number of rows inserted by one statement.
const chunk = 1000

// Progress is told, as a table is copied, how many of its rows are done.
type Progress func(table string, done, total int)

// ErrNotEmpty is returned when the target database already holds data.
var ErrNotEmpty = errors.New("the PostgreSQL database is not empty")

// Copy copies the SQLite database of src into dst, which must be empty,
// in one transaction: all of it or nothing. Ids are kept, and the identity
// sequences are set past the highest id ever given (including the ids of
// deleted rows that SQLite's AUTOINCREMENT remembers). The SQLite database
// is read in one read transaction, a consistent snapshot even if a server
// is writing to it.
func Copy(ctx context.Context, src *sqlite.Store, dst *postgres.Store, progress Progress) error {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	lite, err := sql.Open("sqlite", "file:"+src.Path()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer lite.Close()
	from, err := lite.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read %s: %w", src.Path(), err)
	}
	defer from.Rollback()
	to, err := dst.Pool().Begin(ctx)
	if err != nil {
		return err
	}
	defer to.Rollback(context.WithoutCancel(ctx))
	cols, err := columns(ctx, to)
	if err != nil {
		return err
	}
	for _, t := range Tables {
		var any bool
		if err := to.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+t+")").Scan(&any); err != nil {
			return fmt.Errorf("check %s: %w", t, err)
		}
		if any {
			return fmt.Errorf("%w: table %s has rows; migrate into a new database", ErrNotEmpty, t)
		}
	}
	for _, t := range Tables {
		if err := copyTable(ctx, from, to, t, cols[t], progress); err != nil {
			return fmt.Errorf("copy %s: %w", t, err)
		}
		if err := resetIdentity(ctx, from, to, t, cols[t]); err != nil {
			return fmt.Errorf("identity of %s: %w", t, err)
		}
	}
	return to.Commit(ctx)
}

// column is a column of a PostgreSQL table.
type column struct {
	name     string
	typ      string // data_type, or udt_name for USER-DEFINED and ARRAY types
	identity bool
}

// columns returns the columns of the store's tables that are written (not
// generated), and fails if the schema has a table this package does not
// copy.
func columns(ctx context.Context, tx pgx.Tx) (map[string][]column, error) {
	rows, err := tx.Query(ctx, `SELECT c.table_name, c.column_name,
		CASE WHEN c.data_type IN ('USER-DEFINED', 'ARRAY') THEN c.udt_name ELSE c.data_type END, c.is_identity = 'YES'
		FROM information_schema.columns c JOIN information_schema.tables t
		ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
		WHERE c.table_schema = current_schema() AND c.is_generated = 'NEVER' ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	out := map[string][]column{}
	for rows.Next() {
		var t string
		var c column
		if err := rows.Scan(&t, &c.name, &c.typ, &c.identity); err != nil {
			return nil, err
		}
		out[t] = append(out[t], c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for t := range out {
		if !slices.Contains(Tables, t) && !slices.Contains(ignored, t) {
			return nil, fmt.Errorf("the PostgreSQL schema has a table %s that migrate does not copy", t)
		}
	}
	for _, t := range Tables {
		if len(out[t]) == 0 {
			return nil, fmt.Errorf("the PostgreSQL schema has no table %s", t)
		}
	}
	return out, nil
}

// resetIdentity sets a table's identity sequence past the highest id it
// holds or, for a SQLite AUTOINCREMENT table, ever gave.
func resetIdentity(ctx context.Context, from *sql.Tx, to pgx.Tx, table string, cols []column) error {
	if !slices.ContainsFunc(cols, func(c column) bool { return c.name == "id" && c.identity }) {
		return nil
	}
	var given sql.NullInt64
	var seqs int
	if err := from.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'").Scan(&seqs); err != nil {
		return err
	}
	if seqs > 0 {
		err := from.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = ?", table).Scan(&given)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	_, err := to.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'),
		GREATEST((SELECT COALESCE(max(id), 0) FROM `+table+`), $2::bigint) + 1, false)`, table, given.Int64)
	return err
}
