package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"mineaction/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration = sqlstore.Migration

func migrations() ([]migration, error) { return sqlstore.Load(migrationFiles, "migrations") }

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// SchemaDigest identifies the schema this program creates: a hash of its
// migrations. Tests key prepared template databases by it.
func SchemaDigest() string {
	ms, _ := migrations()
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%s\x00%s\x00", m.Name, m.SQL)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// migrateLockKey serialises concurrent migrations (several servers starting
// at once).
const migrateLockKey int64 = 0x6d696e65_6d696772 // "minemigr"

// migrate applies pending migrations, each in its own transaction together
// with the new version number in mineaction_schema. Each transaction first
// takes a transaction-scoped advisory lock and reads the version again, so
// that servers starting at once apply each migration once, and so that it
// works through a pooler in transaction mode (PgBouncer), where a
// session-level lock could be taken on one server connection and never
// released.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for {
		done, err := migrateOne(ctx, pool, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next pending migration, if any, and reports
// whether the schema is up to date.
func migrateOne(ctx context.Context, pool *pgxpool.Pool, ms []migration) (bool, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return false, fmt.Errorf("lock for migration: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS mineaction_schema (
		id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`); err != nil {
		return false, fmt.Errorf("create schema version table: %w", err)
	}
	var current int
	err = tx.QueryRow(ctx, "SELECT COALESCE((SELECT version FROM mineaction_schema WHERE id = 1), 0)").Scan(&current)
	if err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return false, fmt.Errorf("the database schema is version %d but this program knows only up to %d: use a newer mineaction", current, len(ms))
	}
	if current == len(ms) {
		return true, tx.Commit(ctx)
	}
	m := ms[current]
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO mineaction_schema (id, version) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version`, m.Version); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return false, nil
}
