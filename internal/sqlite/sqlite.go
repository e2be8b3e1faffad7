// Package sqlite is the embedded store: the national database in one SQLite
// file, through the pure-Go modernc.org/sqlite driver, in WAL mode with
// foreign keys on and synchronous commits, so that an acknowledged write
// survives a crash.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	"mineaction/internal/mineaction"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside a data directory.
const FileName = "mineaction.db"

// Store is the SQLite implementation of mineaction.Store. Writes go through
// one connection in BEGIN IMMEDIATE transactions; reads use a pool of
// read-only connections that see WAL snapshots (readers.go).
type Store struct {
	path    string
	writer  *sql.DB
	reader  *sql.DB
	readers *readerPool
}

var _ mineaction.Store = (*Store)(nil)

// Open opens (creating if needed) the database in dir and brings its schema
// up to date. It refuses a database whose schema is newer than this program.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return OpenFile(ctx, filepath.Join(dir, FileName))
}

// OpenFile opens the database at path.
func OpenFile(ctx context.Context, path string) (*Store, error) {
	registerFunctions()
	dsn := func(extra ...string) string {
		q := url.Values{}
		for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(FULL)", "cache_size(-32000)"} {
			q.Add("_pragma", p)
		}
		for i := 0; i+1 < len(extra); i += 2 {
			q.Add(extra[i], extra[i+1])
		}
		return "file:" + path + "?" + q.Encode()
	}
	writer, err := sql.Open("sqlite", dsn("_txlock", "immediate"))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	if err := migrate(ctx, writer); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", dsn("_pragma", "query_only(1)"))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0)*2)
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	return &Store{path: path, writer: writer, reader: reader, readers: newReaderPool(reader, n)}, nil
}

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.readers.close(), s.reader.Close(), s.writer.Close())
}

// View implements mineaction.Store: f runs in a read transaction on one of
// the pooled read connections, with the statements prepared on it.
func (s *Store) View(ctx context.Context, f func(mineaction.Tx) error) error {
	rc, err := s.readers.get(ctx)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	if _, err := rc.conn.ExecContext(ctx, "BEGIN"); err != nil {
		s.readers.put(rc, err)
		return fmt.Errorf("begin read: %w", err)
	}
	// Deferred, so that a panic in f still ends the transaction and
	// returns the connection. The rollback runs even when ctx is done.
	defer func() {
		_, err := rc.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		s.readers.put(rc, err)
	}()
	return f(rc.txn())
}

// Update implements mineaction.Store. The one writer connection serialises
// updates (BEGIN IMMEDIATE), so f runs once; the audit entries it queued
// are chained onto the head just before the commit.
func (s *Store) Update(ctx context.Context, f func(mineaction.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	// Deferred, so that a panic in f does not leave the single writer
	// connection inside a transaction; after Commit it does nothing.
	defer tx.Rollback()
	t := &txn{db: tx, write: true, maxStmts: maxPerTx}
	if err := f(t); err != nil {
		return err
	}
	if err := t.chainAudit(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Backup implements mineaction.Store with VACUUM INTO, which writes a
// consistent snapshot (one read transaction) while readers and writers,
// in this process or another, go on.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// The pooled readers are query-only; the copy needs a connection that
	// may create a file, and must not hold up the writer.
	db, err := sql.Open("sqlite", "file:"+s.path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// txn is a transaction; its methods implement mineaction.Tx.
type txn struct {
	db       querier   // the write transaction, or the read connection inside BEGIN
	rc       *readConn // the read connection, if a read transaction
	write    bool
	stmts    map[string]*sql.Stmt     // prepared on db; see stmt.go
	maxStmts int                      // how many stmts may hold
	audit    []*mineaction.AuditEntry // queued for the chain, in order
}

// querier is what a txn runs its statements on: *sql.Tx or *sql.Conn.
type querier interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

var _ mineaction.Tx = (*txn)(nil)
