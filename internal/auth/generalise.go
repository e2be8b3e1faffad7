package auth

import (
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Sensitive reports whether a record's exact position is sensitive: a
// hazardous area not yet closed, or an explosive ordnance item not yet
// destroyed (DOMAIN.md, "Data that must never leak").
func Sensitive(t mineaction.RecordType, ix mineaction.Index) bool {
	switch t {
	case mineaction.TypeHazard:
		return ix.Status != "closed"
	case mineaction.TypeFind:
		return ix.Status == "" || ix.Status == "pending" || ix.Status == "handed_over"
	}
	return false
}

// GeometryFor returns the geometry of a record as the caller may see it:
// exact for roles that work with positions, generalised to a grid of cell
// degrees for the others when the record's position is sensitive and
// generalisation is configured (cell > 0).
func GeometryFor(c Caller, t mineaction.RecordType, ix mineaction.Index, g geo.Geometry, cell float64) geo.Geometry {
	if cell <= 0 || !Sensitive(t, ix) || Allow(c, ReadExact, Resource{}) {
		return g
	}
	return geo.Generalise(g, cell)
}
