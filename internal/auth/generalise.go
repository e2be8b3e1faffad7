package auth

import (
	"encoding/json"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Sensitive reports whether a record's exact position is sensitive: a
// hazardous area not yet closed, an explosive ordnance item not yet
// destroyed (DOMAIN.md, "Data that must never leak"), and every activity.
// An activity's area and its outcome polygons (cancelled, reduced,
// cleared: the releases) are cut from hazard outlines, so they draw the
// outline of land that may still be uncleared (its cancelled part is often
// the whole hazard, and remaining = hazard - releases). Releases are
// decided as activities (pass TypeActivity).
func Sensitive(t mineaction.RecordType, ix mineaction.Index) bool {
	switch t {
	case mineaction.TypeHazard:
		return ix.Status != "closed"
	case mineaction.TypeFind:
		return ix.Status == "" || ix.Status == "pending" || ix.Status == "handed_over"
	case mineaction.TypeActivity:
		return true
	}
	return false
}

// Generalises reports whether the caller is shown sensitive positions
// generalised on a grid of cell degrees.
func Generalises(c Caller, cell float64) bool {
	return cell > 0 && !Allow(c, ReadExact, Resource{})
}

// GeometryFor returns the geometry of a record as the caller may see it:
// exact for roles that work with positions, generalised to a grid of cell
// degrees for the others when the record's position is sensitive and
// generalisation is configured (cell > 0).
func GeometryFor(c Caller, t mineaction.RecordType, ix mineaction.Index, g geo.Geometry, cell float64) geo.Geometry {
	if !Generalises(c, cell) || !Sensitive(t, ix) {
		return g
	}
	return geo.Generalise(g, cell)
}

// PropertiesFor returns a record's properties with the geometries nested in
// them as the caller may see them: an activity's outcome polygons and the
// positions of its finds, generalised like the activity's own geometry.
// Properties that cannot be read are dropped rather than passed on.
func PropertiesFor(c Caller, t mineaction.RecordType, props []byte, cell float64) []byte {
	if t != mineaction.TypeActivity || !Generalises(c, cell) {
		return props
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(props, &m); err != nil {
		return []byte(`{}`)
	}
	for _, key := range []string{"outcomes", "finds"} {
		var list []map[string]json.RawMessage
		if len(m[key]) == 0 || json.Unmarshal(m[key], &list) != nil {
			delete(m, key)
			continue
		}
		for _, o := range list {
			if raw, ok := o["geometry"]; ok && string(raw) != "null" {
				g, err := geo.ParseGeoJSON(raw)
				if err != nil {
					delete(o, "geometry")
					continue
				}
				o["geometry"] = geo.AppendGeoJSON(nil, geo.Generalise(g, cell))
			}
		}
		b, err := json.Marshal(list)
		if err != nil {
			delete(m, key)
			continue
		}
		m[key] = b
	}
	out, err := json.Marshal(m)
	if err != nil {
		return []byte(`{}`)
	}
	return out
}
