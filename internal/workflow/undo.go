package workflow

import (
	"context"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// Undo reverses an approval: the version it created is marked undone, the
// record returns to its previous version (or leaves the current view if the
// approval created it), the finds and victims it created leave with it, the
// figures are recomputed, and the report goes back to the review queue.
// Only the latest approval of a record can be undone.
func (s *Service) Undo(ctx context.Context, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	return s.transition(ctx, c, id, ifRevision, "undone", func(tx mineaction.Tx, r *mineaction.Report) error {
		if err := allow(c, auth.UndoApproval, auth.ReportResource(r), "undo approvals"); err != nil {
			return err
		}
		if r.Status != mineaction.StatusApproved {
			return mineaction.Conflictf("report %d is %s; only an approved report can be undone", id, r.Status)
		}
		now := s.now()
		ap := &applier{s: s, ctx: ctx, tx: tx, now: now, actor: c.User, report: r, undoing: true}
		// Children (finds, victims) first, then the record itself.
		created, err := tx.RecordsCreatedBy(ctx, r.ID)
		if err != nil {
			return err
		}
		if err := ap.lockUndo(created); err != nil {
			return err
		}
		for _, child := range created {
			if child.ID == r.RecordID {
				continue
			}
			if err := ap.undoVersion(child.ID, 1); err != nil {
				return err
			}
		}
		if err := ap.undoVersion(r.RecordID, r.ResultVersion); err != nil {
			return err
		}
		if err := ap.finish(); err != nil {
			return err
		}
		r.Status, r.DecidedBy, r.DecidedAt, r.ResultVersion = mineaction.StatusSubmitted, "", nil, 0
		if r.Version == 0 {
			// The report created the record; a new approval creates a new one.
			r.RecordID, r.RecordHID = 0, ""
		}
		return nil
	})
}

// undoVersion marks one version undone and restores the record's previous
// applied version.
func (a *applier) undoVersion(recordID int64, version int) error {
	cur, err := a.tx.Record(a.ctx, recordID)
	if err != nil {
		return err
	}
	versions, err := a.tx.Versions(a.ctx, recordID)
	if err != nil {
		return err
	}
	var target *mineaction.Version
	var prev *mineaction.Version
	for _, v := range versions {
		if v.UndoneAt != nil {
			continue
		}
		if v.Version == version {
			target = v
			continue
		}
		if v.Version > version {
			return mineaction.Conflictf("%s has a later approved version (%d): undo that first", cur.HID, v.Version)
		}
		if v.Applied {
			prev = v
		}
	}
	if target == nil {
		return mineaction.Conflictf("%s version %d is not an approved version", cur.HID, version)
	}
	if err := a.tx.MarkVersionUndone(a.ctx, recordID, version, a.actor, a.now); err != nil {
		return err
	}
	if err := audit(a.ctx, a.tx, &mineaction.AuditEntry{At: a.now, Actor: a.actor, Action: mineaction.AuditReportUndo,
		ReportID: a.report.ID, RecordHID: cur.HID, Version: version, VersionHash: target.Hash}); err != nil {
		return err
	}
	if !target.Applied {
		return nil // it never changed the current view
	}
	// The record goes back to prev, or out of the current view.
	var restored *mineaction.RecordState
	if prev == nil || prev.Deleted {
		if deps, err := a.tx.Dependents(a.ctx, recordID); err != nil {
			return err
		} else if len(deps) > 0 && !target.Deleted {
			return mineaction.Conflictf("%s cannot leave the current view: %d current records link to it (first: %s); undo those first", cur.HID, len(deps), deps[0].HID)
		}
		restored = cur
		restored.Deleted = true
		restored.UpdatedAt = a.now
		if prev != nil {
			restored.Version = prev.Version
		}
	} else {
		rec, err := mineaction.DecodeProperties(cur.Type, prev.Properties)
		if err != nil {
			return err
		}
		if restored, err = a.state(rec, prev.Geometry, prev.Version, false, ""); err != nil {
			return err
		}
		restored.ID = recordID
		// The hazards the restored version links to are rebuilt: lock them
		// (out of order, if they were not linked before: see locks.go).
		if err := a.lockHazards(restored); err != nil {
			return err
		}
	}
	if err := a.tx.UpdateRecord(a.ctx, restored); err != nil {
		return err
	}
	switch cur.Type {
	case mineaction.TypeHazard:
		if err := a.tx.DeleteHazardVersion(a.ctx, recordID, version); err != nil {
			return err
		}
		a.touch(recordID)
	case mineaction.TypeActivity:
		for _, rs := range []*mineaction.RecordState{cur, restored} {
			for _, l := range rs.Links {
				if l.Rel == mineaction.RefHazard {
					a.touch(l.Target)
				}
			}
		}
	}
	return nil
}
