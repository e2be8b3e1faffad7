package geo

import "fmt"

// degenerate reports a ring whose points all lie on one line, or that
// turns back on itself at a vertex (a spike), before the search for
// meeting edges; the meetings such a ring has with itself follow from the
// fault and are not reported again.
func (t *vldTopo) degenerate(ri int32) {
	r := &t.rings[ri]
	m := len(r.pts) - 1
	flat := true
	for _, p := range r.pts[2:m] {
		if vldOrient(r.pts[0], r.pts[1], p) != 0 {
			flat = false
			break
		}
	}
	if flat {
		r.skipSelf = true
		t.partBad[r.poly] = true
		t.add(Problem{r.poly, r.ring, -1, r.pts[0], "ring has no area: all its points lie on one line"})
		return
	}
	for k := range m {
		prev, next := r.pts[(k-1+m)%m], r.pts[k+1]
		if vldSameDir(r.pts[k], prev, next) {
			r.skipSelf = true
			t.partBad[r.poly] = true
			t.add(Problem{r.poly, r.ring, r.vertex(k), r.pts[k], "ring turns back on itself here (a spike)"})
		}
	}
}

// self reports a meeting of segments a < b of one ring. Neighbouring
// segments meet at their shared vertex, which is fine (folding back is a
// spike, found already). Other meetings are reported unless they are next
// to one already reported, which is usually the same fault seen again.
func (t *vldTopo) self(ri, a, b int32, hit vldHit, at Point) {
	r := &t.rings[ri]
	m := int32(len(r.pts) - 1)
	if r.skipSelf || b == a+1 || (a == 0 && b == m-1) {
		return
	}
	t.partBad[r.poly] = true
	near := func(x, y int32) bool {
		d := (x - y + m) % m
		return d <= 1 || d == m-1
	}
	for _, q := range r.selfPairs {
		if (near(a, q[0]) && near(b, q[1])) || (near(a, q[1]) && near(b, q[0])) {
			return
		}
	}
	r.selfPairs = append(r.selfPairs, [2]int32{a, b})
	edge := func(s int32) string { return fmt.Sprintf("%d-%d", r.vertex(int(s)), r.vertex(int(s)+1)) }
	switch hit {
	case vldCross:
		t.add(Problem{r.poly, r.ring, -1, at, fmt.Sprintf("ring crosses itself: edges %s and %s cross", edge(a), edge(b))})
	case vldTouch:
		ka, kb := r.vertexAt(a, at), r.vertexAt(b, at)
		switch {
		case ka >= 0 && kb >= 0:
			t.add(Problem{r.poly, r.ring, kb, at, fmt.Sprintf("ring touches itself: vertex %d is at the same place as vertex %d", kb, ka)})
		case kb >= 0:
			t.add(Problem{r.poly, r.ring, kb, at, fmt.Sprintf("ring touches itself: vertex %d lies on edge %s", kb, edge(a))})
		default:
			t.add(Problem{r.poly, r.ring, ka, at, fmt.Sprintf("ring touches itself: vertex %d lies on edge %s", ka, edge(b))})
		}
	default:
		t.add(Problem{r.poly, r.ring, r.vertexAt(b, at), at, fmt.Sprintf("ring overlaps itself: edges %s and %s run along each other", edge(a), edge(b))})
	}
}
