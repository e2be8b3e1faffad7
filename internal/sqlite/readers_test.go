package sqlite

import (
	"context"
	"errors"
	"testing"

	"mineaction/internal/mineaction"
)

// A read transaction that ends any way at all (its context cancelled in
// the middle of a query, an error, a panic) gives its connection back, out
// of its transaction: after many more such endings than the pool has
// connections, reads still run and see what was committed since.
func TestReadConnectionsComeBack(t *testing.T) {
	s, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count := func(ctx context.Context, tx mineaction.Tx) (int, error) {
		return tx.CountRecords(ctx, mineaction.RecordQuery{IncludeDeleted: true})
	}
	boom := errors.New("boom")
	for i := range 3 * cap(s.readers.slots) {
		ctx, cancel := context.WithCancel(context.Background())
		var err error
		switch i % 3 {
		case 0: // cancelled while inside the transaction
			err = s.View(ctx, func(tx mineaction.Tx) error {
				if _, err := count(ctx, tx); err != nil {
					return err
				}
				cancel()
				_, err := count(ctx, tx)
				return err
			})
			if err == nil {
				t.Fatal("a read with its context cancelled succeeded")
			}
		case 1:
			if err = s.View(ctx, func(mineaction.Tx) error { return boom }); !errors.Is(err, boom) {
				t.Fatalf("View returned %v, want the function's error", err)
			}
		case 2:
			func() {
				defer func() { recover() }()
				s.View(ctx, func(mineaction.Tx) error { panic(boom) })
			}()
		}
		cancel()
	}
	// A write committed now is seen by the next read on any connection: none
	// was left inside an old snapshot.
	if err := s.Update(context.Background(), func(tx mineaction.Tx) error {
		return tx.PutOrganisation(context.Background(), &mineaction.Organisation{Code: "NEW", Name: "New", Kind: "ngo"})
	}); err != nil {
		t.Fatal(err)
	}
	for range 2 * cap(s.readers.slots) {
		err := s.View(context.Background(), func(tx mineaction.Tx) error {
			_, err := tx.Organisation(context.Background(), "NEW")
			return err
		})
		if err != nil {
			t.Fatalf("read after the write: %v", err)
		}
	}
}
