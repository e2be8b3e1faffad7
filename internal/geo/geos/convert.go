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

// read hands g to GEOS as WKB and returns the GEOS geometry, owned by the
// caller (free it with destroy).
func (h *handle) read(op string, g geo.Geometry) (*C.GEOSGeometry, error) {
	switch g.(type) {
	case geo.Point, geo.MultiPoint, geo.LineString, geo.Polygon, geo.MultiPolygon:
	default:
		return nil, unsupported(op, g)
	}
	b := geo.MarshalWKB(g)
	// GEOS copies the coordinates while reading and keeps no pointer to b.
	gg := C.GEOSWKBReader_read_r(h.ctx(), h.c.reader, (*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
	return h.own(op, gg)
}

func unsupported(op string, g geo.Geometry) error {
	return fmt.Errorf("%w: %s: %T", ErrUnsupported, op, g)
}

// readNth reads g, the n-th operand of op, naming it in a failure (the name
// is built only then: this is the hot path).
func (h *handle) readNth(op string, n int, g geo.Geometry) (*C.GEOSGeometry, error) {
	gg, err := h.read(op, g)
	if err != nil {
		label := fmt.Sprintf("%s: geometry %d", op, n)
		if ge, ok := err.(*Error); ok {
			ge.Op = label
			return nil, ge
		}
		return nil, unsupported(label, g)
	}
	return gg, nil
}

// readAll reads gs into a GEOS geometry collection owned by the caller.
func (h *handle) readAll(op string, gs []geo.Geometry) (*C.GEOSGeometry, error) {
	if len(gs) == 0 {
		return h.own(op, C.GEOSGeom_createEmptyCollection_r(h.ctx(), C.GEOS_GEOMETRYCOLLECTION))
	}
	parts := make([]*C.GEOSGeometry, 0, len(gs))
	for i, g := range gs {
		gg, err := h.readNth(op, i, g)
		if err != nil {
			for _, p := range parts {
				h.destroy(p)
			}
			return nil, err
		}
		parts = append(parts, gg)
	}
	// The collection takes ownership of its parts, even when it fails.
	coll := C.GEOSGeom_createCollection_r(h.ctx(), C.GEOS_GEOMETRYCOLLECTION, &parts[0], C.uint(len(parts)))
	h.live -= len(parts)
	return h.own(op, coll)
}

// readPair reads the two operands of a binary operation; on error nothing is
// left to free.
func (h *handle) readPair(op string, a, b geo.Geometry) (ga, gb *C.GEOSGeometry, err error) {
	if ga, err = h.readNth(op, 0, a); err != nil {
		return nil, nil, err
	}
	if gb, err = h.readNth(op, 1, b); err != nil {
		h.destroy(ga)
		return nil, nil, err
	}
	return ga, gb, nil
}

// wkb returns the WKB encoding of g (little-endian, 2D).
func (h *handle) wkb(op string, g *C.GEOSGeometry) ([]byte, error) {
	var size C.size_t
	buf := C.GEOSWKBWriter_write_r(h.ctx(), h.c.writer, g, &size)
	if buf == nil {
		return nil, h.fail(op)
	}
	defer C.GEOSFree_r(h.ctx(), unsafe.Pointer(buf))
	return C.GoBytes(unsafe.Pointer(buf), C.int(size)), nil
}

// decode brings g back as a geo.Geometry through WKB.
func (h *handle) decode(op string, g *C.GEOSGeometry) (geo.Geometry, error) {
	b, err := h.wkb(op, g)
	if err != nil {
		return nil, err
	}
	out, err := geo.UnmarshalWKB(b)
	if err != nil {
		return nil, fmt.Errorf("geos: %s: decode result: %w", op, err)
	}
	return out, nil
}

func (h *handle) isEmpty(op string, g *C.GEOSGeometry) (bool, error) {
	switch C.GEOSisEmpty_r(h.ctx(), g) {
	case 0:
		return false, nil
	case 1:
		return true, nil
	}
	return false, h.fail(op)
}

// polygons returns the polygonal parts of g; points and lines are dropped.
// An empty result is an empty, non-nil MultiPolygon.
func (h *handle) polygons(op string, g *C.GEOSGeometry) (geo.MultiPolygon, error) {
	out := geo.MultiPolygon{}
	err := h.appendPolygons(op, &out, g)
	return out, err
}

func (h *handle) appendPolygons(op string, out *geo.MultiPolygon, g *C.GEOSGeometry) error {
	switch t := C.GEOSGeomTypeId_r(h.ctx(), g); t {
	case C.GEOS_POLYGON, C.GEOS_MULTIPOLYGON:
		empty, err := h.isEmpty(op, g)
		if err != nil || empty {
			return err
		}
		d, err := h.decode(op, g)
		if err != nil {
			return err
		}
		for _, p := range geo.Polygons(d) {
			if !p.IsEmpty() {
				*out = append(*out, p)
			}
		}
	case C.GEOS_GEOMETRYCOLLECTION:
		n := C.GEOSGetNumGeometries_r(h.ctx(), g)
		if n < 0 {
			return h.fail(op)
		}
		for i := C.int(0); i < n; i++ {
			// The part belongs to g: it is not freed separately.
			part := C.GEOSGetGeometryN_r(h.ctx(), g, i)
			if part == nil {
				return h.fail(op)
			}
			if err := h.appendPolygons(op, out, part); err != nil {
				return err
			}
		}
	case -1:
		return h.fail(op)
	}
	return nil
}

// geometry brings g back as the geo type that matches it. An empty result
// comes back as the empty value of the nearest geo type (an empty point as
// an empty MultiPoint). Lines in a MultiLineString or a GeometryCollection
// mixing dimensions have no geo type: they give ErrUnsupported. A
// GeometryCollection of polygons comes back as a MultiPolygon.
func (h *handle) geometry(op string, g *C.GEOSGeometry) (geo.Geometry, error) {
	t := C.GEOSGeomTypeId_r(h.ctx(), g)
	if t == -1 {
		return nil, h.fail(op)
	}
	empty, err := h.isEmpty(op, g)
	if err != nil {
		return nil, err
	}
	if empty {
		switch t {
		case C.GEOS_POINT, C.GEOS_MULTIPOINT:
			return geo.MultiPoint{}, nil
		case C.GEOS_LINESTRING, C.GEOS_LINEARRING, C.GEOS_MULTILINESTRING:
			return geo.LineString{}, nil
		case C.GEOS_POLYGON:
			return geo.Polygon{}, nil
		}
		return geo.MultiPolygon{}, nil
	}
	switch t {
	case C.GEOS_POINT, C.GEOS_MULTIPOINT, C.GEOS_LINESTRING, C.GEOS_LINEARRING, C.GEOS_POLYGON, C.GEOS_MULTIPOLYGON:
		return h.decode(op, g)
	case C.GEOS_GEOMETRYCOLLECTION:
		if h.polygonal(g) {
			return h.polygons(op, g)
		}
	}
	return nil, fmt.Errorf("%w: %s: result has no geo type (GEOS type %d)", ErrUnsupported, op, int(t))
}

// polygonal reports whether every non-empty part of the collection g is a
// polygon or multipolygon.
func (h *handle) polygonal(g *C.GEOSGeometry) bool {
	n := C.GEOSGetNumGeometries_r(h.ctx(), g)
	for i := C.int(0); i < n; i++ {
		part := C.GEOSGetGeometryN_r(h.ctx(), g, i)
		if part == nil {
			return false
		}
		switch C.GEOSGeomTypeId_r(h.ctx(), part) {
		case C.GEOS_POLYGON, C.GEOS_MULTIPOLYGON:
		case C.GEOS_GEOMETRYCOLLECTION:
			if !h.polygonal(part) {
				return false
			}
		default:
			if C.GEOSisEmpty_r(h.ctx(), part) != 1 {
				return false
			}
		}
	}
	return n >= 0
}
