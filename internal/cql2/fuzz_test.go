package cql2

import (
	"errors"
	"testing"
)

// The fuzz targets check that the parsers never panic, that every error is
// an *Error pointing into the input, and that every accepted filter survives
// cql2-text and cql2-json round trips and can be checked and evaluated.
// Seed corpora live in testdata/fuzz.

func fuzzAccepted(t *testing.T, e Expr) {
	if err := checkRoundTrip(e); err != nil {
		t.Fatal(err)
	}
	_ = Conformance(e)
	_ = Properties(e)
	q := testQueryables()
	if err := Check(e, q); err != nil {
		var ce *CheckError
		if !errors.As(err, &ce) {
			t.Fatalf("Check error of type %T: %v", err, err)
		}
	}
	_, _ = EvalWith(e, testFeature(), Options{Spatial: pointSpatial{}})
}

func fuzzRejected(t *testing.T, err error, n int) {
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	if pe.Offset < 0 || pe.Offset > n {
		t.Fatalf("offset %d outside the input of %d bytes: %v", pe.Offset, n, err)
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{
		"a = 1", "NOT (a LIKE 'x%') OR b IN (1, 2.5, 'c')", "S_INTERSECTS(g, BBOX(1, 2, 3, 4))",
		"T_DURING(INTERVAL(s, e), INTERVAL('2020-01-01', '..'))", "A_CONTAINS(t, ('a', ('b')))",
		"CASEI(n) LIKE CASEI('%ə%')", "-a ^ 2 div 3 % 4 > (b - -1.5e3)", `"and" = 'it''s'`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseText(s)
		if err != nil {
			fuzzRejected(t, err, len(s))
			return
		}
		fuzzAccepted(t, e)
	})
}

func FuzzParseCQLText(f *testing.F) {
	for _, s := range []string{
		"(depth > 5) AND (kind = 'AP')", "NOT ((status IS NULL))", "name ILIKE '%baku%'",
		`path LIKE 'C:\%'`, "d >= '2020-01-01T'", "x = 1e+20",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseCQLText(s)
		if err != nil {
			fuzzRejected(t, err, len(s))
			return
		}
		fuzzAccepted(t, e)
		fuzzAccepted(t, CoerceLiterals(e, Queryables{"d": TypeDate, "t": TypeTimestamp, "flag": TypeBoolean}))
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"op":"=","args":[{"property":"a"},1]}`,
		`{"op":"in","args":[{"property":"a"},["x",2.5,true]]}`,
		`{"op":"s_within","args":[{"property":"g"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}`,
		`{"op":"t_after","args":[{"interval":[{"property":"s"},".."]},{"timestamp":"2020-01-01T00:00:00Z"}]}`,
		`{"op":"a_overlaps","args":[{"property":"t"},[[1],"x"]]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseJSON(b)
		if err != nil {
			fuzzRejected(t, err, len(b))
			return
		}
		fuzzAccepted(t, e)
	})
}
