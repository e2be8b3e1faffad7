package cql2

import (
	"fmt"
	"strings"
	"time"
)

// bound is an interval end: a time, or -∞ (inf < 0) or +∞ (inf > 0).
type bound struct {
	t   time.Time
	inf int
}

func (a bound) cmp(b bound) int {
	if a.inf != 0 || b.inf != 0 {
		return cmp3(a.inf < b.inf, a.inf > b.inf)
	}
	return a.t.Compare(b.t)
}

// period is a closed interval; an instant is a period whose start is its end.
type period struct{ start, end bound }

// period evaluates a temporal operand; ok is false when it is NULL.
func (ev evaluator) period(e Expr) (p period, ok bool, err error) {
	if iv, isInterval := e.(IntervalLit); isInterval {
		start, ok1, err := ev.intervalEnd(iv.Start, -1)
		if err != nil {
			return p, false, err
		}
		end, ok2, err := ev.intervalEnd(iv.End, 1)
		return period{start, end}, ok1 && ok2, err
	}
	v, err := ev.value(e)
	if v == nil || err != nil {
		return p, false, err
	}
	t, isTime := v.(time.Time)
	if !isTime {
		return p, false, fmt.Errorf("temporal predicates need dates, timestamps or intervals, got %s", typeName(v))
	}
	return period{bound{t: t}, bound{t: t}}, true, nil
}

func (ev evaluator) intervalEnd(e Expr, side int) (bound, bool, error) {
	if _, open := e.(Unbounded); open {
		return bound{inf: side}, true, nil
	}
	v, err := ev.value(e)
	if v == nil || err != nil {
		return bound{}, false, err
	}
	t, ok := v.(time.Time)
	if !ok {
		return bound{}, false, fmt.Errorf("an interval end must be a date or timestamp, got %s", typeName(v))
	}
	return bound{t: t}, true, nil
}

func (ev evaluator) temporal(n TemporalPred) (tri, error) {
	a, ok1, err := ev.period(n.Left)
	if err != nil {
		return triUnknown, err
	}
	b, ok2, err := ev.period(n.Right)
	if err != nil || !ok1 || !ok2 {
		return triUnknown, err
	}
	ss, se := a.start.cmp(b.start), a.start.cmp(b.end)
	es, ee := a.end.cmp(b.start), a.end.cmp(b.end)
	var r bool
	switch n.Op {
	case TAfter:
		r = se > 0
	case TBefore:
		r = es < 0
	case TContains:
		r = ss < 0 && ee > 0
	case TDisjoint:
		r = se > 0 || es < 0
	case TDuring:
		r = ss > 0 && ee < 0
	case TEquals:
		r = ss == 0 && ee == 0
	case TFinishedBy:
		r = ss < 0 && ee == 0
	case TFinishes:
		r = ss > 0 && ee == 0
	case TIntersects:
		r = se <= 0 && es >= 0
	case TMeets:
		r = es == 0
	case TMetBy:
		r = se == 0
	case TOverlappedBy:
		r = ss > 0 && se < 0 && ee > 0
	case TOverlaps:
		r = ss < 0 && es > 0 && ee < 0
	case TStartedBy:
		r = ss == 0 && ee > 0
	case TStarts:
		r = ss == 0 && ee < 0
	default:
		return triUnknown, fmt.Errorf("unknown temporal predicate %q", n.Op)
	}
	return triOf(r), nil
}

func (ev evaluator) arrays(n ArrayPred) (tri, error) {
	vs, err := ev.values(n.Left, n.Right)
	if vs == nil || err != nil {
		return triUnknown, err
	}
	a, ok1 := vs[0].([]any)
	b, ok2 := vs[1].([]any)
	if !ok1 || !ok2 {
		return triUnknown, fmt.Errorf("%s needs arrays, got %s and %s", strings.ToUpper(string(n.Op)), typeName(vs[0]), typeName(vs[1]))
	}
	switch n.Op {
	case AEquals:
		if len(a) != len(b) {
			return triFalse, nil
		}
		for i := range a {
			if !valuesEqual(a[i], b[i]) {
				return triFalse, nil
			}
		}
		return triTrue, nil
	case AContains:
		return triOf(subset(b, a)), nil
	case AContainedBy:
		return triOf(subset(a, b)), nil
	case AOverlaps:
		for _, x := range a {
			if member(x, b) {
				return triTrue, nil
			}
		}
		return triFalse, nil
	}
	return triUnknown, fmt.Errorf("unknown array predicate %q", n.Op)
}

func subset(small, big []any) bool {
	for _, x := range small {
		if !member(x, big) {
			return false
		}
	}
	return true
}

func member(x any, list []any) bool {
	for _, y := range list {
		if valuesEqual(x, y) {
			return true
		}
	}
	return false
}

// valuesEqual is equality for array elements: NULL equals nothing, values of
// different types are unequal, nested arrays compare element by element.
func valuesEqual(a, b any) bool {
	if x, ok := a.([]any); ok {
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !valuesEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if a == nil || b == nil {
		return false
	}
	c, _, err := compareValues(a, b)
	return err == nil && c == 0
}
