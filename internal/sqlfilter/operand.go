package sqlfilter

import (
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
)

// kind returns the static type of a scalar operand, or "" if unknown.
func (t *translator) kind(e cql2.Expr) cql2.Type {
	switch x := e.(type) {
	case cql2.Property:
		return t.qs[x.Name].Type
	case cql2.StringLit, cql2.CaseI, cql2.AccentI:
		return cql2.TypeString
	case cql2.NumberLit:
		if x.IsInt {
			return cql2.TypeInteger
		}
		return cql2.TypeNumber
	case cql2.BoolLit:
		return cql2.TypeBoolean
	case cql2.DateLit:
		return cql2.TypeDate
	case cql2.TimestampLit:
		return cql2.TypeTimestamp
	case cql2.IntervalLit:
		if t.kind(x.Start) == cql2.TypeTimestamp || t.kind(x.End) == cql2.TypeTimestamp {
			return cql2.TypeTimestamp
		}
		return cql2.TypeDate
	case cql2.Arith:
		if t.integral(x) {
			return cql2.TypeInteger
		}
		return cql2.TypeNumber
	}
	return ""
}

// integral reports whether an arithmetic expression gives an integer: the
// evaluator keeps integers exact through + - * div and %, and '/' and '^'
// always give reals.
func (t *translator) integral(a cql2.Arith) bool {
	switch a.Op {
	case cql2.Add, cql2.Sub, cql2.Mul, cql2.IntDiv, cql2.Mod:
		return t.kind(a.Left) == cql2.TypeInteger && t.kind(a.Right) == cql2.TypeInteger
	}
	return false
}

// mode returns the type in which operands are compared: the type of the
// first property, except that dates and timestamps together compare as
// timestamps (a date is its midnight UTC), as the evaluator compares them.
func (t *translator) mode(es ...cql2.Expr) cql2.Type {
	var first cql2.Type
	date, stamp := false, false
	for _, e := range es {
		k := t.kind(e)
		if p, ok := unwrap(e).(cql2.Property); ok && first == "" {
			first = t.qs[p.Name].Type
		}
		date = date || k == cql2.TypeDate
		stamp = stamp || k == cql2.TypeTimestamp
	}
	switch {
	case date && stamp:
		return cql2.TypeTimestamp
	case first != "":
		return first
	case stamp:
		return cql2.TypeTimestamp
	case date:
		return cql2.TypeDate
	}
	return ""
}

func unwrap(e cql2.Expr) cql2.Expr {
	for {
		switch x := e.(type) {
		case cql2.CaseI:
			e = x.Arg
		case cql2.AccentI:
			e = x.Arg
		default:
			return e
		}
	}
}

// operand translates a scalar operand; typ is the type operands are
// compared in, which decides how literals are bound.
func (t *translator) operand(e cql2.Expr, typ cql2.Type) (string, error) {
	switch e := e.(type) {
	case cql2.Property:
		q, ok := t.qs[e.Name]
		if !ok {
			return "", mineaction.Invalid("filter", "unknown property %q", e.Name)
		}
		col := t.d.Column(q)
		if q.Type == cql2.TypeDate && typ == cql2.TypeTimestamp {
			col = t.d.DateAsTimestamp(col)
		}
		return col, nil
	case cql2.StringLit:
		return t.d.Cast(t.param(e.Value), cql2.TypeString), nil
	case cql2.NumberLit:
		if e.IsInt {
			return t.d.Cast(t.param(e.Int), cql2.TypeInteger), nil
		}
		return t.d.Cast(t.param(e.Value), cql2.TypeNumber), nil
	case cql2.BoolLit:
		return t.d.Cast(t.param(e.Value), cql2.TypeBoolean), nil
	case cql2.DateLit:
		return t.timeParam(e.Value, typ, cql2.TypeDate), nil
	case cql2.TimestampLit:
		return t.timeParam(e.Value, typ, cql2.TypeTimestamp), nil
	case cql2.CaseI, cql2.AccentI:
		if s, ok := literalText(e); ok {
			// Literals are folded here, by the evaluator's own functions.
			return t.d.Cast(t.param(s), cql2.TypeString), nil
		}
		if x, ok := e.(cql2.CaseI); ok {
			s, err := t.operand(x.Arg, typ)
			return t.d.Fold(s, true, false), err
		}
		s, err := t.operand(e.(cql2.AccentI).Arg, typ)
		return t.d.Fold(s, false, true), err
	case cql2.Arith:
		return t.arith(e)
	}
	return "", unsupported(e)
}

// timeParam binds an instant in the form of the comparison type: a date
// literal compared with timestamps is its midnight.
func (t *translator) timeParam(v time.Time, typ, own cql2.Type) string {
	if typ != cql2.TypeTimestamp && typ != cql2.TypeDate {
		typ = own
	}
	if typ == cql2.TypeTimestamp {
		return t.d.Cast(t.param(v.UTC().Format("2006-01-02T15:04:05.000000Z")), cql2.TypeTimestamp)
	}
	return t.d.Cast(t.param(v.UTC().Format(mineaction.DateLayout)), cql2.TypeDate)
}

func (t *translator) arith(e cql2.Arith) (string, error) {
	l, err := t.operand(e.Left, "")
	if err != nil {
		return "", err
	}
	r, err := t.operand(e.Right, "")
	if err != nil {
		return "", err
	}
	ints := t.kind(e.Left) == cql2.TypeInteger && t.kind(e.Right) == cql2.TypeInteger
	switch e.Op {
	case cql2.Add, cql2.Sub, cql2.Mul:
		return "(" + l + " " + string(e.Op) + " " + r + ")", nil
	case cql2.Div:
		return "(" + t.d.Float(l) + " / NULLIF(" + t.d.Float(r) + ", 0))", nil
	case cql2.IntDiv:
		if ints {
			return "(" + l + " / NULLIF(" + r + ", 0))", nil
		}
		return "trunc(" + t.d.Float(l) + " / NULLIF(" + t.d.Float(r) + ", 0))", nil
	case cql2.Mod:
		if !ints {
			return "", mineaction.Invalid("filter", "'%%' needs integers here")
		}
		return "(" + l + " % NULLIF(" + r + ", 0))", nil
	case cql2.Pow:
		return "power(" + t.d.Float(l) + ", " + t.d.Float(r) + ")", nil
	}
	return "", unsupported(e)
}
