package cql2

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func testQueryables() Queryables {
	return Queryables{
		"name": TypeString, "depth": TypeNumber, "devices": TypeInteger, "cleared": TypeBoolean,
		"reported": TypeDate, "updated": TypeTimestamp, "geometry": TypeGeometry, "tags": TypeStringArray,
	}
}

func TestCheckAccepts(t *testing.T) {
	for _, in := range []string{
		"name = 'x' AND depth > 1.5 AND devices = 3 AND cleared = TRUE",
		"depth = devices",
		"reported < updated AND reported = DATE('2020-01-01') AND updated > DATE('2020-01-01')",
		"CASEI(name) LIKE CASEI('%baku%') AND ACCENTI(name) = 'Gence'",
		"depth BETWEEN 1 AND devices + 2",
		"name IN ('a', 'b') AND devices NOT IN (1, 2.5)",
		"geometry IS NULL AND tags IS NOT NULL AND (depth > 1) IS NULL",
		"S_INTERSECTS(geometry, BBOX(0, 0, 1, 1)) AND S_WITHIN(POINT(1 2), geometry)",
		"T_DURING(INTERVAL(reported, updated), INTERVAL('2020-01-01', '..')) AND T_AFTER(updated, reported)",
		"A_CONTAINS(tags, ('AP', 'AT')) AND A_EQUALS(tags, tags)",
		"NOT (depth * 2 + 1 > devices div 2) OR FALSE",
	} {
		if err := Check(mustText(t, in), testQueryables()); err != nil {
			t.Errorf("Check(%q): %v", in, err)
		}
	}
}

func TestCheckRejects(t *testing.T) {
	tests := []struct {
		in, property, msg string
	}{
		{"colour = 'red'", "colour", `unknown property colour; the queryable properties are: cleared, depth, devices, geometry, name, reported, tags, updated`},
		{"depth = 'deep'", "depth", `cannot compare property depth (a number) with the string 'deep'`},
		{"'deep' = depth", "depth", `cannot compare the string 'deep' with property depth (a number)`},
		{"name = 5", "name", `cannot compare property name (text) with the number 5`},
		{"reported = '2020-01-01'", "reported", `cannot compare property reported (a date) with the string '2020-01-01'; write dates as DATE('YYYY-MM-DD')`},
		{"cleared = 1", "cleared", `cannot compare property cleared (a boolean) with the number 1`},
		{"cleared < TRUE", "cleared", "booleans can only be compared with = and <>"},
		{"geometry = geometry", "geometry", "use S_EQUALS"},
		{"tags = tags", "tags", "use A_EQUALS"},
		{"depth LIKE '1%'", "depth", "LIKE works on text, but property depth (a number) is not"},
		{"CASEI(depth) = 'x'", "depth", "CASEI works on text, but property depth (a number) is not"},
		{"reported BETWEEN 1 AND 2", "reported", "BETWEEN works on numbers, but property reported (a date) is not"},
		{"name IN ('a', 1)", "name", "cannot be compared with the number 1 in the IN list"},
		{"S_INTERSECTS(name, POINT(1 2))", "name", "S_INTERSECTS relates geometries, but property name (text) is not"},
		{"T_AFTER(depth, DATE('2020-01-01'))", "depth", "T_AFTER relates dates, timestamps and intervals, not property depth (a number)"},
		{"T_AFTER(INTERVAL(name, '..'), DATE('2020-01-01'))", "name", "an interval runs between dates or timestamps, but property name (text) is not one"},
		{"A_CONTAINS(name, ('a'))", "name", "A_CONTAINS relates arrays, not property name (text)"},
		{"A_CONTAINS(tags, ('a', 1))", "tags", "property tags (an array of strings) holds strings, but the array contains the number 1"},
		{"depth + name > 1", "name", "'+' works on numbers, but property name (text) is not"},
		{"depth > 1 AND nope IS NULL", "nope", "unknown property nope"},
	}
	for _, tt := range tests {
		err := Check(mustText(t, tt.in), testQueryables())
		var ce *CheckError
		if !errors.As(err, &ce) {
			t.Errorf("Check(%q) = %v, want a *CheckError", tt.in, err)
			continue
		}
		if ce.Property != tt.property || !strings.Contains(ce.Msg, tt.msg) {
			t.Errorf("Check(%q) = (%q, %q), want (%q, containing %q)", tt.in, ce.Property, ce.Msg, tt.property, tt.msg)
		}
	}
	if err := Check(mustText(t, "a = 1"), Queryables{}); err == nil || !strings.Contains(err.Error(), "no queryable properties") {
		t.Errorf("empty queryables: %v", err)
	}
}

func TestProperties(t *testing.T) {
	e := mustText(t, `b = 1 AND "a" = c OR T_DURING(INTERVAL(s, e), INTERVAL('..', '2020-01-01')) AND b IS NULL`)
	if got, want := Properties(e), []string{"a", "b", "c", "e", "s"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Properties = %v, want %v", got, want)
	}
	if got := Properties(mustText(t, "TRUE")); len(got) != 0 {
		t.Errorf("Properties(TRUE) = %v", got)
	}
}

func TestConformance(t *testing.T) {
	tests := []struct {
		in   string
		want []Class
	}{
		{"a = 1 AND NOT b IS NULL OR TRUE", []Class{BasicCQL2}},
		{"a = DATE('2020-01-01') AND b < TIMESTAMP('2020-01-01T00:00:00Z')", []Class{BasicCQL2}},
		{"a LIKE 'x%'", []Class{BasicCQL2, AdvancedComparison}},
		{"a BETWEEN 1 AND 2 OR a IN (1)", []Class{BasicCQL2, AdvancedComparison}},
		{"CASEI(a) LIKE CASEI('x')", []Class{BasicCQL2, AdvancedComparison, CaseInsensitiveComparison}},
		{"ACCENTI(a) = 'x'", []Class{BasicCQL2, AccentInsensitiveComparison}},
		{"S_INTERSECTS(g, POINT(1 2))", []Class{BasicCQL2, BasicSpatialFunctions}},
		{"S_INTERSECTS(g, BBOX(1, 2, 3, 4))", []Class{BasicCQL2, BasicSpatialFunctions}},
		{"S_INTERSECTS(g, LINESTRING(1 2, 3 4))", []Class{BasicCQL2, BasicSpatialFunctionsPlus}},
		{"S_INTERSECTS(g, MULTIPOINT(1 2))", []Class{BasicCQL2, BasicSpatialFunctionsPlus}},
		{"S_WITHIN(g, POINT(1 2))", []Class{BasicCQL2, SpatialFunctions}},
		{"S_INTERSECTS(g, h)", []Class{BasicCQL2, BasicSpatialFunctions, PropertyProperty}},
		{"T_AFTER(d, DATE('2020-01-01'))", []Class{BasicCQL2, TemporalFunctions}},
		{"T_DURING(INTERVAL(s, e), INTERVAL('2020-01-01', '..'))", []Class{BasicCQL2, TemporalFunctions}},
		{"A_CONTAINS(t, ('a'))", []Class{BasicCQL2, ArrayFunctions}},
		{"a = b", []Class{BasicCQL2, PropertyProperty}},
		{"1 < a", []Class{BasicCQL2, PropertyProperty}},
		{"1 = 1", []Class{BasicCQL2, PropertyProperty}},
		{"a BETWEEN 1 AND b", []Class{BasicCQL2, AdvancedComparison, PropertyProperty}},
		{"a * 2 > 3", []Class{BasicCQL2, Arithmetic}},
		{"a > b + 1", []Class{BasicCQL2, PropertyProperty, Arithmetic}},
	}
	for _, tt := range tests {
		if got := Conformance(mustText(t, tt.in)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Conformance(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := BasicCQL2.URI(); got != "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2" {
		t.Errorf("URI = %s", got)
	}
}
