// Package geos computes polygon overlay (union, difference, intersection),
// spatial predicates, validity and simplification on the geometries of
// package geo by calling GEOS, the C++ engine under PostGIS, QGIS and
// Shapely, through its C API.
//
// It is the only cgo in the project: land release figures must be right to
// the square metre, and GEOS 3.11 gives the same answers as PostGIS bit for
// bit where the pure-Go overlay libraries did not (see
// shared/research/overlay-probe.md). Only the reentrant (_r) functions are
// used. Geometries cross the boundary as WKB in both directions.
//
// All functions are safe for concurrent use. Each call borrows a GEOS context
// from a small pool for its duration, so goroutines never share a context.
//
// The overlay functions (Union, Difference, Intersection, Remaining) return
// only the polygonal part of their result: where inputs merely touch, GEOS
// may also produce lines or points, and those are dropped, since a land
// release figure is an area. An empty result is an empty, non-nil
// MultiPolygon and no error, and empty inputs are accepted. Inputs are not
// repaired: an invalid polygon (a self-intersecting ring, say) may make GEOS
// throw a TopologyException, returned as an *Error; see IsValid and MakeValid.
//
// The predicates follow the DE-9IM definitions of OGC Simple Features, as in
// PostGIS and the CQL2 spatial operators (S_INTERSECTS, S_DISJOINT, ...), and
// take geometries of any type. A predicate involving an empty geometry is
// false, except Disjoint, which is true.
//
// Geometries come back from GEOS as GEOS builds them: ring orientation is not
// normalised (GEOS overlay gives clockwise shells and counter-clockwise holes,
// the reverse of RFC 7946), and the starting vertex of each ring is GEOS's.
package geos

/*
#cgo LDFLAGS: -lgeos_c
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <stdlib.h>
#include <string.h>

// gctx is one GEOS context with the reader, writer and make-valid parameters
// used on it, and the last error message GEOS reported on it. It lives in C
// memory, so GEOS may keep a pointer to it as the message handler's user data.
typedef struct {
	GEOSContextHandle_t h;
	GEOSWKBReader *reader;
	GEOSWKBWriter *writer;
	GEOSMakeValidParams *mv;
	char msg[1024];
} gctx;

static void gctx_on_error(const char *message, void *userdata) {
	gctx *c = userdata;
	strncpy(c->msg, message, sizeof c->msg - 1);
	c->msg[sizeof c->msg - 1] = 0;
}

static void gctx_free(gctx *c) {
	if (c->mv) GEOSMakeValidParams_destroy_r(c->h, c->mv);
	if (c->writer) GEOSWKBWriter_destroy_r(c->h, c->writer);
	if (c->reader) GEOSWKBReader_destroy_r(c->h, c->reader);
	if (c->h) GEOS_finish_r(c->h);
	free(c);
}

static gctx *gctx_new(void) {
	gctx *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	c->h = GEOS_init_r();
	if (!c->h) { free(c); return NULL; }
	GEOSContext_setErrorMessageHandler_r(c->h, gctx_on_error, c);
	c->reader = GEOSWKBReader_create_r(c->h);
	c->writer = GEOSWKBWriter_create_r(c->h);
	c->mv = GEOSMakeValidParams_create_r(c->h);
	if (!c->reader || !c->writer || !c->mv) { gctx_free(c); return NULL; }
	GEOSWKBWriter_setOutputDimension_r(c->h, c->writer, 2);
	GEOSWKBWriter_setByteOrder_r(c->h, c->writer, GEOS_WKB_NDR);
	GEOSWKBWriter_setIncludeSRID_r(c->h, c->writer, 0);
	GEOSMakeValidParams_setMethod_r(c->h, c->mv, GEOS_MAKE_VALID_STRUCTURE);
	GEOSMakeValidParams_setKeepCollapsed_r(c->h, c->mv, 0);
	return c;
}
*/
import "C"

import (
	"errors"
	"runtime"
	"sync"
)

// Error is a failure reported by GEOS: an exception (for example a
// TopologyException on invalid input) or a geometry it refused to read.
type Error struct {
	Op      string // what was being done, for example "difference" or "union: geometry 3"
	Message string // GEOS's own message
}

func (e *Error) Error() string { return "geos: " + e.Op + ": " + e.Message }

// ErrUnsupported is returned (wrapped) for a geometry this package cannot pass
// to GEOS or bring back from it: a nil geometry or a type other than those of
// package geo, or a GEOS result such as a mixed collection that package geo
// has no type for.
var ErrUnsupported = errors.New("geos: unsupported geometry")

// ErrClosed is returned by the methods of a Prepared geometry after Close.
var ErrClosed = errors.New("geos: prepared geometry is closed")

// Version returns the version of the GEOS library linked in, for example
// "3.11.1-CAPI-1.17.1".
func Version() string { return C.GoString(C.GEOSversion()) }

// handle is one GEOS context, used by one goroutine at a time.
type handle struct {
	c *C.gctx
	// live counts the GEOS geometries created on this handle and not yet
	// destroyed; it is back to zero after every complete operation.
	live int
}

func newHandle() (*handle, error) {
	c := C.gctx_new()
	if c == nil {
		return nil, &Error{Op: "init", Message: "cannot create a GEOS context"}
	}
	return &handle{c: c}, nil
}

func (h *handle) ctx() C.GEOSContextHandle_t { return h.c.h }

// fail returns the message GEOS last reported on this handle as an *Error,
// and clears it.
func (h *handle) fail(op string) error {
	msg := C.GoString(&h.c.msg[0])
	h.c.msg[0] = 0
	if msg == "" {
		msg = "unknown error"
	}
	return &Error{Op: op, Message: msg}
}

// own records g, a geometry just returned by GEOS, as owned by the caller,
// or turns a NULL into the error GEOS reported.
func (h *handle) own(op string, g *C.GEOSGeometry) (*C.GEOSGeometry, error) {
	if g == nil {
		return nil, h.fail(op)
	}
	h.live++
	return g, nil
}

// destroy frees a geometry obtained through own or read.
func (h *handle) destroy(g *C.GEOSGeometry) {
	if g != nil {
		C.GEOSGeom_destroy_r(h.ctx(), g)
		h.live--
	}
}

// pool keeps idle handles for reuse. Handles beyond GOMAXPROCS are freed on
// return, so the pool never holds more contexts than can run at once.
type pool struct {
	mu     sync.Mutex
	free   []*handle
	leaked int // geometries still live on handles given back; zero unless a path forgets to free
}

// handles is the process-wide pool of GEOS contexts.
var handles pool

func (p *pool) get() (*handle, error) {
	p.mu.Lock()
	if n := len(p.free); n > 0 {
		h := p.free[n-1]
		p.free = p.free[:n-1]
		p.mu.Unlock()
		return h, nil
	}
	p.mu.Unlock()
	return newHandle()
}

func (p *pool) put(h *handle) {
	h.c.msg[0] = 0
	p.mu.Lock()
	p.leaked += h.live
	h.live = 0
	if len(p.free) < runtime.GOMAXPROCS(0) {
		p.free = append(p.free, h)
		h = nil
	}
	p.mu.Unlock()
	if h != nil {
		C.gctx_free(h.c)
	}
}

// run calls f with a handle borrowed from the pool for the duration of the call.
func run[T any](f func(h *handle) (T, error)) (T, error) {
	h, err := handles.get()
	if err != nil {
		var zero T
		return zero, err
	}
	defer handles.put(h)
	return f(h)
}
