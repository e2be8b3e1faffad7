package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pipe is a transaction that can hold statements back and send them with
// the next one, in one round trip: a row lock (LockReport, LockRecords)
// returns nothing the caller needs, and what it protects is the statement
// that follows, which the server runs after it. On loopback a round trip
// costs the client and the server several times the CPU of a small
// statement sent with others (about 50 µs each against 8 µs, measured on
// the benchmark machine), and an approval would otherwise make dozens.
//
// Held back are the row locks, the writes whose result the caller does
// not need (SetHID, InsertVersion, UpdateReport, UpdateRecord,
// PutFigures, hazard history, MarkVersionUndone), and reads asked for
// ahead of time (Prefetch), whose rows a callback keeps when they arrive.
// Errors of held statements are returned by the call that sends them, or
// by Update, still labelled with what failed.
//
// The transaction itself is run by hand on a pooled connection, so that
// its BEGIN goes with its first statement and its COMMIT with its last
// (the audit entries, chained under the audit chain's lock: see
// txn.commit): a write holds that lock, the global serialisation point,
// for one round trip and the commit's flush.
type pipe struct {
	conn    *pgxpool.Conn
	pending []held
	// once is set for a read of one statement without a transaction
	// (mineaction.OneStatement); sent, once it has been sent.
	once, sent bool
}

// errSecondStatement is a second statement in a read marked as one.
var errSecondStatement = errors.New("a read marked as one statement made a second one")

// next accounts for a round trip about to be made: a read marked as one
// statement may make only one.
func (p *pipe) next() error {
	if p.once {
		if p.sent {
			return errSecondStatement
		}
		p.sent = true
	}
	return nil
}

// begin holds back the BEGIN of a transaction on conn.
func begin(conn *pgxpool.Conn, sql string) *pipe {
	p := &pipe{conn: conn}
	p.hold("begin", sql)
	return p
}

// inTx reports whether the connection is inside a transaction.
func (p *pipe) inTx() bool { return p.conn.Conn().PgConn().TxStatus() != 'I' }

// end ends the transaction if it is still open (rolling it back) and
// drops what was held back. A connection left in a transaction, if the
// rollback failed, is closed by the pool on release.
func (p *pipe) end(ctx context.Context) {
	p.pending = nil
	if p.inTx() {
		p.conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	}
}

// commit sends the held statements, those queue adds (whose results read
// reads), then COMMIT, in one round trip, and checks that the transaction
// committed. queue and read may be nil.
func (p *pipe) commit(ctx context.Context, queue func(*pgx.Batch), read func(pgx.BatchResults) error) error {
	// Reads asked for ahead of time are of no use any more.
	p.pending = slices.DeleteFunc(p.pending, func(h held) bool { return h.read != nil })
	if len(p.pending) == 1 && !p.inTx() && queue == nil {
		p.pending = nil // nothing was done: BEGIN was never sent
		return nil
	}
	br, err := p.send(ctx, func(b *pgx.Batch) {
		if queue != nil {
			queue(b)
		}
		b.Queue("COMMIT")
	})
	if err != nil {
		return err
	}
	if read != nil {
		if err := read(br); err != nil {
			br.Close()
			return err
		}
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err == nil && tag.String() != "COMMIT" {
		err = fmt.Errorf("the transaction was rolled back (%s)", tag)
	}
	return storeErr("commit", err)
}

// held is a statement held back.
type held struct {
	what  string // for errors
	sql   string
	args  []any
	check func(pgconn.CommandTag) error // of the result, if not nil
	read  func(pgx.Rows) error          // reads the rows of a query, if not nil
}

// hold holds a statement back until the next one (or the commit).
func (p *pipe) hold(what, sql string, args ...any) {
	p.pending = append(p.pending, held{what: what, sql: sql, args: args})
}

// holdOne holds back a statement that must change one row.
func (p *pipe) holdOne(what, sql string, args ...any) {
	p.pending = append(p.pending, held{what: what, sql: sql, args: args, check: func(tag pgconn.CommandTag) error {
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		return nil
	}})
}

// holdRead holds back a query whose rows read reads when they arrive.
func (p *pipe) holdRead(what, sql string, read func(pgx.Rows) error, args ...any) {
	p.pending = append(p.pending, held{what: what, sql: sql, args: args, read: read})
}

// holdsReads reports whether reads are held back.
func (p *pipe) holdsReads() bool {
	return slices.ContainsFunc(p.pending, func(h held) bool { return h.read != nil })
}

// send sends the held statements followed by b's, and checks the results
// of the held ones (reading those of held reads); the caller reads b's
// from the results.
func (p *pipe) send(ctx context.Context, queue func(b *pgx.Batch)) (pgx.BatchResults, error) {
	if err := p.next(); err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	for _, h := range p.pending {
		b.Queue(h.sql, h.args...)
	}
	queue(b)
	hs := p.pending
	p.pending = nil
	br := p.conn.SendBatch(ctx, b)
	for _, h := range hs {
		var err error
		if h.read != nil {
			err = readHeld(br, h.read)
		} else {
			var tag pgconn.CommandTag
			tag, err = br.Exec()
			if err == nil && h.check != nil {
				err = h.check(tag)
			}
		}
		if err != nil {
			br.Close()
			return nil, storeErr(h.what, err)
		}
	}
	return br, nil
}

// readHeld reads the next result of br, a held query's, with read.
func readHeld(br pgx.BatchResults, read func(pgx.Rows) error) error {
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := read(rows); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

// flush sends the held statements, if any.
func (p *pipe) flush(ctx context.Context) error {
	if len(p.pending) == 0 {
		return nil
	}
	br, err := p.send(ctx, func(*pgx.Batch) {})
	if err != nil {
		return err
	}
	return br.Close()
}

// Exec runs a statement after the held ones.
func (p *pipe) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if len(p.pending) == 0 {
		if err := p.next(); err != nil {
			return pgconn.CommandTag{}, err
		}
		return p.conn.Exec(ctx, sql, args...)
	}
	br, err := p.send(ctx, func(b *pgx.Batch) { b.Queue(sql, args...) })
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag, err
}

// Query runs a query after the held statements.
func (p *pipe) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if len(p.pending) == 0 {
		if err := p.next(); err != nil {
			return nil, err
		}
		return p.conn.Query(ctx, sql, args...)
	}
	br, err := p.send(ctx, func(b *pgx.Batch) { b.Queue(sql, args...) })
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, err
	}
	return &batchRows{Rows: rows, br: br}, nil
}

// QueryRow runs a query of one row after the held statements.
func (p *pipe) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if len(p.pending) == 0 {
		if err := p.next(); err != nil {
			return errRow{err}
		}
		return p.conn.QueryRow(ctx, sql, args...)
	}
	br, err := p.send(ctx, func(b *pgx.Batch) { b.Queue(sql, args...) })
	if err != nil {
		return errRow{err}
	}
	return batchRow{row: br.QueryRow(), br: br}
}

// SendBatch sends the held statements, then b, in one round trip; the
// results are b's.
func (p *pipe) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	if len(p.pending) == 0 {
		if err := p.next(); err != nil {
			return errBatch{err}
		}
		return p.conn.SendBatch(ctx, b)
	}
	br, err := p.send(ctx, func(nb *pgx.Batch) {
		for _, q := range b.QueuedQueries {
			nb.Queue(q.SQL, q.Arguments...)
		}
	})
	if err != nil {
		return errBatch{err}
	}
	return br
}

// batchRows are the rows of the last statement of a batch; closing them
// closes the batch.
type batchRows struct {
	pgx.Rows
	br  pgx.BatchResults
	err error
}

func (r *batchRows) Close() {
	if r.br == nil {
		return
	}
	r.Rows.Close()
	r.err = r.br.Close()
	r.br = nil
}

func (r *batchRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

// batchRow is the row of the last statement of a batch.
type batchRow struct {
	row pgx.Row
	br  pgx.BatchResults
}

func (r batchRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if cerr := r.br.Close(); err == nil {
		err = cerr
	}
	return err
}

// errRow is a row that failed before it was read.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// errBatch is a batch that failed before it was sent.
type errBatch struct{ err error }

func (b errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, b.err }
func (b errBatch) Query() (pgx.Rows, error)         { return nil, b.err }
func (b errBatch) QueryRow() pgx.Row                { return errRow(b) }
func (b errBatch) Close() error                     { return b.err }
func (b errBatch) Tx() pgx.Tx                       { return nil }
