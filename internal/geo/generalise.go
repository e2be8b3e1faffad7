package geo

import "math"

// Generalise hides exact positions on a grid of cell degrees: points move
// to the centre of their grid cell, and anything else becomes the
// rectangle of grid cells that covers its bounding box. It is what a
// public or donor view shows of uncleared hazards and of items not yet
// destroyed. A cell of 0 or less returns g unchanged.
func Generalise(g Geometry, cell float64) Geometry {
	if cell <= 0 || g == nil || g.IsEmpty() {
		return g
	}
	centre := func(p Point) Point {
		return Point{X: (math.Floor(p.X/cell) + 0.5) * cell, Y: (math.Floor(p.Y/cell) + 0.5) * cell}
	}
	switch g := g.(type) {
	case Point:
		return centre(g)
	case MultiPoint:
		out := make(MultiPoint, len(g))
		for i, p := range g {
			out[i] = centre(p)
		}
		return out
	}
	b := g.Bounds()
	x0, y0 := math.Floor(b.MinX/cell)*cell, math.Floor(b.MinY/cell)*cell
	x1, y1 := math.Ceil(b.MaxX/cell)*cell, math.Ceil(b.MaxY/cell)*cell
	if x1 == x0 {
		x1 += cell
	}
	if y1 == y0 {
		y1 += cell
	}
	return Polygon{{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}}
}
