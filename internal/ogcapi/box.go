package ogcapi

import "mineaction/internal/geo"

// intersectsBox reports whether geometry g shares at least one point with
// box b, edges included. The stores select candidates by their bounding
// boxes (through their spatial indexes); this exact test keeps the answer
// to bbox= the same as a GIS client's own spatial filter.
func intersectsBox(g geo.Geometry, b geo.BBox) bool {
	if g == nil || g.IsEmpty() {
		return false
	}
	gb := g.Bounds()
	if !gb.Intersects(b) {
		return false
	}
	if gb.MinX >= b.MinX && gb.MaxX <= b.MaxX && gb.MinY >= b.MinY && gb.MaxY <= b.MaxY {
		return true
	}
	switch g := g.(type) {
	case geo.Point:
		return b.Contains(g)
	case geo.MultiPoint:
		for _, p := range g {
			if b.Contains(p) {
				return true
			}
		}
		return false
	case geo.LineString:
		return pathMeetsBox(g, b)
	}
	for _, poly := range geo.Polygons(g) {
		for _, r := range poly {
			if pathMeetsBox(r, b) {
				return true
			}
		}
		// The box lies wholly inside the polygon (or a hole): test a corner.
		if geo.ContainsPoint(geo.MultiPolygon{poly}, geo.Point{X: b.MinX, Y: b.MinY}) {
			return true
		}
	}
	return false
}

// pathMeetsBox reports whether a vertex of the path lies in the box or one
// of its segments crosses the box's edge.
func pathMeetsBox(ps []geo.Point, b geo.BBox) bool {
	for _, p := range ps {
		if b.Contains(p) {
			return true
		}
	}
	corners := [5]geo.Point{{X: b.MinX, Y: b.MinY}, {X: b.MaxX, Y: b.MinY}, {X: b.MaxX, Y: b.MaxY}, {X: b.MinX, Y: b.MaxY}, {X: b.MinX, Y: b.MinY}}
	for i := 1; i < len(ps); i++ {
		a, c := ps[i-1], ps[i]
		if max(a.X, c.X) < b.MinX || min(a.X, c.X) > b.MaxX || max(a.Y, c.Y) < b.MinY || min(a.Y, c.Y) > b.MaxY {
			continue
		}
		for k := 0; k < 4; k++ {
			if segmentsMeet(a, c, corners[k], corners[k+1]) {
				return true
			}
		}
	}
	return false
}

// segmentsMeet reports whether segments pq and rs share a point.
func segmentsMeet(p, q, r, s geo.Point) bool {
	d1, d2 := orient(r, s, p), orient(r, s, q)
	d3, d4 := orient(p, q, r), orient(p, q, s)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(r, s, p)) || (d2 == 0 && onSegment(r, s, q)) ||
		(d3 == 0 && onSegment(p, q, r)) || (d4 == 0 && onSegment(p, q, s))
}

func orient(a, b, c geo.Point) float64 { return (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X) }

// onSegment reports whether c, collinear with ab, lies between a and b.
func onSegment(a, b, c geo.Point) bool {
	return c.X >= min(a.X, b.X) && c.X <= max(a.X, b.X) && c.Y >= min(a.Y, b.Y) && c.Y <= max(a.Y, b.Y)
}
