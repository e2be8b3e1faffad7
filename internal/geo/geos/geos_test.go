package geos_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

func TestVersion(t *testing.T) {
	if v := geos.Version(); !strings.HasPrefix(v, "3.") || !strings.Contains(v, "CAPI") {
		t.Errorf("Version() = %q, want a GEOS 3.x C API version", v)
	}
}

func TestOverlaySquares(t *testing.T) {
	a := rect(0, 0, 2, 2)
	b := rect(1, 1, 3, 3)
	far := rect(10, 10, 11, 11)
	edge := rect(2, 0, 3, 2) // shares a's right edge
	tests := []struct {
		name  string
		f     func() (geo.MultiPolygon, error)
		area  float64
		parts int
	}{
		{"union", func() (geo.MultiPolygon, error) { return geos.Union([]geo.Geometry{a, b}) }, 7, 1},
		{"union of disjoint", func() (geo.MultiPolygon, error) { return geos.Union([]geo.Geometry{a, far}) }, 5, 2},
		{"union of one", func() (geo.MultiPolygon, error) { return geos.Union([]geo.Geometry{b}) }, 4, 1},
		{"union of none", func() (geo.MultiPolygon, error) { return geos.Union(nil) }, 0, 0},
		{"union drops a point", func() (geo.MultiPolygon, error) { return geos.Union([]geo.Geometry{a, geo.Point{X: 5, Y: 5}}) }, 4, 1},
		{"difference", func() (geo.MultiPolygon, error) { return geos.Difference(a, b) }, 3, 1},
		{"difference to nothing", func() (geo.MultiPolygon, error) { return geos.Difference(a, a) }, 0, 0},
		{"difference of empty", func() (geo.MultiPolygon, error) { return geos.Difference(geo.Polygon{}, a) }, 0, 0},
		{"difference with empty", func() (geo.MultiPolygon, error) { return geos.Difference(a, geo.MultiPolygon{}) }, 4, 1},
		{"difference by a line", func() (geo.MultiPolygon, error) {
			return geos.Difference(a, geo.LineString{{X: -1, Y: 1}, {X: 3, Y: 1}})
		}, 4, 1},
		{"intersection", func() (geo.MultiPolygon, error) { return geos.Intersection(a, b) }, 1, 1},
		{"intersection along an edge drops the line", func() (geo.MultiPolygon, error) { return geos.Intersection(a, edge) }, 0, 0},
		{"intersection at a corner drops the point", func() (geo.MultiPolygon, error) { return geos.Intersection(a, rect(2, 2, 3, 3)) }, 0, 0},
		{"remaining in two parts touching at a corner", func() (geo.MultiPolygon, error) {
			return geos.Remaining(a, []geo.Geometry{b, rect(0, 0, 1, 1)})
		}, 2, 2},
		{"remaining splits the hazard", func() (geo.MultiPolygon, error) {
			return geos.Remaining(a, []geo.Geometry{rect(0.5, -1, 1.5, 3)})
		}, 2, 2},
		{"remaining with a hole", func() (geo.MultiPolygon, error) {
			return geos.Remaining(a, []geo.Geometry{rect(0.5, 0.5, 1.5, 1.5)})
		}, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("nil result, want a non-nil MultiPolygon")
			}
			if a := area(got); math.Abs(a-tt.area) > 1e-12 || len(got) != tt.parts {
				t.Errorf("got %d parts of area %g, want %d of area %g", len(got), a, tt.parts, tt.area)
			}
		})
	}
}

func TestPredicatesSquares(t *testing.T) {
	a := rect(0, 0, 2, 2)
	tests := []struct {
		name string
		b    geo.Geometry
		// intersects, disjoint, contains, within, equals, overlaps, touches, crosses
		want [8]bool
	}{
		{"same", rect(0, 0, 2, 2), [8]bool{true, false, true, true, true, false, false, false}},
		{"same, other start", geo.Polygon{ring(2, 2, 0, 2, 0, 0, 2, 0)}, [8]bool{true, false, true, true, true, false, false, false}},
		{"inside", rect(0.5, 0.5, 1, 1), [8]bool{true, false, true, false, false, false, false, false}},
		{"overlapping", rect(1, 1, 3, 3), [8]bool{true, false, false, false, false, true, false, false}},
		{"sharing an edge", rect(2, 0, 3, 2), [8]bool{true, false, false, false, false, false, true, false}},
		{"far", rect(5, 5, 6, 6), [8]bool{false, true, false, false, false, false, false, false}},
		{"line across", geo.LineString{{X: -1, Y: 1}, {X: 3, Y: 1}}, [8]bool{true, false, false, false, false, false, false, true}},
		{"point inside", geo.Point{X: 1, Y: 1}, [8]bool{true, false, true, false, false, false, false, false}},
		{"point on the edge", geo.Point{X: 2, Y: 1}, [8]bool{true, false, false, false, false, false, true, false}},
		{"empty", geo.MultiPolygon{}, [8]bool{false, true, false, false, false, false, false, false}},
	}
	funcs := []func(a, b geo.Geometry) (bool, error){
		geos.Intersects, geos.Disjoint, geos.Contains, geos.Within, geos.Equals, geos.Overlaps, geos.Touches, geos.Crosses,
	}
	p, err := geos.Prepare(a)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	prepared := []func(geo.Geometry) (bool, error){
		p.Intersects, p.Disjoint, p.Contains, p.Within, p.Equals, p.Overlaps, p.Touches, p.Crosses,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, gotP [8]bool
			for i := range funcs {
				if got[i], err = funcs[i](a, tt.b); err != nil {
					t.Fatal(err)
				}
				if gotP[i], err = prepared[i](tt.b); err != nil {
					t.Fatal(err)
				}
			}
			if got != tt.want || gotP != tt.want {
				t.Errorf("got %v, prepared %v, want %v", got, gotP, tt.want)
			}
		})
	}
}

func TestRelate(t *testing.T) {
	m, err := geos.Relate(rect(0, 0, 2, 2), rect(1, 1, 3, 3))
	if err != nil || m != "212101212" {
		t.Errorf("Relate = %q, %v, want 212101212", m, err)
	}
}

func TestPreparedClose(t *testing.T) {
	p, err := geos.Prepare(rect(0, 0, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	p.Close()
	if _, err := p.Intersects(geo.Point{}); !errors.Is(err, geos.ErrClosed) {
		t.Errorf("Intersects after Close: %v, want ErrClosed", err)
	}
	if _, err := p.Relate(geo.Point{}); !errors.Is(err, geos.ErrClosed) {
		t.Errorf("Relate after Close: %v, want ErrClosed", err)
	}
}

// invalidCases are invalid geometries with the reason PostGIS's
// ST_IsValidReason gives for each.
var invalidCases = []struct {
	name string
	g    geo.Geometry
}{
	{"bowtie", geo.Polygon{ring(0, 0, 1, 1, 1, 0, 0, 1)}},
	{"nested holes", geo.Polygon{ring(0, 0, 10, 0, 10, 10, 0, 10), ring(1, 1, 2, 1, 2, 2, 1, 2), ring(1.5, 1.5, 1.7, 1.5, 1.7, 1.7)}},
	{"hole outside", geo.Polygon{ring(0, 0, 1, 0, 1, 1, 0, 1), ring(5, 5, 6, 5, 6, 6)}},
	{"overlapping parts", geo.MultiPolygon{rect(0, 0, 2, 2), rect(1, 1, 3, 3)}},
	{"ring self-touching", geo.Polygon{ring(0, 0, 2, 0, 1, 1, 2, 2, 0, 2, 1, 1)}},
	{"spike", geo.Polygon{ring(46.9, 39.8, 46.91, 39.8, 46.91, 39.805, 46.95, 39.805, 46.91, 39.805, 46.91, 39.81, 46.9, 39.81)}},
	{"collapsed ring", geo.Polygon{ring(0, 0, 1, 1, 0, 0, 1, 1)}},
}

func TestIsValidAgainstPostGIS(t *testing.T) {
	pg := newPostGIS(t)
	for _, c := range invalidCases {
		t.Run(c.name, func(t *testing.T) {
			ok, reason, err := geos.IsValid(c.g)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			if err := pg.conn.QueryRow(context.Background(), `SELECT ST_IsValidReason(ST_GeomFromWKB(decode($1, 'hex')))`, hexWKB(c.g)).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if ok || reason != want {
				t.Errorf("IsValid = %v, %q; PostGIS says %q", ok, reason, want)
			}
		})
	}
	for _, g := range []geo.Geometry{rect(0, 0, 1, 1), geo.Point{X: 1, Y: 2}, geo.LineString{{X: 0, Y: 0}, {X: 1, Y: 1}}, geo.MultiPolygon{}} {
		if ok, reason, err := geos.IsValid(g); !ok || reason != "" || err != nil {
			t.Errorf("IsValid(%v) = %v, %q, %v; want valid", g, ok, reason, err)
		}
	}
}

func TestIsValidUnreadable(t *testing.T) {
	open := geo.Polygon{geo.Ring{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}}}
	ok, reason, err := geos.IsValid(open)
	if err != nil || ok || !strings.Contains(reason, "closed") {
		t.Errorf("IsValid(unclosed ring) = %v, %q, %v; want invalid with GEOS's reason", ok, reason, err)
	}
}

func TestMakeValid(t *testing.T) {
	tests := []struct {
		name string
		g    geo.Geometry
		area float64
	}{
		{"bowtie", invalidCases[0].g, 0.5},
		{"overlapping parts", invalidCases[3].g, 7},
		{"spike", invalidCases[5].g, 1e-4},
		{"valid", rect(0, 0, 1, 1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := geos.MakeValid(tt.g)
			if err != nil {
				t.Fatal(err)
			}
			if ok, reason, err := geos.IsValid(got); !ok || err != nil {
				t.Errorf("result invalid: %s %v", reason, err)
			}
			mp := geo.Polygons(got)
			if mp == nil {
				t.Fatalf("result is a %s, want polygons", got.Type())
			}
			if a := area(mp); math.Abs(a-tt.area) > 1e-12*tt.area {
				t.Errorf("area %.17g, want %.17g", a, tt.area)
			}
		})
	}
	got, err := geos.MakeValid(invalidCases[6].g)
	if err != nil || !got.IsEmpty() {
		t.Errorf("MakeValid(collapsed ring) = %v, %v; want empty (collapsed parts dropped)", got, err)
	}
}

func TestSimplify(t *testing.T) {
	// A square with points along its edges simplifies to the square; a hole
	// near the shell stays inside it.
	shell := ring(0, 0, 0.5, 0.001, 1, 0, 1.001, 0.5, 1, 1, 0.5, 0.999, 0, 1, 0.001, 0.5)
	hole := ring(0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.1)
	got, err := geos.Simplify(geo.Polygon{shell, hole}, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := got.(geo.Polygon)
	if !ok || len(p) != 2 || len(p[0]) != 5 || len(p[1]) != 5 {
		t.Fatalf("Simplify = %v, want a square with a square hole", got)
	}
	if ok, reason, _ := geos.IsValid(p); !ok {
		t.Errorf("simplified polygon invalid: %s", reason)
	}
	line := geo.LineString{{X: 0, Y: 0}, {X: 1, Y: 0.001}, {X: 2, Y: 0}}
	if got, err := geos.Simplify(line, 0.01); err != nil || !reflect.DeepEqual(got, geo.LineString{{X: 0, Y: 0}, {X: 2, Y: 0}}) {
		t.Errorf("Simplify(line) = %v, %v", got, err)
	}
	if got, err := geos.Simplify(geo.MultiPoint{}, 1); err != nil || !got.IsEmpty() {
		t.Errorf("Simplify(empty) = %v, %v", got, err)
	}
}

// signedArea is positive for a counter-clockwise ring.
func signedArea(r geo.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i].X*r[i+1].Y - r[i+1].X*r[i].Y
	}
	return s / 2
}

// TestResultOrientation pins what the package documentation says: results
// keep GEOS's orientation, clockwise shells and counter-clockwise holes, even
// when the inputs were the other way round.
func TestResultOrientation(t *testing.T) {
	got, err := geos.Remaining(rect(0, 0, 4, 4), []geo.Geometry{rect(1, 1, 2, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0]) != 2 {
		t.Fatalf("got %v, want one polygon with one hole", got)
	}
	if s, h := signedArea(got[0][0]), signedArea(got[0][1]); s >= 0 || h <= 0 {
		t.Errorf("shell signed area %g, hole %g: want a clockwise shell and a counter-clockwise hole", s, h)
	}
}
