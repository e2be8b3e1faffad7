package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
)

// testIDsNotReused checks that the id of a deleted report or release is
// never given to a new one, even when it was the highest: a client holding
// the old id must not find another row.
func testIDsNotReused(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	_, _, a1, _ := releaseWorld(t, s)
	var last int64
	for i := range 3 {
		r := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusStaged, t0)
		update(t, s, func(tx mineaction.Tx) error { return tx.InsertReport(ctx, r) })
		if i == 2 {
			last = r.ID
			update(t, s, func(tx mineaction.Tx) error { return tx.DeleteReport(ctx, r.ID) })
		}
	}
	r := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusStaged, t0)
	update(t, s, func(tx mineaction.Tx) error { return tx.InsertReport(ctx, r) })
	if r.ID <= last {
		t.Errorf("a new report took id %d after report %d, the highest, was deleted", r.ID, last)
	}
	h := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.RecordByHID(ctx, "HA-000001") })
	rel := release(h, "cleared", "2024-03-01", 0, square(46.1, 39.6, 0.02))
	update(t, s, func(tx mineaction.Tx) error { return tx.ReplaceReleases(ctx, a1.ID, []*mineaction.Release{rel}) })
	first := rel.ID
	update(t, s, func(tx mineaction.Tx) error { return tx.ReplaceReleases(ctx, a1.ID, []*mineaction.Release{rel}) })
	if rel.ID <= first {
		t.Errorf("a release replacing release %d, the highest, took id %d", first, rel.ID)
	}
}

// testSetHID checks that a record inserted under a provisional human id
// takes its number: it is found by the new one with the new properties,
// not by the old one; and that numbering a record that does not exist
// fails the transaction.
func testSetHID(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	r := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.1), `{}`)
	r.HID = "~1.1"
	props := json.RawMessage(`{"hid":"HA-000042", "organisation":"OPA"}`)
	update(t, s, func(tx mineaction.Tx) error {
		if err := tx.InsertRecord(ctx, r); err != nil {
			return err
		}
		return tx.SetHID(ctx, r.ID, "HA-000042", props)
	})
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.RecordByHID(ctx, "HA-000042") })
	if got.ID != r.ID || string(got.Properties) != string(props) {
		t.Errorf("record after SetHID: %+v", got)
	}
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.RecordByHID(ctx, "~1.1") })
	wantKind(t, "the provisional human id after SetHID", err, mineaction.KindNotFound)
	err = s.Update(ctx, func(tx mineaction.Tx) error { return tx.SetHID(ctx, r.ID+1000, "HA-000043", props) })
	wantKind(t, "SetHID of no record", err, mineaction.KindNotFound)
}

// testQueueAudit checks that queued entries are chained at commit, in
// order, and that a rolled back transaction's entries never reach the log.
func testQueueAudit(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	appendAudit(t, s, 2)
	lost := &mineaction.AuditEntry{At: t0, Actor: "mallory", Action: mineaction.AuditReportCreate}
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		tx.QueueAudit(lost)
		return mineaction.Conflictf("roll back")
	})
	wantKind(t, "a rolled back update", err, mineaction.KindConflict)
	var a, b mineaction.AuditEntry
	a = mineaction.AuditEntry{At: t0.Add(time.Nanosecond * 1500), Actor: "vera", Action: mineaction.AuditReportApprove, Detail: "a"}
	b = mineaction.AuditEntry{At: t0, Actor: "vera", Action: mineaction.AuditReportReject, Detail: "b"}
	update(t, s, func(tx mineaction.Tx) error {
		tx.QueueAudit(&a)
		tx.QueueAudit(&b)
		if a.Seq != 0 || a.Hash != "" {
			return fmt.Errorf("a queued entry is chained before the commit: %+v", a)
		}
		return nil
	})
	all := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 0, 0) })
	if len(all) != 4 || all[2].Detail != "a" || all[3].Detail != "b" || a.Seq != 3 || b.Seq != 4 ||
		all[2].Hash != a.Hash || all[3].PrevHash != a.Hash || b.Hash != b.ComputeHash() {
		t.Fatalf("chain after queued entries: %+v\na %+v\nb %+v", all, a, b)
	}
	if !all[2].At.Equal(t0.Add(time.Microsecond)) {
		t.Errorf("a queued entry's time %v, want it kept to the microsecond", all[2].At)
	}
}

// testLocks checks that a record or report locked by one writer makes
// another writer that locks it wait until the first commits, and then see
// what the first wrote.
func testLocks(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	rec := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.1), `{}`)
	insertRecords(t, s, rec)
	rep := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusStaged, t0)
	update(t, s, func(tx mineaction.Tx) error { return tx.InsertReport(ctx, rep) })
	for _, c := range []struct {
		name  string
		lock  func(tx mineaction.Tx) error
		write func(tx mineaction.Tx) error
		read  func(tx mineaction.Tx) (int, error)
	}{
		{"record", func(tx mineaction.Tx) error { return tx.LockRecords(ctx, rec.ID+1000, rec.ID) },
			func(tx mineaction.Tx) error { r := *rec; r.Version = 2; return tx.UpdateRecord(ctx, &r) },
			func(tx mineaction.Tx) (int, error) {
				r, err := tx.Record(ctx, rec.ID)
				if err != nil {
					return 0, err
				}
				return r.Version, nil
			}},
		{"report", func(tx mineaction.Tx) error { return tx.LockReport(ctx, rep.ID) },
			func(tx mineaction.Tx) error { r := *rep; r.Revision = 2; return tx.UpdateReport(ctx, &r) },
			func(tx mineaction.Tx) (int, error) {
				r, err := tx.Report(ctx, rep.ID)
				if err != nil {
					return 0, err
				}
				return r.Revision, nil
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			locked, release, first := make(chan struct{}), make(chan struct{}), make(chan error, 1)
			go func() {
				first <- s.Update(ctx, func(tx mineaction.Tx) error {
					// A store may send a lock with the statement that
					// follows it: read, so that all of it has reached
					// the database.
					err := errors.Join(c.lock(tx), c.write(tx))
					if err == nil {
						_, err = c.read(tx)
					}
					close(locked)
					<-release
					return err
				})
			}()
			<-locked
			second := make(chan int, 1)
			errs := make(chan error, 1)
			go func() {
				errs <- s.Update(ctx, func(tx mineaction.Tx) error {
					if err := c.lock(tx); err != nil {
						return err
					}
					n, err := c.read(tx)
					second <- n
					return err
				})
			}()
			err := waitBlocked(s)
			close(release)
			if err != nil {
				t.Fatal(err)
			}
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
			if n := <-second; n != 2 {
				t.Errorf("the second writer read %d under its lock, want 2, what the first wrote", n)
			}
		})
	}
}

// waitBlocked returns once a transaction of s waits for a lock. The SQLite
// store has one writer: the second waits for the first to end, whatever
// it locks, and nothing needs to be observed.
func waitBlocked(s mineaction.Store) error {
	pg, ok := s.(*postgres.Store)
	if !ok {
		return nil
	}
	c, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		var n int
		err := pg.Pool().QueryRow(c, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
		if err != nil {
			return fmt.Errorf("wait for a blocked writer: %w", err)
		}
		if n > 0 {
			return nil
		}
	}
}
