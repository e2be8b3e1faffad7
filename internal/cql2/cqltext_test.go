package cql2

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The inputs are what GDAL 3.6's OAPIF driver (BuildFilterCQLText in
// ogr/ogrsf_frmts/wfs/ogroapifdriver.cpp) writes for ogrinfo -where clauses.
func TestParseCQLTextGDALForms(t *testing.T) {
	q := Queryables{"depth": TypeNumber, "kind": TypeString, "name": TypeString, "status": TypeString,
		"d": TypeDate, "updated": TypeTimestamp, "flag": TypeBoolean, "path": TypeString}
	tests := []struct {
		where string // the -where clause, for the reader
		in    string // what GDAL sends
		want  Expr   // after CoerceLiterals
	}{
		{"depth > 5 AND kind = 'AP'", "(depth > 5) AND (kind = 'AP')",
			and(cmp(Gt, prop("depth"), Int(5)), cmp(Eq, prop("kind"), str("AP")))},
		{"depth < 1 OR kind <> 'x'", "(depth < 1) OR (kind <> 'x')",
			or(cmp(Lt, prop("depth"), Int(1)), cmp(Ne, prop("kind"), str("x")))},
		{"a AND b AND c", "((depth >= 1) AND (depth <= 2)) AND (kind = 'AT')",
			and(and(cmp(Ge, prop("depth"), Int(1)), cmp(Le, prop("depth"), Int(2))), cmp(Eq, prop("kind"), str("AT")))},
		{"status IS NULL", "(status IS NULL)", IsNull{Arg: prop("status")}},
		{"status IS NOT NULL", "NOT ((status IS NULL))", not(IsNull{Arg: prop("status")})},
		{"NOT depth = 3", "NOT (depth = 3)", not(cmp(Eq, prop("depth"), Int(3)))},
		{"depth = -5", "depth = -5", cmp(Eq, prop("depth"), Int(-5))},
		{"depth = 1e20", "depth = 1e+20", cmp(Eq, prop("depth"), Float(1e20))},
		{"depth >= 0.1", "depth >= 0.1", cmp(Ge, prop("depth"), Float(0.1))},
		{"depth < 1.5e-7", "depth < 1.5e-07", cmp(Lt, prop("depth"), Float(1.5e-7))},
		{"name = 'O''Brien'", "name = 'O''Brien'", cmp(Eq, prop("name"), str("O'Brien"))},
		{`path = 'C:\'`, `path = 'C:\'`, cmp(Eq, prop("path"), str(`C:\`))},
		{"name LIKE 'Min%'", "name LIKE 'Min%'", Like{Arg: prop("name"), Pattern: str("Min%")}},
		{`name LIKE 'a\b%'`, `name LIKE 'a\b%'`, Like{Arg: prop("name"), Pattern: str(`a\\b%`)}},
		{"name ILIKE '%baku%'", "name ILIKE '%baku%'", Like{Arg: CaseI{Arg: prop("name")}, Pattern: CaseI{Arg: str("%baku%")}}},
		{"d = '2024-05-01'", "d = '2024-05-01T'", cmp(Eq, prop("d"), date("2024-05-01"))},
		{"d >= '2020-01-01' AND d <= '2020-12-31'", "(d >= '2020-01-01T') AND (d <= '2020-12-31T')",
			and(cmp(Ge, prop("d"), date("2020-01-01")), cmp(Le, prop("d"), date("2020-12-31")))},
		{"updated > '2024-05-01T10:30:15'", "updated > '2024-05-01T10:30:15Z'", cmp(Gt, prop("updated"), timestamp("2024-05-01T10:30:15Z"))},
		{"updated > '2024-05-01T10'", "updated > '2024-05-01T10Z'", cmp(Gt, prop("updated"), timestamp("2024-05-01T10:00:00Z"))},
		{"updated < '2024-05-01T10:30'", "updated < '2024-05-01T10:30Z'", cmp(Lt, prop("updated"), timestamp("2024-05-01T10:30:00Z"))},
		{"updated = '2024-05-01'", "updated = '2024-05-01T'", cmp(Eq, prop("updated"), timestamp("2024-05-01T00:00:00Z"))},
		{"flag = 1", "flag = 1", cmp(Eq, prop("flag"), boolean(true))},
		{"flag <> 0", "flag <> 0", cmp(Ne, prop("flag"), boolean(false))},
		// Shared with cql2-text, so accepted too.
		{"", `"kind" IN ('AP', 'AT') AND depth BETWEEN 1 AND 2`,
			and(In{Arg: prop("kind"), List: []Expr{str("AP"), str("AT")}}, Between{Arg: prop("depth"), Low: Int(1), High: Int(2)})},
		{"", "d IN ('2024-05-01T')", In{Arg: prop("d"), List: []Expr{date("2024-05-01")}}},
		{"", "kind NOT LIKE 'A%' and flag = true", and(not(Like{Arg: prop("kind"), Pattern: str("A%")}), cmp(Eq, prop("flag"), boolean(true)))},
	}
	for _, tt := range tests {
		e, err := ParseCQLText(tt.in)
		if err != nil {
			t.Errorf("ParseCQLText(%q): %v", tt.in, err)
			continue
		}
		got := CoerceLiterals(e, q)
		if !equal(got, tt.want) {
			t.Errorf("ParseCQLText(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
		if err := Check(got, q); err != nil {
			t.Errorf("Check(%q): %v", tt.in, err)
		}
		if err := checkRoundTrip(got); err != nil {
			t.Errorf("round trip of %q: %v", tt.in, err)
		}
	}
}

// A backslash in a GDAL LIKE pattern is an ordinary character.
func TestCQLTextLikeBackslash(t *testing.T) {
	e, err := ParseCQLText(`path LIKE 'C:\data\%'`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want bool
	}{{`C:\data\x.shp`, true}, {`C:\data`, false}, {`C:data%`, false}} {
		got, err := Eval(e, feature{props: map[string]any{"path": tt.path}})
		if err != nil || got != tt.want {
			t.Errorf("%q LIKE 'C:\\data\\%%' = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
}

func TestParseCQLTextRefusesCQL2Constructs(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{"S_INTERSECTS(g, POINT(1 2))", 0, "S_INTERSECTS(...) is CQL2 and not part of cql-text; send this filter with filter-lang=cql2-text"},
		{"CASEI(name) = 'a'", 0, "CASEI(...) is CQL2"},
		{"d = DATE('2020-01-01')", 4, "DATE(...) is CQL2"},
		{"depth + 1 = 2", 6, "expected a comparison"},
		{"depth = -x", 9, "expected a number after '-'"},
		{"foo(1) = 2", 0, "unknown function 'foo'"},
		{"name = 'it\\'s'", 12, "expected AND, OR or the end of the filter but found 's'"},
		{"mine-type = 'AP'", 4, "expected a comparison"},
	}
	for _, tt := range tests {
		_, err := ParseCQLText(tt.in)
		var pe *Error
		if !errors.As(err, &pe) || pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("ParseCQLText(%q) = %v, want offset %d containing %q", tt.in, err, tt.offset, tt.msg)
		}
	}
}

func TestCoerceLiteralsLeavesOthersAlone(t *testing.T) {
	q := Queryables{"d": TypeDate, "name": TypeString, "flag": TypeBoolean, "n": TypeNumber}
	for _, in := range []string{
		"d = 'soon'",           // not a date: Check will complain
		"name = '2024-05-01T'", // a string property keeps its string
		"flag = 2",             // only 0 and 1 are booleans
		"n = 1",
		"unknown = '2024-05-01T'",
		"d = '2024-05-01T25Z'",
	} {
		e, err := ParseCQLText(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := CoerceLiterals(e, q); !equal(got, e) {
			t.Errorf("CoerceLiterals(%q) changed it to %s", in, got)
		}
	}
	// Literal on the left, property on the right.
	e := CoerceLiterals(mustText(t, "'2024-05-01' < d"), q)
	want := cmp(Lt, DateLit{Value: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}, prop("d"))
	if !equal(e, want) {
		t.Errorf("got %#v", e)
	}
}
