package workflow

import (
	"slices"

	"mineaction/internal/mineaction"
)

// Writers run concurrently on the PostgreSQL store, so every approval and
// undo locks what it reads in order to write, before reading it:
//
//   - the report, first (transition, UpdateReport, DeleteReport), so that
//     one report is not approved, undone or edited twice at once;
//   - then the records, in ascending id order, all at once where the set
//     is known: the record an approval changes (its versions are numbered
//     from the last one, its removal checks its dependents), every record
//     the new version links to (so that none is removed meanwhile; links
//     check again, under the lock, that each target is current) and the
//     hazards whose releases, credits and figures it rebuilds or appends
//     to (landrelease.Rebuild and Append read them, then write them);
//   - then human id counters (row-locked upserts, taken as late as the
//     record allows), and at commit the audit chain's lock (the store's).
//
// A record found to need a lock only later (an undo restoring a version
// that linked elsewhere) is locked then, out of order; if that deadlocks,
// the database aborts one transaction and the store runs it again, which
// every closure of this package allows: each sets, never accumulates, what
// it keeps outside the transaction.

// lock locks the records not locked yet by this applier, in ascending id
// order.
func (a *applier) lock(ids ...int64) error {
	var need []int64
	for _, id := range ids {
		if id != 0 && !a.locked[id] && !slices.Contains(need, id) {
			need = append(need, id)
		}
	}
	if len(need) == 0 {
		return nil
	}
	slices.Sort(need)
	if err := a.tx.LockRecords(a.ctx, need...); err != nil {
		return err
	}
	if a.locked == nil {
		a.locked = map[int64]bool{}
	}
	for _, id := range need {
		a.locked[id] = true
	}
	return nil
}

// lockFor locks, in one ascending sweep, what applying rec (a new version
// of the report's record, or a new record) reads and changes: the record,
// the records rec links to, and the hazards the current version links to
// (an activity moved to another hazard rebuilds both). The ids are looked
// up without locks: a human id never changes its record, and what is read
// about the current version is read again under the lock. The hazards
// whose accounting the approval brings up to date (see effects) are named
// to the store, which may fetch them with the next statement.
func (a *applier) lockFor(rec mineaction.Record) error {
	var ids, accounted []int64
	_, activity := rec.(*mineaction.Activity)
	if id := a.report.RecordID; id != 0 {
		ids = append(ids, id)
		if _, ok := rec.(*mineaction.Hazard); ok {
			accounted = append(accounted, id)
		}
		cur, err := a.tx.Record(a.ctx, id)
		if err != nil {
			return err
		}
		for _, l := range cur.Links {
			if l.Rel == mineaction.RefHazard {
				ids = append(ids, l.Target)
				if activity {
					accounted = append(accounted, l.Target)
				}
			}
		}
	}
	refs, err := a.refIDs(rec)
	if err != nil {
		return err
	}
	if activity {
		for _, ref := range rec.Refs() {
			if id, ok := a.ids[ref.Code]; ok && ref.Kind == mineaction.RefHazard {
				accounted = append(accounted, id)
			}
		}
	}
	if err := a.lock(append(ids, refs...)...); err != nil {
		return err
	}
	a.prefetch(accounted...)
	return nil
}

// lockRefs locks the records rec links to.
func (a *applier) lockRefs(rec mineaction.Record) error {
	ids, err := a.refIDs(rec)
	if err != nil {
		return err
	}
	return a.lock(ids...)
}

// refIDs returns the ids of the records rec links to, leaving out unknown
// human ids (an import issue, reported by resolve and by links).
func (a *applier) refIDs(rec mineaction.Record) ([]int64, error) {
	var ids []int64
	for _, ref := range rec.Refs() {
		if ref.Kind.RecordType() == "" {
			continue
		}
		id, err := a.idOf(ref.Code)
		if err != nil {
			if mineaction.ErrorKind(err) == mineaction.KindNotFound {
				continue
			}
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// idOf returns the record id of a human id (cached: it never changes). The
// ids of committed records are shared by the approvals of this process
// (Service.recordID), which saves an approval that links to a record a
// read of it before it is locked.
func (a *applier) idOf(hid string) (int64, error) {
	if id, ok := a.ids[hid]; ok {
		return id, nil
	}
	id, ok := int64(0), false
	if a.alone {
		id, ok = a.s.recordID(hid)
	}
	if !ok {
		r, err := a.tx.RecordByHID(a.ctx, hid)
		if err != nil {
			return 0, err
		}
		id = r.ID
		if a.alone {
			// Not created by this transaction, which would have it in
			// a.ids: committed.
			a.s.rememberRecordID(hid, id)
		}
	}
	if a.ids == nil {
		a.ids = map[string]int64{}
	}
	a.ids[hid] = id
	return id, nil
}

// created marks a record this transaction inserted as locked: no other
// transaction can see it before the commit.
func (a *applier) created(st *mineaction.RecordState) {
	if a.locked == nil {
		a.locked = map[int64]bool{}
	}
	a.locked[st.ID] = true
	if a.ids == nil {
		a.ids = map[string]int64{}
	}
	a.ids[st.HID] = st.ID
}

// lockUndo locks, in one ascending sweep, what undoing the report's
// approval changes: its record, the records it created (finds and victims
// that rode in it) and the hazards they link to now.
func (a *applier) lockUndo(created []*mineaction.RecordState) error {
	ids := []int64{a.report.RecordID}
	states := created
	if cur, err := a.tx.Record(a.ctx, a.report.RecordID); err == nil {
		states = append(states, cur)
	} else if mineaction.ErrorKind(err) != mineaction.KindNotFound {
		return err
	}
	for _, st := range states {
		ids = append(ids, st.ID)
		for _, l := range st.Links {
			if l.Rel == mineaction.RefHazard {
				ids = append(ids, l.Target)
			}
		}
	}
	return a.lock(ids...)
}

// lockHazards locks the hazards st links to.
func (a *applier) lockHazards(st *mineaction.RecordState) error {
	var ids []int64
	for _, l := range st.Links {
		if l.Rel == mineaction.RefHazard {
			ids = append(ids, l.Target)
		}
	}
	return a.lock(ids...)
}
