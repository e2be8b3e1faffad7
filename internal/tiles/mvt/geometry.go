package mvt

import (
	"fmt"
	"math"

	"mineaction/internal/geo"
)

// GeomType is the geometry type of a vector tile feature.
type GeomType uint8

// Geometry types of vector_tile.proto.
const (
	GeomUnknown    GeomType = 0
	GeomPoint      GeomType = 1
	GeomLineString GeomType = 2
	GeomPolygon    GeomType = 3
)

// String returns the name the specification uses for the type.
func (t GeomType) String() string {
	switch t {
	case GeomPoint:
		return "POINT"
	case GeomLineString:
		return "LINESTRING"
	case GeomPolygon:
		return "POLYGON"
	}
	return "UNKNOWN"
}

// Geometry command identifiers (specification 4.3.1).
const (
	cmdMoveTo    = 1
	cmdLineTo    = 2
	cmdClosePath = 7
)

// ipoint is a quantised tile coordinate.
type ipoint struct{ x, y int32 }

// geomEncoder turns one feature's geometry into MVT geometry commands. It
// holds the transform of one tile and buffers reused from feature to feature.
type geomEncoder struct {
	projector
	clip box     // the tile plus buffer, in tile units
	tol  float64 // simplification tolerance, tile units

	pts, tmp []fpoint
	q        []ipoint
	simp     simplifier
	cmds     []uint32
	cx, cy   int32 // the cursor

	nonFinite bool // a coordinate was NaN or infinite
}

// setTile prepares the encoder for tile z/x/y with the given extent and
// options, keeping its buffers.
func (g *geomEncoder) setTile(z, x, y int, extent uint32, opt Options) {
	g.projector.setTile(z, x, y, extent)
	e, b := float64(extent), float64(opt.Buffer)
	g.clip = box{-b, -b, e + b, e + b}
	g.tol = opt.Simplify
}

// encode writes the commands of one geometry into g.cmds and returns its
// type. It returns GeomUnknown with no error when nothing of the geometry is
// left in the tile.
func (g *geomEncoder) encode(geom geo.Geometry) (GeomType, error) {
	g.cmds, g.cx, g.cy, g.nonFinite = g.cmds[:0], 0, 0, false
	var typ GeomType
	switch geom := geom.(type) {
	case nil:
		return GeomUnknown, nil
	case geo.Point:
		typ = GeomPoint
		g.points([]geo.Point{geom})
	case geo.MultiPoint:
		typ = GeomPoint
		g.points(geom)
	case geo.LineString:
		typ = GeomLineString
		g.line(geom)
	case geo.Polygon:
		typ = GeomPolygon
		g.polygon(geom)
	case geo.MultiPolygon:
		typ = GeomPolygon
		for _, p := range geom {
			g.polygon(p)
		}
	default:
		return GeomUnknown, fmt.Errorf("unsupported geometry type %T", geom)
	}
	if g.nonFinite {
		return GeomUnknown, fmt.Errorf("%s has a non-finite coordinate", geom.Type())
	}
	if len(g.cmds) == 0 {
		return GeomUnknown, nil
	}
	return typ, nil
}

// projectAll replaces g.pts with the tile-space positions of pts, noting in
// g.nonFinite any coordinate that is not a finite number, and returns their
// box.
func (g *geomEncoder) projectAll(pts []geo.Point) box {
	// Locals rather than fields inside the loop: the compiler cannot keep
	// fields of g in registers across the appends.
	pr, out := g.projector, g.pts[:0]
	b := emptyBox()
	for i := range pts {
		p := &pts[i]
		// x-x is 0 for every finite x, and NaN for NaN and ±Inf.
		if p.X-p.X != 0 || p.Y-p.Y != 0 {
			g.nonFinite = true
			g.pts = out[:0]
			return emptyBox()
		}
		fp := pr.project(*p)
		// Plain comparisons: the min and max built-ins spend time on NaN
		// and signed zeros, which cannot occur here.
		if fp.x < b.minX {
			b.minX = fp.x
		}
		if fp.x > b.maxX {
			b.maxX = fp.x
		}
		if fp.y < b.minY {
			b.minY = fp.y
		}
		if fp.y > b.maxY {
			b.maxY = fp.y
		}
		out = append(out, fp)
	}
	g.pts = out
	return b
}

// quantise rounds a tile-space position to the integer grid, halves away
// from zero as math.Round does. Positions are within the buffered tile, far
// inside the int32 range.
func quantise(p fpoint) ipoint {
	return ipoint{round(p.x), round(p.y)}
}

func round(v float64) int32 {
	r := int32(v) // truncated towards zero
	switch f := v - float64(r); {
	case f >= 0.5:
		r++
	case f <= -0.5:
		r--
	}
	return r
}

// points writes the points inside the buffered tile as one MoveTo.
func (g *geomEncoder) points(pts []geo.Point) {
	g.projectAll(pts)
	g.q = g.q[:0]
	for _, fp := range g.pts {
		if g.clip.contains(fp) {
			g.q = append(g.q, quantise(fp))
		}
	}
	if len(g.q) == 0 {
		return
	}
	g.command(cmdMoveTo, len(g.q))
	for _, p := range g.q {
		g.moveCursor(p)
	}
}

// line clips, simplifies and writes a linestring; clipping may cut it into
// several parts.
func (g *geomEncoder) line(ls geo.LineString) {
	b := g.projectAll(ls)
	if len(g.pts) < 2 || b.disjoint(g.clip) {
		return
	}
	emit := func(part []fpoint) {
		part = g.simp.line(part, g.tol)
		g.quantiseInto(part)
		if len(g.q) >= 2 {
			g.writePath(false)
		}
	}
	if b.within(g.clip) {
		emit(g.pts)
		return
	}
	g.tmp = clipLine(g.pts, g.clip, g.tmp, emit)
}

// polygon writes a shell and its holes. A polygon whose shell collapses, or
// that a hole covers over the whole buffered tile, is dropped entirely; a
// hole that collapses is dropped alone.
func (g *geomEncoder) polygon(p geo.Polygon) {
	if len(p) == 0 {
		return
	}
	start, cx, cy := len(g.cmds), g.cx, g.cy
	if g.ring(p[0], true) != ringWritten {
		return
	}
	for _, hole := range p[1:] {
		if g.ring(hole, false) == ringCovers {
			g.cmds, g.cx, g.cy = g.cmds[:start], cx, cy
			return
		}
	}
}

// What became of a ring.
const (
	ringDropped = iota // nothing left in the tile, or collapsed
	ringWritten
	ringCovers // a hole that covers the whole buffered tile
)

// ring projects, clips, simplifies, quantises and orients one ring and
// writes it, unless it collapses or, for a hole, covers the buffered tile.
func (g *geomEncoder) ring(r geo.Ring, exterior bool) int {
	b := g.projectAll(r)
	if n := len(g.pts); n > 1 && g.pts[0] == g.pts[n-1] {
		g.pts = g.pts[:n-1]
	}
	if len(g.pts) < 3 || b.disjoint(g.clip) {
		return ringDropped
	}
	if !b.within(g.clip) {
		g.pts, g.tmp = clipRing(g.pts, g.tmp, g.clip)
		if len(g.pts) < 3 {
			return ringDropped
		}
		if !exterior && g.coversClip() {
			return ringCovers
		}
	}
	g.pts = g.simp.ring(g.pts, g.tol)
	g.quantiseInto(g.pts)
	if n := len(g.q); n > 1 && g.q[0] == g.q[n-1] {
		g.q = g.q[:n-1]
	}
	if len(g.q) < 3 {
		return ringDropped
	}
	a := area2(g.q)
	if a == 0 {
		return ringDropped
	}
	// Exteriors have a positive surveyor's area in tile coordinates (y down),
	// interiors a negative one (specification 4.3.4.4).
	if (a > 0) != exterior {
		reverse(g.q)
	}
	g.writePath(true)
	return ringWritten
}

// coversClip reports whether the clipped ring in g.pts is the whole buffered
// tile; a hole like that leaves nothing of its polygon in the tile.
func (g *geomEncoder) coversClip() bool {
	if len(g.pts) < 4 {
		return false
	}
	b := bounds(g.pts)
	if b != g.clip {
		return false
	}
	var a float64
	for i, p := range g.pts {
		c := g.pts[(i+1)%len(g.pts)]
		a += p.x*c.y - c.x*p.y
	}
	w, h := g.clip.maxX-g.clip.minX, g.clip.maxY-g.clip.minY
	return math.Abs(a)/2 >= w*h*(1-1e-9)
}

// quantiseInto rounds pts into g.q, dropping consecutive duplicates.
func (g *geomEncoder) quantiseInto(pts []fpoint) {
	g.q = g.q[:0]
	for _, p := range pts {
		ip := quantise(p)
		if n := len(g.q); n > 0 && g.q[n-1] == ip {
			continue
		}
		g.q = append(g.q, ip)
	}
}

// area2 returns twice the surveyor's (shoelace) area of a ring in tile
// coordinates, as the specification computes it.
func area2(r []ipoint) int64 {
	var a int64
	for i, p := range r {
		c := r[(i+1)%len(r)]
		a += int64(p.x)*int64(c.y) - int64(c.x)*int64(p.y)
	}
	return a
}

func reverse(r []ipoint) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}

// writePath writes g.q as MoveTo, LineTo and, for rings, ClosePath.
func (g *geomEncoder) writePath(closed bool) {
	g.command(cmdMoveTo, 1)
	g.moveCursor(g.q[0])
	g.command(cmdLineTo, len(g.q)-1)
	for _, p := range g.q[1:] {
		g.moveCursor(p)
	}
	if closed {
		g.command(cmdClosePath, 1)
	}
}

func (g *geomEncoder) command(id, count int) {
	g.cmds = append(g.cmds, uint32(id&7)|uint32(count)<<3)
}

// moveCursor writes the zigzag delta from the cursor to p and moves it there.
func (g *geomEncoder) moveCursor(p ipoint) {
	g.cmds = append(g.cmds, zigzag32(p.x-g.cx), zigzag32(p.y-g.cy))
	g.cx, g.cy = p.x, p.y
}
