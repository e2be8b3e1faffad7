package geo

import (
	"cmp"
	"math"
	"slices"
)

// The search for meeting edges runs in two stages. First a sweep line
// (Shamos and Hoey, "Geometric intersection problems", 1976) passes over
// the vertices in order of x then y, keeping the edges it crosses sorted by
// y. Until the first fault, edges keep their order, so any crossing is
// between two edges that are neighbours on the sweep line at some moment,
// and every contact at a vertex is among the edges through that vertex.
// This costs O(n log n) comparisons (plus moving the sorted slice), which
// is what an ordinary valid geometry takes, however its edges are shaped.
// At the first fault the sweep stops, and the index (vldIndex) enumerates
// every pair of edges whose boxes meet, to report all the faults; that
// costs O(n log n + k) for k such pairs, which long thin edges can make
// quadratic, but only for geometries that are invalid.

func vldLess(a, b Point) bool { return a.X < b.X || (a.X == b.X && a.Y < b.Y) }

// segEnds returns the ends of each segment, smaller first.
func (t *vldTopo) segEnds() (lo, hi []Point) {
	lo, hi = make([]Point, len(t.segs)), make([]Point, len(t.segs))
	for i, s := range t.segs {
		r := &t.rings[s.ring]
		a, b := r.pts[s.i], r.pts[s.i+1]
		if vldLess(b, a) {
			a, b = b, a
		}
		lo[i], hi[i] = a, b
	}
	return lo, hi
}

// pairOf examines segments i and j in index order.
func (t *vldTopo) pairOf(i, j int32) {
	if i > j {
		i, j = j, i
	}
	t.pair(t.segs[i], t.segs[j])
}

// findMeetings finds every meeting of edges, by the sweep when no edge is
// faulty and by the index otherwise. If the index would take too long
// (see intersections), the faults the sweep found are reported instead.
func (t *vldTopo) findMeetings() {
	budget := 32*len(t.segs) + 1<<16
	if t.useIndex {
		t.intersections(math.MaxInt)
		return
	}
	for _, r := range t.rings {
		if r.skipSelf {
			t.intersections(budget) // a spike spoils the sweep's order
			return
		}
	}
	n := len(t.probs)
	if t.sweep() {
		return
	}
	found := slices.Clone(t.probs[n:])
	// Start again with the index, from the state before the sweep (which
	// stopped at its first fault, so only faults changed that state).
	t.probs = t.probs[:n]
	clear(t.partBad)
	clear(t.pairBad)
	clear(t.ringPairs)
	clear(t.touches)
	t.touchList = t.touchList[:0]
	for i := range t.rings {
		t.rings[i].selfPairs = nil
	}
	if !t.intersections(budget) {
		t.probs = append(t.probs[:n], found...)
	}
}

// sweep runs the sweep line, recording touches, and reports whether it
// went through without finding a fault.
func (t *vldTopo) sweep() bool {
	left, right := t.segEnds()
	// The sweep stops at every end of every segment: the starts in order
	// of left ends, the finishes in order of right ends, merged.
	byEnd := func(ends []Point) []int32 {
		order := make([]int32, len(ends))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			pa, pb := ends[a], ends[b]
			switch {
			case pa.X < pb.X || (pa.X == pb.X && pa.Y < pb.Y):
				return -1
			case pa != pb:
				return 1
			}
			return int(a - b)
		})
		return order
	}
	starts, stops := byEnd(left), byEnd(right)
	// Problems found before (in parts left out) stay; any new one, or a
	// part or pair marked broken, is a fault.
	n := len(t.probs)
	clean := func() bool { return len(t.probs) == n && !slices.Contains(t.partBad, true) && len(t.pairBad) == 0 }
	var active, group []int32
	for a, b := 0, 0; a < len(starts) || b < len(stops); {
		p := right[stops[b]] // stops run out last
		if a < len(starts) && !vldLess(p, left[starts[a]]) {
			p = left[starts[a]]
		}
		// Edges through p form a run of the sweep order: those below p
		// come first, then those through it, then those above.
		lo, _ := slices.BinarySearchFunc(active, p, func(s int32, p Point) int {
			return -vldOrient(left[s], right[s], p) // p above s: s sorts before p
		})
		hi := lo
		for hi < len(active) && vldOrient(left[active[hi]], right[active[hi]], p) == 0 {
			hi++
		}
		group = append(group[:0], active[lo:hi]...)
		for ; a < len(starts) && left[starts[a]] == p; a++ {
			group = append(group, starts[a])
		}
		for b < len(stops) && right[stops[b]] == p {
			b++
		}
		for x := range group {
			for y := x + 1; y < len(group); y++ {
				t.pairOf(group[x], group[y])
			}
		}
		if !clean() {
			return false
		}
		// Keep the edges that go on to the right of p, ordered by their
		// direction there, between the edges below and above p.
		block := group[:0]
		for _, s := range group {
			if right[s] != p {
				block = append(block, s)
			}
		}
		slices.SortFunc(block, func(s, u int32) int {
			return cmp.Or(-vldOrient(p, right[s], right[u]), cmp.Compare(s, u))
		})
		active = slices.Replace(active, lo, hi, block...)
		below, above := lo-1, lo+len(block)
		switch {
		case len(block) == 0 && below >= 0 && above < len(active):
			t.pairOf(active[below], active[above])
		case len(block) > 0:
			if below >= 0 {
				t.pairOf(active[below], block[0])
			}
			if above < len(active) {
				t.pairOf(block[len(block)-1], active[above])
			}
		}
		if !clean() {
			return false
		}
	}
	return true
}
