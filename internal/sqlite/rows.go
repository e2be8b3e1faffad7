package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// Reading a row through database/sql costs more than the driver's own
// work for it: Scan converts each value to its destination, through
// reflection for anything but strings and bytes, and each Next takes its
// locks. A page of the OGC API reads a hundred record rows of twenty
// columns, a tile thousands. eachRow hands the driver's values over as
// they come, read from the driver's connection itself on a read
// connection; a write transaction, whose connection database/sql keeps to
// itself, goes through Scan into values of the same kinds.

// eachRow runs query and calls f with the column values of each row, as
// the driver gives them: int64, float64, string, []byte or nil. f must not
// keep vals, nor run queries on the transaction.
func (t *txn) eachRow(ctx context.Context, query string, args []any, f func(vals []driver.Value) error) error {
	if t.rc != nil {
		return t.rc.eachRow(ctx, query, args, f)
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]driver.Value, len(cols))
	anys := make([]any, len(cols))
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = &anys[i] // *any: Scan stores the value as it is
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, v := range anys {
			vals[i] = v
		}
		if err := f(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// eachRow is txn.eachRow on the driver's connection, with the statement
// prepared on it kept for the connection's life.
func (rc *readConn) eachRow(ctx context.Context, query string, args []any, f func(vals []driver.Value) error) error {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return rc.conn.Raw(func(dc any) error {
		st, keep, err := rc.rawStmt(ctx, dc, query)
		if err != nil {
			return err
		}
		if !keep {
			defer st.Close()
		}
		sq, ok := st.(driver.StmtQueryContext)
		if !ok {
			return errors.New("sqlite: the driver's statements take no context")
		}
		rows, err := sq.QueryContext(ctx, named)
		if err != nil {
			return err
		}
		vals := make([]driver.Value, len(rows.Columns()))
		for {
			err = rows.Next(vals)
			if err == nil {
				err = f(vals)
			}
			if err != nil {
				break
			}
		}
		if err == io.EOF {
			err = nil
		}
		return errors.Join(err, rows.Close())
	})
}

// rawStmt returns query prepared on the driver's connection dc, and
// whether it is kept (as many statements are kept as maxPerConn allows,
// counting database/sql's).
func (rc *readConn) rawStmt(ctx context.Context, dc any, query string) (driver.Stmt, bool, error) {
	if st, ok := rc.raw[query]; ok {
		return st, true, nil
	}
	cp, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return nil, false, errors.New("sqlite: the driver's connection prepares without a context")
	}
	st, err := cp.PrepareContext(ctx, query)
	if err != nil {
		return nil, false, err
	}
	if len(rc.stmts)+len(rc.raw) >= maxPerConn {
		return st, false, nil
	}
	rc.raw[query] = st
	return st, true, nil
}

// rowValues reads the values of a row in order, as the types the store
// keeps in them. A value of another kind, or a NULL where the column
// holds none, is an error, as Scan's would be (a database this program
// did not write).
type rowValues struct {
	vals []driver.Value
	i    int
	err  error
}

func (c *rowValues) next() driver.Value {
	c.i++
	return c.vals[c.i-1]
}

func (c *rowValues) fail(v driver.Value, want string) {
	if c.err == nil {
		c.err = fmt.Errorf("column %d: %T where %s was expected", c.i, v, want)
	}
}

func (c *rowValues) int() int64 {
	v, ok := c.next().(int64)
	if !ok {
		c.fail(c.vals[c.i-1], "an integer")
	}
	return v
}

// nullInt reads an integer column that may be NULL, and whether it is not.
func (c *rowValues) nullInt() (int64, bool) {
	switch v := c.next().(type) {
	case int64:
		return v, true
	case nil:
	default:
		c.fail(v, "an integer")
	}
	return 0, false
}

// nullFloat reads a REAL column that may be NULL, and whether it is not.
func (c *rowValues) nullFloat() (float64, bool) {
	switch v := c.next().(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	case nil:
	default:
		c.fail(v, "a number")
	}
	return 0, false
}

func (c *rowValues) string() string {
	v, ok := c.next().(string)
	if !ok {
		c.fail(c.vals[c.i-1], "text")
	}
	return v
}

// nullBytes reads a BLOB column that may be NULL (nil).
func (c *rowValues) nullBytes() []byte {
	switch v := c.next().(type) {
	case []byte:
		return v
	case nil:
	default:
		c.fail(v, "a blob")
	}
	return nil
}
