package geo

import (
	"fmt"
	"math"
	"strconv"
)

// Problem is one fault found by Validate, located so that a data officer
// can find it: the part of a MultiPolygon (0 for a Polygon), the ring
// (0 is the shell, 1 and up the holes) and the vertex (-1 when the fault is
// not at one vertex), all counted from 0 in the geometry as given, and the
// position of the fault. For a Point, MultiPoint or LineString, Polygon and
// Ring are -1 and Vertex is the position's index. At is NaN when the fault
// has no position (an empty ring).
type Problem struct {
	Polygon, Ring, Vertex int
	At                    Point
	Reason                string
}

// Error implements error.
func (p Problem) Error() string { return p.String() }

// String reads like "polygon 0, ring 1 (hole 1), vertex 7 at
// (46.81390, 40.21110): ring intersects itself", coordinates being
// longitude and latitude to 5 decimals (about 1 m).
func (p Problem) String() string {
	var b []byte
	if p.Polygon >= 0 {
		b = fmt.Appendf(b, "polygon %d, ring %d", p.Polygon, p.Ring)
		if p.Ring == 0 {
			b = append(b, " (shell)"...)
		} else if p.Ring > 0 {
			b = fmt.Appendf(b, " (hole %d)", p.Ring)
		}
	}
	if p.Vertex >= 0 {
		if len(b) > 0 {
			b = append(b, ", "...)
		}
		b = fmt.Appendf(b, "vertex %d", p.Vertex)
	}
	if !math.IsNaN(p.At.X) && !math.IsNaN(p.At.Y) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, "at ("...)
		b = strconv.AppendFloat(b, p.At.X, 'f', 5, 64)
		b = append(b, ", "...)
		b = strconv.AppendFloat(b, p.At.Y, 'f', 5, 64)
		b = append(b, ')')
	}
	return string(b) + ": " + p.Reason
}

// MaxProblems bounds how many problems Validate reports for one geometry.
const MaxProblems = 100

// Validate checks g against the OGC Simple Features rules of validity and
// returns what is wrong, or nil if nothing is.
//
// For every geometry the coordinates must be finite, the longitude within
// [-180, 180] and the latitude within [-90, 90]; a LineString needs at least
// two distinct points. For a Polygon: every ring is closed (first position
// equals last) and has at least 3 distinct points (4 positions); no ring
// crosses, touches or overlaps itself (a spike, a ring folding back along
// itself, is an overlap); rings do not cross and do not share an edge, and
// may touch only at single points; every hole lies inside the shell; no
// hole lies inside another; and the interior is connected, which fails
// when touching rings form a loop (two holes touching at two points, or a
// hole touching the shell twice). For a MultiPolygon each part must be
// valid and no two parts' interiors overlap: parts may touch only at
// points. Repeated consecutive positions are allowed. Ring orientation is
// not checked (see Normalize).
//
// Topology is checked only for polygons whose rings pass the first checks,
// and containment only once no boundaries cross, as each rule assumes the
// previous. At most one crossing is reported for each pair of rings, a
// fault of a ring is not reported again at the neighbouring edges, and at
// most MaxProblems are reported in all. Coordinates are treated as planar,
// as PostGIS's ST_IsValid does.
//
// Every decision uses exact predicates (see vldOrient), so the verdict does
// not depend on floating-point rounding: a vertex one unit in the last
// place off an edge is off it. Edges are found meeting by a sweep line with
// O(n log n) comparisons for n vertices, whatever their shape; only an
// invalid geometry is searched again, with a spatial index, to report all
// its faults, and if that search would take quadratic time (thousands of
// long crossing edges) the faults the sweep found first are reported
// instead.
func Validate(g Geometry) []Problem { return vldValidate(g, false) }

// vldValidate is Validate; with useIndex it skips the sweep line and finds
// meeting edges with the index alone (for tests comparing the two).
func vldValidate(g Geometry, useIndex bool) []Problem {
	v := &vldState{useIndex: useIndex}
	switch g := g.(type) {
	case nil:
	case Point:
		v.coord(-1, -1, 0, g)
	case MultiPoint:
		for i, p := range g {
			v.coord(-1, -1, i, p)
		}
	case LineString:
		for i, p := range g {
			v.coord(-1, -1, i, p)
		}
		if len(v.probs) == 0 && len(g) > 0 && len(vldDedupe(g, nil)) < 2 {
			v.add(Problem{-1, -1, -1, g[0], "a line needs at least 2 distinct points"})
		}
	case Polygon:
		v.polygons(MultiPolygon{g})
	case MultiPolygon:
		v.polygons(g)
	default:
		v.add(Problem{-1, -1, -1, Point{math.NaN(), math.NaN()}, fmt.Sprintf("unsupported geometry type %s", g.Type())})
	}
	if len(v.probs) == 0 {
		return nil
	}
	return v.probs
}

// vldState collects the problems of one Validate call.
type vldState struct {
	probs    []Problem
	useIndex bool
}

func (v *vldState) full() bool { return len(v.probs) >= MaxProblems }

func (v *vldState) add(p Problem) {
	if !v.full() {
		v.probs = append(v.probs, p)
	}
}

// coord checks one position and reports whether it is usable.
func (v *vldState) coord(poly, ring, vertex int, p Point) bool {
	switch {
	case math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0):
		v.add(Problem{poly, ring, vertex, p, "coordinate is not a finite number"})
	case p.X < -180 || p.X > 180:
		v.add(Problem{poly, ring, vertex, p, fmt.Sprintf("longitude %v is outside [-180, 180]", p.X)})
	case p.Y < -90 || p.Y > 90:
		v.add(Problem{poly, ring, vertex, p, fmt.Sprintf("latitude %v is outside [-90, 90]", p.Y)})
	default:
		return true
	}
	return false
}

// ringShape checks the coordinates, closure and size of one ring and
// reports whether its topology can be examined.
func (v *vldState) ringShape(poly, ring int, r Ring) bool {
	if len(r) == 0 {
		v.add(Problem{poly, ring, -1, Point{math.NaN(), math.NaN()}, "ring is empty"})
		return false
	}
	ok := true
	for i, p := range r {
		ok = v.coord(poly, ring, i, p) && ok
	}
	if !ok {
		return false
	}
	first, last := r[0], r[len(r)-1]
	if first != last {
		v.add(Problem{poly, ring, len(r) - 1, last, fmt.Sprintf("ring is not closed: the last position differs from the first, (%.5f, %.5f)", first.X, first.Y)})
		ok = false
	}
	pts := vldDedupe(r, nil)
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) < 3 {
		v.add(Problem{poly, ring, -1, first, fmt.Sprintf("ring has %d distinct points; at least 3 are needed (4 positions, the first repeated last)", len(pts))})
		ok = false
	}
	return ok
}

// vldDedupe appends to dst the points of pts without consecutive repeats,
// and the index in pts of each kept point to *orig if orig is not nil.
func vldDedupe(pts []Point, orig *[]int) []Point {
	out := make([]Point, 0, len(pts))
	for i, p := range pts {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
		if orig != nil {
			*orig = append(*orig, i)
		}
	}
	return out
}

// Normalize returns a copy of g with consecutive repeated positions removed
// and, for polygons, the rings oriented as RFC 7946 asks: the shell
// counter-clockwise, holes clockwise. It does not change whether g is
// valid; rings whose orientation is undefined (zero or non-finite area)
// keep their order.
func Normalize(g Geometry) Geometry {
	switch g := g.(type) {
	case MultiPoint:
		return append(MultiPoint(nil), g...)
	case LineString:
		return LineString(vldDedupe(g, nil))
	case Polygon:
		return vldNormalizePolygon(g)
	case MultiPolygon:
		out := make(MultiPolygon, len(g))
		for i, p := range g {
			out[i] = vldNormalizePolygon(p)
		}
		return out
	}
	return g
}

func vldNormalizePolygon(p Polygon) Polygon {
	if p == nil {
		return nil
	}
	out := make(Polygon, len(p))
	for i, r := range p {
		pts := vldDedupe(r, nil)
		a := vldSignedArea(pts)
		if (i == 0 && a < 0) || (i > 0 && a > 0) {
			for l, h := 0, len(pts)-1; l < h; l, h = l+1, h-1 {
				pts[l], pts[h] = pts[h], pts[l]
			}
		}
		out[i] = Ring(pts)
	}
	return out
}

// vldSignedArea returns twice the planar signed area of the ring, positive
// when counter-clockwise; coordinates are taken relative to the first
// point to keep precision.
func vldSignedArea(pts []Point) float64 {
	if len(pts) < 3 {
		return 0
	}
	o := pts[0]
	s := 0.0
	for i := 1; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		s += (a.X-o.X)*(b.Y-o.Y) - (b.X-o.X)*(a.Y-o.Y)
	}
	return s
}
