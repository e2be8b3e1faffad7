// Package sqlfilter translates a CQL2 filter into a parameterised SQL
// condition for one of the stores. Property names are looked up in the
// domain's fixed table of queryables and turned into SQL by the store's
// dialect; every literal becomes a bound parameter. No text from the client
// ever becomes SQL.
//
// The reference for what a filter selects is the in-memory evaluator,
// cql2.EvalWith: the translation keeps its semantics (three-valued logic
// with NULLs, strings by code point, dates as instants at 00:00 UTC, closed
// intervals, A_EQUALS in order, exact spatial relations), and the
// conformance suite in internal/storetest checks both stores against it.
// Where SQL cannot follow it the translation refuses the filter rather than
// answer differently: LIKE patterns must be literals, '%' needs integers.
// Two differences remain: a division by zero gives NULL (the evaluator
// fails), and integer overflow in arithmetic fails on PostgreSQL.
package sqlfilter

import (
	"strings"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
)

// Dialect is what differs between SQLite and PostgreSQL.
type Dialect interface {
	// Param returns the placeholder of the n-th bound argument (1-based).
	Param(n int) string
	// Column returns the SQL expression that reads a queryable; it is NULL
	// where the feature has no value.
	Column(q mineaction.Queryable) string
	// Fold wraps a text expression for CASEI and/or ACCENTI, exactly as
	// cql2.FoldCase and cql2.FoldAccents fold.
	Fold(expr string, casei, accenti bool) string
	// Spatial returns a condition relating the geometry column to a WKB
	// parameter, e.g. ST_Intersects(geom, ST_GeomFromWKB($1)), that is NULL
	// when the column is NULL. box holds the placeholders of the literal's
	// bounding box (minx, miny, maxx, maxy) for a spatial index.
	Spatial(relation, column, param string, box [4]string) string
	// ArrayPred returns a condition relating a JSON array column to a list
	// of text parameters, NULL when the column is NULL. For A_EQUALS the
	// list is the literal's elements in order; for the other operators it
	// has no duplicates. The list may be empty.
	ArrayPred(op cql2.ArrayOp, column string, params []string) string
	// Cast turns a bound parameter into the SQL type of a queryable type
	// where the database needs it (PostgreSQL), or returns it unchanged.
	Cast(param string, t cql2.Type) string
	// DateAsTimestamp turns a date expression into the timestamp of its
	// midnight UTC, comparable with timestamp columns and parameters.
	DateAsTimestamp(expr string) string
	// Float turns a numeric expression into a double precision one.
	Float(expr string) string
	// Like returns a case-sensitive LIKE condition on arg: the pattern is
	// given parsed, and bind binds the dialect's form of it.
	Like(arg string, pattern []LikeElem, bind func(any) string) string
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
		return boolSQL(e.Value), nil
	case cql2.Comparison:
		return t.compare(string(e.Op), e.Left, e.Right)
	case cql2.Like:
		return t.like(e)
	case cql2.Between:
		return t.between(e)
	case cql2.In:
		typ := t.mode(append([]cql2.Expr{e.Arg}, e.List...)...)
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

func boolSQL(b bool) string {
	if b {
		return "(1 = 1)"
	}
	return "(1 = 0)"
}

// guard makes cond NULL when one of exprs is NULL: the evaluator answers
// "unknown" as soon as an operand is NULL, where SQL's AND and OR of the
// parts could still be true or false.
func guard(cond string, exprs ...string) string {
	if len(exprs) == 0 {
		return cond
	}
	nulls := make([]string, len(exprs))
	for i, e := range exprs {
		nulls[i] = e + " IS NULL"
	}
	return "(CASE WHEN " + strings.Join(nulls, " OR ") + " THEN NULL ELSE " + cond + " END)"
}

func (t *translator) compare(op string, left, right cql2.Expr) (string, error) {
	typ := t.mode(left, right)
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

func (t *translator) between(e cql2.Between) (string, error) {
	typ := t.mode(e.Arg, e.Low, e.High)
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
	var nullable []string
	for i, x := range []cql2.Expr{e.Low, e.High} {
		if !isLiteral(x) {
			nullable = append(nullable, []string{lo, hi}[i])
		}
	}
	return guard("("+a+" BETWEEN "+lo+" AND "+hi+")", nullable...), nil
}

func (t *translator) like(e cql2.Like) (string, error) {
	pat, ok := literalText(e.Pattern)
	if !ok {
		return "", mineaction.Invalid("filter", "the pattern of LIKE must be a text literal here")
	}
	a, err := t.operand(e.Arg, cql2.TypeString)
	if err != nil {
		return "", err
	}
	return "(" + t.d.Like(a, ParseLike(pat), t.param) + ")", nil
}

// literalText returns the value of a text literal, folded as CASEI and
// ACCENTI around it say.
func literalText(e cql2.Expr) (string, bool) {
	switch x := e.(type) {
	case cql2.StringLit:
		return x.Value, true
	case cql2.CaseI:
		s, ok := literalText(x.Arg)
		return cql2.FoldCase(s), ok
	case cql2.AccentI:
		s, ok := literalText(x.Arg)
		return cql2.FoldAccents(s), ok
	}
	return "", false
}

// isLiteral reports whether e holds no property, so can never be NULL.
func isLiteral(e cql2.Expr) bool {
	switch x := e.(type) {
	case cql2.Property:
		return false
	case cql2.CaseI:
		return isLiteral(x.Arg)
	case cql2.AccentI:
		return isLiteral(x.Arg)
	case cql2.Arith:
		return isLiteral(x.Left) && isLiteral(x.Right)
	case cql2.IntervalLit:
		return isLiteral(x.Start) && isLiteral(x.End)
	}
	return true
}
