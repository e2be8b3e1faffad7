package storetest

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"mineaction/internal/mineaction"
)

func appendAudit(t testing.TB, s mineaction.Store, n int) []*mineaction.AuditEntry {
	t.Helper()
	var out []*mineaction.AuditEntry
	update(t, s, func(tx mineaction.Tx) error {
		out = nil // the store may run this again
		for i := range n {
			e := &mineaction.AuditEntry{At: t0.Add(time.Duration(i) * time.Microsecond), Actor: "vera", Action: mineaction.AuditReportApprove,
				ReportID: int64(i + 1), RecordHID: "HA-000001", Version: i + 1, VersionHash: fmt.Sprintf("%064d", i), Detail: "applied ə"}
			if err := mineaction.AppendAudit(ctx, tx, e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out
}

func testAudit(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.AuditEntry, error) { return tx.LastAudit(ctx) })
	wantKind(t, "last audit entry of an empty log", err, mineaction.KindNotFound)
	es := appendAudit(t, s, 5)
	if es[0].Seq != 1 || es[0].PrevHash != "" || es[4].Seq != 5 || es[4].PrevHash != es[3].Hash {
		t.Fatalf("chain: %+v ... %+v", es[0], es[4])
	}
	last := get(t, s, func(tx mineaction.Tx) (*mineaction.AuditEntry, error) { return tx.LastAudit(ctx) })
	if !reflect.DeepEqual(last, es[4]) {
		t.Errorf("last entry:\n got %+v\nwant %+v", last, es[4])
	}
	all := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 0, 0) })
	if !reflect.DeepEqual(all, es) {
		t.Errorf("audit log:\n got %+v\nwant %+v", all, es)
	}
	for _, e := range all {
		if e.ComputeHash() != e.Hash {
			t.Errorf("entry %d no longer matches its hash", e.Seq)
		}
	}
	page := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 2, 2) })
	if len(page) != 2 || page[0].Seq != 3 || page[1].Seq != 4 {
		t.Errorf("page after 2: %+v", page)
	}
	// A second entry with the same sequence number is refused.
	err = s.Update(ctx, func(tx mineaction.Tx) error {
		e := *es[4]
		e.PrevHash = es[3].Hash + "x"
		return tx.AppendAudit(ctx, &e)
	})
	wantKind(t, "an entry with a used sequence number", err, mineaction.KindConflict)
}

// testAuditAppendOnly checks that the database itself refuses to change or
// delete audit entries, whoever asks.
func testAuditAppendOnly(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	appendAudit(t, s, 3)
	for _, q := range []string{
		"UPDATE audit SET actor = 'mallory' WHERE seq = 2",
		"UPDATE audit SET hash = hash",
		"DELETE FROM audit WHERE seq = 3",
		"DELETE FROM audit",
	} {
		if err := execRaw(t, s, q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	all := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 0, 0) })
	if len(all) != 3 || all[1].Actor != "vera" {
		t.Errorf("audit log after attempts: %+v", all)
	}
	// Appending still works.
	if es := appendAudit(t, s, 1); es[0].Seq != 4 {
		t.Errorf("appended as %d", es[0].Seq)
	}
}

// testAuditConcurrent appends from many goroutines at once: each append
// reads the head and chains on it in its own transaction, so the chain must
// come out whole, with no two entries on the same predecessor.
func testAuditConcurrent(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				errs <- s.Update(ctx, func(tx mineaction.Tx) error {
					return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: t0, Actor: fmt.Sprintf("w%d", w),
						Action: mineaction.AuditReportCreate, ReportID: int64(i)})
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("append: %v", err)
		}
	}
	all := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 0, 0) })
	if len(all) != writers*each {
		t.Fatalf("%d entries, want %d", len(all), writers*each)
	}
	prev := ""
	for i, e := range all {
		if e.Seq != int64(i+1) || e.PrevHash != prev || e.ComputeHash() != e.Hash {
			t.Fatalf("chain broken at entry %d: %+v", i+1, e)
		}
		prev = e.Hash
	}
}
