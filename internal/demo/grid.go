package demo

import "sort"

// grid divides a hazard into the polar cells its released polygons are
// made of: between consecutive radial fractions used by any of them, and
// between consecutive vertices. Marking the cells a set of releases covers
// tells what share of the land they release together, counted once, and
// whether they release all of it; it is how the plan is calibrated before
// any record exists. (The records are then accounted by landrelease with
// GEOS; the build's check reads those figures back.)
type grid struct {
	levels []float64
	n      int
	cells  []bool
}

// newGrid returns an empty grid for a shape with n vertices and the given
// sectors.
func newGrid(n int, qs []sector) *grid {
	set := map[float64]bool{0: true, 1: true}
	for _, q := range qs {
		set[min(q.u0, 1)] = true
		set[min(q.u1, 1)] = true
	}
	levels := make([]float64, 0, len(set))
	for l := range set {
		levels = append(levels, l)
	}
	sort.Float64s(levels)
	return &grid{levels: levels, n: n, cells: make([]bool, (len(levels)-1)*n)}
}

// mark marks the cells of a sector.
func (g *grid) mark(q sector) {
	u1 := min(q.u1, 1)
	for j := 0; j+1 < len(g.levels); j++ {
		if g.levels[j] < q.u0 || g.levels[j+1] > u1 {
			continue
		}
		for i := q.a; i < q.b && i < q.a+g.n; i++ {
			g.cells[j*g.n+((i%g.n)+g.n)%g.n] = true
		}
	}
}

// full reports whether every cell is marked.
func (g *grid) full() bool {
	for _, c := range g.cells {
		if !c {
			return false
		}
	}
	return true
}

// share returns the share of shape s that the marked cells cover.
func (g *grid) share(s *shape) float64 {
	marked, total := 0.0, 0.0
	for j := 0; j+1 < len(g.levels); j++ {
		for i := 0; i < g.n; i++ {
			a := s.planarCell(g.levels[j], g.levels[j+1], i)
			total += a
			if g.cells[j*g.n+i] {
				marked += a
			}
		}
	}
	if total == 0 {
		return 0
	}
	return marked / total
}
