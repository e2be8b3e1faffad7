package demo

import (
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// The Voronoi cells are computed in a local equirectangular plane
// (longitude scaled by the cosine of a middle latitude), where distances
// between district centres are close to true ones, and mapped back to
// degrees; the mapping is linear, so cells stay convex.
const midLatitude = 40.2

var lonScale = math.Cos(midLatitude * math.Pi / 180)

type vec struct{ x, y float64 }

func toPlane(p geo.Point) vec { return vec{p.X * lonScale, p.Y} }
func fromPlane(v vec) geo.Point {
	return geo.Point{X: v.x / lonScale, Y: v.y}
}

// voronoiCell returns the cell of seeds[i] inside box: the box clipped by the
// half-plane of every bisector between seeds[i] and another seed.
func voronoiCell(seeds []vec, i int, box []vec) []vec {
	cell := box
	for j, s := range seeds {
		if j == i {
			continue
		}
		n := vec{s.x - seeds[i].x, s.y - seeds[i].y}
		m := vec{(s.x + seeds[i].x) / 2, (s.y + seeds[i].y) / 2}
		cell = clipHalfPlane(cell, n, n.x*m.x+n.y*m.y)
		if len(cell) == 0 {
			break
		}
	}
	return cell
}

// clipHalfPlane keeps the part of the convex polygon poly (open ring) where
// n . p <= c (Sutherland-Hodgman against one edge).
func clipHalfPlane(poly []vec, n vec, c float64) []vec {
	var out []vec
	side := func(p vec) float64 { return n.x*p.x + n.y*p.y - c }
	for k := range poly {
		a, b := poly[k], poly[(k+1)%len(poly)]
		sa, sb := side(a), side(b)
		if sa <= 0 {
			out = append(out, a)
		}
		if (sa < 0 && sb > 0) || (sa > 0 && sb < 0) {
			t := sa / (sa - sb)
			out = append(out, vec{a.x + t*(b.x-a.x), a.y + t*(b.y-a.y)})
		}
	}
	return out
}

// voronoiDistricts divides the outline among the seeds: each part of the
// outline (mainland, exclave, island) is divided among the seeds inside
// it by Voronoi cells clipped with GEOS; a part with no seed goes whole to
// the nearest seed. It returns one MultiPolygon per seed (possibly empty).
func voronoiDistricts(outline geo.MultiPolygon, seeds []geo.Point) ([]geo.MultiPolygon, error) {
	pieces := make([][]geo.Geometry, len(seeds))
	for pi, part := range outline {
		var inside []int
		for i, s := range seeds {
			if geo.ContainsPoint(part, s) {
				inside = append(inside, i)
			}
		}
		if len(inside) == 0 {
			i := nearestSeed(seeds, part)
			pieces[i] = append(pieces[i], part)
			continue
		}
		if len(inside) == 1 {
			pieces[inside[0]] = append(pieces[inside[0]], part)
			continue
		}
		b := part.Bounds()
		lo, hi := toPlane(geo.Point{X: b.MinX - 1, Y: b.MinY - 1}), toPlane(geo.Point{X: b.MaxX + 1, Y: b.MaxY + 1})
		box := []vec{lo, {hi.x, lo.y}, hi, {lo.x, hi.y}}
		plane := make([]vec, len(inside))
		for k, i := range inside {
			plane[k] = toPlane(seeds[i])
		}
		for k, i := range inside {
			cell := voronoiCell(plane, k, box)
			if len(cell) < 3 {
				continue
			}
			ring := make(geo.Ring, 0, len(cell)+1)
			for _, v := range cell {
				ring = append(ring, fromPlane(v))
			}
			ring = append(ring, ring[0])
			clipped, err := geos.Intersection(geo.Polygon{ring}, part)
			if err != nil {
				return nil, fmt.Errorf("clip the cell of seed %d to outline part %d: %w", i, pi, err)
			}
			for _, p := range clipped {
				pieces[i] = append(pieces[i], p)
			}
		}
	}
	out := make([]geo.MultiPolygon, len(seeds))
	for i, ps := range pieces {
		if len(ps) == 0 {
			continue
		}
		u, err := geos.Union(ps)
		if err != nil {
			return nil, fmt.Errorf("district %d: %w", i, err)
		}
		out[i] = geo.Polygons(geo.Normalize(u))
	}
	return out, nil
}

// nearestSeed returns the seed nearest (in the local plane) to the first
// vertex of a part.
func nearestSeed(seeds []geo.Point, part geo.Polygon) int {
	p := toPlane(part[0][0])
	best, bestD := 0, math.Inf(1)
	for i, s := range seeds {
		q := toPlane(s)
		if d := math.Hypot(q.x-p.x, q.y-p.y); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
