package mvt

// simplifier runs Douglas-Peucker in tile space, reusing its buffers between
// calls.
type simplifier struct {
	keep  []bool
	stack [][2]int
}

// line simplifies an open polyline in place and returns the kept points. Both
// end points are always kept. tol is the distance, in tile units, below which
// a vertex is dropped; tol <= 0 keeps everything.
func (s *simplifier) line(pts []fpoint, tol float64) []fpoint {
	if tol <= 0 || len(pts) < 3 {
		return pts
	}
	s.reset(len(pts))
	s.run(pts, 0, len(pts)-1, tol*tol)
	return s.compact(pts)
}

// ring simplifies a closed ring (no repeated closing point) in place. The
// ring is split at its first vertex and the vertex farthest from it, and each
// half is simplified as a line, so the result keeps at least those two
// vertices; it may then have too few vertices to be a ring, which the caller
// checks.
func (s *simplifier) ring(pts []fpoint, tol float64) []fpoint {
	n := len(pts)
	if tol <= 0 || n < 4 {
		return pts
	}
	far, best := 0, -1.0
	for i := 1; i < n; i++ {
		if d := dist2(pts[i], pts[0]); d > best {
			far, best = i, d
		}
	}
	// Close the ring temporarily so the second half can end on vertex 0.
	pts = append(pts, pts[0])
	s.reset(n + 1)
	s.run(pts, 0, far, tol*tol)
	s.run(pts, far, n, tol*tol)
	s.keep[n] = false
	return s.compact(pts)
}

func (s *simplifier) reset(n int) {
	if cap(s.keep) < n {
		s.keep = make([]bool, n)
	}
	s.keep = s.keep[:n]
	clear(s.keep)
}

// run marks the vertices to keep between first and last, inclusive.
func (s *simplifier) run(pts []fpoint, first, last int, tol2 float64) {
	s.keep[first], s.keep[last] = true, true
	s.stack = append(s.stack[:0], [2]int{first, last})
	for len(s.stack) > 0 {
		span := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		a, b := span[0], span[1]
		if b-a < 2 {
			continue // no vertex between the ends
		}
		if idx := farthest(pts[a:b+1], tol2); idx > 0 {
			s.keep[a+idx] = true
			if idx > 1 {
				s.stack = append(s.stack, [2]int{a, a + idx})
			}
			if a+idx < b-1 {
				s.stack = append(s.stack, [2]int{a + idx, b})
			}
		}
	}
}

// farthest returns the index of the inner vertex of span that lies farthest
// from the segment joining the span's ends, if that distance exceeds
// sqrt(tol2); otherwise 0. Distances are compared multiplied by the squared
// segment length, which saves a division per vertex.
func farthest(span []fpoint, tol2 float64) int {
	a, b := span[0], span[len(span)-1]
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		idx, worst := 0, tol2
		for i, p := range span[1 : len(span)-1] {
			if d := dist2(p, a); d > worst {
				idx, worst = i+1, d
			}
		}
		return idx
	}
	idx, worst := 0, tol2*l2
	for i, p := range span[1 : len(span)-1] {
		px, py := p.x-a.x, p.y-a.y
		var d float64
		switch dot := px*dx + py*dy; {
		case dot <= 0:
			d = (px*px + py*py) * l2
		case dot >= l2:
			d = dist2(p, b) * l2
		default:
			c := px*dy - py*dx
			d = c * c
		}
		if d > worst {
			idx, worst = i+1, d
		}
	}
	return idx
}

func (s *simplifier) compact(pts []fpoint) []fpoint {
	out := pts[:0]
	for i, k := range s.keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

func dist2(a, b fpoint) float64 {
	dx, dy := a.x-b.x, a.y-b.y
	return dx*dx + dy*dy
}
