package sqlite

import (
	"context"
	"database/sql"
)

// SQLite spends most of a short query parsing it, and a transaction asks
// the same few dozen queries again and again (a bulk load, thousands of
// times). A transaction therefore prepares each query text once, on its
// own connection, and reuses the statement until it ends. (Statements
// cannot be shared across transactions here: preparing one on the pool
// would need a second connection, and the writer has only one.)

// maxPerTx bounds the statements one transaction keeps; queries are built
// by this package, so the set of texts is small.
const maxPerTx = 500

// stmt returns q prepared in the transaction, or nil to run it unprepared.
func (t *txn) stmt(ctx context.Context, q string) *sql.Stmt {
	if s, ok := t.stmts[q]; ok {
		return s
	}
	if len(t.stmts) >= maxPerTx {
		return nil
	}
	s, err := t.tx.PrepareContext(ctx, q)
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
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *txn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t *txn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}
