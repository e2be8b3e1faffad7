package cql2

import (
	"fmt"
	"sort"
	"strings"
)

// Type is the type of a queryable property.
type Type string

// The queryable types.
const (
	TypeString      Type = "string"
	TypeNumber      Type = "number"
	TypeInteger     Type = "integer"
	TypeBoolean     Type = "boolean"
	TypeDate        Type = "date"
	TypeTimestamp   Type = "timestamp"
	TypeGeometry    Type = "geometry"
	TypeStringArray Type = "array" // an array of strings
)

// Queryables maps the name of each property a filter may use to its type.
type Queryables map[string]Type

// class is what a value is, for type checking: integers are numbers and
// dates are instants.
type class int

const (
	cString class = iota
	cNumber
	cBool
	cInstant
	cInterval
	cGeometry
	cArray
)

func classOf(t Type) class {
	switch t {
	case TypeNumber, TypeInteger:
		return cNumber
	case TypeBoolean:
		return cBool
	case TypeDate, TypeTimestamp:
		return cInstant
	case TypeGeometry:
		return cGeometry
	case TypeStringArray:
		return cArray
	}
	return cString
}

func (t Type) phrase() string {
	switch t {
	case TypeString:
		return "text"
	case TypeInteger:
		return "an integer"
	case TypeStringArray:
		return "an array of strings"
	}
	return "a " + string(t)
}

// Check reports whether e fits the queryables: every property must be one
// of them and every operator must get operands of a suitable type. The error
// is a *CheckError whose message can go to the client as it is.
func Check(e Expr, q Queryables) error {
	c := checker{q: q}
	return c.pred(e)
}

type checker struct{ q Queryables }

func (c checker) errorf(e Expr, format string, args ...any) error {
	err := &CheckError{Msg: fmt.Sprintf(format, args...)}
	if props := Properties(e); len(props) > 0 {
		err.Property = props[0]
	}
	return err
}

// describe names an operand with its type, for messages.
func (c checker) describe(e Expr) string {
	if p, ok := e.(Property); ok {
		return fmt.Sprintf("property %s (%s)", quoteName(p.Name), c.q[p.Name].phrase())
	}
	return kindName(e)
}

func (c checker) pred(e Expr) error {
	switch n := e.(type) {
	case And, Or, Not:
		for _, a := range Children(n) {
			if err := c.pred(a); err != nil {
				return err
			}
		}
		return nil
	case BoolLit:
		return nil
	case Comparison:
		return c.compare(n)
	case Like:
		return c.want(cString, "LIKE works on text", n.Arg, n.Pattern)
	case Between:
		return c.want(cNumber, "BETWEEN works on numbers", n.Arg, n.Low, n.High)
	case In:
		vc, err := c.value(n.Arg)
		if err != nil {
			return err
		}
		for _, item := range n.List {
			ic, err := c.value(item)
			if err != nil {
				return err
			}
			if ic != vc {
				return c.errorf(n, "%s cannot be compared with %s in the IN list", c.describe(n.Arg), c.describe(item))
			}
		}
		return nil
	case IsNull:
		if isBoolean(n.Arg) {
			return c.pred(n.Arg)
		}
		_, err := c.value(n.Arg)
		return err
	case SpatialPred:
		return c.want(cGeometry, strings.ToUpper(string(n.Op))+" relates geometries", n.Left, n.Right)
	case TemporalPred:
		for _, a := range []Expr{n.Left, n.Right} {
			vc, err := c.value(a)
			if err != nil {
				return err
			}
			if vc != cInstant && vc != cInterval {
				return c.errorf(a, "%s relates dates, timestamps and intervals, not %s", strings.ToUpper(string(n.Op)), c.describe(a))
			}
		}
		return nil
	case ArrayPred:
		return c.arrays(n)
	}
	return c.errorf(e, "%s is not a condition", kindName(e))
}

// want checks that every operand has class w.
func (c checker) want(w class, rule string, operands ...Expr) error {
	for _, a := range operands {
		vc, err := c.value(a)
		if err != nil {
			return err
		}
		if vc != w {
			return c.errorf(a, "%s, but %s is not", rule, c.describe(a))
		}
	}
	return nil
}

func (c checker) compare(n Comparison) error {
	lc, err := c.value(n.Left)
	if err != nil {
		return err
	}
	rc, err := c.value(n.Right)
	if err != nil {
		return err
	}
	if lc != rc {
		hint := ""
		if _, isStr := n.Right.(StringLit); isStr && lc == cInstant {
			hint = "; write dates as DATE('YYYY-MM-DD') and instants as TIMESTAMP('YYYY-MM-DDThh:mm:ssZ')"
		}
		return c.errorf(n, "cannot compare %s with %s%s", c.describe(n.Left), c.describe(n.Right), hint)
	}
	switch {
	case lc == cGeometry:
		return c.errorf(n, "geometries cannot be compared with %s; use S_EQUALS or another S_ predicate", n.Op)
	case lc == cArray:
		return c.errorf(n, "arrays cannot be compared with %s; use A_EQUALS or another A_ predicate", n.Op)
	case lc == cBool && n.Op != Eq && n.Op != Ne:
		return c.errorf(n, "booleans can only be compared with = and <>, not %s", n.Op)
	}
	return nil
}

func (c checker) arrays(n ArrayPred) error {
	for _, a := range []Expr{n.Left, n.Right} {
		vc, err := c.value(a)
		if err != nil {
			return err
		}
		if vc != cArray {
			return c.errorf(a, "%s relates arrays, not %s", strings.ToUpper(string(n.Op)), c.describe(a))
		}
	}
	// Properties hold arrays of strings, so literal elements must be strings.
	for _, pair := range [][2]Expr{{n.Left, n.Right}, {n.Right, n.Left}} {
		if _, ok := pair[0].(Property); !ok {
			continue
		}
		if lit, ok := pair[1].(ArrayLit); ok {
			for _, el := range lit.Elems {
				if vc, _ := c.value(el); vc != cString {
					return c.errorf(n, "%s holds strings, but the array contains %s", c.describe(pair[0]), c.describe(el))
				}
			}
		}
	}
	return nil
}

// value checks an operand and returns its class.
func (c checker) value(e Expr) (class, error) {
	switch n := e.(type) {
	case Property:
		t, ok := c.q[n.Name]
		if !ok {
			return 0, &CheckError{Property: n.Name, Msg: c.unknown(n.Name)}
		}
		return classOf(t), nil
	case StringLit:
		return cString, nil
	case NumberLit:
		return cNumber, nil
	case BoolLit:
		return cBool, nil
	case DateLit, TimestampLit:
		return cInstant, nil
	case IntervalLit:
		for _, end := range []Expr{n.Start, n.End} {
			if p, ok := end.(Property); ok {
				if vc, err := c.value(p); err != nil {
					return 0, err
				} else if vc != cInstant {
					return 0, c.errorf(p, "an interval runs between dates or timestamps, but %s is not one", c.describe(p))
				}
			}
		}
		return cInterval, nil
	case GeometryLit, BBoxLit:
		return cGeometry, nil
	case ArrayLit:
		for _, el := range n.Elems {
			if _, err := c.value(el); err != nil {
				return 0, err
			}
		}
		return cArray, nil
	case CaseI:
		return cString, c.want(cString, "CASEI works on text", n.Arg)
	case AccentI:
		return cString, c.want(cString, "ACCENTI works on text", n.Arg)
	case Arith:
		return cNumber, c.want(cNumber, fmt.Sprintf("'%s' works on numbers", n.Op), n.Left, n.Right)
	}
	if isBoolean(e) {
		return cBool, c.pred(e)
	}
	return 0, c.errorf(e, "%s is not a value", kindName(e))
}

func (c checker) unknown(name string) string {
	names := make([]string, 0, len(c.q))
	for n := range c.q {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 30 {
		names = append(names[:30], "...")
	}
	if len(names) == 0 {
		return fmt.Sprintf("unknown property %s: this collection has no queryable properties", quoteName(name))
	}
	return fmt.Sprintf("unknown property %s; the queryable properties are: %s", quoteName(name), strings.Join(names, ", "))
}
