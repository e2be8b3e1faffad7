package ogcapi

import (
	"context"
	"sync"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// extent is the space and time a collection's features cover.
type extent struct {
	box      geo.BBox
	from, to mineaction.Date
}

// extents keeps the extent of each collection for one state of the
// database. Computing one reads every feature, so it is done once; after
// approvals it is grown by the records the new audit entries name (an
// extent may be larger than the data, never smaller), and recomputed only
// after many changes.
type extents struct {
	mu   sync.Mutex
	gen  int64
	byID map[string]extent
}

// maxIncremental is the most audit entries an extent is brought up to date
// with; beyond, it is recomputed.
const maxIncremental = 200

// extentOf returns the extent of c as the database stands at generation
// gen.
func (s *Service) extentOf(ctx context.Context, tx mineaction.Tx, c *collection, gen int64) (extent, error) {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if s.ext.byID != nil && s.ext.gen < gen {
		if err := s.advanceExtents(ctx, tx, gen); err != nil {
			return extent{}, err
		}
	}
	if s.ext.byID == nil || s.ext.gen != gen {
		s.ext.byID, s.ext.gen = map[string]extent{}, gen
	}
	if e, ok := s.ext.byID[c.ID]; ok {
		return e, nil
	}
	e, err := computeExtent(ctx, tx, c)
	if err == nil {
		s.ext.byID[c.ID] = e
	}
	return e, err
}

// add grows the extent by a geometry and a date.
func (e *extent) add(g geo.Geometry, d mineaction.Date) {
	if g != nil && !g.IsEmpty() {
		e.box = e.box.Union(g.Bounds())
	}
	if d != "" && (e.from == "" || d < e.from) {
		e.from = d
	}
	if d > e.to {
		e.to = d
	}
}

// advanceExtents brings the kept extents from s.ext.gen up to gen with the
// records the audit entries in between name: the record of each report
// and the records its approval created (an activity's finds), and an
// activity's released polygons. Reference data is read whole when asked.
func (s *Service) advanceExtents(ctx context.Context, tx mineaction.Tx, gen int64) error {
	entries, err := tx.Audit(ctx, s.ext.gen, maxIncremental+1)
	if err != nil {
		return err
	}
	if len(entries) > maxIncremental {
		s.ext.byID = nil
		return nil
	}
	byType := map[mineaction.RecordType]*collection{}
	for _, c := range s.colls {
		if c.Source == fromRecords {
			byType[c.Type] = c
		}
	}
	grow := func(id string, g geo.Geometry, d mineaction.Date) {
		if e, ok := s.ext.byID[id]; ok {
			e.add(g, d)
			s.ext.byID[id] = e
		}
	}
	for _, a := range entries {
		if a.Action == mineaction.AuditReference {
			delete(s.ext.byID, "admin-areas")
			delete(s.ext.byID, "places")
		}
		if a.ReportID == 0 || (a.Action != mineaction.AuditReportApprove && a.Action != mineaction.AuditReportUndo) {
			continue
		}
		recs, err := tx.RecordsCreatedBy(ctx, a.ReportID)
		if err != nil {
			return err
		}
		if a.RecordHID != "" {
			if r, err := tx.RecordByHID(ctx, a.RecordHID); err == nil {
				recs = append(recs, r)
			}
		}
		for _, r := range recs {
			if c, ok := byType[r.Type]; ok {
				grow(c.ID, r.Geometry, r.Index.EventDate)
			}
			if r.Type == mineaction.TypeActivity {
				rels, err := tx.Releases(ctx, mineaction.RecordQuery{LinkedTo: r.ID})
				if err != nil {
					return err
				}
				for _, rel := range rels {
					grow("releases", rel.Geometry, rel.Date)
				}
			}
		}
	}
	s.ext.gen = gen
	return nil
}

// computeExtent reads every feature of c.
func computeExtent(ctx context.Context, tx mineaction.Tx, c *collection) (extent, error) {
	e := extent{box: geo.EmptyBBox()}
	const batch = 2000
	switch c.Source {
	case fromRecords:
		for after := int64(0); ; {
			rs, err := tx.Records(ctx, mineaction.RecordQuery{Type: c.Type, AfterID: after, Limit: batch})
			if err != nil {
				return e, err
			}
			for _, r := range rs {
				e.add(r.Geometry, r.Index.EventDate)
				after = r.ID
			}
			if len(rs) < batch {
				return e, nil
			}
		}
	case fromReleases:
		for after := int64(0); ; {
			rs, err := tx.Releases(ctx, mineaction.RecordQuery{AfterID: after, Limit: batch})
			if err != nil {
				return e, err
			}
			for _, r := range rs {
				e.add(r.Geometry, r.Date)
				after = r.ID
			}
			if len(rs) < batch {
				return e, nil
			}
		}
	case fromAdminAreas:
		as, err := tx.AdminAreas(ctx)
		if err != nil {
			return e, err
		}
		for _, a := range as {
			e.add(a.Geometry, "")
		}
	case fromPlaces:
		ps, err := tx.Places(ctx)
		if err != nil {
			return e, err
		}
		for _, p := range ps {
			e.add(p.Point, "")
		}
	}
	return e, nil
}

// extentJSON is the extent member of a collection (OGC API Features 1.0).
func (e extent) json(c *collection) map[string]any {
	out := map[string]any{}
	if !e.box.IsEmpty() {
		out["spatial"] = map[string]any{"bbox": [][4]float64{{e.box.MinX, e.box.MinY, e.box.MaxX, e.box.MaxY}}, "crs": uriCRS84}
	}
	if c.Temporal != "" && e.from != "" {
		out["temporal"] = map[string]any{"interval": [][2]any{{string(e.from) + "T00:00:00Z", string(e.to) + "T23:59:59Z"}},
			"trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
	}
	return out
}
