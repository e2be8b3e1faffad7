package geo

// ContainsPoint reports whether p lies inside the areal geometry g (on the
// boundary counts as inside), treating coordinates as planar, which is what
// deciding "which district is this point in" needs.
func ContainsPoint(g Geometry, p Point) bool {
	for _, poly := range Polygons(g) {
		if len(poly) == 0 || !poly.Bounds().Contains(p) {
			continue
		}
		in, edge := ringContains(poly[0], p)
		if edge {
			return true
		}
		if !in {
			continue
		}
		inHole := false
		for _, h := range poly[1:] {
			hin, hedge := ringContains(h, p)
			if hedge {
				return true
			}
			if hin {
				inHole = true
				break
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}

// ringContains reports whether p is inside the ring (even-odd rule) and
// whether it lies on an edge.
func ringContains(r Ring, p Point) (inside, onEdge bool) {
	n := len(r)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := r[j], r[i]
		// On the segment?
		if (p.X-a.X)*(b.Y-a.Y) == (p.Y-a.Y)*(b.X-a.X) &&
			p.X >= min(a.X, b.X) && p.X <= max(a.X, b.X) && p.Y >= min(a.Y, b.Y) && p.Y <= max(a.Y, b.Y) {
			return false, true
		}
		if (a.Y > p.Y) != (b.Y > p.Y) {
			x := a.X + (p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
			if p.X < x {
				inside = !inside
			}
		}
	}
	return inside, false
}

// RepresentativePoint returns a point that lies in or on g: the point
// itself, the first point of a line or multipoint, or for polygons the
// centre of the bounding box when it is inside, else the first vertex.
func RepresentativePoint(g Geometry) (Point, bool) {
	switch g := g.(type) {
	case Point:
		return g, true
	case MultiPoint:
		if len(g) > 0 {
			return g[0], true
		}
	case LineString:
		if len(g) > 0 {
			return g[0], true
		}
	case Polygon, MultiPolygon:
		if g.IsEmpty() {
			return Point{}, false
		}
		b := g.Bounds()
		c := Point{(b.MinX + b.MaxX) / 2, (b.MinY + b.MaxY) / 2}
		if ContainsPoint(g, c) {
			return c, true
		}
		return Polygons(g)[0][0][0], true
	}
	return Point{}, false
}
