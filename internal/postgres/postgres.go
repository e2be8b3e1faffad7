// Package postgres is the server store: the national database on
// PostgreSQL 15+ with PostGIS 3, through pgx and its connection pool. It
// holds the same tables as the embedded SQLite store and passes the same
// conformance suite (internal/storetest), so both give the same answers.
//
// # Transactions
//
// Update runs in READ COMMITTED, where each statement sees every commit
// made before it. Writers run in parallel and lock what they change, row
// by row, before reading it (LockReport, LockRecords: SELECT ... FOR NO
// KEY UPDATE, the lock an UPDATE of the row takes, which lets foreign key
// checks of other rows through), so the workflow's read-modify-write
// sequences never interleave badly; human id counters are row-locked
// upserts. The audit chain, whose head every write moves, is the one
// global serialisation point, and it is kept to the commit: entries are
// queued (QueueAudit) and, with the COMMIT, in its round trip, the
// transaction takes the chain's advisory lock (ChainLockKey), and one
// statement reads the head, chains the entries in SQL and inserts them.
// Nothing else is done under that lock and no row lock is
// waited for while holding it, so it cannot take part in a deadlock. A
// transaction the server aborts to break a deadlock (40P01), or could not
// serialise (40001), is run again from the start, a few times, as the
// mineaction.Store contract allows. The unique prev_hash column of the
// audit table refuses a fork of the chain even from a writer that bypasses
// the store.
//
// An in-process semaphore admits at most half the pool's connections to
// writers, so that writers waiting for row locks never starve readers.
//
// View runs in REPEATABLE READ, READ ONLY: one consistent snapshot, never
// blocked by writers, never blocking them. Because the chain is extended
// only at commit, under its lock, a snapshot sees a prefix of the chain.
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
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgxpool"

	"mineaction/internal/mineaction"
)

// ChainLockKey is the transaction-scoped advisory lock under which a
// committing Update extends the audit chain.
const ChainLockKey int64 = 0x6d696e65_63686169 // "minechai"

// maxAttempts bounds how many times Update runs f when the server aborts
// the transaction to break a deadlock or a serialisation failure.
const maxAttempts = 8

// ErrBackup is returned by Backup: backups of a PostgreSQL database are the
// operator's, with the database's own tools.
var ErrBackup = errors.New("the PostgreSQL store does not write backup files: back it up with pg_dump, " +
	"or with WAL archiving and pg_basebackup for point-in-time recovery")

// Store is the PostgreSQL implementation of mineaction.Store.
type Store struct {
	pool *pgxpool.Pool
	// writers admits at most half the pool's connections to Updates of
	// this process, before they take a connection: writers waiting for row
	// locks would otherwise hold the connections that readers need.
	writers chan struct{}
	// retries counts transactions run again (see Retries).
	retries atomic.Int64
}

var _ mineaction.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or a keyword/value
// connection string; pool settings such as pool_max_conns may be given in
// it), checks that PostGIS is installed and the encoding is UTF8, and brings
// the schema up to date. It refuses a database whose schema is newer than
// this program.
func Open(ctx context.Context, url string) (*Store, error) {
	return open(ctx, url, nil)
}

// open is Open, with configure (if not nil) given the pool's settings
// before it connects: tests count round trips with a tracer.
func open(ctx context.Context, url string, configure func(*pgxpool.Config)) (*Store, error) {
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
	if !strings.Contains(url, "pool_max_conns") {
		// pgxpool's default (the number of CPUs, at least 4) leaves writers
		// waiting for the disk with nothing to overlap them with.
		cfg.MaxConns = int32(max(8, 4*runtime.GOMAXPROCS(0)))
	}
	if configure != nil {
		configure(cfg)
	}
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
	return &Store{pool: pool, writers: make(chan struct{}, max(1, cfg.MaxConns/2))}, nil
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
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer conn.Release()
	var p *pipe
	if mineaction.IsOneStatement(ctx) {
		// One statement sees one state by itself: no BEGIN, no ROLLBACK.
		p = &pipe{conn: conn, once: true}
	} else {
		p = begin(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	}
	defer p.end(ctx)
	return f(&txn{tx: p, snap: newSnapshotReads()})
}

// Update implements mineaction.Store. f runs again, in a new transaction,
// if the server aborted the previous one to break a deadlock.
func (s *Store) Update(ctx context.Context, f func(mineaction.Tx) error) error {
	select {
	case s.writers <- struct{}{}:
		defer func() { <-s.writers }()
	case <-ctx.Done():
		return fmt.Errorf("begin write: %w", ctx.Err())
	}
	for attempt := 1; ; attempt++ {
		err := s.update(ctx, f)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			return err
		}
		s.retries.Add(1)
		// Let the transaction that won go ahead before running again.
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// Retries returns how many times an Update ran its function again because
// the server broke a deadlock or could not serialise the transaction: the
// workflow's lock order keeps it at zero in normal operation.
func (s *Store) Retries() int64 { return s.retries.Load() }

// update runs f once in a write transaction and commits it.
func (s *Store) update(ctx context.Context, f func(mineaction.Tx) error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	defer conn.Release()
	p := begin(conn, "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE")
	defer p.end(ctx)
	t := &txn{tx: p, cache: newReadCache()}
	if err := f(t); err != nil {
		return err
	}
	return t.commit(ctx)
}

// Backup implements mineaction.Store: it returns ErrBackup.
func (s *Store) Backup(ctx context.Context, path string) error {
	return fmt.Errorf("backup to %s: %w", path, ErrBackup)
}

// txn is a transaction; its methods implement mineaction.Tx.
type txn struct {
	tx *pipe
	// audit holds the entries queued for the chain, in order.
	audit []*mineaction.AuditEntry
	// cache keeps what a write transaction read of the rows it locked
	// (nil in a read-only transaction).
	cache *readCache
	// snap keeps what a read-only transaction read along with its records
	// (nil in a write transaction).
	snap *snapshotReads
}

var (
	_ mineaction.Tx         = (*txn)(nil)
	_ mineaction.Prefetcher = (*txn)(nil)
)
