package demo

import (
	"math"

	"mineaction/internal/geo"
)

// shape is a hazard polygon in polar form: a centre and, for each vertex in
// counter-clockwise order, its offset from the centre in degrees. The
// polygon is star-shaped about the centre, so every "polar rectangle" of
// it (the part between two radial fractions u0 < u1 and two vertices) is a
// simple polygon, and polar rectangles that share a fraction or a vertex
// share their edges exactly. Released polygons are built that way, so that
// land released in several pieces adds up without slivers.
type shape struct {
	c   geo.Point
	rel []geo.Point
	// fit is the factor that made the polygon fit its cell; scale, which
	// multiplies every offset, is fit times the calibrated factor.
	fit, scale float64
}

// n returns the number of vertices.
func (s *shape) n() int { return len(s.rel) }

// at returns vertex i (taken modulo n) pulled towards the centre to the
// radial fraction u, rounded to 1e-7 degree (about a centimetre).
func (s *shape) at(u float64, i int) geo.Point {
	r := s.rel[((i%s.n())+s.n())%s.n()]
	k := u * s.scale
	return geo.Point{X: round7(s.c.X + k*r.X), Y: round7(s.c.Y + k*r.Y)}
}

func round7(x float64) float64 { return math.Round(x*1e7) / 1e7 }

// ring returns the closed ring of the polygon at radial fraction u.
func (s *shape) ring(u float64) geo.Ring {
	r := make(geo.Ring, 0, s.n()+1)
	for i := 0; i < s.n(); i++ {
		r = append(r, s.at(u, i))
	}
	return append(r, r[0])
}

// polygon returns the hazard polygon itself.
func (s *shape) polygon() geo.Polygon { return geo.Polygon{s.ring(1)} }

// sector is a polar rectangle of a shape: radial fractions u0 to u1 (u1 may
// exceed 1 for a polygon that spills over the hazard's edge) and vertices
// a to b counter-clockwise (b > a; b-a == n is the full turn).
type sector struct {
	u0, u1 float64
	a, b   int
}

// full reports whether the sector goes all the way round.
func (q sector) full(n int) bool { return q.b-q.a >= n }

// polygon returns the sector as a simple polygon.
func (s *shape) sector(q sector) geo.Polygon {
	if q.full(s.n()) {
		if q.u0 <= 0 {
			return geo.Polygon{s.ring(q.u1)}
		}
		hole := s.ring(q.u0)
		for l, h := 0, len(hole)-1; l < h; l, h = l+1, h-1 {
			hole[l], hole[h] = hole[h], hole[l]
		}
		return geo.Polygon{s.ring(q.u1), hole}
	}
	r := make(geo.Ring, 0, 2*(q.b-q.a+1)+2)
	for i := q.a; i <= q.b; i++ {
		r = append(r, s.at(q.u1, i))
	}
	if q.u0 <= 0 {
		r = append(r, geo.Point{X: round7(s.c.X), Y: round7(s.c.Y)})
	} else {
		for i := q.b; i >= q.a; i-- {
			r = append(r, s.at(q.u0, i))
		}
	}
	return geo.Polygon{append(r, r[0])}
}

// point returns a point inside the sector, from three numbers in [0, 1):
// which edge of the sector's span, where along it, and how far out.
func (s *shape) point(q sector, t1, t2, t3 float64) geo.Point {
	span := q.b - q.a
	i := q.a + int(t1*float64(span))
	u := q.u0 + (0.1+0.8*t3)*(math.Min(q.u1, 1)-q.u0)
	w := 0.1 + 0.8*t2
	a, b := s.rel[((i%s.n())+s.n())%s.n()], s.rel[((i+1)%s.n()+s.n())%s.n()]
	k := u * s.scale
	return geo.Point{
		X: round7(s.c.X + k*(a.X+w*(b.X-a.X))),
		Y: round7(s.c.Y + k*(a.Y+w*(b.Y-a.Y))),
	}
}

// planarCell returns the area, in a plane local to the shape, of the polar
// cell between fractions u0 and u1 and vertices i and i+1. Only ratios of
// planar areas are used, to share out a geodesic area among cells.
func (s *shape) planarCell(u0, u1 float64, i int) float64 {
	k := math.Cos(s.c.Y * math.Pi / 180)
	a, b := s.rel[((i%s.n())+s.n())%s.n()], s.rel[((i+1)%s.n()+s.n())%s.n()]
	tri := math.Abs(a.X*b.Y-a.Y*b.X) * k / 2
	return tri * (u1*u1 - u0*u0)
}

// shrunk returns a copy of the shape whose vertices from a to b are pulled
// in by the factors in g (a re-survey that redraws part of the boundary).
func (s *shape) shrunk(a int, g []float64) *shape {
	out := &shape{c: s.c, rel: append([]geo.Point(nil), s.rel...), fit: s.fit, scale: s.scale}
	for k, f := range g {
		i := ((a+k)%s.n() + s.n()) % s.n()
		out.rel[i] = geo.Point{X: s.rel[i].X * f, Y: s.rel[i].Y * f}
	}
	return out
}
