package workflow

import (
	"context"
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
)

// warnings returns what a data officer should look at before approving: a
// geometry wholly outside the service area (another country, or projected
// coordinates read as degrees), long polygon edges, (for an update, see
// moved) a geometry far from the current one, overlaps with and duplicates of existing hazards, and
// released polygons that spill over their hazard. A released polygon that
// lies entirely outside its hazard is an error, not a warning.
func (s *Service) warnings(ctx context.Context, look *lookup, rec mineaction.Record, g geo.Geometry) ([]mineaction.Warning, error) {
	var ws []mineaction.Warning
	if area := s.rules(ctx, look.tx).ServiceArea; g != nil && !area.IsEmpty() && !area.Intersects(g.Bounds()) {
		ws = append(ws, mineaction.Warning{Field: "feature.geometry", Code: "outside_service_area",
			Reason: fmt.Sprintf("lies entirely outside the service area (longitude %g to %g, latitude %g to %g): "+
				"check the coordinates and that they are WGS84 degrees", area.MinX, area.MaxX, area.MinY, area.MaxY)})
	}
	ws = append(ws, s.longEdges("feature.geometry", g)...)
	switch rec := rec.(type) {
	case *mineaction.Hazard:
		more, err := s.hazardOverlaps(ctx, look.tx, rec, g)
		if err != nil {
			return nil, err
		}
		ws = append(ws, more...)
	case *mineaction.Activity:
		for i, o := range rec.Outcomes {
			ws = append(ws, s.longEdges(fmt.Sprintf("feature.properties.outcomes[%d].geometry", i), o.Parsed)...)
		}
		more, err := outcomeSpill(ctx, look, rec)
		if err != nil {
			return nil, err
		}
		ws = append(ws, more...)
	}
	return ws, nil
}

// movedM is how far a changed geometry may move, clear of the current one,
// before a verifier is warned: a re-survey shifts an outline by metres or
// tens of metres; a kilometre away, with no overlap, is usually a typing
// error in a coordinate or a report about another place.
const movedM = 1000

// moved warns when an update's geometry g lies clear of the current
// geometry of cur (their boxes do not meet) and its centre more than movedM
// from the current one's: on the review map the two would be hard to find.
func moved(cur *mineaction.RecordState, g geo.Geometry) []mineaction.Warning {
	if cur.Geometry == nil || g == nil {
		return nil
	}
	a, b := cur.Geometry.Bounds(), g.Bounds()
	if a.IsEmpty() || b.IsEmpty() || a.Intersects(b) {
		return nil
	}
	centre := func(x geo.BBox) geo.Point { return geo.Point{X: (x.MinX + x.MaxX) / 2, Y: (x.MinY + x.MaxY) / 2} }
	d, _, _ := geo.Inverse(centre(a), centre(b))
	if d <= movedM {
		return nil
	}
	return []mineaction.Warning{{Field: "feature.geometry", Code: "moved",
		Reason: fmt.Sprintf("lies %.1f km from the current geometry of %s (centre to centre), clear of it: check the coordinates", d/1000, cur.HID)}}
}

// longEdges warns about consecutive vertices further apart than the limit:
// usually a typing error in a coordinate.
func (s *Service) longEdges(field string, g geo.Geometry) []mineaction.Warning {
	var ws []mineaction.Warning
	for pi, p := range geo.Polygons(g) {
		for ri, r := range p {
			for vi := 1; vi < len(r); vi++ {
				d, _, _ := geo.Inverse(r[vi-1], r[vi])
				if d > s.cfg.LongEdgeM {
					path := field + ".coordinates"
					if _, multi := g.(geo.MultiPolygon); multi {
						path += fmt.Sprintf("[%d]", pi)
					}
					ws = append(ws, mineaction.Warning{
						Field:  fmt.Sprintf("%s[%d][%d]", path, ri, vi),
						Code:   "long_edge",
						Reason: fmt.Sprintf("vertices %d and %d of ring %d are %.0f m apart (more than %.0f m): check the coordinates", vi-1, vi, ri, d, s.cfg.LongEdgeM),
					})
					if len(ws) >= 10 {
						return ws
					}
				}
			}
		}
	}
	return ws
}

// hazardOverlaps warns when a hazard duplicates or overlaps existing ones.
func (s *Service) hazardOverlaps(ctx context.Context, tx mineaction.Tx, h *mineaction.Hazard, g geo.Geometry) ([]mineaction.Warning, error) {
	if g == nil {
		return nil, nil
	}
	box := g.Bounds()
	// Their human ids and polygons only: no properties, no links.
	others, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box, Limit: 200, IndexOnly: true})
	if err != nil {
		return nil, err
	}
	area := geo.StraightArea(g)
	wkb := string(geo.MarshalWKB(g))
	var ws []mineaction.Warning
	for _, o := range others {
		if o.HID == h.HID || o.Geometry == nil {
			continue
		}
		if string(geo.MarshalWKB(o.Geometry)) == wkb {
			ws = append(ws, mineaction.Warning{Field: "feature.geometry", Code: "duplicate",
				Reason: fmt.Sprintf("the polygon is an exact duplicate of %s", o.HID)})
			continue
		}
		inter, err := geos.Intersection(g, o.Geometry)
		if err != nil {
			return nil, fmt.Errorf("overlap with %s: %w", o.HID, err)
		}
		shared := geo.StraightArea(inter)
		if area > 0 && shared/area > s.cfg.OverlapShare {
			ws = append(ws, mineaction.Warning{Field: "feature.geometry", Code: "overlap",
				Reason: fmt.Sprintf("%.0f m² (%.0f%%) of this area overlaps %s", shared, 100*shared/area, o.HID)})
		}
	}
	return ws, nil
}

// outcomeSpill reports released polygons that lie partly outside their
// hazard (a warning: only the inside part counts) and returns an error for
// one entirely outside it.
func outcomeSpill(ctx context.Context, look *lookup, a *mineaction.Activity) ([]mineaction.Warning, error) {
	if a.Hazard == "" || len(a.Outcomes) == 0 {
		return nil, nil
	}
	h, err := look.record(ctx, a.Hazard)
	if err != nil || h.Deleted || h.Geometry == nil {
		return nil, nil // an import issue already says so
	}
	var ws []mineaction.Warning
	var fe mineaction.FieldErrors
	for i, o := range a.Outcomes {
		field := fmt.Sprintf("feature.properties.outcomes[%d].geometry", i)
		total := geo.StraightArea(o.Parsed)
		inside, err := geos.Intersection(o.Parsed, h.Geometry)
		if err != nil {
			return nil, fmt.Errorf("clip outcome %d to %s: %w", i, h.HID, err)
		}
		in := geo.StraightArea(inside)
		switch {
		case in <= 0:
			fe.Add(field, "the released polygon lies entirely outside %s", h.HID)
		case total-in > 0.01+1e-9*total:
			ws = append(ws, mineaction.Warning{Field: field, Code: "outside_hazard",
				Reason: fmt.Sprintf("%s of %s lies outside %s and will not count as released", fmtM2(total-in), fmtM2(total), h.HID)})
		}
	}
	return ws, fe.Err("a released polygon does not touch its hazard")
}

func fmtM2(v float64) string {
	if math.Abs(v) >= 10000 {
		return fmt.Sprintf("%.2f ha", v/10000)
	}
	return fmt.Sprintf("%.0f m²", v)
}
