package cql2

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"mineaction/internal/geo"
)

// normalize brings a property value to one of the evaluator's types:
// string, int64, float64, bool, time.Time, []any, geo.Geometry or nil.
func normalize(name string, v any) (any, error) {
	switch x := v.(type) {
	case nil, string, int64, float64, bool, time.Time, geo.Geometry:
		return v, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case float32:
		return float64(x), nil
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			n, err := normalize(name, el)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	}
	return nil, fmt.Errorf("property %s holds a %T, which filters cannot use", quoteName(name), v)
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64, float64:
		return "number"
	case bool:
		return "boolean"
	case time.Time:
		return "date/time"
	case []any:
		return "array"
	case geo.Geometry:
		return "geometry"
	case nil:
		return "NULL"
	}
	return fmt.Sprintf("%T", v)
}

// compareValues orders two non-NULL values of the same type. ordered is
// false for booleans, which only have equality.
func compareValues(a, b any) (c int, ordered bool, err error) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmp3(x < y, x > y), true, nil
		case float64:
			return cmpIntFloat(x, y), true, nil
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return -cmpIntFloat(y, x), true, nil
		case float64:
			return cmp3(x < y, x > y), true, nil
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true, nil
		}
	case time.Time:
		if y, ok := b.(time.Time); ok {
			return x.Compare(y), true, nil
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmp3(false, x != y), false, nil
		}
	}
	return 0, false, fmt.Errorf("cannot compare %s with %s", typeName(a), typeName(b))
}

// cmpIntFloat orders an integer and a real exactly, without rounding the
// integer to a float64.
func cmpIntFloat(i int64, f float64) int {
	switch {
	case f >= 0x1p63:
		return -1
	case f < -0x1p63:
		return 1
	}
	t := math.Trunc(f)
	if c := cmp3(i < int64(t), i > int64(t)); c != 0 {
		return c
	}
	return cmp3(f > t, f < t)
}

func cmp3(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}

var errDivZero = errors.New("division by zero")

// arith applies an arithmetic operator. Integers stay exact unless the
// result overflows; '/' and '^' always give reals.
func arith(op ArithOp, a, b any) (any, error) {
	x, xi, ok1 := numberOf(a)
	y, yi, ok2 := numberOf(b)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("'%s' needs numbers, got %s and %s", op, typeName(a), typeName(b))
	}
	if isInt(a) && isInt(b) {
		if r, ok, err := intArith(op, xi, yi); ok || err != nil {
			return r, err
		}
	}
	var r float64
	switch op {
	case Add:
		r = x + y
	case Sub:
		r = x - y
	case Mul:
		r = x * y
	case Div, IntDiv, Mod:
		if y == 0 {
			return nil, errDivZero
		}
		switch op {
		case Div:
			r = x / y
		case IntDiv:
			r = math.Trunc(x / y)
		default:
			r = math.Mod(x, y)
		}
	case Pow:
		r = math.Pow(x, y)
	default:
		return nil, fmt.Errorf("unknown arithmetic operator %q", op)
	}
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return nil, fmt.Errorf("arithmetic overflow in '%s'", op)
	}
	return r, nil
}

func isInt(v any) bool { _, ok := v.(int64); return ok }

func numberOf(v any) (float64, int64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), x, true
	case float64:
		return x, 0, true
	}
	return 0, 0, false
}

// intArith computes integer results; ok is false when the result does not
// fit in an int64 or the operator gives a real.
func intArith(op ArithOp, x, y int64) (any, bool, error) {
	switch op {
	case Add:
		s := x + y
		return s, !((x >= 0) == (y >= 0) && (s >= 0) != (x >= 0)), nil
	case Sub:
		s := x - y
		return s, !((x >= 0) != (y >= 0) && (s >= 0) != (x >= 0)), nil
	case Mul:
		if x == 0 || y == 0 {
			return int64(0), true, nil
		}
		p := x * y
		return p, p/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64), nil
	case IntDiv, Mod:
		if y == 0 {
			return nil, false, errDivZero
		}
		if x == math.MinInt64 && y == -1 {
			return nil, false, nil
		}
		if op == Mod {
			return x % y, true, nil
		}
		return x / y, true, nil
	}
	return nil, false, nil
}
