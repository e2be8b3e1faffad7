package geos

/*
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"mineaction/internal/geo"
)

// IsValid reports whether g is valid in the OGC Simple Features sense, as
// PostGIS's ST_IsValid does. For an invalid geometry it also returns the
// reason and where it was found, in the form of ST_IsValidReason, for example
// "Self-intersection[46.9 39.8]". Geometries GEOS refuses to read (a ring of
// fewer than four points, a ring that is not closed) are invalid too, with
// GEOS's message as the reason. The error is for failures, not for invalidity.
func IsValid(g geo.Geometry) (bool, string, error) {
	type verdict struct {
		ok     bool
		reason string
	}
	v, err := run(func(h *handle) (verdict, error) {
		gg, err := h.read("is valid", g)
		var ge *Error
		if errors.As(err, &ge) {
			return verdict{false, strings.TrimPrefix(ge.Message, "IllegalArgumentException: ")}, nil
		}
		if err != nil {
			return verdict{}, err
		}
		defer h.destroy(gg)
		var reason *C.char
		var loc *C.GEOSGeometry
		switch C.GEOSisValidDetail_r(h.ctx(), gg, 0, &reason, &loc) {
		case 1:
			return verdict{ok: true}, nil
		case 0:
		default:
			return verdict{}, h.fail("is valid")
		}
		if reason != nil {
			defer C.GEOSFree_r(h.ctx(), unsafe.Pointer(reason))
		}
		if loc != nil {
			h.live++
			defer h.destroy(loc)
		}
		return verdict{false, h.describe(C.GoString(reason), loc)}, nil
	})
	return v.ok, v.reason, err
}

// describe appends the location of a validity fault to its reason as
// ST_IsValidReason does ("%.15g" coordinates in brackets).
func (h *handle) describe(reason string, loc *C.GEOSGeometry) string {
	var x, y C.double
	if loc == nil || C.GEOSGeomGetX_r(h.ctx(), loc, &x) != 1 || C.GEOSGeomGetY_r(h.ctx(), loc, &y) != 1 {
		h.c.msg[0] = 0
		return reason
	}
	return fmt.Sprintf("%s[%.15g %.15g]", reason, float64(x), float64(y))
}

// MakeValid repairs g with GEOS's "structure" method (PostGIS
// ST_MakeValid(g, 'method=structure keepcollapsed=false')): rings are made
// valid, then shells are merged and holes subtracted, so a polygon drawn
// with a self-overlap becomes the area it encloses; parts that collapse to a
// lower dimension are dropped. A polygonal input gives a Polygon or a
// MultiPolygon. A valid geometry comes back unchanged in shape (GEOS may
// still copy it).
func MakeValid(g geo.Geometry) (geo.Geometry, error) {
	return unary("make valid", g, func(h *handle, gg *C.GEOSGeometry) *C.GEOSGeometry {
		return C.GEOSMakeValidWithParams_r(h.ctx(), gg, h.c.mv)
	})
}

// Simplify returns g with vertices removed by Douglas-Peucker at the given
// tolerance (in degrees) while preserving topology: rings stay simple, holes
// stay inside their shells, and no polygon vanishes, which plain
// Douglas-Peucker does not promise. It is meant for map display and tiles,
// never for area figures.
func Simplify(g geo.Geometry, tolerance float64) (geo.Geometry, error) {
	return unary("simplify", g, func(h *handle, gg *C.GEOSGeometry) *C.GEOSGeometry {
		return C.GEOSTopologyPreserveSimplify_r(h.ctx(), gg, C.double(tolerance))
	})
}

func unary(op string, g geo.Geometry, f func(h *handle, g *C.GEOSGeometry) *C.GEOSGeometry) (geo.Geometry, error) {
	return run(func(h *handle) (geo.Geometry, error) {
		gg, err := h.read(op, g)
		if err != nil {
			return nil, err
		}
		defer h.destroy(gg)
		r, err := h.own(op, f(h, gg))
		if err != nil {
			return nil, err
		}
		defer h.destroy(r)
		return h.geometry(op, r)
	})
}
