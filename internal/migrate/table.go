package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// copyTable copies one table, chunk rows per INSERT ... SELECT FROM
// unnest(arrays), each column an array of its PostgreSQL type.
func copyTable(ctx context.Context, from *sql.Tx, to pgx.Tx, table string, cols []column, progress Progress) error {
	var total int
	if err := from.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&total); err != nil {
		return err
	}
	bufs := make([]*buffer, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		b, err := newBuffer(c.typ)
		if err != nil {
			return fmt.Errorf("column %s: %w", c.name, err)
		}
		bufs[i], names[i] = b, c.name
	}
	insert := insertSQL(table, cols, bufs)
	order := "rowid"
	if table == "admin_areas" {
		order = "level, id" // a parent before its children
	}
	rows, err := from.QueryContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+table+" ORDER BY "+order)
	if err != nil {
		return err // a column missing in SQLite is named in the error
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	done, n := 0, 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		args := make([]any, len(bufs))
		for i, b := range bufs {
			args[i] = b.take()
		}
		if _, err := to.Exec(ctx, insert, args...); err != nil {
			return err
		}
		done += n
		n = 0
		progress(table, done, total)
		return nil
	}
	progress(table, 0, total)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, b := range bufs {
			if err := b.add(vals[i]); err != nil {
				return fmt.Errorf("row %d, column %s: %w", done+n+1, cols[i].name, err)
			}
		}
		if n++; n == chunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// insertSQL is the statement that inserts a chunk of a table's rows.
func insertSQL(table string, cols []column, bufs []*buffer) string {
	params, names, exprs := make([]string, len(cols)), make([]string, len(cols)), make([]string, len(cols))
	for i, c := range cols {
		params[i] = fmt.Sprintf("$%d::%s[]", i+1, bufs[i].param)
		names[i] = c.name
		exprs[i] = fmt.Sprintf(bufs[i].expr, "u."+c.name)
	}
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(exprs, ", ") +
		" FROM unnest(" + strings.Join(params, ", ") + ") AS u(" + strings.Join(names, ", ") + ")"
}

// buffer collects a column's values for one chunk, converted from SQLite's
// storage to a Go type pgx sends as the array type param; expr turns an
// element into the column's type.
type buffer struct {
	param string
	expr  string
	add   func(v any) error
	take  func() any
}

// newBuffer returns the buffer of a PostgreSQL column type.
func newBuffer(typ string) (*buffer, error) {
	switch typ {
	case "bigint", "integer":
		return collect("bigint", "%s::"+typ, func(v any) (*int64, error) { return integer(v) }), nil
	case "double precision":
		return collect("double precision", "%s", func(v any) (*float64, error) {
			switch v := v.(type) {
			case nil:
				return nil, nil
			case float64:
				return &v, nil
			case int64:
				f := float64(v)
				return &f, nil
			}
			return nil, fmt.Errorf("%T is not a number", v)
		}), nil
	case "boolean":
		return collect("boolean", "%s", func(v any) (*bool, error) {
			n, err := integer(v)
			if n == nil || err != nil {
				return nil, err
			}
			b := *n != 0
			return &b, nil
		}), nil
	case "text", "json":
		return collect("text", "%s::"+typ, text), nil
	case "_text": // roles, kept in SQLite as comma-separated text
		return collect("text", "array_remove(string_to_array(%s, ','), '')", text), nil
	case "date": // "" is no date
		return collect("text", "NULLIF(%s, '')::date", text), nil
	case "timestamp with time zone":
		return collect("timestamptz", "%s", func(v any) (*time.Time, error) {
			s, err := text(v)
			if s == nil || err != nil {
				return nil, err
			}
			t, err := time.Parse(time.RFC3339Nano, *s)
			if err != nil {
				return nil, err
			}
			return &t, nil
		}), nil
	case "geometry": // little-endian WKB
		return collect("bytea", "ST_GeomFromWKB(%s, 4326)", func(v any) ([]byte, error) {
			switch v := v.(type) {
			case nil:
				return nil, nil
			case []byte:
				return v, nil
			}
			return nil, fmt.Errorf("%T is not a geometry", v)
		}), nil
	}
	return nil, fmt.Errorf("migrate does not know the PostgreSQL type %s", typ)
}

// collect makes a buffer of values of type T.
func collect[T any](param, expr string, conv func(v any) (T, error)) *buffer {
	var vs []T
	return &buffer{param: param, expr: expr,
		add: func(v any) error {
			x, err := conv(v)
			vs = append(vs, x)
			return err
		},
		take: func() any {
			out := vs
			vs = nil
			return out
		},
	}
}

func integer(v any) (*int64, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case int64:
		return &v, nil
	}
	return nil, fmt.Errorf("%T is not an integer", v)
}

func text(v any) (*string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return &v, nil
	case []byte:
		s := string(v)
		return &s, nil
	}
	return nil, fmt.Errorf("%T is not text", v)
}
