package cql2

import (
	"fmt"
	"strings"

	"mineaction/internal/geo"
)

// Feature is what Eval filters: named property values and a geometry.
// Property values are string, float64, int64 (other Go integer and float
// types are accepted), bool, time.Time, []string, geo.Geometry or nil; a
// property that is absent counts as NULL.
type Feature interface {
	Property(name string) (any, bool)
	Geometry() geo.Geometry
}

// Spatial answers spatial predicates with real computational geometry.
// op is a DE-9IM named relation: "intersects", "equals", "disjoint",
// "touches", "within", "overlaps", "crosses" or "contains" (see
// SpatialOp.Relation); the answer is for op(a, b).
type Spatial interface {
	Relate(op string, a, b geo.Geometry) (bool, error)
}

// Options configures EvalWith.
type Options struct {
	// Spatial evaluates S_ predicates; without it they are an error.
	Spatial Spatial
	// GeometryProperty is the property name under which filters refer to
	// Feature.Geometry; empty means "geometry".
	GeometryProperty string
}

// Eval reports whether feature f satisfies filter e, without a spatial
// engine: S_ predicates return an error. See EvalWith.
func Eval(e Expr, f Feature) (bool, error) { return EvalWith(e, f, Options{}) }

// EvalWith reports whether feature f satisfies filter e. NULLs follow the
// three-valued logic of CQL2 and SQL: a comparison with NULL is unknown,
// NOT unknown is unknown, unknown AND false is false, unknown OR true is
// true, and the feature is selected only when the filter is true.
//
// Semantics a store translating to SQL must match: strings compare by code
// point; dates are instants at 00:00 UTC; intervals are closed and '..' is
// unbounded; an interval whose end is a NULL property is unknown; temporal
// predicates follow Allen's interval relations, instants being intervals
// whose start is their end; A_EQUALS compares element by element in order,
// A_CONTAINS, A_CONTAINEDBY and A_OVERLAPS as sets; '/' divides as reals,
// div truncates, '%' takes the sign of the dividend; division by zero is an
// error. Comparing values of different types (Check prevents it) is an
// error.
func EvalWith(e Expr, f Feature, o Options) (bool, error) {
	if o.GeometryProperty == "" {
		o.GeometryProperty = "geometry"
	}
	t, err := evaluator{f: f, o: o}.pred(e)
	return t == triTrue, err
}

// tri is a truth value of three-valued logic.
type tri int8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

type evaluator struct {
	f Feature
	o Options
}

func (ev evaluator) pred(e Expr) (tri, error) {
	switch n := e.(type) {
	case And:
		return ev.junction(n.Args, triFalse)
	case Or:
		return ev.junction(n.Args, triTrue)
	case Not:
		t, err := ev.pred(n.Arg)
		if t != triUnknown {
			t = 1 - t
		}
		return t, err
	case BoolLit:
		return triOf(n.Value), nil
	case Comparison:
		return ev.compare(n)
	case Like:
		vs, err := ev.values(n.Arg, n.Pattern)
		if vs == nil || err != nil {
			return triUnknown, err
		}
		s, ok1 := vs[0].(string)
		pat, ok2 := vs[1].(string)
		if !ok1 || !ok2 {
			return triUnknown, fmt.Errorf("LIKE needs text, got %s and %s", typeName(vs[0]), typeName(vs[1]))
		}
		ok, err := likeMatch(pat, s)
		return triOf(ok), err
	case Between:
		vs, err := ev.values(n.Arg, n.Low, n.High)
		if vs == nil || err != nil {
			return triUnknown, err
		}
		lo, ordered, err := compareValues(vs[0], vs[1])
		if err != nil {
			return triUnknown, err
		}
		if !ordered {
			return triUnknown, fmt.Errorf("BETWEEN needs ordered values, got %s", typeName(vs[0]))
		}
		hi, _, err := compareValues(vs[0], vs[2])
		return triOf(lo >= 0 && hi <= 0), err
	case In:
		return ev.in(n)
	case IsNull:
		if isBoolean(n.Arg) {
			t, err := ev.pred(n.Arg)
			return triOf(t == triUnknown), err
		}
		v, err := ev.value(n.Arg)
		return triOf(v == nil), err
	case SpatialPred:
		return ev.spatial(n)
	case TemporalPred:
		return ev.temporal(n)
	case ArrayPred:
		return ev.arrays(n)
	}
	return triUnknown, fmt.Errorf("%s is not a condition", kindName(e))
}

// junction evaluates AND (decisive = false) or OR (decisive = true).
func (ev evaluator) junction(args []Expr, decisive tri) (tri, error) {
	result := 1 - decisive
	for _, a := range args {
		t, err := ev.pred(a)
		if err != nil {
			return triUnknown, err
		}
		if t == decisive {
			return t, nil
		}
		if t == triUnknown {
			result = triUnknown
		}
	}
	return result, nil
}

// values evaluates operands; it returns nil when one of them is NULL.
func (ev evaluator) values(es ...Expr) ([]any, error) {
	vs := make([]any, len(es))
	for i, e := range es {
		v, err := ev.value(e)
		if err != nil || v == nil {
			return nil, err
		}
		vs[i] = v
	}
	return vs, nil
}

func (ev evaluator) compare(n Comparison) (tri, error) {
	vs, err := ev.values(n.Left, n.Right)
	if vs == nil || err != nil {
		return triUnknown, err
	}
	c, ordered, err := compareValues(vs[0], vs[1])
	if err != nil {
		return triUnknown, err
	}
	switch n.Op {
	case Eq:
		return triOf(c == 0), nil
	case Ne:
		return triOf(c != 0), nil
	}
	if !ordered {
		return triUnknown, fmt.Errorf("%s values have no order for %s", typeName(vs[0]), n.Op)
	}
	switch n.Op {
	case Lt:
		return triOf(c < 0), nil
	case Le:
		return triOf(c <= 0), nil
	case Gt:
		return triOf(c > 0), nil
	case Ge:
		return triOf(c >= 0), nil
	}
	return triUnknown, fmt.Errorf("unknown comparison %q", n.Op)
}

func (ev evaluator) in(n In) (tri, error) {
	v, err := ev.value(n.Arg)
	if v == nil || err != nil {
		return triUnknown, err
	}
	result := triFalse
	for _, item := range n.List {
		iv, err := ev.value(item)
		if err != nil {
			return triUnknown, err
		}
		if iv == nil {
			result = triUnknown
			continue
		}
		c, _, err := compareValues(v, iv)
		if err != nil {
			return triUnknown, err
		}
		if c == 0 {
			return triTrue, nil
		}
	}
	return result, nil
}

func (ev evaluator) spatial(n SpatialPred) (tri, error) {
	vs, err := ev.values(n.Left, n.Right)
	if vs == nil || err != nil {
		return triUnknown, err
	}
	a, ok1 := vs[0].(geo.Geometry)
	b, ok2 := vs[1].(geo.Geometry)
	if !ok1 || !ok2 {
		return triUnknown, fmt.Errorf("%s needs geometries, got %s and %s", strings.ToUpper(string(n.Op)), typeName(vs[0]), typeName(vs[1]))
	}
	if ev.o.Spatial == nil {
		return triUnknown, fmt.Errorf("%s cannot be evaluated: no spatial engine is configured", strings.ToUpper(string(n.Op)))
	}
	ok, err := ev.o.Spatial.Relate(n.Op.Relation(), a, b)
	return triOf(ok), err
}

func (ev evaluator) value(e Expr) (any, error) {
	switch n := e.(type) {
	case Property:
		if n.Name == ev.o.GeometryProperty {
			if g := ev.f.Geometry(); g != nil {
				return g, nil
			}
			return nil, nil
		}
		v, ok := ev.f.Property(n.Name)
		if !ok {
			return nil, nil
		}
		return normalize(n.Name, v)
	case StringLit:
		return n.Value, nil
	case NumberLit:
		if n.IsInt {
			return n.Int, nil
		}
		return n.Value, nil
	case BoolLit:
		return n.Value, nil
	case DateLit:
		return n.Value, nil
	case TimestampLit:
		return n.Value, nil
	case GeometryLit:
		return n.Geometry, nil
	case BBoxLit:
		return n.Geometry(), nil
	case ArrayLit:
		out := make([]any, len(n.Elems))
		for i, el := range n.Elems {
			v, err := ev.value(el)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case CaseI:
		return ev.fold(n.Arg, FoldCase)
	case AccentI:
		return ev.fold(n.Arg, FoldAccents)
	case Arith:
		vs, err := ev.values(n.Left, n.Right)
		if vs == nil || err != nil {
			return nil, err
		}
		return arith(n.Op, vs[0], vs[1])
	}
	return nil, fmt.Errorf("%s cannot be used as a value here", kindName(e))
}

func (ev evaluator) fold(e Expr, fn func(string) string) (any, error) {
	v, err := ev.value(e)
	if v == nil || err != nil {
		return nil, err
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("CASEI and ACCENTI need text, got %s", typeName(v))
	}
	return fn(s), nil
}
