package storetest

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
)

// Run is the conformance suite: it exercises every method of
// mineaction.Tx directly, not through the workflow, on fresh stores from
// open, and checks the answers that both stores must give identically.
func Run(t *testing.T, open func(testing.TB) mineaction.Store) {
	for _, c := range []struct {
		name string
		f    func(t *testing.T, open func(testing.TB) mineaction.Store)
	}{
		{"Reference", testReference},
		{"Reports", testReports},
		{"ReportPaging", testReportPaging},
		{"Records", testRecords},
		{"Versions", testVersions},
		{"HIDNumbers", testHIDNumbers},
		{"Aggregate", testAggregate},
		{"BBox", testBBox},
		{"RoundTrip", testRoundTrip},
		{"Releases", testReleases},
		{"Figures", testFigures},
		{"HazardHistory", testHazardHistory},
		{"Audit", testAudit},
		{"AuditAppendOnly", testAuditAppendOnly},
		{"AuditConcurrent", testAuditConcurrent},
		{"QueueAudit", testQueueAudit},
		{"SetHID", testSetHID},
		{"Locks", testLocks},
		{"IDsNotReused", testIDsNotReused},
		{"Accounts", testAccounts},
		{"Errors", testErrors},
		{"Rollback", testRollback},
		{"ReadYourWrites", testReadYourWrites},
		{"ReadDuringWrite", testReadDuringWrite},
		{"Filters", testFilters},
	} {
		t.Run(c.name, func(t *testing.T) { c.f(t, open) })
	}
}

var ctx = context.Background()

// update runs f in a write transaction and fails t on error.
func update(t testing.TB, s mineaction.Store, f func(tx mineaction.Tx) error) {
	t.Helper()
	if err := s.Update(ctx, f); err != nil {
		t.Fatalf("update: %v", err)
	}
}

// view runs f in a read transaction and fails t on error.
func view(t testing.TB, s mineaction.Store, f func(tx mineaction.Tx) error) {
	t.Helper()
	if err := s.View(ctx, f); err != nil {
		t.Fatalf("view: %v", err)
	}
}

// get reads one value in a read transaction.
func get[T any](t testing.TB, s mineaction.Store, f func(tx mineaction.Tx) (T, error)) T {
	t.Helper()
	var out T
	view(t, s, func(tx mineaction.Tx) error {
		var err error
		out, err = f(tx)
		return err
	})
	return out
}

// execRaw runs a statement on the store's database outside the Store
// interface, as an intruder with database access would.
func execRaw(t testing.TB, s mineaction.Store, query string) error {
	t.Helper()
	switch s := s.(type) {
	case *sqlite.Store:
		db, err := sql.Open("sqlite", "file:"+s.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, query)
		return err
	case *postgres.Store:
		_, err := s.Pool().Exec(ctx, query)
		return err
	}
	t.Fatalf("execRaw: unknown store %T", s)
	return errors.ErrUnsupported
}

// wantKind fails t unless err is of kind k.
func wantKind(t testing.TB, what string, err error, k mineaction.Kind) {
	t.Helper()
	if err == nil || mineaction.ErrorKind(err) != k {
		t.Errorf("%s: got %v (kind %v), want kind %v", what, err, mineaction.ErrorKind(err), k)
	}
}
