package tiles

import (
	"context"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/tiles/mvt"
)

// maxChanges is the most audit entries the cache is carried over; beyond,
// it is emptied.
const maxChanges = 200

// advance brings the cache to generation gen: tiles that the approvals
// (and undos) since its generation touch are dropped, the others stay.
// Invalidation by box: an approval in one district leaves the tiles of
// every other district cached.
func (s *Service) advance(ctx context.Context, tx mineaction.Tx, gen int64) error {
	s.advanceMu.Lock()
	defer s.advanceMu.Unlock()
	if s.cacheGen >= gen {
		return nil
	}
	boxes, all, err := changed(ctx, tx, s.cacheGen, gen)
	if err != nil {
		return err
	}
	cell := max(s.cfg.GeneraliseCell, 0)
	s.cache.revalidate(s.cacheGen, gen, func(z, x, y int) bool {
		if all {
			return true
		}
		t := mvt.TileBounds(z, x, y)
		mx, my := (t.MaxX-t.MinX)/16+cell, (t.MaxY-t.MinY)/16+cell
		t = geo.BBox{MinX: t.MinX - mx, MinY: t.MinY - my, MaxX: t.MaxX + mx, MaxY: t.MaxY + my}
		for _, b := range boxes {
			if b.Intersects(t) {
				return true
			}
		}
		return false
	})
	s.cacheGen = gen
	return nil
}

// changed returns the boxes in which the audit entries after since (up to
// gen) changed what a tile may show, or all when it cannot tell: reference
// data changed, a backup was restored, or there were too many changes. An
// approval or undo touches the records of its report and those its
// approval created (an activity's finds), in every version (a hazard
// moved leaves its old place); an activity also touches its hazard, whose
// figures and released land change.
func changed(ctx context.Context, tx mineaction.Tx, since, gen int64) ([]geo.BBox, bool, error) {
	if since == 0 {
		return nil, true, nil
	}
	entries, err := tx.Audit(ctx, since, maxChanges+1)
	if err != nil {
		return nil, false, err
	}
	if len(entries) > maxChanges {
		return nil, true, nil
	}
	var boxes []geo.BBox
	add := func(g geo.Geometry) {
		if g != nil && !g.IsEmpty() {
			boxes = append(boxes, g.Bounds())
		}
	}
	record := func(r *mineaction.RecordState) error {
		vs, err := tx.Versions(ctx, r.ID)
		if err != nil {
			return err
		}
		add(r.Geometry)
		for _, v := range vs {
			add(v.Geometry)
		}
		return nil
	}
	for _, a := range entries {
		if a.Seq > gen {
			break
		}
		switch a.Action {
		case mineaction.AuditReference, mineaction.AuditRestore:
			return nil, true, nil
		case mineaction.AuditReportApprove, mineaction.AuditReportUndo:
		default:
			continue
		}
		recs, err := tx.RecordsCreatedBy(ctx, a.ReportID)
		if err != nil {
			return nil, false, err
		}
		if a.RecordHID != "" {
			if r, err := tx.RecordByHID(ctx, a.RecordHID); err == nil {
				recs = append(recs, r)
			}
		}
		for _, r := range recs {
			if err := record(r); err != nil {
				return nil, false, err
			}
			for _, l := range r.Links {
				if l.Rel != mineaction.RefHazard {
					continue
				}
				h, err := tx.Record(ctx, l.Target)
				if err != nil {
					return nil, false, err
				}
				add(h.Geometry)
			}
		}
	}
	return boxes, false, nil
}
