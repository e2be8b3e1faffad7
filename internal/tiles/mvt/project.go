package mvt

import (
	"math"

	"mineaction/internal/geo"
)

// maxSeriesError is the largest error, in tile units, that the series for
// Mercator y may make; far below the rounding to whole units.
const maxSeriesError = 1e-6

// projector maps longitude/latitude to tile units of one tile. Near the
// tile, where nearly every vertex of a tile lies, it evaluates the Mercator
// y as a Taylor series about the tile's middle latitude instead of a sine
// and a logarithm; elsewhere, and at zooms too low for the series to be
// accurate enough, it uses the exact formula.
type projector struct {
	scale, offX, offY float64 // tile unit = unit-square coordinate*scale - off

	phi0, reach float64    // series centre and radius, in radians of latitude
	coef        [5]float64 // series in tile units: y = Σ coef[k]·(φ-φ0)^k
}

// setTile prepares the projector for tile z/x/y with the given extent.
func (p *projector) setTile(z, x, y int, extent uint32) {
	e := float64(extent)
	p.scale = float64(uint64(1)<<z) * e
	p.offX, p.offY = float64(x)*e, float64(y)*e

	_, minY, _, maxY := MercatorBounds(z, x, y)
	p.phi0 = math.Atan(math.Sinh((minY + maxY) / 2 / EarthRadius))
	// Tile units per unit of Mercator y on the unit sphere.
	k := p.scale / (2 * math.Pi)
	// The remainder after the d⁴ term is at most y⁽⁵⁾(ξ)·d⁵/5!, and y⁽⁵⁾
	// grows with |φ|: bound it at the far end of a first reach, then shrink
	// the reach to fit that bound.
	reach := 0.0
	for range 2 {
		bound := deriv5(math.Min(math.Abs(p.phi0)+reach, MaxLatitude*math.Pi/180))
		reach = math.Pow(maxSeriesError*120/(k*bound), 0.2)
	}
	p.reach = reach * 0.9
	s, t := 1/math.Cos(p.phi0), math.Tan(p.phi0)
	// y and its derivatives at φ0, divided by k!, negated because rows grow
	// southwards, and scaled to tile units.
	p.coef = [5]float64{
		(0.5-math.Atanh(math.Sin(p.phi0))/(2*math.Pi))*p.scale - p.offY,
		-k * s,
		-k * s * t / 2,
		-k * s * (2*t*t + 1) / 6,
		-k * s * t * (6*t*t + 5) / 24,
	}
}

// deriv5 returns the fifth derivative of atanh(sin φ), sec φ·(24tan⁴φ +
// 28tan²φ + 5), which is positive and even.
func deriv5(phi float64) float64 {
	t := math.Tan(phi)
	return (24*t*t*t*t + 28*t*t + 5) / math.Cos(phi)
}

// project returns the tile-space position of a longitude/latitude point.
func (p *projector) project(q geo.Point) fpoint {
	x := lonToUnit(q.X)*p.scale - p.offX
	d := clampLat(q.Y)*(math.Pi/180) - p.phi0
	if math.Abs(d) > p.reach {
		return fpoint{x, latToUnit(q.Y)*p.scale - p.offY}
	}
	c := &p.coef
	return fpoint{x, c[0] + d*(c[1]+d*(c[2]+d*(c[3]+d*c[4])))}
}
