package sqlfilter

import (
	"fmt"
	"strings"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

func (t *translator) spatial(e cql2.SpatialPred) (string, error) {
	prop, lit := e.Left, e.Right
	rel := e.Op.Relation()
	if _, ok := prop.(cql2.Property); !ok {
		// A literal on the left: swap, inverting the asymmetric relations.
		prop, lit = lit, prop
		switch rel {
		case "within":
			rel = "contains"
		case "contains":
			rel = "within"
		}
	}
	p, ok := prop.(cql2.Property)
	if !ok {
		return "", mineaction.Invalid("filter", "%s needs the geometry property on one side", e.Op)
	}
	q, ok := t.qs[p.Name]
	if !ok || q.Type != cql2.TypeGeometry {
		return "", mineaction.Invalid("filter", "%q is not a geometry", p.Name)
	}
	var g geo.Geometry
	switch l := lit.(type) {
	case cql2.GeometryLit:
		g = l.Geometry
	case cql2.BBoxLit:
		g = l.Geometry()
	default:
		return "", mineaction.Invalid("filter", "%s needs a geometry literal", e.Op)
	}
	wkb := t.param(geo.MarshalWKB(g))
	b := g.Bounds()
	box := [4]string{t.param(b.MinX), t.param(b.MinY), t.param(b.MaxX), t.param(b.MaxY)}
	return t.d.Spatial(rel, t.d.Column(q), wkb, box), nil
}

func (t *translator) array(e cql2.ArrayPred) (string, error) {
	op, left, right := e.Op, e.Left, e.Right
	if _, ok := left.(cql2.ArrayLit); ok {
		// A literal on the left: swap, inverting the asymmetric operators.
		left, right = right, left
		switch op {
		case cql2.AContains:
			op = cql2.AContainedBy
		case cql2.AContainedBy:
			op = cql2.AContains
		}
	}
	p, ok := left.(cql2.Property)
	if !ok {
		return "", mineaction.Invalid("filter", "%s needs an array property on one side", e.Op)
	}
	q, ok := t.qs[p.Name]
	if !ok || q.Type != cql2.TypeStringArray {
		return "", mineaction.Invalid("filter", "%q is not an array", p.Name)
	}
	lit, ok := right.(cql2.ArrayLit)
	if !ok {
		return "", mineaction.Invalid("filter", "%s needs an array literal on the other side", e.Op)
	}
	params := make([]string, 0, len(lit.Elems))
	seen := map[string]bool{}
	for _, el := range lit.Elems {
		s, ok := el.(cql2.StringLit)
		if !ok {
			return "", mineaction.Invalid("filter", "array elements must be strings")
		}
		if seen[s.Value] && op != cql2.AEquals {
			continue
		}
		seen[s.Value] = true
		params = append(params, t.d.Cast(t.param(s.Value), cql2.TypeString))
	}
	return t.d.ArrayPred(op, t.d.Column(q), params), nil
}

// end is an end of a temporal operand: an operand, translated when a
// comparison uses it (so that every bound parameter is used), or -∞
// (inf < 0) or +∞ (inf > 0) for an unbounded interval end.
type end struct {
	e   cql2.Expr
	inf int
}

// cmp compares two ends with op ("<", "=", ">", "<=", ">="). Infinite ends
// compare as the evaluator compares them, decided here.
func (t *translator) cmp(a end, op string, b end, typ cql2.Type) (string, error) {
	if a.inf == 0 && b.inf == 0 {
		l, err := t.operand(a.e, typ)
		if err != nil {
			return "", err
		}
		r, err := t.operand(b.e, typ)
		return l + " " + op + " " + r, err
	}
	c := 0
	switch {
	case a.inf < b.inf:
		c = -1
	case a.inf > b.inf:
		c = 1
	}
	switch op {
	case "<":
		return boolSQL(c < 0), nil
	case "<=":
		return boolSQL(c <= 0), nil
	case "=":
		return boolSQL(c == 0), nil
	case ">=":
		return boolSQL(c >= 0), nil
	}
	return boolSQL(c > 0), nil
}

// bounds returns the start and end of a temporal operand: an instant is an
// interval of zero length. nullable collects the operands that may be NULL.
func bounds(e cql2.Expr, nullable *[]cql2.Expr) (end, end, error) {
	bound := func(e cql2.Expr, side int) end {
		if _, ok := e.(cql2.Unbounded); ok {
			return end{inf: side}
		}
		if !isLiteral(e) {
			*nullable = append(*nullable, e)
		}
		return end{e: e}
	}
	if iv, ok := e.(cql2.IntervalLit); ok {
		return bound(iv.Start, -1), bound(iv.End, 1), nil
	}
	switch e.(type) {
	case cql2.Property, cql2.DateLit, cql2.TimestampLit:
		b := bound(e, 0)
		return b, b, nil
	}
	return end{}, end{}, unsupported(e)
}

func (t *translator) temporal(e cql2.TemporalPred) (string, error) {
	var operands []cql2.Expr
	for _, x := range []cql2.Expr{e.Left, e.Right} {
		if iv, ok := x.(cql2.IntervalLit); ok {
			operands = append(operands, iv.Start, iv.End)
		} else {
			operands = append(operands, x)
		}
	}
	typ := t.mode(operands...)
	if typ != cql2.TypeTimestamp {
		typ = cql2.TypeDate
	}
	var nullable []cql2.Expr
	as, ae, err := bounds(e.Left, &nullable)
	if err != nil {
		return "", err
	}
	bs, be, err := bounds(e.Right, &nullable)
	if err != nil {
		return "", err
	}
	type rel struct {
		a  end
		op string
		b  end
	}
	var rels []rel
	or := false
	switch e.Op {
	case cql2.TAfter:
		rels = []rel{{as, ">", be}}
	case cql2.TBefore:
		rels = []rel{{ae, "<", bs}}
	case cql2.TContains:
		rels = []rel{{as, "<", bs}, {ae, ">", be}}
	case cql2.TDisjoint:
		rels, or = []rel{{as, ">", be}, {ae, "<", bs}}, true
	case cql2.TDuring:
		rels = []rel{{as, ">", bs}, {ae, "<", be}}
	case cql2.TEquals:
		rels = []rel{{as, "=", bs}, {ae, "=", be}}
	case cql2.TFinishedBy:
		rels = []rel{{as, "<", bs}, {ae, "=", be}}
	case cql2.TFinishes:
		rels = []rel{{as, ">", bs}, {ae, "=", be}}
	case cql2.TIntersects:
		rels = []rel{{as, "<=", be}, {ae, ">=", bs}}
	case cql2.TMeets:
		rels = []rel{{ae, "=", bs}}
	case cql2.TMetBy:
		rels = []rel{{as, "=", be}}
	case cql2.TOverlappedBy:
		rels = []rel{{as, ">", bs}, {as, "<", be}, {ae, ">", be}}
	case cql2.TOverlaps:
		rels = []rel{{as, "<", bs}, {ae, ">", bs}, {ae, "<", be}}
	case cql2.TStartedBy:
		rels = []rel{{as, "=", bs}, {ae, ">", be}}
	case cql2.TStarts:
		rels = []rel{{as, "=", bs}, {ae, "<", be}}
	default:
		return "", fmt.Errorf("temporal operator %s: %w", e.Op, unsupported(e))
	}
	parts := make([]string, len(rels))
	for i, r := range rels {
		if parts[i], err = t.cmp(r.a, r.op, r.b, typ); err != nil {
			return "", err
		}
	}
	join := " AND "
	if or {
		join = " OR "
	}
	cond := "(" + strings.Join(parts, join) + ")"
	// The guard reads the nullable operands again: properties, which bind
	// no parameters.
	exprs := make([]string, len(nullable))
	for i, x := range nullable {
		if exprs[i], err = t.operand(x, typ); err != nil {
			return "", err
		}
	}
	return guard(cond, exprs...), nil
}
