package mvt

import (
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
)

// The series used near the tile agrees with the exact Mercator formula to
// far below a tile unit, at every zoom and latitude, including points at the
// edge of the series' reach.
func TestProjectorSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for z := 0; z <= 24; z++ {
		n := 1 << z
		for _, y := range []int{0, n / 2, n / 3, n / 5, n / 7, n - 1, rng.IntN(n)} {
			var p projector
			p.setTile(z, 0, y, DefaultExtent)
			lat0 := p.phi0 * 180 / math.Pi
			worst := 0.0
			for i := 0; i < 200; i++ {
				// Points inside, at and just beyond the reach.
				d := (rng.Float64()*2 - 1) * p.reach * 1.2 * 180 / math.Pi
				if i < 2 {
					d = float64(2*i-1) * p.reach * 180 / math.Pi * 0.999999
				}
				q := geo.Point{X: 10, Y: lat0 + d}
				got := p.project(q).y
				want := latToUnit(q.Y)*p.scale - p.offY
				worst = math.Max(worst, math.Abs(got-want))
			}
			// The series' own bound is 1e-6 units; at deep zooms the float64
			// rounding of both formulas, near 1e-16 of the 2^z·4096 units
			// across the world, adds up to a few 1e-4.
			if worst > 1e-3 {
				t.Errorf("z%d row %d: series off by %g units", z, y, worst)
			}
		}
	}
}

// At z10 over the reference data, the series covers the tile and its buffer.
func TestProjectorReachCoversTile(t *testing.T) {
	var p projector
	p.setTile(tz, tx, ty, DefaultExtent)
	b := TileBounds(tz, tx, ty)
	half := (b.MaxY - b.MinY) / 2 * math.Pi / 180
	if p.reach < half*1.1 {
		t.Errorf("reach %g rad, tile half-height %g rad", p.reach, half)
	}
}
