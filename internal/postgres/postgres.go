// Package postgres is the server store: the national database on
// PostgreSQL 15+ with PostGIS 3, through pgx and its connection pool. It
// holds the same tables as the embedded SQLite store and passes the same
// conformance suite (internal/storetest), so both give the same answers.
//
// # Transactions
//
// Update runs in READ COMMITTED and first takes one transaction-scoped
// advisory lock (WriteLockKey) that every Update takes, in this process
// and in any other server on the same database: writers are
// serialised, as SQLite's single writer serialises them, and because each
// statement of a READ COMMITTED transaction sees every commit made before
// it, a writer that holds the lock sees the latest state and nothing can
// change it until it commits. Every approval, and nearly every other write,
// appends to the audit chain, whose head is a global serialisation point:
// SERIALIZABLE transactions would conflict on it anyway and would have to
// be re-run, wasting the geometry work done before the conflict. With the
// lock, f runs exactly once, so callers may gather results in variables
// outside it. The unique prev_hash column of the audit table refuses a fork
// of the chain even from a writer that bypasses the store.
//
// View runs in REPEATABLE READ, READ ONLY: one consistent snapshot, never
// blocked by writers, never blocking them.
//
// # Backups
//
// Backup is not done by the application on PostgreSQL: use pg_dump for a
// logical copy, and continuous WAL archiving with base backups
// (pg_basebackup) for point-in-time recovery. Backup returns an error that
// says so.
package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"mineaction/internal/mineaction"
)

// WriteLockKey is the advisory lock every Update holds until it ends.
const WriteLockKey int64 = 0x6d696e65_77726974 // "minewrit"

// ErrBackup is returned by Backup: backups of a PostgreSQL database are the
// operator's, with the database's own tools.
var ErrBackup = errors.New("the PostgreSQL store does not write backup files: back it up with pg_dump, " +
	"or with WAL archiving and pg_basebackup for point-in-time recovery")

// Store is the PostgreSQL implementation of mineaction.Store.
type Store struct {
	pool *pgxpool.Pool
	// writer admits one Update of this process at a time, before it takes
	// a connection: writers waiting for the database lock would otherwise
	// hold connections that readers need.
	writer chan struct{}
}

var _ mineaction.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or a keyword/value
// connection string; pool settings such as pool_max_conns may be given in
// it), checks that PostGIS is installed and the encoding is UTF8, and brings
// the schema up to date. It refuses a database whose schema is newer than
// this program.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	// Times are returned in UTC whatever the server's zone; dates are
	// written and read in ISO form.
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	cfg.ConnConfig.RuntimeParams["datestyle"] = "ISO, YMD"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := checkServer(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &Store{pool: pool, writer: make(chan struct{}, 1)}, nil
}

// checkServer refuses a database the store cannot keep its promises on.
func checkServer(ctx context.Context, pool *pgxpool.Pool) error {
	var enc string
	if err := pool.QueryRow(ctx, "SHOW server_encoding").Scan(&enc); err != nil {
		return err
	}
	if enc != "UTF8" {
		return fmt.Errorf("the database encoding is %s; mineaction needs UTF8", enc)
	}
	var postgis bool
	err := pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')").Scan(&postgis)
	if err != nil {
		return err
	}
	if !postgis {
		// Try to create it: this works for a superuser or a database owner
		// on PostgreSQL 13+ where PostGIS is trusted; otherwise say what to do.
		if _, err := pool.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
			return fmt.Errorf("the postgis extension is not installed in this database and cannot be created (%w): "+
				"run CREATE EXTENSION postgis as a superuser", err)
		}
	}
	return nil
}

// Pool returns the connection pool, for maintenance tools that copy or
// inspect the database outside the Store interface.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// View implements mineaction.Store.
func (s *Store) View(ctx context.Context, f func(mineaction.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return f(&txn{tx: tx})
}

// Update implements mineaction.Store.
func (s *Store) Update(ctx context.Context, f func(mineaction.Tx) error) error {
	select {
	case s.writer <- struct{}{}:
		defer func() { <-s.writer }()
	case <-ctx.Done():
		return fmt.Errorf("begin write: %w", ctx.Err())
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted, AccessMode: pgx.ReadWrite})
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", WriteLockKey); err != nil {
		return fmt.Errorf("begin write: take the write lock: %w", err)
	}
	if err := f(&txn{tx: tx}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return storeErr("commit", err)
	}
	return nil
}

// Backup implements mineaction.Store: it returns ErrBackup.
func (s *Store) Backup(ctx context.Context, path string) error {
	return fmt.Errorf("backup to %s: %w", path, ErrBackup)
}

// txn is a transaction; its methods implement mineaction.Tx.
type txn struct {
	tx pgx.Tx
}

var _ mineaction.Tx = (*txn)(nil)
