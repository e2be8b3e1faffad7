package geos

/*
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
*/
import "C"

import "mineaction/internal/geo"

// Union returns the union of gs (GEOS unary union of all of them as one
// collection), for example the area released in a hazard by all its
// cancellation, technical survey and clearance polygons. Only the polygonal
// part is returned, as for every overlay (see the package documentation).
func Union(gs []geo.Geometry) (geo.MultiPolygon, error) {
	return run(func(h *handle) (geo.MultiPolygon, error) {
		u, err := h.union("union", gs)
		if err != nil {
			return nil, err
		}
		defer h.destroy(u)
		return h.polygons("union", u)
	})
}

// Difference returns the part of a not in b, as polygons.
func Difference(a, b geo.Geometry) (geo.MultiPolygon, error) {
	return binaryOverlay("difference", a, b, func(h *handle, a, b *C.GEOSGeometry) *C.GEOSGeometry {
		return C.GEOSDifference_r(h.ctx(), a, b)
	})
}

// Intersection returns the part of a also in b, as polygons: where a and b
// only share an edge or a vertex it is empty.
func Intersection(a, b geo.Geometry) (geo.MultiPolygon, error) {
	return binaryOverlay("intersection", a, b, func(h *handle, a, b *C.GEOSGeometry) *C.GEOSGeometry {
		return C.GEOSIntersection_r(h.ctx(), a, b)
	})
}

// Remaining returns what is left of a hazardous area once its releases are
// taken away: hazard minus the union of releases, computed like PostGIS's
// ST_Difference(hazard, ST_Union(releases)) in one GEOS context without
// leaving GEOS between the two steps. With no releases (or only empty ones)
// it is the hazard as given, with no overlay computed, as in PostGIS.
func Remaining(hazard geo.Geometry, releases []geo.Geometry) (geo.MultiPolygon, error) {
	return run(func(h *handle) (geo.MultiPolygon, error) {
		hz, err := h.read("remaining: hazard", hazard)
		if err != nil {
			return nil, err
		}
		defer h.destroy(hz)
		u, err := h.union("remaining: releases", releases)
		if err != nil {
			return nil, err
		}
		defer h.destroy(u)
		// Like PostGIS's ST_Difference, take nothing away from a hazard that
		// has no released area, rather than pay for an overlay that returns
		// it unchanged (most hazards of a national set have no release).
		empty, err := h.isEmpty("remaining", u)
		if err != nil {
			return nil, err
		}
		if empty {
			return h.polygons("remaining", hz)
		}
		d, err := h.own("remaining", C.GEOSDifference_r(h.ctx(), hz, u))
		if err != nil {
			return nil, err
		}
		defer h.destroy(d)
		return h.polygons("remaining", d)
	})
}

// union reads gs and returns their unary union, owned by the caller.
func (h *handle) union(op string, gs []geo.Geometry) (*C.GEOSGeometry, error) {
	coll, err := h.readAll(op, gs)
	if err != nil {
		return nil, err
	}
	defer h.destroy(coll)
	return h.own(op, C.GEOSUnaryUnion_r(h.ctx(), coll))
}

func binaryOverlay(op string, a, b geo.Geometry, f func(h *handle, a, b *C.GEOSGeometry) *C.GEOSGeometry) (geo.MultiPolygon, error) {
	return run(func(h *handle) (geo.MultiPolygon, error) {
		ga, gb, err := h.readPair(op, a, b)
		if err != nil {
			return nil, err
		}
		defer h.destroy(ga)
		defer h.destroy(gb)
		r, err := h.own(op, f(h, ga, gb))
		if err != nil {
			return nil, err
		}
		defer h.destroy(r)
		return h.polygons(op, r)
	})
}
