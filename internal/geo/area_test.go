package geo

import (
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"testing"
)

// polygonCase is one Planimeter fixture: a Polygon or MultiPolygon, the
// signed area (counter-clockwise positive) and perimeter of each ring in
// order, and the expected area and perimeter of the whole geometry.
type polygonCase struct {
	Name      string
	Geometry  json.RawMessage
	Rings     []ringFixture
	Area      float64 // Planimeter, series geodesics
	AreaExact float64 `json:"area_exact"` // Planimeter -E
	Perimeter float64
}

// ringFixture holds the reference measures of one ring.
type ringFixture struct {
	Area           float64  // Planimeter, series geodesics
	AreaExact      float64  `json:"area_exact"`      // Planimeter -E
	AreaQuadrature *float64 `json:"area_quadrature"` // Green's theorem; nil around a pole
	Perimeter      float64  // Planimeter -E
}

func polygonCases(t testing.TB) []polygonCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(geodesicFixtureDir, "polygons-*.json"))
	if err != nil || len(files) < 6 {
		t.Fatalf("want the 6 polygon fixture files in %s, found %v (%v)", geodesicFixtureDir, files, err)
	}
	var all []polygonCase
	for _, f := range files {
		var doc struct{ Cases []polygonCase }
		readGeodesicFixture(t, filepath.Base(f), &doc)
		all = append(all, doc.Cases...)
	}
	if len(all) < 100 {
		t.Fatalf("%d polygon fixtures, want at least 100", len(all))
	}
	return all
}

// rings returns the rings of an areal geometry in order.
func allRings(g Geometry) []Ring {
	var rs []Ring
	for _, p := range Polygons(g) {
		rs = append(rs, p...)
	}
	return rs
}

// areaClose reports whether an area agrees with a reference: to 1e-9
// relative, or to 0.01 m² for tiny polygons.
func areaClose(got, want float64) bool {
	return math.Abs(got-want) <= math.Max(1e-9*math.Abs(want), 0.01)
}

// exactModeClose is areaClose for Planimeter's exact mode (-E), whose area
// is itself off by up to about 0.25 m² (5e-9 relative) on the large and
// high-latitude fixtures: there the series mode and the independent
// quadrature agree with each other, and with this package, to a few mm².
func exactModeClose(got, want float64) bool {
	return math.Abs(got-want) <= math.Max(1e-8*math.Abs(want), 0.25)
}

// lengthClose reports whether a length agrees with Planimeter: to 1e-9
// relative, or to 10 nm for short ones.
func lengthClose(got, want float64) bool {
	return math.Abs(got-want) <= math.Max(1e-9*math.Abs(want), 1e-8)
}

func TestAreaMatchesPlanimeter(t *testing.T) {
	vertices, quadratures := 0, 0
	for _, c := range polygonCases(t) {
		g, err := ParseGeoJSON(c.Geometry)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rs := allRings(g)
		if len(rs) != len(c.Rings) {
			t.Fatalf("%s: %d rings, fixture has %d", c.Name, len(rs), len(c.Rings))
		}
		for i, r := range rs {
			vertices += len(r) - 1
			want := c.Rings[i]
			got := RingArea(r)
			if !areaClose(got, want.Area) {
				t.Errorf("%s ring %d (%d vertices): RingArea = %.4f m², Planimeter %.4f m² (differ by %.3g)",
					c.Name, i, len(r)-1, got, want.Area, got-want.Area)
			}
			if q := want.AreaQuadrature; q != nil {
				quadratures++
				if !areaClose(got, *q) {
					t.Errorf("%s ring %d: RingArea = %.4f m², quadrature %.4f m² (differ by %.3g)",
						c.Name, i, got, *q, got-*q)
				}
			}
			if !exactModeClose(got, want.AreaExact) {
				t.Errorf("%s ring %d: RingArea = %.4f m², Planimeter -E %.4f m² (differ by %.3g)",
					c.Name, i, got, want.AreaExact, got-want.AreaExact)
			}
			if got := Perimeter(Polygon{r}); !lengthClose(got, want.Perimeter) {
				t.Errorf("%s ring %d: perimeter = %.9f m, Planimeter %.9f m", c.Name, i, got, want.Perimeter)
			}
		}
		got := Area(g)
		if !areaClose(got, c.Area) {
			t.Errorf("%s: Area = %.4f m², want %.4f m² (differ by %.3g)", c.Name, got, c.Area, got-c.Area)
		}
		if !exactModeClose(got, c.AreaExact) {
			t.Errorf("%s: Area = %.4f m², Planimeter -E %.4f m² (differ by %.3g)", c.Name, got, c.AreaExact, got-c.AreaExact)
		}
		if got := Perimeter(g); !lengthClose(got, c.Perimeter) {
			t.Errorf("%s: Perimeter = %.9f m, want %.9f m", c.Name, got, c.Perimeter)
		}
	}
	if quadratures < 100 {
		t.Errorf("only %d rings with a quadrature reference", quadratures)
	}
	t.Logf("%d vertices checked", vertices)
}

// Reversing a ring negates its signed area and leaves Area unchanged.
func TestAreaOrientation(t *testing.T) {
	for _, c := range polygonCases(t) {
		g, err := ParseGeoJSON(c.Geometry)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var flipped MultiPolygon
		for _, p := range Polygons(g) {
			q := make(Polygon, len(p))
			for i, r := range p {
				q[i] = reversedRing(r)
				if got, want := RingArea(q[i]), -RingArea(r); got != want {
					t.Errorf("%s ring %d reversed: RingArea = %.6f, want %.6f", c.Name, i, got, want)
				}
			}
			flipped = append(flipped, q)
		}
		if got, want := Area(flipped), Area(g); !areaClose(got, want) {
			t.Errorf("%s reversed: Area = %.4f, want %.4f", c.Name, got, want)
		}
	}
}

// Hand-checkable areas.
func TestAreaKnownValues(t *testing.T) {
	cell := Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	// The three points on the equator and the pole bound an eighth of the
	// ellipsoid, by symmetry; an equator-long ring bounds half of it.
	octant := Ring{{0, 0}, {90, 0}, {0, 90}}
	hemisphere := Ring{{0, 0}, {90, 0}, {180, 0}, {-90, 0}}
	// 4 pi c², c the authalic radius; Planimeter gives 255032810862044.22 m²
	// for the hemisphere ring.
	const wgs84Area = 510065621724088.44
	cases := []struct {
		name string
		ring Ring
		want float64
		tol  float64
	}{
		{"1x1 degree cell at the equator (Planimeter)", cell, 12308778361.469, 0.001},
		{"same cell, open ring", cell[:4], 12308778361.469, 0.001},
		{"same cell, clockwise", reversedRing(cell), -12308778361.469, 0.001},
		{"octant", octant, wgs84Area / 8, 0.01},
		{"hemisphere", hemisphere, wgs84Area / 2, 0.01},
		{"empty", nil, 0, 0},
		{"two points", Ring{{1, 1}, {2, 2}}, 0, 0},
	}
	for _, c := range cases {
		if got := RingArea(c.ring); math.Abs(got-c.want) > c.tol {
			t.Errorf("%s: RingArea = %.4f m², want %.4f m²", c.name, got, c.want)
		}
	}
	if got := ellipsoidArea; math.Abs(got-wgs84Area) > 0.01 {
		t.Errorf("ellipsoid area = %.2f m², want %.2f m²", got, wgs84Area)
	}
}

func reversedRing(r Ring) Ring {
	q := slices.Clone(r)
	slices.Reverse(q)
	return q
}

func TestLengthAndNonArealGeometries(t *testing.T) {
	// Three degrees along the equator, one at a time: a·3°; then back along
	// the same path, which doubles it.
	line := LineString{{0, 0}, {1, 0}, {2, 0}, {3, 0}}
	want := 3 * WGS84A * math.Pi / 180
	if got := Length(line); math.Abs(got-want) > 1e-8 {
		t.Errorf("Length along the equator = %.9f m, want %.9f m", got, want)
	}
	there := append(slices.Clone(line), reversedRing(Ring(line))[1:]...)
	if got := Length(there); math.Abs(got-2*want) > 1e-8 {
		t.Errorf("Length there and back = %.9f m, want %.9f m", got, 2*want)
	}
	if got := Length(LineString{{5, 5}}); got != 0 {
		t.Errorf("Length of one point = %v, want 0", got)
	}
	for _, g := range []Geometry{Point{1, 2}, MultiPoint{{1, 2}, {3, 4}}, line} {
		if a, p := Area(g), Perimeter(g); a != 0 || p != 0 {
			t.Errorf("%s: Area %v, Perimeter %v, want 0 and 0", g.Type(), a, p)
		}
	}
	// Holes are subtracted whatever their orientation, and polygons add up.
	shell := Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	hole := Ring{{0.25, 0.25}, {0.75, 0.25}, {0.75, 0.75}, {0.25, 0.75}, {0.25, 0.25}}
	want = math.Abs(RingArea(shell)) - math.Abs(RingArea(hole))
	for _, p := range []Polygon{{shell, hole}, {shell, reversedRing(hole)}, {reversedRing(shell), hole}} {
		if got := Area(p); math.Abs(got-want) > 1e-6 {
			t.Errorf("Area of cell with hole = %.6f m², want %.6f m²", got, want)
		}
	}
	far := Polygon{{{10, 10}, {10.5, 10}, {10.5, 10.5}, {10, 10.5}}}
	if got, w := Area(MultiPolygon{{shell, hole}, far}), want+Area(far); math.Abs(got-w) > 1e-6 {
		t.Errorf("Area of two polygons = %.6f m², want %.6f m²", got, w)
	}
}
