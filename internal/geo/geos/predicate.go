package geos

/*
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
*/
import "C"

import (
	"fmt"
	"unsafe"

	"mineaction/internal/geo"
)

// Intersects reports whether a and b share at least one point.
func Intersects(a, b geo.Geometry) (bool, error) {
	return predicate(intersects, a, b)
}

// Disjoint reports whether a and b share no point.
func Disjoint(a, b geo.Geometry) (bool, error) {
	return predicate(disjoint, a, b)
}

// Contains reports whether no point of b lies outside a and their interiors
// share a point.
func Contains(a, b geo.Geometry) (bool, error) {
	return predicate(contains, a, b)
}

// Within reports whether a lies within b: Contains(b, a).
func Within(a, b geo.Geometry) (bool, error) {
	return predicate(within, a, b)
}

// Equals reports whether a and b cover the same points (topological equality:
// vertex order, ring orientation and repeated points do not matter).
func Equals(a, b geo.Geometry) (bool, error) {
	return predicate(equals, a, b)
}

// Overlaps reports whether a and b have the same dimension, share interior
// points, and neither contains the other.
func Overlaps(a, b geo.Geometry) (bool, error) {
	return predicate(overlaps, a, b)
}

// Touches reports whether a and b share boundary points but no interior point.
func Touches(a, b geo.Geometry) (bool, error) {
	return predicate(touches, a, b)
}

// Crosses reports whether a and b share some but not all interior points and
// the intersection has a lower dimension than the larger of the two (a line
// crossing a polygon's edge, two lines crossing at a point).
func Crosses(a, b geo.Geometry) (bool, error) {
	return predicate(crosses, a, b)
}

// Relate returns the DE-9IM intersection matrix of a and b as nine
// characters, for example "212101212" for two overlapping polygons.
func Relate(a, b geo.Geometry) (string, error) {
	return run(func(h *handle) (string, error) {
		ga, gb, err := h.readPair("relate", a, b)
		if err != nil {
			return "", err
		}
		defer h.destroy(ga)
		defer h.destroy(gb)
		return h.relate(ga, gb)
	})
}

func (h *handle) relate(a, b *C.GEOSGeometry) (string, error) {
	m := C.GEOSRelate_r(h.ctx(), a, b)
	if m == nil {
		return "", h.fail("relate")
	}
	defer C.GEOSFree_r(h.ctx(), unsafe.Pointer(m))
	return C.GoString(m), nil
}

// pred names a binary predicate of GEOS.
type pred int

const (
	intersects pred = iota
	disjoint
	contains
	within
	equals
	overlaps
	touches
	crosses
)

var predNames = [...]string{"intersects", "disjoint", "contains", "within", "equals", "overlaps", "touches", "crosses"}

func (p pred) String() string { return predNames[p] }

func predicate(p pred, x, y geo.Geometry) (bool, error) {
	return run(func(h *handle) (bool, error) {
		gx, gy, err := h.readPair(p.String(), x, y)
		if err != nil {
			return false, err
		}
		defer h.destroy(gx)
		defer h.destroy(gy)
		return h.result(p.String(), h.test(p, gx, gy))
	})
}

// test evaluates p on a and b: 0 false, 1 true, 2 exception.
func (h *handle) test(p pred, a, b *C.GEOSGeometry) C.char {
	c := h.ctx()
	switch p {
	case intersects:
		return C.GEOSIntersects_r(c, a, b)
	case disjoint:
		return C.GEOSDisjoint_r(c, a, b)
	case contains:
		return C.GEOSContains_r(c, a, b)
	case within:
		return C.GEOSWithin_r(c, a, b)
	case equals:
		return C.GEOSEquals_r(c, a, b)
	case overlaps:
		return C.GEOSOverlaps_r(c, a, b)
	case touches:
		return C.GEOSTouches_r(c, a, b)
	case crosses:
		return C.GEOSCrosses_r(c, a, b)
	}
	panic("geos: unknown predicate")
}

// result turns a GEOS predicate result (0 false, 1 true, 2 exception) into Go.
func (h *handle) result(op string, r C.char) (bool, error) {
	switch r {
	case 0:
		return false, nil
	case 1:
		return true, nil
	}
	return false, h.fail(op)
}

// Spatial answers named spatial relations ("intersects", "disjoint",
// "contains", "within", "equals", "overlaps", "touches", "crosses"): what
// CQL2's S_ predicates ask, for the in-memory evaluator and the SQLite
// store's SQL function alike.
type Spatial struct{}

// Relate reports whether relation holds between a and b.
func (Spatial) Relate(relation string, a, b geo.Geometry) (bool, error) {
	switch relation {
	case "intersects":
		return Intersects(a, b)
	case "disjoint":
		return Disjoint(a, b)
	case "contains":
		return Contains(a, b)
	case "within":
		return Within(a, b)
	case "equals":
		return Equals(a, b)
	case "overlaps":
		return Overlaps(a, b)
	case "touches":
		return Touches(a, b)
	case "crosses":
		return Crosses(a, b)
	}
	return false, fmt.Errorf("unknown spatial relation %q", relation)
}
