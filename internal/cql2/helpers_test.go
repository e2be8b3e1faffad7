package cql2

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"mineaction/internal/geo"
)

// Shorthands for building expected trees.
func prop(name string) Property { return Property{Name: name} }
func str(s string) StringLit    { return StringLit{Value: s} }
func boolean(b bool) BoolLit    { return BoolLit{Value: b} }
func cmp(op CompareOp, l, r Expr) Comparison {
	return Comparison{Op: op, Left: l, Right: r}
}
func and(args ...Expr) And { return And{Args: args} }
func or(args ...Expr) Or   { return Or{Args: args} }
func not(e Expr) Not       { return Not{Arg: e} }

func date(s string) DateLit {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return DateLit{Value: t.UTC()}
}

func timestamp(s string) TimestampLit {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return TimestampLit{Value: t.UTC()}
}

func square(x0, y0, x1, y1 float64) geo.Polygon {
	return geo.Polygon{geo.Ring{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}}
}

func mustText(t *testing.T, s string) Expr {
	t.Helper()
	e, err := ParseText(s)
	if err != nil {
		t.Fatalf("ParseText(%q): %v", s, err)
	}
	return e
}

func mustJSON(t *testing.T, s string) Expr {
	t.Helper()
	e, err := ParseJSON([]byte(s))
	if err != nil {
		t.Fatalf("ParseJSON(%s): %v", s, err)
	}
	return e
}

func equal(a, b Expr) bool { return reflect.DeepEqual(a, b) }

// checkRoundTrip verifies that e survives cql2-text and cql2-json.
func checkRoundTrip(e Expr) error {
	if textRepresentable(e) {
		text := e.String()
		back, err := ParseText(text)
		if err != nil {
			return fmt.Errorf("text %q does not parse: %v", text, err)
		}
		if !equal(e, back) {
			return fmt.Errorf("text %q parses to %#v, want %#v", text, back, e)
		}
	}
	js, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	back, err := ParseJSON(js)
	if err != nil {
		return fmt.Errorf("JSON %s does not parse: %v", js, err)
	}
	if !equal(e, back) {
		return fmt.Errorf("JSON %s parses to %#v, want %#v", js, back, e)
	}
	return nil
}

// textRepresentable is false for the strings cql2-text cannot spell: with a
// backslash before a quote or at the end.
func textRepresentable(e Expr) bool {
	ok := true
	Walk(e, func(n Expr) bool {
		if s, isStr := n.(StringLit); isStr && (strings.Contains(s.Value, `\'`) || strings.HasSuffix(s.Value, `\`)) {
			ok = false
		}
		return ok
	})
	return ok
}

// feature is a Feature backed by a map.
type feature struct {
	props map[string]any
	geom  geo.Geometry
}

func (f feature) Property(name string) (any, bool) {
	v, ok := f.props[name]
	return v, ok
}

func (f feature) Geometry() geo.Geometry { return f.geom }

// pointSpatial is an exact Spatial for a point against a point, a polygon or
// a multipolygon, enough to test the evaluator's plumbing. Points on a ring
// count as on the boundary.
type pointSpatial struct{}

func (pointSpatial) Relate(op string, a, b geo.Geometry) (bool, error) {
	pa, aIsPoint := a.(geo.Point)
	pb, bIsPoint := b.(geo.Point)
	switch {
	case aIsPoint && bIsPoint:
		switch op {
		case "intersects", "equals", "within", "contains":
			return pa == pb, nil
		case "disjoint":
			return pa != pb, nil
		}
	case aIsPoint:
		in, onEdge, err := locate(pa, b)
		if err != nil {
			return false, err
		}
		switch op {
		case "intersects":
			return in || onEdge, nil
		case "disjoint":
			return !in && !onEdge, nil
		case "within":
			return in, nil
		case "touches":
			return onEdge, nil
		}
	case bIsPoint:
		if op == "contains" {
			in, _, err := locate(pb, a)
			return in, err
		}
		if op == "intersects" || op == "disjoint" {
			return pointSpatial{}.Relate(op, b, a)
		}
	}
	return false, fmt.Errorf("test engine: %s(%s, %s) not implemented", op, a.Type(), b.Type())
}

// locate places p strictly inside, on the boundary of, or outside g.
func locate(p geo.Point, g geo.Geometry) (inside, onEdge bool, err error) {
	polys := geo.Polygons(g)
	if polys == nil {
		return false, false, fmt.Errorf("test engine: cannot locate a point in a %s", g.Type())
	}
	for _, poly := range polys {
		crossings := 0
		for _, ring := range poly {
			for i := 0; i+1 < len(ring); i++ {
				a, b := ring[i], ring[i+1]
				cross := (b.X-a.X)*(p.Y-a.Y) - (b.Y-a.Y)*(p.X-a.X)
				if cross == 0 && p.X >= min(a.X, b.X) && p.X <= max(a.X, b.X) && p.Y >= min(a.Y, b.Y) && p.Y <= max(a.Y, b.Y) {
					return false, true, nil
				}
				if (a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X+(p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y) {
					crossings++
				}
			}
		}
		if crossings%2 == 1 {
			return true, false, nil
		}
	}
	return false, false, nil
}
