package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
)

// Approve applies a submitted report: it becomes a new record, a new version
// of an existing one, or the removal of one, all in one transaction with the
// land release figures and the audit chain. A report whose date of
// information is not later than the record's current one is kept in
// history without changing the current view.
func (s *Service) Approve(ctx context.Context, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	return s.transitionThen(ctx, c, id, ifRevision, "approved", func(tx mineaction.Tx, r *mineaction.Report) (func() error, error) {
		if err := allow(c, auth.DecideReport, auth.ReportResource(r), "approve this report"); err != nil {
			return nil, err
		}
		if r.Status != mineaction.StatusSubmitted {
			return nil, mineaction.Conflictf("report %d is %s; only submitted reports can be approved", id, r.Status)
		}
		rec, err := s.decodeStored(ctx, tx, r)
		if err != nil {
			return nil, err
		}
		now := s.now()
		ap := &applier{s: s, ctx: ctx, tx: tx, now: now, actor: c.User, report: r, alone: true}
		// Lock first: the references are then checked as they will stay.
		if err := ap.lockFor(rec); err != nil {
			return nil, err
		}
		issues, err := s.resolve(ctx, newLookup(tx), rec)
		if err != nil {
			return nil, err
		}
		if r.Issues = issues; len(issues) > 0 {
			var fe mineaction.FieldErrors
			for _, is := range issues {
				fe.Add("feature."+is.Field, "%s", is.Reason)
			}
			e := fe.Err("the report has import issues; resolve them before approval").(*mineaction.Error)
			e.Kind = mineaction.KindConflict
			return nil, e
		}
		v, err := ap.apply(rec)
		if err != nil {
			return nil, err
		}
		r.Status, r.DecidedBy, r.DecidedAt, r.Reason = mineaction.StatusApproved, c.User, &now, ""
		r.RecordID, r.ResultVersion = v.RecordID, v.Version
		// New records are numbered after the report is stored: see create.go.
		return func() error {
			if err := ap.complete(); err != nil {
				return err
			}
			r.RecordHID = v.HID
			return nil
		}, nil
	})
}

// decodeStored decodes a stored report's properties, with nested geometries
// parsed.
func (s *Service) decodeStored(ctx context.Context, tx mineaction.Tx, r *mineaction.Report) (mineaction.Record, error) {
	rec, err := mineaction.DecodeProperties(r.RecordType, r.Properties)
	if err != nil {
		return nil, fmt.Errorf("report %d: stored properties: %w", r.ID, err)
	}
	rules := s.rules(ctx, tx)
	rules.Today = "" // the report was checked against its own day
	if err := mineaction.Check(rec, r.Geometry, rules); err != nil {
		return nil, prefixFields("feature.", err)
	}
	return rec, nil
}

// applier applies one approved report inside a transaction.
type applier struct {
	s      *Service
	ctx    context.Context
	tx     mineaction.Tx
	now    time.Time
	actor  string
	report *mineaction.Report
	// hazards whose figures must be brought up to date at the end.
	hazards map[int64]bool
	// appended maps a hazard to the new activity that is its only change,
	// which landrelease.Append can account for without a rebuild.
	appended map[int64]*mineaction.RecordState
	// locked holds the records this transaction has locked or created;
	// ids caches the record ids of human ids (see locks.go).
	locked map[int64]bool
	ids    map[string]int64
	// fresh is the record this approval created (applyNew), if any.
	fresh *mineaction.RecordState
	// alone is set when the transaction applies this report alone: every
	// record it reads and did not create is then committed, and idOf may
	// share what it learns with other transactions (a batch, by contrast,
	// reads records that an earlier report of the batch created).
	alone bool
	// undoing is set while an approval is undone: a restored version may
	// link to a record removed since.
	undoing bool
	// provisional numbers the provisional human ids of new records.
	provisional int
	// later are the steps left for complete.
	later []func() error
}

// apply applies rec; the caller has locked what it needs (lockFor), and
// runs complete last.
func (a *applier) apply(rec mineaction.Record) (*mineaction.Version, error) {
	r := a.report
	if r.RecordID == 0 {
		return a.applyNew(rec, r.Geometry)
	}
	cur, err := a.tx.Record(a.ctx, r.RecordID)
	if err != nil {
		return nil, err
	}
	if cur.Deleted {
		return nil, mineaction.Conflictf("%s has been removed", cur.HID)
	}
	if cur.Version != r.Version {
		return nil, mineaction.Conflictf("%s is now at version %d; the report was based on version %d: it must be entered again against the current version", cur.HID, cur.Version, r.Version)
	}
	versions, err := a.tx.Versions(a.ctx, cur.ID)
	if err != nil {
		return nil, err
	}
	next := versions[len(versions)-1].Version + 1
	applied := r.DateOfInformation > cur.DateOfInformation
	b := mineaction.BaseOf(rec)
	b.HID = cur.HID
	state, err := a.state(rec, r.Geometry, next, r.Delete, "")
	if err != nil {
		return nil, err
	}
	state.ID = cur.ID
	if applied {
		if r.Delete {
			if deps, err := a.tx.Dependents(a.ctx, cur.ID); err != nil {
				return nil, err
			} else if len(deps) > 0 {
				return nil, mineaction.Conflictf("%s cannot be removed: %d current records link to it (first: %s)", cur.HID, len(deps), deps[0].HID)
			}
		}
		if err := a.tx.UpdateRecord(a.ctx, state); err != nil {
			return nil, err
		}
	}
	v, err := a.version(state, applied)
	if err != nil {
		return nil, err
	}
	if applied {
		if err := a.effects(cur, state, rec); err != nil {
			return nil, err
		}
	}
	if err := a.finish(); err != nil {
		return nil, err
	}
	if applied {
		// The finds or victims the record listed already have their
		// records: only those added to the list by this report are new.
		already, err := childCount(cur)
		if err != nil {
			return nil, err
		}
		a.later = append(a.later, func() error { return a.children(state, rec, already) })
	}
	return v, nil
}

// childCount returns how many finds (of an activity) or victims (of an
// accident) the record lists, each of which was made a record of its own
// when the version that added it to the list was approved.
func childCount(cur *mineaction.RecordState) (int, error) {
	if cur.Type != mineaction.TypeActivity && cur.Type != mineaction.TypeAccident {
		return 0, nil
	}
	rec, err := mineaction.DecodeProperties(cur.Type, cur.Properties)
	if err != nil {
		return 0, fmt.Errorf("%s: stored properties: %w", cur.HID, err)
	}
	switch rec := rec.(type) {
	case *mineaction.Activity:
		return len(rec.Finds), nil
	case *mineaction.Accident:
		return len(rec.Victims), nil
	}
	return 0, nil
}

// state builds the current-view row of a record.
func (a *applier) state(rec mineaction.Record, g geo.Geometry, version int, deleted bool, adminArea string) (*mineaction.RecordState, error) {
	b := mineaction.BaseOf(rec)
	props, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", b.HID, err)
	}
	st := &mineaction.RecordState{
		Type: rec.Type(), HID: b.HID, Organisation: b.Organisation, Version: version, Deleted: deleted,
		DateOfInformation: b.DateOfInformation, Properties: props, Geometry: g, Index: rec.Index(), UpdatedAt: a.now,
	}
	st.AdminArea = adminArea
	if h, ok := rec.(*mineaction.Hazard); ok && h.AdminArea != "" {
		st.AdminArea = h.AdminArea
	}
	if st.AdminArea == "" && g != nil {
		if st.AdminArea, err = a.s.adminAreaOf(a.ctx, a.tx, g); err != nil {
			return nil, err
		}
	}
	if !deleted {
		if st.Links, err = links(a.ctx, a.tx, rec, !a.undoing); err != nil {
			return nil, err
		}
	}
	if v, ok := rec.(*mineaction.Victim); ok {
		// A victim is counted on the date and in the district of the accident.
		if acc, err := a.tx.RecordByHID(a.ctx, v.Accident); err == nil {
			st.Index.EventDate = acc.Index.EventDate
			if st.AdminArea == "" {
				st.AdminArea = acc.AdminArea
			}
		}
	}
	return st, nil
}

// version stores the version of a state and its audit entry.
func (a *applier) version(st *mineaction.RecordState, applied bool) (*mineaction.Version, error) {
	v := &mineaction.Version{
		RecordID: st.ID, RecordType: st.Type, HID: st.HID, Version: st.Version, ReportID: a.report.ID,
		Deleted: st.Deleted, DateOfInformation: st.DateOfInformation, Properties: st.Properties, Geometry: st.Geometry,
		Applied: applied, ApprovedBy: a.actor, ApprovedAt: a.now,
	}
	v.Hash = v.ComputeHash()
	if err := a.tx.InsertVersion(a.ctx, v); err != nil {
		return nil, err
	}
	detail := "applied"
	if !applied {
		detail = "kept in history: date of information not later than the current version's"
	}
	if st.Deleted {
		detail = "removed"
	}
	return v, audit(a.ctx, a.tx, &mineaction.AuditEntry{At: a.now, Actor: a.actor, Action: mineaction.AuditReportApprove,
		ReportID: a.report.ID, RecordHID: v.HID, Version: v.Version, VersionHash: v.Hash, Detail: detail})
}

// effects does what an applied version implies beyond its own row and
// before the figures are brought up to date: hazard history, and the
// hazards whose figures and released land change.
func (a *applier) effects(prev, st *mineaction.RecordState, rec mineaction.Record) error {
	switch rec := rec.(type) {
	case *mineaction.Hazard:
		if err := a.tx.PutHazardVersion(a.ctx, mineaction.HazardVersionFigure{
			HazardID: st.ID, HID: st.HID, Version: st.Version, DateOfInformation: st.DateOfInformation, Deleted: st.Deleted,
			OriginalM2: geo.StraightArea(st.Geometry), Organisation: st.Organisation, AdminArea: st.AdminArea,
			Status: rec.Status, Category: rec.Category,
		}); err != nil {
			return err
		}
		a.touch(st.ID)
	case *mineaction.Activity:
		for _, rs := range []*mineaction.RecordState{prev, st} {
			if rs == nil {
				continue
			}
			for _, l := range rs.Links {
				if l.Rel == mineaction.RefHazard {
					fresh := prev == nil && !a.hazards[l.Target]
					a.touch(l.Target)
					if fresh {
						if a.appended == nil {
							a.appended = map[int64]*mineaction.RecordState{}
						}
						a.appended[l.Target] = st
					} else {
						delete(a.appended, l.Target)
					}
				}
			}
		}
	}
	return nil
}

func (a *applier) touch(hazardID int64) {
	if a.hazards == nil {
		a.hazards = map[int64]bool{}
	}
	a.hazards[hazardID] = true
}

// finish rebuilds the land release accounting of every hazard touched.
func (a *applier) finish() error {
	ids := make([]int64, 0, len(a.hazards))
	for id := range a.hazards {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	// Normally held already (lockFor); an undo may add one.
	if err := a.lock(ids...); err != nil {
		return err
	}
	var read []int64
	for _, id := range ids {
		if a.fresh == nil || a.fresh.ID != id {
			read = append(read, id)
		}
	}
	a.prefetch(read...)
	for _, id := range ids {
		if a.fresh != nil && a.fresh.ID == id {
			if err := a.freshFigures(a.fresh); err != nil {
				return fmt.Errorf("land release of hazard %d: %w", id, err)
			}
			continue
		}
		if act := a.appended[id]; act != nil {
			done, err := landrelease.Append(a.ctx, a.tx, id, act)
			if err != nil {
				return fmt.Errorf("land release of hazard %d: %w", id, err)
			}
			if done {
				continue
			}
		}
		if err := landrelease.Rebuild(a.ctx, a.tx, id); err != nil {
			return fmt.Errorf("land release of hazard %d: %w", id, err)
		}
	}
	return nil
}

// freshFigures sets the figures of a hazard this approval created: what
// landrelease.Rebuild computes, without reading back what it would find.
// No other transaction can see the hazard yet, so no activity links to it,
// and it has no releases, and no credits (its version is stored last, by
// complete): its figures are those of its polygon with nothing released.
func (a *applier) freshFigures(st *mineaction.RecordState) error {
	if st.Deleted || st.Geometry == nil {
		return a.tx.PutFigures(a.ctx, st.ID, nil, nil)
	}
	res, err := landrelease.Account(st.Geometry, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", st.HID, err)
	}
	res.Figures.HazardID, res.Figures.Version = st.ID, st.Version
	return a.tx.PutFigures(a.ctx, st.ID, &res.Figures, nil)
}

// prefetch tells a store that pays a round trip per read which locked
// hazards' accounting this approval is about to read (see
// mineaction.Prefetcher).
func (a *applier) prefetch(hazardIDs ...int64) {
	if p, ok := a.tx.(mineaction.Prefetcher); ok && len(hazardIDs) > 0 {
		p.Prefetch(a.ctx, hazardIDs...)
	}
}

// adminAreaOf returns the code of the lowest-level admin area that contains
// a representative point of g, or "" if none does.
func (s *Service) adminAreaOf(ctx context.Context, tx mineaction.Tx, g geo.Geometry) (string, error) {
	p, ok := geo.RepresentativePoint(g)
	if !ok {
		return "", nil
	}
	areas, err := s.adminAreas(ctx, tx)
	if err != nil {
		return "", err
	}
	best, level := "", -1
	for _, ar := range areas {
		if ar.Level > level && ar.Geometry.Bounds().Contains(p) && geo.ContainsPoint(ar.Geometry, p) {
			best, level = ar.Code, ar.Level
		}
	}
	return best, nil
}
