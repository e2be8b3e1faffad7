package geo

import (
	"cmp"
	"fmt"
	"slices"
)

// vldRing is one ring prepared for the topology checks of Validate.
type vldRing struct {
	poly, ring int     // part and ring index as given
	pts        []Point // without consecutive repeats; closed
	orig       []int   // index in the given ring of each point of pts
	box        BBox
	skipSelf   bool       // already reported as degenerate; skip its self-meetings
	selfPairs  [][2]int32 // pairs of segments reported as meeting
}

// vldSeg is the segment from pts[i] to pts[i+1] of rings[ring].
type vldSeg struct{ ring, i int32 }

// vldTouchKey is a point where two rings (a < b) touch.
type vldTouchKey struct {
	a, b int32
	p    Point
}

// vldTopo holds the state of the topology checks over all parts.
type vldTopo struct {
	*vldState
	rings     []vldRing
	segs      []vldSeg
	parts     [][]int32 // for each part, its rings; nil if its shape failed
	partBad   []bool    // the part's own boundaries are broken
	pairBad   map[[2]int]bool
	ringPairs map[[2]int32]bool // ring pairs already reported
	touches   map[vldTouchKey]bool
	touchList []vldTouchKey // touches that are not crossings
}

func (v *vldState) polygons(mp MultiPolygon) {
	t := &vldTopo{
		vldState:  v,
		parts:     make([][]int32, len(mp)),
		partBad:   make([]bool, len(mp)),
		pairBad:   map[[2]int]bool{},
		ringPairs: map[[2]int32]bool{},
		touches:   map[vldTouchKey]bool{},
	}
	for pi, poly := range mp {
		ok := true
		for ri, r := range poly {
			ok = v.ringShape(pi, ri, r) && ok
		}
		if !ok {
			continue
		}
		for ri, r := range poly {
			t.parts[pi] = append(t.parts[pi], int32(len(t.rings)))
			var orig []int
			pts := vldDedupe(r, &orig)
			for i := range len(pts) - 1 {
				t.segs = append(t.segs, vldSeg{int32(len(t.rings)), int32(i)})
			}
			t.rings = append(t.rings, vldRing{poly: pi, ring: ri, pts: pts, orig: orig, box: boundsOf(pts)})
		}
	}
	for ri := range t.rings {
		t.degenerate(int32(ri))
	}
	t.findMeetings()
	for pi := range t.parts {
		if len(t.parts[pi]) > 0 && !t.partBad[pi] && !v.full() {
			t.polygon(pi)
		}
	}
	t.overlappingParts()
	slices.SortStableFunc(v.probs, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Polygon, b.Polygon), cmp.Compare(a.Ring, b.Ring))
	})
}

// vertex returns the index in the given ring of point k of r.pts.
func (r *vldRing) vertex(k int) int {
	if k == len(r.pts)-1 {
		k = 0 // the closing point is the first
	}
	return r.orig[k]
}

// vertexAt returns the given-ring index of p if p is an end of segment
// s of r, otherwise -1.
func (r *vldRing) vertexAt(s int32, p Point) int {
	switch p {
	case r.pts[s]:
		return r.vertex(int(s))
	case r.pts[s+1]:
		return r.vertex(int(s) + 1)
	}
	return -1
}

func (r *vldRing) label() string {
	if r.ring == 0 {
		return "the shell"
	}
	return fmt.Sprintf("hole %d", r.ring)
}

// intersections finds every pair of segments that meet, with the index,
// and reports whether it finished within budget candidate pairs. Long thin
// edges can make the number of pairs whose boxes meet grow as n²; past
// the budget it stops and marks every part broken, so that the problems
// found so far stand and no later check runs on an incomplete search.
func (t *vldTopo) intersections(budget int) bool {
	boxes := make([]BBox, len(t.segs))
	for i, s := range t.segs {
		r := &t.rings[s.ring]
		boxes[i] = EmptyBBox().Extend(r.pts[s.i]).Extend(r.pts[s.i+1])
	}
	ix := vldNewIndex(boxes)
	var cand []int32
	for i := range t.segs {
		if t.full() {
			return true
		}
		cand = ix.search(boxes[i], cand[:0])
		if budget -= len(cand); budget < 0 {
			for pi := range t.partBad {
				t.partBad[pi] = true
			}
			return false
		}
		slices.Sort(cand)
		for _, j := range cand {
			if int(j) > i {
				t.pair(t.segs[i], t.segs[j])
			}
		}
	}
	return true
}

// pair examines two segments, s before u in ring order.
func (t *vldTopo) pair(s, u vldSeg) {
	rs, ru := &t.rings[s.ring], &t.rings[u.ring]
	hit, at := vldIntersect(rs.pts[s.i], rs.pts[s.i+1], ru.pts[u.i], ru.pts[u.i+1])
	switch {
	case hit == vldNone:
	case s.ring == u.ring:
		t.self(s.ring, s.i, u.i, hit, at)
	case hit == vldTouch:
		t.touch(s, u, at)
	default:
		t.boundary(s, u, hit, at)
	}
}

// around returns the neighbours of p along the ring of segment s, p being
// on s: the points just before and after it.
func (t *vldTopo) around(s vldSeg, p Point) (Point, Point) {
	r := &t.rings[s.ring]
	m := int32(len(r.pts) - 1)
	switch p {
	case r.pts[s.i]:
		return r.pts[(s.i-1+m)%m], r.pts[s.i+1]
	case r.pts[s.i+1]:
		return r.pts[s.i], r.pts[(s.i+2)%m]
	}
	return r.pts[s.i], r.pts[s.i+1]
}

// touch examines two rings meeting at one point: if they cross there it is
// a crossing, otherwise a touch to check for loops later.
func (t *vldTopo) touch(s, u vldSeg, at Point) {
	key := vldTouchKey{s.ring, u.ring, at}
	if t.touches[key] {
		return
	}
	t.touches[key] = true
	a0, a1 := t.around(s, at)
	b0, b1 := t.around(u, at)
	if vldCrossesAt(at, a0, a1, b0, b1) {
		t.boundary(s, u, vldCross, at)
		return
	}
	t.touchList = append(t.touchList, key)
}

// boundary reports two different rings crossing or sharing an edge.
func (t *vldTopo) boundary(s, u vldSeg, hit vldHit, at Point) {
	key := [2]int32{s.ring, u.ring}
	if t.ringPairs[key] {
		return
	}
	t.ringPairs[key] = true
	rs, ru := &t.rings[s.ring], &t.rings[u.ring]
	var reason string
	if rs.poly == ru.poly {
		t.partBad[rs.poly] = true
		if hit == vldOverlap {
			reason = "hole shares an edge with " + rs.label()
		} else {
			reason = "hole crosses " + rs.label()
		}
	} else {
		t.pairBad[[2]int{rs.poly, ru.poly}] = true
		if hit == vldOverlap {
			reason = fmt.Sprintf("shares an edge with polygon %d (parts of a MultiPolygon may touch only at points)", rs.poly)
		} else {
			reason = fmt.Sprintf("crosses the boundary of polygon %d (parts of a MultiPolygon must not overlap)", rs.poly)
		}
	}
	t.add(Problem{ru.poly, ru.ring, ru.vertexAt(u.i, at), at, reason})
}
