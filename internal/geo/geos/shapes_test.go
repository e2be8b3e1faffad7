package geos_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"mineaction/internal/geo"
)

// rect returns the counter-clockwise rectangle [x0,x1]×[y0,y1].
func rect(x0, y0, x1, y1 float64) geo.Polygon {
	return geo.Polygon{geo.Ring{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}}
}

// ring builds a closed ring from x, y pairs, closing it if needed.
func ring(xy ...float64) geo.Ring {
	r := make(geo.Ring, 0, len(xy)/2+1)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, geo.Point{X: xy[i], Y: xy[i+1]})
	}
	if r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

// wktPolygon parses "POLYGON((x y,...),(...))", enough for the fixtures
// quoted in the research notes.
func wktPolygon(t testing.TB, s string) geo.Polygon {
	t.Helper()
	s = strings.TrimSpace(s)
	body, ok := strings.CutPrefix(s, "POLYGON((")
	if !ok || !strings.HasSuffix(body, "))") {
		t.Fatalf("not a WKT polygon: %.40s", s)
	}
	var p geo.Polygon
	for _, rs := range strings.Split(strings.TrimSuffix(body, "))"), "),(") {
		var r geo.Ring
		for _, ps := range strings.Split(rs, ",") {
			f := strings.Fields(ps)
			if len(f) != 2 {
				t.Fatalf("bad WKT position %q", ps)
			}
			x, err1 := strconv.ParseFloat(f[0], 64)
			y, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("bad WKT position %q", ps)
			}
			r = append(r, geo.Point{X: x, Y: y})
		}
		p = append(p, r)
	}
	return p
}

// ringArea is the planar area of r, computed from offsets to its first vertex
// as PostGIS does, so that coordinates near 46°, 39° lose no precision.
func ringArea(r geo.Ring) float64 {
	if len(r) < 4 {
		return 0
	}
	x0, y0 := r[0].X, r[0].Y
	var s float64
	for i := 1; i+1 < len(r); i++ {
		s += (r[i].X-x0)*(r[i+1].Y-y0) - (r[i+1].X-x0)*(r[i].Y-y0)
	}
	return math.Abs(s) / 2
}

// area is the planar area of mp in degree².
func area(mp geo.MultiPolygon) float64 {
	var a float64
	for _, p := range mp {
		for i, r := range p {
			if i == 0 {
				a += ringArea(r)
			} else {
				a -= ringArea(r)
			}
		}
	}
	return a
}

// star returns a counter-clockwise star-shaped simple ring of n vertices
// around (cx, cy) with radii in [rmin·r, r]: one vertex per angular slot,
// jittered inside it, so every angular gap is below π.
func star(rng *rand.Rand, cx, cy, r float64, n int, rmin float64) geo.Ring {
	slot := 2 * math.Pi / float64(n)
	out := make(geo.Ring, 0, n+1)
	for k := range n {
		a := (float64(k) + 0.1 + 0.8*rng.Float64()) * slot
		rr := r * (rmin + (1-rmin)*rng.Float64())
		out = append(out, geo.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)})
	}
	return append(out, out[0])
}

// scaled returns r scaled by f about (cx, cy), reversed if reverse is set.
func scaled(r geo.Ring, cx, cy, f float64, reverse bool) geo.Ring {
	out := make(geo.Ring, len(r))
	for i, p := range r {
		j := i
		if reverse {
			j = len(r) - 1 - i
		}
		out[j] = geo.Point{X: cx + f*(p.X-cx), Y: cy + f*(p.Y-cy)}
	}
	return out
}

// propertyCase is a random hazard with 1-30 releases: random stars near it
// (some spilling over its edge, some with holes), and wedges cut from the
// hazard itself that share its vertices and each other's edges.
type propertyCase struct {
	name     string
	hazard   geo.Polygon
	releases []geo.Geometry
}

func randomCase(rng *rand.Rand, i int) propertyCase {
	cx, cy := 45.9+1.7*rng.Float64(), 38.9+1.6*rng.Float64()
	r := math.Exp(math.Log(3e-4) + rng.Float64()*math.Log(0.05/3e-4))
	n := 5 + rng.IntN(40)
	hz := star(rng, cx, cy, r, n, 0.3+0.5*rng.Float64())
	c := propertyCase{name: fmt.Sprintf("case%03d", i), hazard: geo.Polygon{hz}}
	nrel := 1 + rng.IntN(30)
	for range nrel {
		switch k := rng.IntN(10); {
		case k < 4: // a star centred inside the hazard's box, often spilling over
			rx := cx + (rng.Float64()-0.5)*2*r
			ry := cy + (rng.Float64()-0.5)*2*r
			c.releases = append(c.releases, geo.Polygon{star(rng, rx, ry, r*(0.1+0.6*rng.Float64()), 4+rng.IntN(20), 0.5)})
		case k < 5: // a star with a hole
			rx := cx + (rng.Float64()-0.5)*r
			ry := cy + (rng.Float64()-0.5)*r
			shell := star(rng, rx, ry, r*(0.2+0.5*rng.Float64()), 4+rng.IntN(20), 0.5)
			hole := scaled(shell, rx, ry, 0.2+0.3*rng.Float64(), true)
			c.releases = append(c.releases, geo.Polygon{shell, hole})
		default: // a wedge of the hazard from its centre, exact vertices or pushed out
			first := rng.IntN(n)
			span := 1 + rng.IntN(n-1)
			w := geo.Ring{{X: cx, Y: cy}}
			push := rng.IntN(3) == 0
			for j := 0; j <= span; j++ {
				p := hz[(first+j)%n]
				if push && j > 0 && j < span && rng.IntN(2) == 0 {
					f := 1 + 0.3*rng.Float64()
					p = geo.Point{X: cx + f*(p.X-cx), Y: cy + f*(p.Y-cy)}
				}
				w = append(w, p)
			}
			w = append(w, w[0])
			c.releases = append(c.releases, geo.Polygon{w})
		}
	}
	return c
}
