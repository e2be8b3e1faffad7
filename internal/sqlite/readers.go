package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
)

// A read transaction runs on a connection of its own, taken from a pool
// that keeps each connection together with the statements prepared on it.
// database/sql's own pool would hand a transaction any connection, and a
// statement prepared on one connection cannot run on another; kept with
// its connection, a statement is prepared once for the life of the
// connection instead of once per transaction (for a page of the OGC API,
// which asks a handful of queries, preparing them cost more than running
// them). The transaction itself is BEGIN and ROLLBACK on the connection:
// its reads see one WAL snapshot, from its first read to its end.

// readConn is a pooled read connection and the statements prepared on it,
// through database/sql (stmts) and on the driver's connection itself (raw,
// see rows.go).
type readConn struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
	raw   map[string]driver.Stmt
}

// txn returns a transaction on rc (inside the BEGIN its user runs).
func (rc *readConn) txn() *txn {
	return &txn{db: rc.conn, rc: rc, stmts: rc.stmts, maxStmts: maxPerConn}
}

// readerPool holds up to size read connections of db.
type readerPool struct {
	db    *sql.DB
	slots chan struct{}  // one per connection open or being opened
	idle  chan *readConn // connections not in a transaction

	mu     sync.Mutex
	closed bool
}

func newReaderPool(db *sql.DB, size int) *readerPool {
	return &readerPool{db: db, slots: make(chan struct{}, size), idle: make(chan *readConn, size)}
}

var errPoolClosed = errors.New("sqlite: the store is closed")

// get returns an idle connection, or opens one if fewer than size are
// open, or waits for one to be put back until ctx is done.
func (p *readerPool) get(ctx context.Context) (*readConn, error) {
	select {
	case rc := <-p.idle:
		return rc, nil
	default:
	}
	select {
	case rc := <-p.idle:
		return rc, nil
	case p.slots <- struct{}{}:
		p.mu.Lock()
		closed := p.closed
		p.mu.Unlock()
		if closed {
			<-p.slots
			return nil, errPoolClosed
		}
		conn, err := p.db.Conn(ctx)
		if err != nil {
			<-p.slots
			return nil, err
		}
		return &readConn{conn: conn, stmts: map[string]*sql.Stmt{}, raw: map[string]driver.Stmt{}}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// put returns rc to the pool after its transaction ended with err (the
// error of its ROLLBACK, or of a BEGIN that failed). A connection whose
// transaction could not be ended is closed and dropped, so that the next
// reader does not find itself inside an old snapshot.
func (p *readerPool) put(rc *readConn, err error) {
	if err == nil && len(rc.stmts)+len(rc.raw) >= maxPerConn {
		// Full: a filter's queries may have taken the room. Start again,
		// and the next transactions prepare what they use.
		rc.closeStmts()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil || p.closed {
		rc.close(err != nil)
		<-p.slots
		return
	}
	p.idle <- rc // never blocks: idle has room for every slot
}

// close closes the idle connections; those in a transaction are closed
// when they are put back.
func (p *readerPool) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var errs []error
	for {
		select {
		case rc := <-p.idle:
			errs = append(errs, rc.close(false))
			<-p.slots
		default:
			return errors.Join(errs...)
		}
	}
}

func (rc *readConn) closeStmts() {
	for q, s := range rc.stmts {
		s.Close()
		delete(rc.stmts, q)
	}
	if len(rc.raw) == 0 {
		return
	}
	// The driver's statements are closed on its connection, held.
	rc.conn.Raw(func(any) error {
		for q, s := range rc.raw {
			s.Close()
			delete(rc.raw, q)
		}
		return nil
	})
}

// close closes the statements and the connection; bad says the
// connection must not go back to database/sql's pool either.
func (rc *readConn) close(bad bool) error {
	rc.closeStmts()
	if bad {
		// Raw's error tells database/sql to discard the connection.
		rc.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return rc.conn.Close()
}
