package geo

import (
	"cmp"
	"fmt"
	"slices"
)

// These checks run once no boundaries cross, so that every ring of a part
// lies wholly on one side of every other, and testing one point of a ring
// tells where the whole ring is.

// testPoint returns a vertex of ring r that lies on none of the rings in
// others (any vertex on another ring was recorded there as a touch).
func (t *vldTopo) testPoint(r int32, others []int32) (Point, bool) {
	pts := t.rings[r].pts
next:
	for _, p := range pts[:len(pts)-1] {
		for _, o := range others {
			a, b := min(r, o), max(r, o)
			if t.touches[vldTouchKey{a, b, p}] {
				continue next
			}
		}
		return p, true
	}
	return Point{}, false
}

func vldBoxWithin(inner, outer BBox) bool {
	return inner.MinX >= outer.MinX && inner.MaxX <= outer.MaxX && inner.MinY >= outer.MinY && inner.MaxY <= outer.MaxY
}

// polygon checks that the holes of part pi lie inside its shell and
// outside one another, and that its interior is connected.
func (t *vldTopo) polygon(pi int) {
	rs := t.parts[pi]
	shell := &t.rings[rs[0]]
	for _, h := range rs[1:] {
		// A hole all of whose vertices touch the shell closes a loop, which
		// the connectivity check reports.
		if p, ok := t.testPoint(h, rs[:1]); ok && !vldInside(shell.pts, p) {
			r := &t.rings[h]
			t.add(Problem{pi, r.ring, -1, p, "hole lies outside the shell"})
			t.partBad[pi] = true
		}
	}
	for i, hi := range rs[1:] {
		for _, hj := range rs[i+2:] {
			inner, outer := hj, hi
			if !vldBoxWithin(t.rings[inner].box, t.rings[outer].box) {
				inner, outer = hi, hj
				if !vldBoxWithin(t.rings[inner].box, t.rings[outer].box) {
					continue
				}
			}
			if p, ok := t.testPoint(inner, []int32{outer}); ok && vldInside(t.rings[outer].pts, p) {
				r := &t.rings[inner]
				t.add(Problem{pi, r.ring, -1, p, fmt.Sprintf("hole lies inside hole %d", t.rings[outer].ring)})
				t.partBad[pi] = true
			}
		}
	}
	t.connected(pi)
}

// connected reports a disconnected interior: rings and the points where
// they touch form a graph, and a loop in it cuts the interior apart.
func (t *vldTopo) connected(pi int) {
	var keys []vldTouchKey
	for _, k := range t.touchList {
		if t.rings[k.a].poly == pi && t.rings[k.b].poly == pi {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y vldTouchKey) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.p.X, y.p.X), cmp.Compare(x.p.Y, y.p.Y))
	})
	first := t.parts[pi][0]
	parent := make([]int, len(t.parts[pi]))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	pointNode := map[Point]int{}
	type incidence struct {
		ring int32
		p    Point
	}
	seen := map[incidence]bool{}
	for _, k := range keys {
		pn, ok := pointNode[k.p]
		if !ok {
			pn = len(parent)
			pointNode[k.p] = pn
			parent = append(parent, pn)
		}
		for _, r := range []int32{k.a, k.b} {
			if seen[incidence{r, k.p}] {
				continue
			}
			seen[incidence{r, k.p}] = true
			x, y := find(int(r-first)), find(pn)
			if x != y {
				parent[x] = y
				continue
			}
			ra, rb := &t.rings[k.a], &t.rings[k.b]
			t.add(Problem{pi, rb.ring, vldFindVertex(rb, k.p), k.p,
				fmt.Sprintf("interior is disconnected: %s and %s touch here, and the rings touching each other form a loop", rb.label(), ra.label())})
			t.partBad[pi] = true
			return
		}
	}
}

// vldFindVertex returns the given-ring index of p in r, or -1.
func vldFindVertex(r *vldRing, p Point) int {
	for k, q := range r.pts {
		if q == p {
			return r.vertex(k)
		}
	}
	return -1
}

// overlappingParts reports parts of a MultiPolygon one inside another.
// Crossing boundaries were reported already; what is left is containment.
func (t *vldTopo) overlappingParts() {
	var ids []int
	var boxes []BBox
	for pi, rs := range t.parts {
		if len(rs) > 0 && !t.partBad[pi] {
			ids = append(ids, pi)
			boxes = append(boxes, t.rings[rs[0]].box)
		}
	}
	if len(ids) < 2 {
		return
	}
	ix := vldNewIndex(boxes)
	var cand []int32
	for i, pa := range ids {
		cand = ix.search(boxes[i], cand[:0])
		slices.Sort(cand)
		for _, j := range cand {
			pb := ids[j]
			if int(j) <= i || t.pairBad[[2]int{pa, pb}] || t.full() {
				continue
			}
			if p, ok := t.partInside(pb, pa); ok {
				t.add(Problem{pb, 0, -1, p, fmt.Sprintf("lies inside polygon %d (parts of a MultiPolygon must not overlap)", pa)})
			} else if p, ok := t.partInside(pa, pb); ok {
				t.add(Problem{pa, 0, -1, p, fmt.Sprintf("lies inside polygon %d (parts of a MultiPolygon must not overlap)", pb)})
			}
		}
	}
}

// partInside reports whether the shell of part x lies in the interior of
// part y (inside y's shell and in none of its holes), and a witness point.
func (t *vldTopo) partInside(x, y int) (Point, bool) {
	shell := t.parts[x][0]
	if !vldBoxWithin(t.rings[shell].box, t.rings[t.parts[y][0]].box) {
		return Point{}, false
	}
	p, ok := t.testPoint(shell, t.parts[y])
	if !ok {
		// Every vertex lies on y's boundary: try the middle of an edge.
		a, b := t.rings[shell].pts[0], t.rings[shell].pts[1]
		p = Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
	}
	if !vldInside(t.rings[t.parts[y][0]].pts, p) {
		return Point{}, false
	}
	for _, h := range t.parts[y][1:] {
		if vldInside(t.rings[h].pts, p) {
			return Point{}, false
		}
	}
	return p, true
}
