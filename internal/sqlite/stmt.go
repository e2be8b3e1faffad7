package sqlite

import (
	"context"
	"database/sql"
)

// SQLite spends most of a short query parsing it, and a transaction asks
// the same few dozen queries again and again (a bulk load, thousands of
// times; a read of an OGC API page, a handful, each taking longer to
// prepare than to run). A write transaction therefore prepares each query
// text once and reuses the statement until it ends. A read connection
// keeps its statements for its life (readers.go), so that a reader's
// transaction prepares only what its connection has not seen yet.
// (Statements of the pool as a whole, database/sql's *DB.Prepare, are not
// used: preparing one may need a connection other than the one the
// transaction holds, and the writer has only one.)

// maxPerTx bounds the statements one write transaction keeps, and
// maxPerConn those a read connection keeps; queries are built by this
// package, so the set of texts is small, but a filter's text is the
// user's choice.
const (
	maxPerTx   = 500
	maxPerConn = 200
)

// stmt returns q prepared on the transaction's connection, or nil to run
// it unprepared.
func (t *txn) stmt(ctx context.Context, q string) *sql.Stmt {
	if s, ok := t.stmts[q]; ok {
		return s
	}
	if len(t.stmts) >= t.maxStmts {
		return nil
	}
	s, err := t.db.PrepareContext(ctx, q)
	if err != nil {
		return nil // run unprepared; the error comes back from the query
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = s
	return s
}

func (t *txn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.db.QueryContext(ctx, q, args...)
}

func (t *txn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.db.QueryRowContext(ctx, q, args...)
}

func (t *txn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.db.ExecContext(ctx, q, args...)
}
