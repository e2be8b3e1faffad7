package geo

import (
	"math"
	mrand "math/rand/v2"
	"strings"
	"testing"
)

// vr builds a ring from x, y pairs.
func vr(xy ...float64) Ring {
	r := make(Ring, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, Point{xy[i], xy[i+1]})
	}
	return r
}

// sq is the closed counter-clockwise square with corners (x0, y0), (x1, y1).
func sq(x0, y0, x1, y1 float64) Ring { return vr(x0, y0, x1, y0, x1, y1, x0, y1, x0, y0) }

// cw is sq clockwise.
func cw(x0, y0, x1, y1 float64) Ring { return vr(x0, y0, x0, y1, x1, y1, x1, y0, x0, y0) }

var nan = math.NaN()

// vldCase is a geometry with the exact problems Validate must find. pg
// says whether PostGIS's ST_IsValid can judge it (it does not check
// longitude and latitude ranges).
type vldCase struct {
	name string
	g    Geometry
	want []Problem
	pg   bool
}

var vldCases = []vldCase{
	{"square", Polygon{sq(0, 0, 10, 10)}, nil, true},
	{"clockwise square", Polygon{cw(0, 0, 10, 10)}, nil, true},
	{"square with hole", Polygon{sq(0, 0, 10, 10), cw(2, 2, 4, 4)}, nil, true},
	{"duplicate consecutive points", Polygon{vr(0, 0, 0, 0, 10, 0, 10, 10, 10, 10, 10, 10, 0, 10, 0, 0, 0, 0)}, nil, true},
	{"collinear vertices", Polygon{vr(0, 0, 5, 0, 10, 0, 10, 10, 0, 10, 0, 0)}, nil, true},
	{"hole touches shell at one point", Polygon{sq(0, 0, 10, 10), vr(0, 5, 4, 3, 4, 7, 0, 5)}, nil, true},
	{"holes touch at one point", Polygon{sq(0, 0, 10, 10), vr(2, 2, 5, 5, 2, 5, 2, 2), vr(5, 5, 8, 2, 8, 5, 5, 5)}, nil, true},
	{"three rings touch at one point", Polygon{sq(0, 0, 10, 10), vr(5, 0, 7, 4, 3, 4, 5, 0), vr(5, 0, 9, 1, 8, 3, 5, 0)}, nil, true},
	{"hole vertex on shell edge, other hole touching it", Polygon{sq(0, 0, 10, 10), vr(0, 5, 3, 3, 3, 7, 0, 5), vr(3, 5, 6, 4, 6, 6, 3, 5)}, nil, true},
	{"empty polygon", Polygon{}, nil, true},
	{"multipolygon, disjoint", MultiPolygon{{sq(0, 0, 1, 1)}, {sq(2, 2, 3, 3)}}, nil, true},
	{"multipolygon, corners touch", MultiPolygon{{sq(0, 0, 1, 1)}, {sq(1, 1, 2, 2)}}, nil, true},
	{"multipolygon, touching at two points", MultiPolygon{{vr(0, 0, 4, 0, 4, 4, 0, 0)}, {vr(0, 0, 2, 3, 4, 4, 0, 4, 0, 0)}}, nil, true},
	{"multipolygon, island in a lake", MultiPolygon{{sq(0, 0, 10, 10), cw(2, 2, 8, 8)}, {sq(4, 4, 6, 6)}}, nil, true},
	{"multipolygon, island touching the lake shore", MultiPolygon{{sq(0, 0, 10, 10), cw(2, 2, 8, 8)}, {vr(2, 5, 6, 4, 6, 6, 2, 5)}}, nil, true},

	{"bow-tie", Polygon{vr(0, 0, 10, 10, 10, 0, 0, 10, 0, 0)},
		[]Problem{{0, 0, -1, Point{5, 5}, "ring crosses itself: edges 0-1 and 2-3 cross"}}, true},
	{"spike", Polygon{vr(0, 0, 10, 0, 10, 5, 15, 5, 10, 5, 10, 10, 0, 10, 0, 0)},
		[]Problem{{0, 0, 3, Point{15, 5}, "ring turns back on itself here (a spike)"}}, true},
	{"spike along an edge", Polygon{vr(0, 0, 10, 0, 5, 0, 0, 5, 0, 0)},
		[]Problem{{0, 0, 1, Point{10, 0}, "ring turns back on itself here (a spike)"}}, true},
	{"collinear spike", Polygon{vr(0, 0, 5, 0, 10, 0, 0, 0)},
		[]Problem{{0, 0, -1, Point{0, 0}, "ring has no area: all its points lie on one line"}}, true},
	{"spike at the closing vertex", Polygon{vr(5, 10, 0, 10, 0, 0, 10, 0, 10, 10, 5, 10, 5, 15, 5, 10)},
		[]Problem{{0, 0, 6, Point{5, 15}, "ring turns back on itself here (a spike)"}}, true},
	{"unclosed", Polygon{vr(0, 0, 10, 0, 10, 10, 0, 10)},
		[]Problem{{0, 0, 3, Point{0, 10}, "ring is not closed: the last position differs from the first, (0.00000, 0.00000)"}}, true},
	{"too few points", Polygon{vr(0, 0, 10, 0, 0, 0)},
		[]Problem{{0, 0, -1, Point{0, 0}, "ring has 2 distinct points; at least 3 are needed (4 positions, the first repeated last)"}}, true},
	{"too few distinct points", Polygon{vr(0, 0, 10, 0, 10, 0, 10, 0, 0, 0)},
		[]Problem{{0, 0, -1, Point{0, 0}, "ring has 2 distinct points; at least 3 are needed (4 positions, the first repeated last)"}}, true},
	{"empty ring", Polygon{sq(0, 0, 1, 1), Ring{}},
		[]Problem{{0, 1, -1, Point{nan, nan}, "ring is empty"}}, true},
	{"ring touches itself", Polygon{vr(0, 0, 10, 0, 10, 10, 5, 0, 0, 10, 0, 0)},
		[]Problem{{0, 0, 3, Point{5, 0}, "ring touches itself: vertex 3 lies on edge 0-1"}}, true},
	{"ring passes twice through a vertex", Polygon{vr(0, 0, 4, 0, 2, 2, 4, 4, 0, 4, 2, 2, 0, 0)},
		[]Problem{{0, 0, 5, Point{2, 2}, "ring touches itself: vertex 5 is at the same place as vertex 2"}}, true},
	{"ring runs back along itself", Polygon{vr(0, 0, 10, 0, 10, 2, 2, 2, 2, 1, 6, 1, 6, 3, 0, 3, 0, 0)},
		[]Problem{{0, 0, -1, Point{6, 2}, "ring crosses itself: edges 2-3 and 5-6 cross"}}, true},
	{"ring with an edge doubled", Polygon{vr(0, 0, 4, 0, 4, 4, 2, 4, 2, 2, 3, 2, 3, 4, 1, 4, 0, 4, 0, 0)},
		[]Problem{{0, 0, 6, Point{3, 4}, "ring touches itself: vertex 6 lies on edge 2-3"}}, true},
	{"two separate bow-ties", Polygon{vr(0, 0, 10, 0, 10, 2, 11, 1, 11, 3, 10, 2, 10, 10, 0, 10, 0, 8, -1, 9, -1, 7, 0, 8, 0, 0)},
		[]Problem{
			{0, 0, 5, Point{10, 2}, "ring touches itself: vertex 5 is at the same place as vertex 2"},
			{0, 0, 11, Point{0, 8}, "ring touches itself: vertex 11 is at the same place as vertex 8"},
		}, true},
	{"ring overlaps itself", Polygon{vr(0, 0, 10, 0, 10, 2, 4, 2, 4, 1, 6, 1, 6, 2, 2, 2, 2, 4, 0, 4, 0, 0)},
		[]Problem{{0, 0, 6, Point{6, 2}, "ring touches itself: vertex 6 lies on edge 2-3"}}, true},
	{"hole outside", Polygon{sq(0, 0, 10, 10), cw(20, 20, 22, 22)},
		[]Problem{{0, 1, -1, Point{20, 20}, "hole lies outside the shell"}}, true},
	{"hole around the shell", Polygon{sq(2, 2, 4, 4), cw(0, 0, 10, 10)},
		[]Problem{{0, 1, -1, Point{0, 0}, "hole lies outside the shell"}}, true},
	{"hole crosses shell", Polygon{sq(0, 0, 10, 10), sq(5, 4, 15, 6)},
		[]Problem{{0, 1, -1, Point{10, 4}, "hole crosses the shell"}}, true},
	{"hole crosses shell at its vertex", Polygon{sq(0, 0, 10, 10), vr(8, 5, 10, 5, 12, 6, 8, 6, 8, 5)},
		[]Problem{{0, 1, 1, Point{10, 5}, "hole crosses the shell"}}, true},
	{"hole shares an edge with the shell", Polygon{sq(0, 0, 10, 10), sq(0, 2, 4, 4)},
		[]Problem{{0, 1, 0, Point{0, 2}, "hole shares an edge with the shell"}}, true},
	{"nested holes", Polygon{sq(0, 0, 10, 10), cw(1, 1, 9, 9), cw(3, 3, 6, 6)},
		[]Problem{{0, 2, -1, Point{3, 3}, "hole lies inside hole 1"}}, true},
	{"nested holes, outer later", Polygon{sq(0, 0, 10, 10), cw(3, 3, 6, 6), cw(1, 1, 9, 9)},
		[]Problem{{0, 1, -1, Point{3, 3}, "hole lies inside hole 2"}}, true},
	{"overlapping holes", Polygon{sq(0, 0, 10, 10), cw(1, 1, 6, 6), cw(4, 4, 9, 9)},
		[]Problem{{0, 2, -1, Point{4, 6}, "hole crosses hole 1"}}, true},
	{"holes touch at two points", Polygon{sq(0, 0, 10, 10), vr(2, 5, 5, 2, 5, 8, 2, 5), vr(5, 2, 8, 5, 5, 8, 6, 5, 5, 2)},
		[]Problem{{0, 2, 2, Point{5, 8}, "interior is disconnected: hole 2 and hole 1 touch here, and the rings touching each other form a loop"}}, true},
	{"hole touches shell at two points", Polygon{sq(0, 0, 10, 10), vr(0, 5, 5, 4, 10, 5, 5, 6, 0, 5)},
		[]Problem{{0, 1, 2, Point{10, 5}, "interior is disconnected: hole 1 and the shell touch here, and the rings touching each other form a loop"}}, true},
	{"loop of three touching rings", Polygon{sq(0, 0, 10, 10), vr(0, 5, 5, 3, 5, 5, 0, 5), vr(5, 5, 10, 5, 7, 7, 5, 5)},
		[]Problem{{0, 2, 0, Point{5, 5}, "interior is disconnected: hole 2 and hole 1 touch here, and the rings touching each other form a loop"}}, true},
	{"multipolygon, overlapping parts", MultiPolygon{{sq(0, 0, 10, 10)}, {sq(5, 5, 15, 15)}},
		[]Problem{{1, 0, -1, Point{10, 5}, "crosses the boundary of polygon 0 (parts of a MultiPolygon must not overlap)"}}, true},
	{"multipolygon, part inside another", MultiPolygon{{sq(0, 0, 10, 10)}, {sq(2, 2, 4, 4)}},
		[]Problem{{1, 0, -1, Point{2, 2}, "lies inside polygon 0 (parts of a MultiPolygon must not overlap)"}}, true},
	{"multipolygon, part around another", MultiPolygon{{sq(2, 2, 4, 4)}, {sq(0, 0, 10, 10)}},
		[]Problem{{0, 0, -1, Point{2, 2}, "lies inside polygon 1 (parts of a MultiPolygon must not overlap)"}}, true},
	{"multipolygon, shared edge", MultiPolygon{{sq(0, 0, 10, 10)}, {sq(10, 0, 20, 10)}},
		[]Problem{{1, 0, 0, Point{10, 0}, "shares an edge with polygon 0 (parts of a MultiPolygon may touch only at points)"}}, true},
	{"multipolygon, corner poking in", MultiPolygon{{sq(0, 0, 10, 10)}, {vr(10, 5, 5, 5, 12, 2, 12, 8, 10, 5)}},
		[]Problem{{1, 0, 0, Point{10, 5}, "crosses the boundary of polygon 0 (parts of a MultiPolygon must not overlap)"}}, true},
	{"multipolygon, vertex touching from inside", MultiPolygon{{sq(0, 0, 10, 10)}, {vr(10, 5, 6, 4, 6, 6, 10, 5)}},
		[]Problem{{1, 0, -1, Point{6, 4}, "lies inside polygon 0 (parts of a MultiPolygon must not overlap)"}}, true},
	{"multipolygon, broken part", MultiPolygon{{sq(0, 0, 1, 1)}, {vr(2, 2, 3, 3, 3, 2, 2, 3, 2, 2)}},
		[]Problem{{1, 0, -1, Point{2.5, 2.5}, "ring crosses itself: edges 0-1 and 2-3 cross"}}, true},

	{"longitude out of range", Polygon{vr(170, 0, 200, 0, 170, 10, 170, 0)},
		[]Problem{{0, 0, 1, Point{200, 0}, "longitude 200 is outside [-180, 180]"}}, false},
	{"latitude out of range", MultiPolygon{{sq(0, 0, 1, 1)}, {vr(0, 89, 1, 89, 1, 91, 0, 89)}},
		[]Problem{{1, 0, 2, Point{1, 91}, "latitude 91 is outside [-90, 90]"}}, false},
	{"not finite", Polygon{vr(0, 0, nan, 0, 1, 1, 0, 0)},
		[]Problem{{0, 0, 1, Point{nan, 0}, "coordinate is not a finite number"}}, false},
	{"point not finite", Point{math.Inf(1), 0},
		[]Problem{{-1, -1, 0, Point{math.Inf(1), 0}, "coordinate is not a finite number"}}, false},
	{"point", Point{46.8, 40.2}, nil, false},
	{"multipoint out of range", MultiPoint{{0, 0}, {0, -95}},
		[]Problem{{-1, -1, 1, Point{0, -95}, "latitude -95 is outside [-90, 90]"}}, false},
	{"line", LineString{{0, 0}, {1, 1}, {0, 0}}, nil, false},
	{"line of one point", LineString{{1, 1}, {1, 1}},
		[]Problem{{-1, -1, -1, Point{1, 1}, "a line needs at least 2 distinct points"}}, false},
}

func vldSameProblem(a, b Problem) bool {
	same := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	return a.Polygon == b.Polygon && a.Ring == b.Ring && a.Vertex == b.Vertex && a.Reason == b.Reason &&
		same(a.At.X, b.At.X) && same(a.At.Y, b.At.Y)
}

func TestValidate(t *testing.T) {
	for _, tc := range vldCases {
		got := Validate(tc.g)
		ok := len(got) == len(tc.want)
		for i := 0; ok && i < len(got); i++ {
			ok = vldSameProblem(got[i], tc.want[i])
		}
		if !ok {
			t.Errorf("%s: Validate =\n\t%v\nwant\n\t%v", tc.name, got, tc.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{0, 1, 7, Point{46.8139, 40.2111}, "ring intersects itself"},
			"polygon 0, ring 1 (hole 1), vertex 7 at (46.81390, 40.21110): ring intersects itself"},
		{Problem{2, 0, -1, Point{-1.5, 2}, "hole lies outside the shell"},
			"polygon 2, ring 0 (shell) at (-1.50000, 2.00000): hole lies outside the shell"},
		{Problem{0, 3, -1, Point{nan, nan}, "ring is empty"}, "polygon 0, ring 3 (hole 3): ring is empty"},
		{Problem{-1, -1, 4, Point{0, 95}, "latitude 95 is outside [-90, 90]"}, "vertex 4 at (0.00000, 95.00000): latitude 95 is outside [-90, 90]"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestValidateLimit(t *testing.T) {
	// A zigzag crossing itself at every tooth.
	var r Ring
	for i := range 400 {
		r = append(r, Point{float64(i) / 10, float64(i % 2 * 10)})
	}
	for i := 399; i >= 0; i-- {
		r = append(r, Point{(float64(i) + 0.5) / 10, float64(i % 2 * 10)})
	}
	r = append(r, r[0])
	got := Validate(Polygon{r})
	if len(got) != MaxProblems {
		t.Fatalf("got %d problems, want the limit %d", len(got), MaxProblems)
	}
	for _, p := range got {
		if !strings.HasPrefix(p.Reason, "ring crosses itself") && !strings.HasPrefix(p.Reason, "ring touches itself") {
			t.Fatalf("unexpected problem %v", p)
		}
	}
}

func TestNormalize(t *testing.T) {
	g := Polygon{
		vr(0, 0, 0, 10, 0, 10, 10, 10, 10, 0, 0, 0), // clockwise, a repeat
		vr(2, 2, 4, 2, 4, 4, 4, 4, 2, 4, 2, 2),      // counter-clockwise hole
		vr(6, 6, 6, 8, 8, 8, 8, 6, 6, 6),            // clockwise hole already
	}
	want := Polygon{
		vr(0, 0, 10, 0, 10, 10, 0, 10, 0, 0),
		vr(2, 2, 2, 4, 4, 4, 4, 2, 2, 2),
		vr(6, 6, 6, 8, 8, 8, 8, 6, 6, 6),
	}
	got := Normalize(g).(Polygon)
	if string(MarshalGeoJSON(got)) != string(MarshalGeoJSON(want)) {
		t.Errorf("Normalize = %s\nwant %s", MarshalGeoJSON(got), MarshalGeoJSON(want))
	}
	if g[0][1] != (Point{0, 10}) {
		t.Error("Normalize changed its input")
	}
	for _, tc := range vldCases {
		before, after := Validate(tc.g) == nil, Validate(Normalize(tc.g)) == nil
		if before != after {
			t.Errorf("%s: valid %v before Normalize, %v after", tc.name, before, after)
		}
	}
	if got := Normalize(LineString{{0, 0}, {0, 0}, {1, 1}}); len(got.(LineString)) != 2 {
		t.Errorf("Normalize(line) = %v", got)
	}
}

func TestOrientExact(t *testing.T) {
	r := mrand.New(mrand.NewPCG(3, 4))
	wrongNaive := 0
	for range 10000 {
		a := Point{r.Float64()*360 - 180, r.Float64()*180 - 90}
		b := Point{r.Float64()*360 - 180, r.Float64()*180 - 90}
		f := r.Float64()
		c := Point{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)}
		for range r.IntN(3) {
			c.X = math.Nextafter(c.X, math.Inf(2*r.IntN(2)-1))
		}
		if r.IntN(4) == 0 { // tiny and huge magnitudes
			s := math.Ldexp(1, r.IntN(1400)-700)
			a, b, c = Point{a.X * s, a.Y * s}, Point{b.X * s, b.Y * s}, Point{c.X * s, c.Y * s}
		}
		want := vldOrientRational(a, b, c)
		if got := vldOrient(a, b, c); got != want {
			t.Fatalf("vldOrient(%v, %v, %v) = %d, exact %d", a, b, c, got, want)
		}
		naive := (a.X-c.X)*(b.Y-c.Y) - (a.Y-c.Y)*(b.X-c.X)
		if (naive > 0) != (want > 0) || (naive < 0) != (want < 0) {
			wrongNaive++
		}
	}
	if wrongNaive == 0 {
		t.Error("the cases are not hard: plain floating point got every sign right")
	}
	t.Logf("plain floating point got %d of 10000 signs wrong", wrongNaive)
}

// vldComb is a ring of n vertices shaped as a comb with long teeth, the
// worst case for a plain sweep along x.
func vldComb(n int) Ring {
	teeth := n / 4
	var r Ring
	for i := range teeth {
		y := float64(i) * 0.01
		r = append(r, Point{0, y}, Point{10, y}, Point{10, y + 0.005}, Point{0.1, y + 0.005})
	}
	r = append(r, Point{-1, float64(teeth) * 0.01}, Point{-1, 0}, Point{0, 0})
	return r
}

func TestValidateLargeRings(t *testing.T) {
	r := mrand.New(mrand.NewPCG(5, 6))
	for name, g := range map[string]Geometry{
		"star":  Polygon{vldStar(r, 40, 40, 1, 10000)},
		"comb":  Polygon{vldComb(10000)},
		"holes": Polygon{sq(0, 0, 10, 10), cw(1, 1, 2, 2), cw(3, 3, 4, 4), cw(5, 5, 6, 6)},
	} {
		if p := Validate(g); p != nil {
			t.Errorf("%s: %v", name, p)
		}
	}
	bad := vldComb(10000)
	bad[5001].Y -= 0.012 // one tooth now crosses its neighbour
	if p := Validate(Polygon{bad}); len(p) == 0 {
		t.Error("broken comb: no problem found")
	}
	// A spiky star whose full search would be quadratic still reports the
	// crossing the sweep finds.
	if p := Validate(Polygon{vldStarCrossing(r, 10000)}); len(p) == 0 || !strings.HasPrefix(p[0].Reason, "ring crosses itself") {
		t.Errorf("broken star: %v", p)
	}
}

// vldStarCrossing is a spiky star with one bow-tie: two vertices moved
// out beyond the other spikes, each to the other's angle.
func vldStarCrossing(r *mrand.Rand, n int) Ring {
	star := vldStar(r, 40, 40, 1, n)
	k := n / 2
	out := func(p Point) Point {
		return Point{40 + 1.5*(p.X-40)/math.Hypot(p.X-40, p.Y-40), 40 + 1.5*(p.Y-40)/math.Hypot(p.X-40, p.Y-40)}
	}
	star[k], star[k+1] = out(star[k+1]), out(star[k])
	return star
}

func BenchmarkValidate(b *testing.B) {
	r := mrand.New(mrand.NewPCG(5, 6))
	for _, bc := range []struct {
		name string
		g    Geometry
	}{
		{"star-10000", Polygon{vldStar(r, 40, 40, 1, 10000)}},
		{"comb-10000", Polygon{vldComb(10000)}},
		{"star-100000", Polygon{vldStar(r, 40, 40, 1, 100000)}},
		{"star-10000-crossing", Polygon{vldStarCrossing(r, 10000)}},
	} {
		valid := !strings.Contains(bc.name, "crossing")
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if (Validate(bc.g) == nil) != valid {
					b.Fatal("wrong verdict")
				}
			}
		})
	}
}
