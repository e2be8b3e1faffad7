// Package sqlfilter translates a CQL2 filter into a parameterised SQL
// condition for one of the stores. Property names are looked up in the
// domain's fixed table of queryables and turned into SQL by the store's
// dialect; every literal becomes a bound parameter. No text from the client
// ever becomes SQL.
package sqlfilter

import (
	"fmt"
	"strings"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Dialect is what differs between SQLite and PostgreSQL.
type Dialect interface {
	// Param returns the placeholder of the n-th bound argument (1-based).
	Param(n int) string
	// Column returns the SQL expression that reads a queryable.
	Column(q mineaction.Queryable) string
	// Fold wraps a text expression for CASEI and/or ACCENTI.
	Fold(expr string, casei, accenti bool) string
	// Spatial returns a condition relating the geometry column to a WKB
	// parameter, e.g. ST_Intersects(geom, ST_GeomFromWKB($1)). box holds
	// the placeholders of the literal's bounding box (minx, miny, maxx,
	// maxy) for a spatial index.
	Spatial(relation, column, param string, box [4]string) string
	// ArrayPred returns a condition relating a JSON array column to a list
	// of text parameters.
	ArrayPred(op cql2.ArrayOp, column string, params []string) string
	// Cast turns a bound text parameter into the type of a queryable where
	// the database needs it (PostgreSQL), or returns it unchanged.
	Cast(param string, t cql2.Type) string
}

// Translate returns the SQL condition for e and its arguments. Argument
// placeholders are numbered from first.
func Translate(e cql2.Expr, qs []mineaction.Queryable, d Dialect, first int) (string, []any, error) {
	t := &translator{d: d, qs: map[string]mineaction.Queryable{}, next: first}
	for _, q := range qs {
		t.qs[q.Name] = q
	}
	s, err := t.pred(e)
	if err != nil {
		return "", nil, err
	}
	return s, t.args, nil
}

type translator struct {
	d    Dialect
	qs   map[string]mineaction.Queryable
	args []any
	next int
}

func (t *translator) param(v any) string {
	t.args = append(t.args, v)
	p := t.d.Param(t.next)
	t.next++
	return p
}

func unsupported(e cql2.Expr) error {
	return mineaction.Invalid("filter", "%s is not supported here", e.String())
}

func (t *translator) pred(e cql2.Expr) (string, error) {
	switch e := e.(type) {
	case cql2.And, cql2.Or:
		var args []cql2.Expr
		op := " AND "
		if a, ok := e.(cql2.And); ok {
			args = a.Args
		} else {
			args, op = e.(cql2.Or).Args, " OR "
		}
		parts := make([]string, len(args))
		for i, a := range args {
			s, err := t.pred(a)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, op) + ")", nil
	case cql2.Not:
		s, err := t.pred(e.Arg)
		if err != nil {
			return "", err
		}
		return "(NOT " + s + ")", nil
	case cql2.BoolLit:
		if e.Value {
			return "(1 = 1)", nil
		}
		return "(1 = 0)", nil
	case cql2.Comparison:
		return t.compare(string(e.Op), e.Left, e.Right)
	case cql2.Like:
		l, err := t.operand(e.Arg, cql2.TypeString)
		if err != nil {
			return "", err
		}
		p, err := t.operand(e.Pattern, cql2.TypeString)
		if err != nil {
			return "", err
		}
		return "(" + l + " LIKE " + p + " ESCAPE '\\')", nil
	case cql2.Between:
		typ := t.typeOf(e.Arg, e.Low, e.High)
		a, err := t.operand(e.Arg, typ)
		if err != nil {
			return "", err
		}
		lo, err := t.operand(e.Low, typ)
		if err != nil {
			return "", err
		}
		hi, err := t.operand(e.High, typ)
		if err != nil {
			return "", err
		}
		return "(" + a + " BETWEEN " + lo + " AND " + hi + ")", nil
	case cql2.In:
		typ := t.typeOf(append([]cql2.Expr{e.Arg}, e.List...)...)
		a, err := t.operand(e.Arg, typ)
		if err != nil {
			return "", err
		}
		items := make([]string, len(e.List))
		for i, it := range e.List {
			if items[i], err = t.operand(it, typ); err != nil {
				return "", err
			}
		}
		return "(" + a + " IN (" + strings.Join(items, ", ") + "))", nil
	case cql2.IsNull:
		a, err := t.operand(e.Arg, "")
		if err != nil {
			return "", err
		}
		return "(" + a + " IS NULL)", nil
	case cql2.SpatialPred:
		return t.spatial(e)
	case cql2.TemporalPred:
		return t.temporal(e)
	case cql2.ArrayPred:
		return t.array(e)
	}
	return "", unsupported(e)
}

// typeOf returns the queryable type of the first property among operands,
// which decides how literals are bound.
func (t *translator) typeOf(es ...cql2.Expr) cql2.Type {
	for _, e := range es {
		if p, ok := unwrap(e).(cql2.Property); ok {
			if q, ok := t.qs[p.Name]; ok {
				return q.Type
			}
		}
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

func (t *translator) compare(op string, left, right cql2.Expr) (string, error) {
	typ := t.typeOf(left, right)
	l, err := t.operand(left, typ)
	if err != nil {
		return "", err
	}
	r, err := t.operand(right, typ)
	if err != nil {
		return "", err
	}
	return "(" + l + " " + op + " " + r + ")", nil
}

// operand translates a scalar operand; typ is the type of the property it
// is compared with, used to bind literals in the column's representation.
func (t *translator) operand(e cql2.Expr, typ cql2.Type) (string, error) {
	switch e := e.(type) {
	case cql2.Property:
		q, ok := t.qs[e.Name]
		if !ok {
			return "", mineaction.Invalid("filter", "unknown property %q", e.Name)
		}
		return t.d.Column(q), nil
	case cql2.StringLit:
		return t.d.Cast(t.param(e.Value), cql2.TypeString), nil
	case cql2.NumberLit:
		if e.IsInt {
			return t.param(e.Int), nil
		}
		return t.param(e.Value), nil
	case cql2.BoolLit:
		return t.param(e.Value), nil
	case cql2.DateLit:
		return t.d.Cast(t.param(timeText(e.Value, typ)), typ), nil
	case cql2.TimestampLit:
		return t.d.Cast(t.param(timeText(e.Value, typ)), typ), nil
	case cql2.CaseI:
		s, err := t.operand(e.Arg, typ)
		return t.d.Fold(s, true, false), err
	case cql2.AccentI:
		s, err := t.operand(e.Arg, typ)
		return t.d.Fold(s, false, true), err
	case cql2.Arith:
		l, err := t.operand(e.Left, typ)
		if err != nil {
			return "", err
		}
		r, err := t.operand(e.Right, typ)
		if err != nil {
			return "", err
		}
		switch e.Op {
		case cql2.Add, cql2.Sub, cql2.Mul, cql2.Mod:
			return "(" + l + " " + string(e.Op) + " " + r + ")", nil
		case cql2.Div:
			return "(CAST(" + l + " AS REAL) / NULLIF(" + r + ", 0))", nil
		case cql2.IntDiv:
			return "(CAST(" + l + " AS INTEGER) / NULLIF(CAST(" + r + " AS INTEGER), 0))", nil
		case cql2.Pow:
			return "power(" + l + ", " + r + ")", nil
		}
	}
	return "", unsupported(e)
}

// timeText formats an instant the way a date or timestamp column stores it.
func timeText(v time.Time, typ cql2.Type) string {
	if typ == cql2.TypeTimestamp {
		return v.UTC().Format("2006-01-02T15:04:05.000000Z")
	}
	return v.UTC().Format(mineaction.DateLayout)
}

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
	p, ok := e.Left.(cql2.Property)
	if !ok {
		return "", mineaction.Invalid("filter", "%s needs an array property on the left", e.Op)
	}
	q, ok := t.qs[p.Name]
	if !ok || q.Type != cql2.TypeStringArray {
		return "", mineaction.Invalid("filter", "%q is not an array", p.Name)
	}
	lit, ok := e.Right.(cql2.ArrayLit)
	if !ok {
		return "", mineaction.Invalid("filter", "%s needs an array literal on the right", e.Op)
	}
	params := make([]string, 0, len(lit.Elems))
	seen := map[string]bool{}
	for _, el := range lit.Elems {
		s, ok := el.(cql2.StringLit)
		if !ok {
			return "", mineaction.Invalid("filter", "array elements must be strings")
		}
		if seen[s.Value] {
			continue
		}
		seen[s.Value] = true
		params = append(params, t.param(s.Value))
	}
	return t.d.ArrayPred(e.Op, t.d.Column(q), params), nil
}

// Unbounded ends of intervals compare as the extremes of the text forms.
const (
	minTime = "0000-01-01"
	maxTime = "9999-12-31T23:59:59.999999Z"
)

// bounds returns the start and end SQL expressions of a temporal operand:
// an instant is an interval of zero length.
func (t *translator) bounds(e cql2.Expr, typ cql2.Type) (string, string, error) {
	switch e := e.(type) {
	case cql2.IntervalLit:
		start, err := t.bound(e.Start, typ, minTime)
		if err != nil {
			return "", "", err
		}
		end, err := t.bound(e.End, typ, maxTime)
		return start, end, err
	case cql2.Property:
		s, err := t.operand(e, typ)
		return s, s, err
	case cql2.DateLit, cql2.TimestampLit:
		s, err := t.operand(e, typ)
		return s, s, err
	}
	return "", "", unsupported(e)
}

func (t *translator) bound(e cql2.Expr, typ cql2.Type, open string) (string, error) {
	if _, ok := e.(cql2.Unbounded); ok {
		return t.d.Cast(t.param(open), typ), nil
	}
	return t.operand(e, typ)
}

func (t *translator) temporal(e cql2.TemporalPred) (string, error) {
	typ := t.typeOf(e.Left, e.Right)
	if iv, ok := e.Left.(cql2.IntervalLit); ok && typ == "" {
		typ = t.typeOf(iv.Start, iv.End)
	}
	if typ == "" {
		typ = cql2.TypeDate
	}
	as, ae, err := t.bounds(e.Left, typ)
	if err != nil {
		return "", err
	}
	bs, be, err := t.bounds(e.Right, typ)
	if err != nil {
		return "", err
	}
	c := func(parts ...string) string { return "(" + strings.Join(parts, " AND ") + ")" }
	switch e.Op {
	case cql2.TAfter:
		return c(as + " > " + be), nil
	case cql2.TBefore:
		return c(ae + " < " + bs), nil
	case cql2.TContains:
		return c(as+" < "+bs, ae+" > "+be), nil
	case cql2.TDisjoint:
		return "(NOT " + c(as+" <= "+be, ae+" >= "+bs) + ")", nil
	case cql2.TDuring:
		return c(as+" > "+bs, ae+" < "+be), nil
	case cql2.TEquals:
		return c(as+" = "+bs, ae+" = "+be), nil
	case cql2.TFinishedBy:
		return c(as+" < "+bs, ae+" = "+be), nil
	case cql2.TFinishes:
		return c(as+" > "+bs, ae+" = "+be), nil
	case cql2.TIntersects:
		return c(as+" <= "+be, ae+" >= "+bs), nil
	case cql2.TMeets:
		return c(ae + " = " + bs), nil
	case cql2.TMetBy:
		return c(as + " = " + be), nil
	case cql2.TOverlappedBy:
		return c(as+" > "+bs, as+" < "+be, ae+" > "+be), nil
	case cql2.TOverlaps:
		return c(as+" < "+bs, ae+" > "+bs, ae+" < "+be), nil
	case cql2.TStartedBy:
		return c(as+" = "+bs, ae+" > "+be), nil
	case cql2.TStarts:
		return c(as+" = "+bs, ae+" < "+be), nil
	}
	return "", fmt.Errorf("temporal operator %s: %w", e.Op, unsupported(e))
}
