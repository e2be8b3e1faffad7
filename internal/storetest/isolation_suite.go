package storetest

import (
	"testing"

	"mineaction/internal/mineaction"
)

// testReadDuringWrite checks that a read made while a write is in progress
// is not blocked and sees the state before the write, and that a read
// after the commit sees the write.
func testReadDuringWrite(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	written, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Update(ctx, func(tx mineaction.Tx) error {
			if err := tx.PutOrganisation(ctx, &mineaction.Organisation{Code: "NEW", Name: "New", Kind: "ngo"}); err != nil {
				close(written)
				return err
			}
			close(written)
			<-release
			return nil
		})
	}()
	<-written
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Organisation, error) { return tx.Organisation(ctx, "NEW") })
	close(release)
	wantKind(t, "reading an uncommitted write", err, mineaction.KindNotFound)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if o := get(t, s, func(tx mineaction.Tx) (*mineaction.Organisation, error) { return tx.Organisation(ctx, "NEW") }); o.Name != "New" {
		t.Errorf("after the commit: %+v", o)
	}
}
