package cql2

import (
	"testing"

	"mineaction/internal/geo"
)

func TestParseTextTrees(t *testing.T) {
	tests := []struct {
		in   string
		want Expr
	}{
		// Basic comparisons and literals.
		{"city='Toronto'", cmp(Eq, prop("city"), str("Toronto"))},
		{"depth <> 5", cmp(Ne, prop("depth"), Int(5))},
		{"depth < -5", cmp(Lt, prop("depth"), Int(-5))},
		{"depth <= 2.5", cmp(Le, prop("depth"), Float(2.5))},
		{"depth > .5", cmp(Gt, prop("depth"), Float(0.5))},
		{"depth >= 1e3", cmp(Ge, prop("depth"), Float(1000))},
		{"depth >= +7", cmp(Ge, prop("depth"), Int(7))},
		{"depth = 1.5E-2", cmp(Eq, prop("depth"), Float(0.015))},
		{"cleared = true", cmp(Eq, prop("cleared"), boolean(true))},
		{"TRUE", boolean(true)},
		{"name = 'O''Brien'", cmp(Eq, prop("name"), str("O'Brien"))},
		{`name = 'O\'Brien'`, cmp(Eq, prop("name"), str("O'Brien"))},
		{`name = 'a\b'`, cmp(Eq, prop("name"), str(`a\b`))},
		{"name = ''", cmp(Eq, prop("name"), str(""))},
		{"name = 'Gəncə şəhəri'", cmp(Eq, prop("name"), str("Gəncə şəhəri"))},
		{`"value" < 10`, cmp(Lt, prop("value"), Int(10))},
		{`"my prop" = 1`, cmp(Eq, prop("my prop"), Int(1))},
		{"ro:cloud_cover=0.1", cmp(Eq, prop("ro:cloud_cover"), Float(0.1))},
		{"properties.depth_cm = 3", cmp(Eq, prop("properties.depth_cm"), Int(3))},
		{"şəhər = 'Bakı'", cmp(Eq, prop("şəhər"), str("Bakı"))},
		{"date = DATE('2024-05-01')", cmp(Eq, prop("date"), date("2024-05-01"))},
		{"updated > TIMESTAMP('2024-05-01T10:30:00.25Z')", cmp(Gt, prop("updated"), timestamp("2024-05-01T10:30:00.25Z"))},
		{"a = b", cmp(Eq, prop("a"), prop("b"))},
		{"9223372036854775807 = n", cmp(Eq, Int(9223372036854775807), prop("n"))},
		{"n = -9223372036854775808", cmp(Eq, prop("n"), Int(-9223372036854775808))},
		{"n = 9223372036854775808", cmp(Eq, prop("n"), Float(9223372036854775808))},
		// Keywords are case-insensitive.
		{"a = 1 and not b = 2 Or c Is Null", or(and(cmp(Eq, prop("a"), Int(1)), not(cmp(Eq, prop("b"), Int(2)))), IsNull{Arg: prop("c")})},
		// Precedence: NOT > AND > OR, parentheses override.
		{"a=1 OR b=2 AND c=3", or(cmp(Eq, prop("a"), Int(1)), and(cmp(Eq, prop("b"), Int(2)), cmp(Eq, prop("c"), Int(3))))},
		{"(a=1 OR b=2) AND c=3", and(or(cmp(Eq, prop("a"), Int(1)), cmp(Eq, prop("b"), Int(2))), cmp(Eq, prop("c"), Int(3)))},
		{"NOT a=1 AND b=2", and(not(cmp(Eq, prop("a"), Int(1))), cmp(Eq, prop("b"), Int(2)))},
		{"NOT (a=1 AND b=2)", not(and(cmp(Eq, prop("a"), Int(1)), cmp(Eq, prop("b"), Int(2))))},
		{"a=1 AND b=2 AND c=3", and(cmp(Eq, prop("a"), Int(1)), cmp(Eq, prop("b"), Int(2)), cmp(Eq, prop("c"), Int(3)))},
		{"(a=1 AND b=2) AND c=3", and(and(cmp(Eq, prop("a"), Int(1)), cmp(Eq, prop("b"), Int(2))), cmp(Eq, prop("c"), Int(3)))},
		{"NOT NOT a=1", not(not(cmp(Eq, prop("a"), Int(1))))},
		{"((a=1))", cmp(Eq, prop("a"), Int(1))},
		// Advanced comparison operators; the negated forms become Not.
		{"name LIKE 'Min%_\\%'", Like{Arg: prop("name"), Pattern: str(`Min%_\%`)}},
		{"name NOT LIKE 'x%'", not(Like{Arg: prop("name"), Pattern: str("x%")})},
		{"depth BETWEEN 1 AND 2.5", Between{Arg: prop("depth"), Low: Int(1), High: Float(2.5)}},
		{"depth NOT BETWEEN 1 AND 2 AND x = 1", and(not(Between{Arg: prop("depth"), Low: Int(1), High: Int(2)}), cmp(Eq, prop("x"), Int(1)))},
		{"kind IN ('AP', 'AT')", In{Arg: prop("kind"), List: []Expr{str("AP"), str("AT")}}},
		{"kind NOT IN (1)", not(In{Arg: prop("kind"), List: []Expr{Int(1)}})},
		{"x IS NOT NULL", not(IsNull{Arg: prop("x")})},
		{"(a = 1) IS NULL", IsNull{Arg: cmp(Eq, prop("a"), Int(1))}},
		// CASEI and ACCENTI.
		{"CASEI(name) LIKE CASEI('%calcutta%')", Like{Arg: CaseI{Arg: prop("name")}, Pattern: CaseI{Arg: str("%calcutta%")}}},
		{"ACCENTI(CASEI(name)) = accenti(casei('Gəncə'))", cmp(Eq, AccentI{Arg: CaseI{Arg: prop("name")}}, AccentI{Arg: CaseI{Arg: str("Gəncə")}})},
		// Spatial predicates and literals.
		{"S_INTERSECTS(geometry, POINT(36.3 32.2))", SpatialPred{Op: SIntersects, Left: prop("geometry"), Right: GeometryLit{geo.Point{X: 36.3, Y: 32.2}}}},
		{"s_within(geom, POINT Z (1 2 3))", SpatialPred{Op: SWithin, Left: prop("geom"), Right: GeometryLit{geo.Point{X: 1, Y: 2}}}},
		{"S_CROSSES(road, LINESTRING(0 0, 1 1, -2 2))", SpatialPred{Op: SCrosses, Left: prop("road"), Right: GeometryLit{geo.LineString{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: -2, Y: 2}}}}},
		{"S_CONTAINS(POLYGON((0 0, 2 0, 2 2, 0 2, 0 0)), geometry)", SpatialPred{Op: SContains, Left: GeometryLit{square(0, 0, 2, 2)}, Right: prop("geometry")}},
		{"S_EQUALS(g, MULTIPOINT((1 2), (3 4)))", SpatialPred{Op: SEquals, Left: prop("g"), Right: GeometryLit{geo.MultiPoint{{X: 1, Y: 2}, {X: 3, Y: 4}}}}},
		{"S_EQUALS(g, MULTIPOINT(1 2, 3 4))", SpatialPred{Op: SEquals, Left: prop("g"), Right: GeometryLit{geo.MultiPoint{{X: 1, Y: 2}, {X: 3, Y: 4}}}}},
		{"S_OVERLAPS(g, MULTIPOLYGON(((0 0, 2 0, 2 2, 0 2, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5))))", SpatialPred{Op: SOverlaps, Left: prop("g"), Right: GeometryLit{geo.MultiPolygon{square(0, 0, 2, 2), square(5, 5, 6, 6)}}}},
		{"S_DISJOINT(g, BBOX(-10, 40, 10.5, 50))", SpatialPred{Op: SDisjoint, Left: prop("g"), Right: BBoxLit{-10, 40, 10.5, 50}}},
		{"S_TOUCHES(g, BBOX(-10, 40, 0, 10.5, 50, 100))", SpatialPred{Op: STouches, Left: prop("g"), Right: BBoxLit{-10, 40, 10.5, 50}}},
		// Temporal predicates.
		{"T_BEFORE(built, DATE('2015-01-01'))", TemporalPred{Op: TBefore, Left: prop("built"), Right: date("2015-01-01")}},
		{"T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2017-06-10T07:30:00Z', '..'))", TemporalPred{Op: TDuring,
			Left:  IntervalLit{Start: prop("starts_at"), End: prop("ends_at")},
			Right: IntervalLit{Start: timestamp("2017-06-10T07:30:00Z"), End: Unbounded{}}}},
		{"t_finishedBy(INTERVAL('..', '2020-01-01'), d)", TemporalPred{Op: TFinishedBy, Left: IntervalLit{Start: Unbounded{}, End: date("2020-01-01")}, Right: prop("d")}},
		// Array predicates.
		{"A_CONTAINS(layer:ids, ('layers-ca','layers-us'))", ArrayPred{Op: AContains, Left: prop("layer:ids"), Right: ArrayLit{[]Expr{str("layers-ca"), str("layers-us")}}}},
		{"A_EQUALS((), tags)", ArrayPred{Op: AEquals, Left: ArrayLit{[]Expr{}}, Right: prop("tags")}},
		{"A_OVERLAPS(tags, ('a', ('b', 1), DATE('2020-01-01')))", ArrayPred{Op: AOverlaps, Left: prop("tags"),
			Right: ArrayLit{[]Expr{str("a"), ArrayLit{[]Expr{str("b"), Int(1)}}, date("2020-01-01")}}}},
		// Arithmetic: * before +, left associative, unary minus.
		{"a + b * 2 > 10", cmp(Gt, Arith{Op: Add, Left: prop("a"), Right: Arith{Op: Mul, Left: prop("b"), Right: Int(2)}}, Int(10))},
		{"a - b - c = 0", cmp(Eq, Arith{Op: Sub, Left: Arith{Op: Sub, Left: prop("a"), Right: prop("b")}, Right: prop("c")}, Int(0))},
		{"(a + 1) div 2 % 3 = 0", cmp(Eq, Arith{Op: Mod, Left: Arith{Op: IntDiv, Left: Arith{Op: Add, Left: prop("a"), Right: Int(1)}, Right: Int(2)}, Right: Int(3)}, Int(0))},
		{"-a ^ 2 < 4", cmp(Lt, Arith{Op: Pow, Left: Arith{Op: Mul, Left: Int(-1), Right: prop("a")}, Right: Int(2)}, Int(4))},
		{"a BETWEEN b - 1 AND b + 1", Between{Arg: prop("a"), Low: Arith{Op: Sub, Left: prop("b"), Right: Int(1)}, High: Arith{Op: Add, Left: prop("b"), Right: Int(1)}}},
	}
	for _, tt := range tests {
		got, err := ParseText(tt.in)
		if err != nil {
			t.Errorf("ParseText(%q): %v", tt.in, err)
			continue
		}
		if !equal(got, tt.want) {
			t.Errorf("ParseText(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
		if err := checkRoundTrip(got); err != nil {
			t.Errorf("round trip of %q: %v", tt.in, err)
		}
	}
}

// Keywords that are only functions when followed by '(' stay usable as
// property names; the writer quotes them.
func TestFunctionNamesAsProperties(t *testing.T) {
	e := mustText(t, "date = DATE('2020-01-01') AND point = 1 AND casei IS NULL")
	want := and(cmp(Eq, prop("date"), date("2020-01-01")), cmp(Eq, prop("point"), Int(1)), IsNull{Arg: prop("casei")})
	if !equal(e, want) {
		t.Fatalf("got %#v", e)
	}
	if got := e.String(); got != `"date" = DATE('2020-01-01') AND "point" = 1 AND "casei" IS NULL` {
		t.Errorf("String() = %s", got)
	}
}

func TestStringOutput(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a=1 or b=2 and not c=3", "a = 1 OR b = 2 AND NOT (c = 3)"},
		{"name = 'O''Brien'", "name = 'O''Brien'"},
		{`name = 'it\'s'`, "name = 'it''s'"},
		{"x = 1.0", "x = 1.0"},
		{"x = 1e21", "x = 1e+21"},
		{`"and" = 1`, `"and" = 1`},
		{`"my prop" = 1`, `"my prop" = 1`},
		{"s_intersects(g, bbox(1,2,3,4))", "S_INTERSECTS(g, BBOX(1.0, 2.0, 3.0, 4.0))"},
		{"t_metby(d, interval('2020-01-01', '..'))", "T_METBY(d, INTERVAL('2020-01-01', '..'))"},
		{"a_containedby(t, ('x'))", "A_CONTAINEDBY(t, ('x'))"},
		{"(a + b) * c = 1", "(a + b) * c = 1"},
		{"a * (b + c) = 1", "a * (b + c) = 1"},
		{"S_WITHIN(g, POLYGON((0 0, 1 0, 1 1, 0 0)))", "S_WITHIN(g, POLYGON((0.0 0.0, 1.0 0.0, 1.0 1.0, 0.0 0.0)))"},
	}
	for _, tt := range tests {
		if got := mustText(t, tt.in).String(); got != tt.want {
			t.Errorf("String(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
