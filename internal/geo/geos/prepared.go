package geos

/*
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
*/
import "C"

import (
	"runtime"
	"sync"

	"mineaction/internal/geo"
)

// Prepared is a geometry indexed by GEOS for testing many other geometries
// against it, as a CQL2 spatial filter tests every feature of a collection
// against one shape. Its methods give the same answers as the functions of
// the same name with the prepared geometry as first argument.
//
// A Prepared is safe for concurrent use, but its calls are serialised (GEOS
// builds the index lazily and does not guard it): prepare one per goroutine
// to filter in parallel. Close frees it; one that is garbage collected
// without Close is freed then.
type Prepared struct {
	mu  sync.Mutex
	res *preparedRes // nil once closed
	cu  runtime.Cleanup
}

// preparedRes is what a Prepared holds in C: its own GEOS context, the
// geometry and the prepared geometry built on it.
type preparedRes struct {
	h *handle
	g *C.GEOSGeometry
	p *C.GEOSPreparedGeometry
}

func (r *preparedRes) free() {
	C.GEOSPreparedGeom_destroy_r(r.h.ctx(), r.p)
	r.h.destroy(r.g)
	handles.put(r.h)
}

// Prepare builds a prepared geometry from g.
func Prepare(g geo.Geometry) (*Prepared, error) {
	h, err := handles.get()
	if err != nil {
		return nil, err
	}
	gg, err := h.read("prepare", g)
	if err != nil {
		handles.put(h)
		return nil, err
	}
	p := C.GEOSPrepare_r(h.ctx(), gg)
	if p == nil {
		err := h.fail("prepare")
		h.destroy(gg)
		handles.put(h)
		return nil, err
	}
	res := &preparedRes{h: h, g: gg, p: p}
	pr := &Prepared{res: res}
	pr.cu = runtime.AddCleanup(pr, (*preparedRes).free, res)
	return pr, nil
}

// Close frees the prepared geometry. Calling it again does nothing; other
// methods return ErrClosed afterwards.
func (p *Prepared) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.res == nil {
		return
	}
	p.cu.Stop()
	p.res.free()
	p.res = nil
}

// Intersects reports whether the prepared geometry and g share a point.
func (p *Prepared) Intersects(g geo.Geometry) (bool, error) { return p.test(intersects, g) }

// Disjoint reports whether the prepared geometry and g share no point.
func (p *Prepared) Disjoint(g geo.Geometry) (bool, error) { return p.test(disjoint, g) }

// Contains reports whether the prepared geometry contains g.
func (p *Prepared) Contains(g geo.Geometry) (bool, error) { return p.test(contains, g) }

// Within reports whether the prepared geometry lies within g.
func (p *Prepared) Within(g geo.Geometry) (bool, error) { return p.test(within, g) }

// Overlaps reports whether the prepared geometry and g overlap.
func (p *Prepared) Overlaps(g geo.Geometry) (bool, error) { return p.test(overlaps, g) }

// Touches reports whether the prepared geometry and g touch.
func (p *Prepared) Touches(g geo.Geometry) (bool, error) { return p.test(touches, g) }

// Crosses reports whether the prepared geometry and g cross.
func (p *Prepared) Crosses(g geo.Geometry) (bool, error) { return p.test(crosses, g) }

// Equals reports whether the prepared geometry and g are topologically equal.
// GEOS has no prepared form of this predicate: it is evaluated in full.
func (p *Prepared) Equals(g geo.Geometry) (bool, error) { return p.test(equals, g) }

// Relate returns the DE-9IM matrix of the prepared geometry and g. GEOS 3.11
// has no prepared form of it: it is computed in full.
func (p *Prepared) Relate(g geo.Geometry) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.res == nil {
		return "", ErrClosed
	}
	h := p.res.h
	gg, err := h.read("relate", g)
	if err != nil {
		return "", err
	}
	defer h.destroy(gg)
	return h.relate(p.res.g, gg)
}

func (p *Prepared) test(pr pred, g geo.Geometry) (bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.res == nil {
		return false, ErrClosed
	}
	h := p.res.h
	gg, err := h.read(pr.String(), g)
	if err != nil {
		return false, err
	}
	defer h.destroy(gg)
	var r C.char
	c, pg := h.ctx(), p.res.p
	switch pr {
	case intersects:
		r = C.GEOSPreparedIntersects_r(c, pg, gg)
	case disjoint:
		r = C.GEOSPreparedDisjoint_r(c, pg, gg)
	case contains:
		r = C.GEOSPreparedContains_r(c, pg, gg)
	case within:
		r = C.GEOSPreparedWithin_r(c, pg, gg)
	case overlaps:
		r = C.GEOSPreparedOverlaps_r(c, pg, gg)
	case touches:
		r = C.GEOSPreparedTouches_r(c, pg, gg)
	case crosses:
		r = C.GEOSPreparedCrosses_r(c, pg, gg)
	default:
		r = h.test(pr, p.res.g, gg)
	}
	return h.result(pr.String(), r)
}
