package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"

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

// migrate applies pending migrations, each in its own transaction, and
// records the version in PRAGMA user_version.
func migrate(ctx context.Context, db *sql.DB) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("the database schema is version %d but this program knows only up to %d: use a newer mineaction", current, len(ms))
	}
	// One connection, so that the foreign keys pragma applies to the
	// migration's transaction.
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, m := range ms[current:] {
		if err := apply(ctx, conn, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// fkOff is the first line of a migration that rebuilds tables others
// refer to: foreign key enforcement must be off while the old table is
// dropped and the new one renamed, and it can only be turned off outside a
// transaction.
const fkOff = "-- mineaction:foreign-keys-off"

// apply runs one migration in a transaction, with the new version number.
// For a migration that asks for it, foreign keys are off during the
// transaction and checked in full before the commit.
func apply(ctx context.Context, conn *sql.Conn, m migration) error {
	offFK := strings.HasPrefix(m.SQL, fkOff)
	if offFK {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if offFK {
		if err := foreignKeyCheck(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version)); err != nil {
		return err
	}
	return tx.Commit()
}

// foreignKeyCheck fails if any row refers to a row that does not exist.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("foreign key check: row %d of %s refers to a missing row of %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}
