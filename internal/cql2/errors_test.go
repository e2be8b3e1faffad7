package cql2

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTextErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string // substring of the message
	}{
		{"", 0, "the filter is empty"},
		{"   ", 0, "the filter is empty"},
		{"depth = )", 8, "expected a value after '=' but found ')'"},
		{"kind = 'AP' AND depth = ", 24, "expected a value after '=' but found the end of the filter"},
		{"name = 'abc", 7, "string opened with ' is not closed"},
		{`name = 'C:\'`, 7, "not closed"},
		{`"name = 1`, 0, `property name opened with " is not closed`},
		{`"" = 1`, 0, "empty property name"},
		{"a = 1 b = 2", 6, "expected AND, OR or the end of the filter but found 'b'"},
		{"a = 1)", 5, "')' has no matching '('"},
		{"(a = 1", 6, "expected ')' to close the '(' at position 1"},
		{"a", 1, "expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN or IS NULL) after property a but found the end of the filter"},
		{"a AND b = 1", 2, "after property a but found AND"},
		{"a = 1 AND 5", 11, "after the number 5 but found the end"},
		{"a + 1", 5, "expected a comparison"},
		{"(a)", 3, "after property a but found the end"},
		{"(a + 1) OR b = 1", 8, "after an arithmetic expression but found OR"},
		{"(NOT (a))", 5, "property a is not a condition; compare it with something, for example a = TRUE"},
		{"(b = 1 AND (a + 1))", 11, "an arithmetic expression is not a condition"},
		{"a == 1", 2, "'==' is not CQL2"},
		{"a != 1", 2, "'!=' is not CQL2; write '<>'"},
		{"a = 1 AND", 9, "expected a condition after AND but found the end of the filter"},
		{"a = NULL", 4, "NULL is not a value; test for it with IS NULL"},
		{"a IS 5", 5, "expected NULL after IS"},
		{"a NOT 5", 6, "expected LIKE, BETWEEN or IN after NOT"},
		{"a LIKE b", 7, "the pattern after LIKE must be a string literal"},
		{"5 LIKE 'a'", 0, "LIKE needs a property or a string on its left"},
		{"a ILIKE 'x'", 2, "ILIKE is not CQL2"},
		{"a BETWEEN 'x' AND 'y'", 10, "BETWEEN needs a number"},
		{"a BETWEEN 1 OR 2", 12, "expected AND between the two bounds of BETWEEN"},
		{"a IN ()", 6, "IN needs at least one value"},
		{"a IN (1 2)", 8, "expected ',' or ')' in the IN list"},
		{"a IN 1", 5, "expected '(' after IN"},
		{"a = 1 AND b = 'x' AND c =", 25, "expected a value after '='"},
		{"a = 1e", 4, "malformed number"},
		{"a = 1e999", 4, "out of range"},
		{"a = [1]", 4, "CQL2 arrays are written in parentheses"},
		{"a = 1 ; DROP TABLE x", 6, "unexpected character ';'"},
		{"a = \xff", 4, "not valid UTF-8"},
		{"a = DATE('2024-13-01')", 9, "not a valid date"},
		{"a = DATE('2024-1-01')", 9, "DATE needs a date written YYYY-MM-DD"},
		{"a = TIMESTAMP('2024-01-01T10:00:00+02:00')", 14, "TIMESTAMP needs a UTC instant"},
		{"a = DATE(x)", 9, "expected a quoted value"},
		{"FOO(a, 1)", 0, "unknown function 'FOO'"},
		{"S_INTERSECTS(geom, 'POINT(1 2)')", 19, "S_INTERSECTS takes geometries"},
		{"S_INTERSECTS(geom POINT(1 2))", 18, "expected ',' between the two arguments of S_INTERSECTS"},
		{"S_INTERSECTS(geom, MULTILINESTRING((0 0, 1 1)))", 19, "MULTILINESTRING literals are not supported"},
		{"S_INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(0 0)))", 19, "GEOMETRYCOLLECTION literals are not supported"},
		{"S_INTERSECTS(geom, POINT EMPTY)", 25, "EMPTY geometries are not supported"},
		{"S_INTERSECTS(geom, POLYGON((0 0, 1 0, 1 1, 0 1)))", 27, "polygon ring is not closed"},
		{"S_INTERSECTS(geom, POLYGON((0 0, 1 0, 0 0)))", 27, "needs at least 4 positions"},
		{"S_INTERSECTS(geom, LINESTRING(0 0))", 29, "needs at least 2 positions"},
		{"S_INTERSECTS(geom, POINT(1))", 26, "expected a y coordinate"},
		{"S_INTERSECTS(geom, BBOX(1, 2, 3))", 23, "BBOX needs 4 numbers"},
		{"S_INTERSECTS(geom, BBOX(0, 10, 1, 5))", 23, "BBOX south 10.0 is greater than north 5.0"},
		{"T_AFTER(d, 5)", 11, "T_AFTER takes dates, timestamps, intervals or properties"},
		{"T_AFTER(d, INTERVAL('2020-01-01'))", 32, "expected ',' between the start and end of INTERVAL"},
		{"T_AFTER(d, INTERVAL('yesterday', '..'))", 20, "expected a date"},
		{"A_CONTAINS(tags, 'a')", 17, "A_CONTAINS takes arrays"},
		{"CASEI(5) = 'a'", 6, "CASEI works on text"},
		{"a + 'x' = 1", 2, "'+' needs numbers on both sides, not the string 'x'"},
		{"- 'x' = 1", 2, "'-' needs a number"},
		{"a = +b", 5, "expected a number after '+'"},
		{"S_INTERSECTS(geom, POINT(1 2)) = TRUE", 0, "a predicate cannot be compared"},
	}
	for _, tt := range tests {
		_, err := ParseText(tt.in)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("ParseText(%q) = %v, want a *Error", tt.in, err)
			continue
		}
		if pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("ParseText(%q) = offset %d %q, want offset %d containing %q", tt.in, pe.Offset, pe.Msg, tt.offset, tt.msg)
		}
	}
}

func TestErrorMessageFormat(t *testing.T) {
	_, err := ParseText("depth = )")
	if got, want := err.Error(), "at position 9: expected a value after '=' but found ')'"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", MaxDepth+1) + "a = 1" + strings.Repeat(")", MaxDepth+1)
	nots := strings.Repeat("NOT ", MaxDepth+1) + "a = 1"
	chain := "a = 1" + strings.Repeat(" + 1", MaxDepth+1)
	ok := strings.Repeat("(", MaxDepth-1) + "a = 1" + strings.Repeat(")", MaxDepth-1)
	var many strings.Builder
	many.WriteString("a IN (1")
	for i := 0; i < MaxNodes; i++ {
		many.WriteString(",1")
	}
	many.WriteString(")")
	long := "a = '" + strings.Repeat("x", MaxStringBytes+1) + "'"
	huge := "a = 1" + strings.Repeat(" ", MaxInputBytes)
	var points strings.Builder
	points.WriteString("S_INTERSECTS(g, LINESTRING(0 0")
	for i := 0; i < MaxPoints; i++ {
		points.WriteString(",1 1")
	}
	points.WriteString("))")
	for name, in := range map[string]string{
		"parentheses": deep, "NOTs": nots, "arithmetic chain": chain, "nodes": many.String(),
		"string": long, "input": huge, "points": points.String(),
	} {
		_, err := ParseText(in)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a *Error", name, err)
		}
	}
	if _, err := ParseText(ok); err != nil {
		t.Errorf("nesting %d deep: %v", MaxDepth-1, err)
	}
	deepJSON := strings.Repeat(`{"op":"not","args":[`, MaxDepth+1) + "true" + strings.Repeat("]}", MaxDepth+1)
	if _, err := ParseJSON([]byte(deepJSON)); err == nil {
		t.Error("JSON nested beyond MaxDepth was accepted")
	}
	deepArrays := `{"op":"a_equals","args":[{"property":"t"},` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "]}"
	if _, err := ParseJSON([]byte(deepArrays)); err == nil {
		t.Error("JSON arrays nested 10000 deep were accepted")
	}
}
