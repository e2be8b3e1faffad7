package geo_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// authalicRect is the area of a longitude/latitude rectangle from the
// authalic latitude: R_q² Δλ (sin β₂ − sin β₁), computed independently of
// StraightArea's quadrature.
func authalicRect(lon1, lat1, lon2, lat2 float64) float64 {
	a, f := 6378137.0, 1/298.257223563
	e2 := f * (2 - f)
	e := math.Sqrt(e2)
	q := func(phi float64) float64 {
		s := math.Sin(phi)
		return (1 - e2) * (s/(1-e2*s*s) - 1/(2*e)*math.Log((1-e*s)/(1+e*s)))
	}
	qp := q(math.Pi / 2)
	rad := math.Pi / 180
	sinBeta := func(phi float64) float64 { return q(phi) / qp }
	return a * a * qp / 2 * (lon2 - lon1) * rad * (sinBeta(lat2*rad) - sinBeta(lat1*rad))
}

func rect(x1, y1, x2, y2 float64) geo.Polygon {
	return geo.Polygon{{{X: x1, Y: y1}, {X: x2, Y: y1}, {X: x2, Y: y2}, {X: x1, Y: y2}, {X: x1, Y: y1}}}
}

func TestStraightAreaRectangles(t *testing.T) {
	for _, c := range [][4]float64{{0, 0, 1, 1}, {46.1, 39.6, 46.12, 39.62}, {-10, 60, 20, 80}, {100, -45, 100.0001, -44.9999}, {0, -89, 90, 89}} {
		got := geo.StraightArea(rect(c[0], c[1], c[2], c[3]))
		want := authalicRect(c[0], c[1], c[2], c[3])
		if math.Abs(got-want) > 1e-9*want+1e-6 {
			t.Errorf("rectangle %v: %.6f m², authalic formula %.6f m² (diff %.3g)", c, got, want, got-want)
		}
	}
}

// densify splits every edge into n straight pieces.
func densify(p geo.Polygon, n int) geo.Polygon {
	out := make(geo.Polygon, len(p))
	for i, r := range p {
		var d geo.Ring
		for j := 0; j+1 < len(r); j++ {
			a, b := r[j], r[j+1]
			for k := 0; k < n; k++ {
				t := float64(k) / float64(n)
				d = append(d, geo.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)})
			}
		}
		out[i] = append(d, d[0])
	}
	return out
}

// star returns a random star-shaped polygon around (x, y) of radius r degrees.
func star(rng *rand.Rand, x, y, r float64, n int) geo.Polygon {
	var ring geo.Ring
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		rr := r * (0.4 + 0.6*rng.Float64())
		ring = append(ring, geo.Point{X: x + rr*math.Cos(a), Y: y + rr*math.Sin(a)})
	}
	return geo.Polygon{append(ring, ring[0])}
}

// TestStraightAreaMatchesDensifiedGeodesic: as edges are split finer, the
// geodesic area (Planimeter's model) converges to the straight-edge area.
func TestStraightAreaMatchesDensifiedGeodesic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		p := star(rng, 46+rng.Float64(), 39.5+rng.Float64(), 0.01+0.05*rng.Float64(), 5+rng.IntN(20))
		straight := geo.StraightArea(p)
		geodesic := geo.Area(densify(p, 400))
		if d := math.Abs(straight - geodesic); d > 1e-3+1e-10*straight {
			t.Errorf("polygon %d: straight %.6f m², densified geodesic %.6f m² (diff %.3g m²)", i, straight, geodesic, d)
		}
	}
}

// TestStraightAreaAdditive: pieces cut by the overlay add up to the whole,
// the property land release accounting relies on.
func TestStraightAreaAdditive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		h := star(rng, 46.5, 40, 0.02+0.03*rng.Float64(), 6+rng.IntN(40))
		cut := star(rng, 46.5+0.02*(rng.Float64()-0.5), 40+0.02*(rng.Float64()-0.5), 0.01+0.03*rng.Float64(), 3+rng.IntN(30))
		in, err := geos.Intersection(h, cut)
		if err != nil {
			t.Fatal(err)
		}
		out, err := geos.Difference(h, cut)
		if err != nil {
			t.Fatal(err)
		}
		whole := geo.StraightArea(h)
		sum := geo.StraightArea(in) + geo.StraightArea(out)
		if d := math.Abs(whole - sum); d > 0.01+1e-9*whole {
			t.Fatalf("case %d: whole %.6f m², pieces %.6f m² (diff %.3g)", i, whole, sum, d)
		}
	}
}
