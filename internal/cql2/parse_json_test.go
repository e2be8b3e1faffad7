package cql2

import (
	"errors"
	"strings"
	"testing"
)

// Each case gives the same filter in cql2-json and in cql2-text; both must
// parse to the same tree. Cases marked "std" are transcribed from the example
// files of the CQL2 standard (opengeospatial/ogcapi-features,
// cql2/standard/schema/examples/{json,text}/, 1.0.0); the rest are ours.
func TestParseJSONMatchesText(t *testing.T) {
	tests := []struct{ json, text string }{
		// std clause6_02a
		{`{"op":"=","args":[{"property":"city"},"Toronto"]}`, "city='Toronto'"},
		// std example28 (final form of casei)
		{`{"op":"like","args":[{"op":"casei","args":[{"property":"geophys:SURVEY_NAME"}]},{"op":"casei","args":["%calcutta%"]}]}`,
			"CASEI(geophys:SURVEY_NAME) LIKE CASEI('%calcutta%')"},
		// std example44
		{`{"op":"or","args":[{"op":"isNull","args":[{"property":"value"}]},{"op":"between","args":[{"property":"value"},10,20]}]}`,
			`("value" IS NULL OR "value" BETWEEN 10 AND 20)`},
		// std clause7_07
		{`{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[36.319836,32.288087]}]}`,
			"S_INTERSECTS(geometry,POINT(36.319836 32.288087))"},
		// std clause7_15
		{`{"op":"a_contains","args":[{"property":"layer:ids"},["layers-ca","layers-us"]]}`,
			"A_CONTAINS(layer:ids, ('layers-ca','layers-us'))"},
		// std example67
		{`{"op":"t_starts","args":[{"interval":[{"property":"starts_at"},{"property":"ends_at"}]},{"interval":["1991-10-07T08:21:06.393262Z",".."]}]}`,
			"T_STARTS(INTERVAL(starts_at, ends_at), INTERVAL('1991-10-07T08:21:06.393262Z', '..'))"},
		// std example57
		{`{"op":"t_during","args":[{"interval":[{"property":"starts_at"},{"property":"ends_at"}]},{"interval":["2005-01-10","2010-02-10"]}]}`,
			"T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2005-01-10', '2010-02-10'))"},
		// std example20
		{`{"op":"t_before","args":[{"property":"built"},{"date":"2015-01-01"}]}`, "T_BEFORE(built, DATE('2015-01-01'))"},
		{`{"op":"not","args":[{"op":"like","args":[{"property":"name"},"foo%"]}]}`, `NOT "name" LIKE 'foo%'`},
		{`{"op":"not","args":[{"op":"in","args":[{"property":"kind"},["AP","AT"]]}]}`, "kind NOT IN ('AP','AT')"},
		{`{"op":"and","args":[{"op":">","args":[{"property":"depth"},-1.5]},{"op":"<=","args":[{"property":"n"},3]},true]}`,
			"depth > -1.5 AND n <= 3 AND TRUE"},
		{`{"op":"=","args":[{"op":"accenti","args":[{"property":"name"}]},{"op":"accenti","args":["Gəncə"]}]}`,
			"ACCENTI(name) = ACCENTI('Gəncə')"},
		{`{"op":">","args":[{"property":"updated"},{"timestamp":"2024-05-01T10:00:00Z"}]}`, "updated > TIMESTAMP('2024-05-01T10:00:00Z')"},
		{`{"op":"s_within","args":[{"property":"g"},{"bbox":[-10,40,10,50]}]}`, "S_WITHIN(g, BBOX(-10,40,10,50))"},
		{`{"op":"s_within","args":[{"property":"g"},{"bbox":[-10,40,0,10,50,9]}]}`, "S_WITHIN(g, BBOX(-10,40,0,10,50,9))"},
		{`{"op":"s_overlaps","args":[{"property":"g"},{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2,9],[0,2],[0,0]]]}]}`,
			"S_OVERLAPS(g, POLYGON((0 0, 2 0, 2 2, 0 2, 0 0)))"},
		{`{"op":"s_crosses","args":[{"property":"g"},{"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]]]}]}`,
			"S_CROSSES(g, MULTIPOLYGON(((0 0, 2 0, 2 2, 0 2, 0 0))))"},
		{`{"op":"s_equals","args":[{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}`,
			"S_EQUALS(MULTIPOINT((1 2),(3 4)), LINESTRING(1 2, 3 4))"},
		{`{"op":">","args":[{"op":"+","args":[{"property":"a"},{"op":"*","args":[2,{"property":"b"}]}]},{"op":"div","args":[7,2]}]}`,
			"a + 2 * b > 7 div 2"},
		{`{"op":"=","args":[{"op":"-","args":[{"op":"^","args":[{"property":"a"},2]},{"op":"%","args":[{"property":"b"},3]}]},1.0]}`,
			"a ^ 2 - b % 3 = 1.0"},
		{`{"op":"a_overlaps","args":[[],[[1,"x"],{"date":"2020-01-01"}]]}`, "A_OVERLAPS((), ((1,'x'),DATE('2020-01-01')))"},
		{`{"op":"isNull","args":[{"op":"=","args":[{"property":"a"},1]}]}`, "(a = 1) IS NULL"},
		{`false`, "FALSE"},
	}
	for _, tt := range tests {
		fromJSON, err := ParseJSON([]byte(tt.json))
		if err != nil {
			t.Errorf("ParseJSON(%s): %v", tt.json, err)
			continue
		}
		fromText := mustText(t, tt.text)
		if !equal(fromJSON, fromText) {
			t.Errorf("%s\n parses to %#v\n but %s\n parses to %#v", tt.json, fromJSON, tt.text, fromText)
		}
		if err := checkRoundTrip(fromJSON); err != nil {
			t.Errorf("round trip of %s: %v", tt.json, err)
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	tests := []struct{ text, json string }{
		{"a = 'x'", `{"op":"=","args":[{"property":"a"},"x"]}`},
		{"a NOT LIKE 'x%'", `{"op":"not","args":[{"op":"like","args":[{"property":"a"},"x%"]}]}`},
		{"a IN (1, 2.5)", `{"op":"in","args":[{"property":"a"},[1,2.5]]}`},
		{"T_AFTER(d, INTERVAL('2020-01-01', '..'))", `{"op":"t_after","args":[{"property":"d"},{"interval":["2020-01-01",".."]}]}`},
		{"S_INTERSECTS(g, POINT(1 2.5))", `{"op":"s_intersects","args":[{"property":"g"},{"type":"Point","coordinates":[1,2.5]}]}`},
		{"S_INTERSECTS(g, BBOX(1, 2, 3, 4))", `{"op":"s_intersects","args":[{"property":"g"},{"bbox":[1.0,2.0,3.0,4.0]}]}`},
		{"d = TIMESTAMP('2024-05-01T10:00:00.500Z')", `{"op":"=","args":[{"property":"d"},{"timestamp":"2024-05-01T10:00:00.5Z"}]}`},
		{`a = '<"\>'`, `{"op":"=","args":[{"property":"a"},"\u003c\"\\\u003e"]}`},
	}
	for _, tt := range tests {
		b, err := mustText(t, tt.text).MarshalJSON()
		if err != nil || string(b) != tt.json {
			t.Errorf("MarshalJSON(%q) = %s, %v; want %s", tt.text, b, err, tt.json)
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{``, 0, "ends too early"},
		{`{"op":"=","args":[{"property":"a"},1]`, 37, "ends too early"},
		{`{"op":"=","args":[{"property":"a"},1]} x`, 39, "unexpected data after the end"},
		{`{"op":"=","args":[{"property":"a"},1]} {}`, 39, "unexpected data after the end"},
		{`{"op":"=","op":"<"}`, 10, `member "op" appears twice`},
		{`{"op":"=","args":[{"property":"a"}]}`, 17, `"=" needs 2 argument(s), found 1`},
		{`{"op":"and","args":[true]}`, 19, "needs at least 2 arguments"},
		{`{"op":"=","args":{"property":"a"}}`, 0, `needs an "args" array`},
		{`{"op":"T_AFTER","args":[]}`, 6, `unknown operator "T_AFTER"; did you mean "t_after"?`},
		{`{"op":"buffer","args":[]}`, 6, "no custom functions"},
		{`{"op":"=","args":[{"property":"a"},null]}`, 35, "null is not a value"},
		{`{"op":"=","args":[{"property":""},1]}`, 18, "property name must be non-empty"},
		{`{"op":"=","args":[{"property":7},1]}`, 30, `"property" must be a string`},
		{`{"op":"=","args":[{"prop":"a"},1]}`, 18, "unrecognised object"},
		{`{"op":"and","args":[{"property":"a"},true]}`, 20, "argument 1 of \"and\" must be a condition"},
		{`{"op":"like","args":[{"property":"a"},{"property":"b"}]}`, 38, "must be a pattern string"},
		{`{"op":"between","args":[{"property":"a"},"x",2]}`, 41, "must be a number"},
		{`{"op":"in","args":[{"property":"a"},[]]}`, 36, "non-empty array"},
		{`{"op":"in","args":[{"property":"a"},"x"]}`, 36, "non-empty array"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"MultiLineString","coordinates":[]}]}`, 46, "MultiLineString geometries are not supported"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"GeometryCollection","geometries":[]}]}`, 46, "GeometryCollection geometries are not supported"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Circle","coordinates":[]}]}`, 54, `unknown geometry type "Circle"`},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Point"}]}`, 46, `has no "coordinates"`},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Point","coordinates":[1]}]}`, 76, "at least 2 element(s)"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Point","coordinates":[1,"2"]}]}`, 79, "expected a y coordinate"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}]}`, 79, "polygon ring is not closed"},
		{`{"op":"s_intersects","args":[{"property":"g"},{"bbox":[1,2,3]}]}`, 54, `"bbox" must be an array of 4 numbers`},
		{`{"op":"t_after","args":[{"property":"d"},{"date":"2020-02-30"}]}`, 49, "not a valid date"},
		{`{"op":"t_after","args":[{"property":"d"},{"timestamp":"2020-02-03"}]}`, 54, "TIMESTAMP needs a UTC instant"},
		{`{"op":"t_after","args":[{"property":"d"},{"interval":["2020-01-01"]}]}`, 53, "array of two values"},
		{`{"op":"t_after","args":[{"property":"d"},{"interval":["2020-01-01",5]}]}`, 67, "an interval end must be"},
		{`{"op":"=","args":[{"property":"a"},1e999]}`, 35, "out of range"},
		{`{"property":"a"}`, 0, "the filter must be a condition"},
		{`"a = 1"`, 0, "the filter must be a condition"},
	}
	for _, tt := range tests {
		_, err := ParseJSON([]byte(tt.in))
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("ParseJSON(%s) = %v, want a *Error", tt.in, err)
			continue
		}
		if pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("ParseJSON(%s) = offset %d %q, want offset %d containing %q", tt.in, pe.Offset, pe.Msg, tt.offset, tt.msg)
		}
	}
}
