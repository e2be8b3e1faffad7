package cql2

import (
	"strconv"
	"strings"
	"time"

	"mineaction/internal/geo"
)

// The cql2-text writer. Its output parses back (ParseText) to an equal tree,
// with one limit of the cql2-text grammar itself: a string value that
// contains a backslash directly followed by a quote, or ends in a backslash,
// has no cql2-text spelling (\' is an escaped quote); use cql2-json for those.

func writeText(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case And:
		writeJoined(b, n.Args, " AND ", func(a Expr) bool { _, and := a.(And); _, or := a.(Or); return and || or })
	case Or:
		writeJoined(b, n.Args, " OR ", func(a Expr) bool { _, or := a.(Or); return or })
	case Not:
		b.WriteString("NOT (")
		writeText(b, n.Arg)
		b.WriteByte(')')
	case Comparison:
		writeText(b, n.Left)
		b.WriteString(" " + string(n.Op) + " ")
		writeText(b, n.Right)
	case Like:
		writeText(b, n.Arg)
		b.WriteString(" LIKE ")
		writeText(b, n.Pattern)
	case Between:
		writeText(b, n.Arg)
		b.WriteString(" BETWEEN ")
		writeText(b, n.Low)
		b.WriteString(" AND ")
		writeText(b, n.High)
	case In:
		writeText(b, n.Arg)
		b.WriteString(" IN ")
		writeList(b, n.List)
	case IsNull:
		if isBoolean(n.Arg) {
			b.WriteByte('(')
			writeText(b, n.Arg)
			b.WriteByte(')')
		} else {
			writeText(b, n.Arg)
		}
		b.WriteString(" IS NULL")
	case SpatialPred:
		writeCall(b, strings.ToUpper(string(n.Op)), n.Left, n.Right)
	case TemporalPred:
		writeCall(b, strings.ToUpper(string(n.Op)), n.Left, n.Right)
	case ArrayPred:
		writeCall(b, strings.ToUpper(string(n.Op)), n.Left, n.Right)
	case Arith:
		writeArithOperand(b, n.Left)
		b.WriteString(" " + string(n.Op) + " ")
		writeArithOperand(b, n.Right)
	case Property:
		b.WriteString(quoteName(n.Name))
	case StringLit:
		b.WriteString(quoteString(n.Value))
	case NumberLit:
		b.WriteString(formatNumber(n))
	case BoolLit:
		if n.Value {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case DateLit:
		b.WriteString("DATE('" + formatDate(n.Value) + "')")
	case TimestampLit:
		b.WriteString("TIMESTAMP('" + formatTimestamp(n.Value) + "')")
	case Unbounded:
		b.WriteString("'..'")
	case IntervalLit:
		b.WriteString("INTERVAL(")
		writeIntervalEnd(b, n.Start)
		b.WriteString(", ")
		writeIntervalEnd(b, n.End)
		b.WriteByte(')')
	case GeometryLit:
		writeWKT(b, n.Geometry)
	case BBoxLit:
		b.WriteString("BBOX(" + formatFloat(n.West) + ", " + formatFloat(n.South) + ", " +
			formatFloat(n.East) + ", " + formatFloat(n.North) + ")")
	case ArrayLit:
		writeList(b, n.Elems)
	case CaseI:
		writeCall(b, "CASEI", n.Arg)
	case AccentI:
		writeCall(b, "ACCENTI", n.Arg)
	case nil:
		b.WriteString("<nil>")
	}
}

func writeJoined(b *strings.Builder, args []Expr, sep string, paren func(Expr) bool) {
	for i, a := range args {
		if i > 0 {
			b.WriteString(sep)
		}
		if paren(a) {
			b.WriteByte('(')
			writeText(b, a)
			b.WriteByte(')')
		} else {
			writeText(b, a)
		}
	}
}

func writeList(b *strings.Builder, list []Expr) {
	b.WriteByte('(')
	for i, a := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		writeText(b, a)
	}
	b.WriteByte(')')
}

func writeCall(b *strings.Builder, name string, args ...Expr) {
	b.WriteString(name)
	writeList(b, args)
}

func writeArithOperand(b *strings.Builder, e Expr) {
	if _, ok := e.(Arith); ok {
		b.WriteByte('(')
		writeText(b, e)
		b.WriteByte(')')
		return
	}
	writeText(b, e)
}

func writeIntervalEnd(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case DateLit:
		b.WriteString("'" + formatDate(n.Value) + "'")
	case TimestampLit:
		b.WriteString("'" + formatTimestamp(n.Value) + "'")
	default:
		writeText(b, e)
	}
}

func writeWKT(b *strings.Builder, g geo.Geometry) {
	points := func(ps []geo.Point) {
		b.WriteByte('(')
		for i, p := range ps {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatFloat(p.X) + " " + formatFloat(p.Y))
		}
		b.WriteByte(')')
	}
	polygon := func(p geo.Polygon) {
		b.WriteByte('(')
		for i, r := range p {
			if i > 0 {
				b.WriteString(", ")
			}
			points(r)
		}
		b.WriteByte(')')
	}
	switch g := g.(type) {
	case geo.Point:
		b.WriteString("POINT")
		points([]geo.Point{g})
	case geo.LineString:
		b.WriteString("LINESTRING")
		points(g)
	case geo.Polygon:
		b.WriteString("POLYGON")
		polygon(g)
	case geo.MultiPoint:
		b.WriteString("MULTIPOINT(")
		for i, p := range g {
			if i > 0 {
				b.WriteString(", ")
			}
			points([]geo.Point{p})
		}
		b.WriteByte(')')
	case geo.MultiPolygon:
		b.WriteString("MULTIPOLYGON(")
		for i, p := range g {
			if i > 0 {
				b.WriteString(", ")
			}
			polygon(p)
		}
		b.WriteByte(')')
	}
}

// quoteName writes a property name bare when it is an identifier that
// cannot be taken for a keyword, and in double quotes otherwise.
func quoteName(name string) string {
	if isIdentifier(name) && !isReserved(name) && !isFunctionName(name) {
		return name
	}
	return `"` + name + `"`
}

func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func formatNumber(n NumberLit) string {
	if n.IsInt {
		return strconv.FormatInt(n.Int, 10)
	}
	return formatFloat(n.Value)
}

// formatFloat writes the shortest form that parses back to the same value
// and still reads as a floating-point number (1.0, not 1).
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}

func formatDate(t time.Time) string { return t.UTC().Format("2006-01-02") }

func formatTimestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// String writes the expression as cql2-text.
func (n And) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Or) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Not) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Comparison) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Like) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Between) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n In) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n IsNull) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n SpatialPred) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n TemporalPred) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n ArrayPred) String() string { return textOf(n) }

// String writes the expression as cql2-text.
func (n Arith) String() string { return textOf(n) }

// String writes the property name, quoted when needed.
func (n Property) String() string { return textOf(n) }

// String writes the literal in single quotes.
func (n StringLit) String() string { return textOf(n) }

// String writes the number.
func (n NumberLit) String() string { return textOf(n) }

// String writes TRUE or FALSE.
func (n BoolLit) String() string { return textOf(n) }

// String writes DATE('...').
func (n DateLit) String() string { return textOf(n) }

// String writes TIMESTAMP('...').
func (n TimestampLit) String() string { return textOf(n) }

// String writes '..'.
func (n Unbounded) String() string { return textOf(n) }

// String writes INTERVAL(start, end).
func (n IntervalLit) String() string { return textOf(n) }

// String writes the geometry as WKT.
func (n GeometryLit) String() string { return textOf(n) }

// String writes BBOX(west, south, east, north).
func (n BBoxLit) String() string { return textOf(n) }

// String writes the array in parentheses.
func (n ArrayLit) String() string { return textOf(n) }

// String writes CASEI(...).
func (n CaseI) String() string { return textOf(n) }

// String writes ACCENTI(...).
func (n AccentI) String() string { return textOf(n) }

func textOf(e Expr) string {
	var b strings.Builder
	writeText(&b, e)
	return b.String()
}
