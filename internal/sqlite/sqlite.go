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
// read-only connections that see WAL snapshots.
type Store struct {
	path   string
	writer *sql.DB
	reader *sql.DB
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
	return &Store{path: path, writer: writer, reader: reader}, nil
}

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.reader.Close(), s.writer.Close())
}

// View implements mineaction.Store.
func (s *Store) View(ctx context.Context, f func(mineaction.Tx) error) error {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return f(&txn{tx: tx})
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
	t := &txn{tx: tx, write: true}
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
	tx    *sql.Tx
	write bool
	stmts map[string]*sql.Stmt     // prepared in this transaction
	audit []*mineaction.AuditEntry // queued for the chain, in order
}

var _ mineaction.Tx = (*txn)(nil)
