package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"reflect"
	"testing"

	"mineaction/internal/mineaction"
)

// eachRow gives the same values, of the same kinds, whether a read
// transaction takes them from the driver's connection or a write
// transaction through database/sql; and a read connection that has run
// more distinct queries than it keeps statements for goes on working.
func TestEachRow(t *testing.T) {
	s, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const query = "SELECT 1, ?, 'text', x'0102', NULL UNION ALL SELECT 2, ?, '', x'03', NULL"
	want := [][]driver.Value{{int64(1), 2.5, "text", []byte{1, 2}, nil}, {int64(2), int64(7), "", []byte{3}, nil}}
	read := func(tx mineaction.Tx) ([][]driver.Value, error) {
		var got [][]driver.Value
		err := tx.(*txn).eachRow(ctx, query, []any{2.5, 7}, func(vals []driver.Value) error {
			got = append(got, append([]driver.Value(nil), vals...))
			return nil
		})
		return got, err
	}
	for _, c := range []struct {
		name string
		run  func(func(mineaction.Tx) error) error
	}{
		{"read", func(f func(mineaction.Tx) error) error { return s.View(ctx, f) }},
		{"write", func(f func(mineaction.Tx) error) error { return s.Update(ctx, f) }},
	} {
		err := c.run(func(tx mineaction.Tx) error {
			got, err := read(tx)
			if err == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %#v, want %#v", c.name, got, want)
			}
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	err = s.View(ctx, func(tx mineaction.Tx) error {
		for i := range 2 * maxPerConn {
			var n int64
			err := tx.(*txn).eachRow(ctx, fmt.Sprintf("SELECT %d + ?", i), []any{1}, func(vals []driver.Value) error {
				n = vals[0].(int64)
				return nil
			})
			if err != nil {
				return err
			}
			if n != int64(i+1) {
				return fmt.Errorf("query %d gave %d", i, n)
			}
		}
		got, err := read(tx)
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("after many queries: got %#v, want %#v", got, want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.readers.idle); n == 0 {
		t.Fatal("the read connection did not come back")
	}
}
