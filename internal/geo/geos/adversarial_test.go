package geos_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// The false hole of overlay-probe.md: releases of one national hazard. Two
// of them enclose a gap that the third covers.
const (
	falseHoleA = `POLYGON((46.4157836 40.2270949,46.4149563 40.2284555,46.4140252 40.2297655,46.4120077 40.2298157,46.4106093 40.2294056,46.4092639 40.2281607,46.4089905 40.2264983,46.4099851 40.2252139,46.4110559 40.2238327,46.4122103 40.223743,46.413775 40.2236808,46.4147361 40.2249752,46.4168862 40.2259481,46.4157836 40.2270949))`
	falseHoleB = `POLYGON((46.4200906 40.2258427,46.4174571 40.2266174,46.4167029 40.2300549,46.4155314 40.229876,46.4132527 40.2309059,46.4102528 40.2320432,46.407708 40.231927,46.403982 40.2295499,46.4043713 40.2274193,46.4038093 40.2262382,46.4030831 40.2248347,46.402861 40.2221114,46.4043003 40.2213158,46.4055191 40.2192552,46.4079551 40.2191178,46.4090838 40.2168199,46.4121609 40.2188128,46.4146182 40.2184569,46.4165715 40.2205778,46.4184798 40.2217361,46.420166 40.2239584,46.4200906 40.2258427))`
	falseHoleC = `POLYGON((46.4146808 40.2362759,46.4139594 40.2372342,46.4119454 40.2400881,46.408975 40.2418247,46.4032744 40.2401833,46.4024329 40.2382556,46.3986447 40.2351252,46.3975654 40.2327945,46.4008741 40.2304286,46.4025772 40.2273768,46.408686 40.2268656,46.409523 40.2286758,46.4138461 40.229247,46.4160514 40.2316308,46.4146808 40.2362759))`
	// The minimal sliver case: a release one ulp of latitude thick crossing the hazard.
	sliverHazard  = `POLYGON((46.9 39.8,46.91 39.8,46.91 39.81,46.9 39.81,46.9 39.8))`
	sliverRelease = `POLYGON((46.89 39.805,46.92 39.805,46.92 39.80500000000001,46.89 39.80500000000001,46.89 39.805))`
)

// expect says what the remaining area must be, apart from PostGIS's figure.
type expect int

const (
	anyArea   expect = iota // only PostGIS decides
	nothing                 // the whole hazard is released
	wholeArea               // nothing of the hazard is released (to 1e-12)
)

type overlayCase struct {
	name     string
	hazard   geo.Geometry
	releases []geo.Geometry
	expect   expect
}

func adversarialCases(t testing.TB) []overlayCase {
	const x0, y0, x1, y1 = 46.9, 39.8, 46.91, 39.81
	const xm, ym = 46.905, 39.805
	const e = 1e-12
	h := rect(x0, y0, x1, y1)
	hr := h[0]
	rotated := geo.Polygon{geo.Ring{hr[2], hr[3], hr[0], hr[1], hr[2]}}
	reversed := geo.Polygon{geo.Ring{hr[0], hr[3], hr[2], hr[1], hr[0]}}
	withHole := geo.Polygon{hr, ring(46.902, 39.802, 46.902, 39.808, 46.908, 39.808, 46.908, 39.802)}
	hole := rect(46.902, 39.802, 46.908, 39.808)

	rng := rand.New(rand.NewPCG(7, 7))
	var disks, strips, fan, dups []geo.Geometry
	for range 50 {
		disks = append(disks, geo.Polygon{star(rng, x0+0.01*rng.Float64(), y0+0.01*rng.Float64(), 0.003, 24, 0.8)})
	}
	for i := range 50 {
		a, b := x0+float64(i)*(x1-x0)/50, x0+float64(i+1)*(x1-x0)/50
		if i == 49 {
			b = x1
		}
		strips = append(strips, rect(a, y0, b, y1))
	}
	star40 := star(rng, xm, ym, 0.005, 40, 0.4)
	for i := 0; i+1 < len(star40); i++ {
		fan = append(fan, geo.Polygon{geo.Ring{{X: xm, Y: ym}, star40[i], star40[i+1], {X: xm, Y: ym}}})
	}
	for range 5 {
		dups = append(dups, geo.Polygon{star40})
	}
	fh := []geo.Geometry{wktPolygon(t, falseHoleA), wktPolygon(t, falseHoleB), wktPolygon(t, falseHoleC)}
	fhBox := rect(46.397, 40.216, 46.421, 40.242)

	return []overlayCase{
		{"release equals hazard", h, []geo.Geometry{h}, nothing},
		{"release equals hazard, rotated start", h, []geo.Geometry{rotated}, nothing},
		{"release equals hazard, reversed", h, []geo.Geometry{reversed}, nothing},
		{"release equals hazard as multipolygon", h, []geo.Geometry{geo.MultiPolygon{h}}, nothing},
		{"two halves sharing an edge", h, []geo.Geometry{rect(x0, y0, xm, y1), rect(xm, y0, x1, y1)}, nothing},
		{"four quadrants sharing a vertex", h, []geo.Geometry{rect(x0, y0, xm, ym), rect(xm, y0, x1, ym), rect(x0, ym, xm, y1), rect(xm, ym, x1, y1)}, nothing},
		{"fan of 40 wedges sharing edges", geo.Polygon{star40}, fan, nothing},
		{"50 strips sharing edges", h, strips, nothing},
		{"release exceeds hazard", h, []geo.Geometry{rect(x0-0.01, y0-0.01, x1+0.01, y1+0.01)}, nothing},
		{"release 1e-12 larger", h, []geo.Geometry{rect(x0-e, y0-e, x1+e, y1+e)}, nothing},
		{"release with hole and its plug", h, []geo.Geometry{withHole, hole}, nothing},
		{"adjacent release sharing an edge", h, []geo.Geometry{rect(x1, y0, x1+0.01, y1)}, wholeArea},
		{"release touching a corner", h, []geo.Geometry{rect(x1, y1, x1+0.01, y1+0.01)}, wholeArea},
		{"release far away", h, []geo.Geometry{rect(47, 40, 47.01, 40.01)}, wholeArea},
		{"no releases", h, nil, wholeArea},
		{"empty release", h, []geo.Geometry{geo.Polygon{}, geo.MultiPolygon{}}, wholeArea},
		{"minimal sliver", wktPolygon(t, sliverHazard), []geo.Geometry{wktPolygon(t, sliverRelease)}, wholeArea},
		{"sliver along the top edge", h, []geo.Geometry{rect(x0, y1-e, x1, y1)}, anyArea},
		{"sliver along the top edge, outside", h, []geo.Geometry{rect(x0, y1, x1, y1+e)}, wholeArea},
		{"needle across the hazard", h, []geo.Geometry{geo.Polygon{ring(x0-0.001, ym, x1+0.001, ym+1e-11, x1+0.001, ym+2e-11)}}, anyArea},
		{"needle into a corner", h, []geo.Geometry{geo.Polygon{ring(x1+0.001, y1+0.001, xm, ym, x1+0.001, y1+0.001+1e-11)}}, anyArea},
		{"hazard with a needle spike", geo.Polygon{ring(x0, y0, x1, y0, x1, ym, x1+0.01, ym+1e-12, x1, ym+2e-12, x1, y1, x0, y1)}, []geo.Geometry{rect(xm, y0, x1+0.02, y1)}, anyArea},
		{"release 1e-12 smaller", h, []geo.Geometry{rect(x0+e, y0+e, x1-e, y1-e)}, anyArea},
		{"release shifted by 1e-12", h, []geo.Geometry{rect(x0+e, y0+e, x1+e, y1+e)}, anyArea},
		{"halves with a 1e-12 gap", h, []geo.Geometry{rect(x0, y0, xm, y1), rect(xm+e, y0, x1, y1)}, anyArea},
		{"halves overlapping by 1e-12", h, []geo.Geometry{rect(x0, y0, xm+e, y1), rect(xm, y0, x1, y1)}, nothing},
		{"vertex 1e-12 off the edge", h, []geo.Geometry{geo.Polygon{ring(x0, y0, xm, y0+e, x1, y0, x1, ym, x0, ym)}}, anyArea},
		{"T-junction on the hazard edge", h, []geo.Geometry{rect(46.903, y0, 46.907, 39.803)}, anyArea},
		{"hazard vertex on a release edge", geo.Polygon{ring(x0, y0, x1, y0, xm, y1)}, []geo.Geometry{rect(x0, ym, x1, y1+0.01)}, anyArea},
		{"release with a hole inside the hazard", h, []geo.Geometry{withHole}, anyArea},
		{"release with a hole spilling over", h, []geo.Geometry{geo.Polygon{ring(46.895, 39.795, 46.915, 39.795, 46.915, 39.815, 46.895, 39.815), hole[0]}}, anyArea},
		{"hazard with a hole", withHole, []geo.Geometry{rect(x0, y0, xm, y1)}, anyArea},
		{"multipolygon hazard", geo.MultiPolygon{h, rect(47, 40, 47.01, 40.01)}, []geo.Geometry{h}, anyArea},
		{"repeated points in the release", h, []geo.Geometry{geo.Polygon{ring(x0, y0, x0, y0, xm, y0, xm, y0, xm, y1, x0, y1)}}, anyArea},
		{"duplicate releases", geo.Polygon{star40}, dups, nothing},
		{"50 overlapping releases", h, disks, anyArea},
		{"50 overlapping releases over a starred hazard", geo.Polygon{star40}, disks, anyArea},
		{"false hole", fhBox, fh, anyArea},
	}
}

// TestAdversarialExpectations checks what each adversarial case must give
// without any reference: nothing left, or the whole hazard left.
func TestAdversarialExpectations(t *testing.T) {
	for _, c := range adversarialCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got, err := geos.Remaining(c.hazard, c.releases)
			if err != nil {
				t.Fatal(err)
			}
			ha := area(geo.Polygons(c.hazard))
			switch c.expect {
			case nothing:
				if len(got) != 0 {
					t.Errorf("remaining = %d polygons of area %g, want nothing", len(got), area(got))
				}
			case wholeArea:
				if a := area(got); math.Abs(a-ha) > 1e-12*ha {
					t.Errorf("remaining area = %.17g, want the hazard's %.17g", a, ha)
				}
			}
		})
	}
}

// TestFalseHole is the case simplefeatures v0.50.0 got wrong: the union of
// the three releases has no hole and the area PostGIS gives.
func TestFalseHole(t *testing.T) {
	gs := []geo.Geometry{wktPolygon(t, falseHoleA), wktPolygon(t, falseHoleB), wktPolygon(t, falseHoleC)}
	u, err := geos.Union(gs)
	if err != nil {
		t.Fatal(err)
	}
	const want = 3.2102566310501806e-4
	if a := area(u); math.Abs(a-want) > 1e-15 {
		t.Errorf("union area = %.17g, want %.17g", a, want)
	}
	for i, p := range u {
		if len(p) != 1 {
			t.Errorf("polygon %d of the union has %d holes, want none", i, len(p)-1)
		}
	}
}

// TestAdversarialAgainstPostGIS compares Remaining and Union with PostGIS on
// every adversarial case.
func TestAdversarialAgainstPostGIS(t *testing.T) {
	pg := newPostGIS(t)
	identical := 0
	cases := adversarialCases(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg := &postgis{t: t, conn: pg.conn}
			rem, err := geos.Remaining(c.hazard, c.releases)
			if err != nil {
				t.Fatal(err)
			}
			a := pg.remaining(c.hazard, c.releases, rem)
			if !sameArea(a.got, a.want) {
				t.Errorf("remaining area = %.17g, PostGIS %.17g (hazard %.17g)", a.got, a.want, a.hazard)
			}
			if a.identical {
				identical++
			}
			u, err := geos.Union(c.releases)
			if err != nil {
				t.Fatal(err)
			}
			if want, got := pg.union(c.releases, u); !sameArea(got, want) {
				t.Errorf("union area = %.17g, PostGIS %.17g", got, want)
			}
		})
	}
	t.Logf("%d of %d remainders byte-identical to PostGIS's", identical, len(cases))
}

func ExampleRemaining() {
	hazard := rect(0, 0, 4, 4)
	cleared := rect(0, 0, 2, 4)
	cancelled := rect(1, 0, 4, 2)
	rest, err := geos.Remaining(hazard, []geo.Geometry{cleared, cancelled})
	if err != nil {
		panic(err)
	}
	fmt.Println(area(rest))
	// Output: 4
}
