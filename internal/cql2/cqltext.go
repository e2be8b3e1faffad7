package cql2

import (
	"strconv"
	"time"
)

// ParseCQLText parses the pre-standard "cql-text" that GDAL's OAPIF driver
// (GDAL 3.6, ogr/ogrsf_frmts/wfs/ogroapifdriver.cpp, BuildFilterCQLText)
// sends as filter=...&filter-lang=cql-text when it translates an
// ogrinfo/ogr2ogr -where clause. GDAL only does so when the server's OpenAPI
// document lists "cql-text" in the enum of the items operation's filter-lang
// parameter, and only for properties it finds as query parameters of that
// operation (or in a legacy {"queryables":[{"id":...}]} document linked
// with rel="queryables"); everything else it filters client-side.
//
// What GDAL 3.6 emits, and so what this parser accepts:
//
//   - (A) AND (B), (A) OR (B), NOT (A): every operand parenthesised;
//     BETWEEN is first rewritten by OGR as (x >= a) AND (x <= b).
//   - (name IS NULL); IS NOT NULL arrives as NOT ((name IS NULL)).
//   - name OP literal with OP one of = <> > >= < <= LIKE ILIKE, the property
//     always bare on the left (the raw OGR field name, never quoted), the
//     literal always on the right.
//   - string literals in single quotes with ' doubled; a backslash is an
//     ordinary character (no \' escape, unlike cql2-text);
//   - integers printed as %lld (-5) and reals as %.16g (0.1, 1e+20);
//   - date and date-time values as plain string literals, not DATE() or
//     TIMESTAMP(): '2024-05-01T' (a date: note the trailing T),
//     '2024-05-01T10Z', '2024-05-01T10:30Z' and '2024-05-01T10:30:00Z'
//     (seconds truncated). Pass the tree through CoerceLiterals with the
//     queryables to turn them into DateLit and TimestampLit values;
//   - boolean fields are OGR integers, so a flag arrives as flag = 1;
//     CoerceLiterals turns 0 and 1 compared with a boolean property into
//     FALSE and TRUE.
//
// Differences from cql2-text, all handled here: ILIKE is accepted and
// becomes CASEI(x) LIKE CASEI('pattern'); LIKE patterns have no escape
// character (OGR SQL patterns do not), so a backslash in the pattern is
// stored escaped; there is no \' string escape. Also accepted, because
// cql2-text shares them: double-quoted property names, TRUE/FALSE, BETWEEN,
// IN, NOT LIKE and free use of parentheses and keyword case. Refused with a
// pointer to filter-lang=cql2-text: CASEI, ACCENTI, DATE, TIMESTAMP,
// INTERVAL, BBOX, WKT literals, S_/T_/A_ predicates and arithmetic. Field
// names that are not CQL2 identifiers (spaces, hyphens) cannot be parsed,
// since GDAL does not quote them: keep queryable names to letters, digits,
// '_', '.' and ':'.
func ParseCQLText(s string) (Expr, error) { return parseText(s, true) }

// CoerceLiterals returns e with literals converted to the type of the
// property they are compared with (by =, <>, <, <=, >, >=, BETWEEN or IN),
// as the untyped literals of cql-text need:
//
//   - a string compared with a date or timestamp property becomes a DateLit
//     or TimestampLit when it reads as one, in cql2 form or in the truncated
//     forms GDAL 3.6 writes ('2024-05-01T', '2024-05-01T10Z',
//     '2024-05-01T10:30Z'); a date-only value compared with a timestamp
//     property becomes midnight UTC;
//   - the integers 0 and 1 compared with a boolean property become FALSE and
//     TRUE.
//
// Anything else is left alone, for Check to report. Use it for cql-text
// only: cql2 input carries typed literals and should be checked as sent.
func CoerceLiterals(e Expr, q Queryables) Expr {
	switch n := e.(type) {
	case And:
		args := make([]Expr, len(n.Args))
		for i, a := range n.Args {
			args[i] = CoerceLiterals(a, q)
		}
		return And{Args: args}
	case Or:
		args := make([]Expr, len(n.Args))
		for i, a := range n.Args {
			args[i] = CoerceLiterals(a, q)
		}
		return Or{Args: args}
	case Not:
		return Not{Arg: CoerceLiterals(n.Arg, q)}
	case Comparison:
		if t, ok := propertyType(n.Left, q); ok {
			return Comparison{Op: n.Op, Left: n.Left, Right: coerce(n.Right, t)}
		}
		if t, ok := propertyType(n.Right, q); ok {
			return Comparison{Op: n.Op, Left: coerce(n.Left, t), Right: n.Right}
		}
	case Between:
		if t, ok := propertyType(n.Arg, q); ok {
			return Between{Arg: n.Arg, Low: coerce(n.Low, t), High: coerce(n.High, t)}
		}
	case In:
		if t, ok := propertyType(n.Arg, q); ok {
			list := make([]Expr, len(n.List))
			for i, a := range n.List {
				list[i] = coerce(a, t)
			}
			return In{Arg: n.Arg, List: list}
		}
	}
	return e
}

func propertyType(e Expr, q Queryables) (Type, bool) {
	p, ok := e.(Property)
	if !ok {
		return "", false
	}
	t, ok := q[p.Name]
	return t, ok
}

func coerce(e Expr, t Type) Expr {
	switch lit := e.(type) {
	case StringLit:
		if t != TypeDate && t != TypeTimestamp {
			return e
		}
		v, isDate, ok := parseLooseInstant(lit.Value)
		switch {
		case !ok:
			return e
		case isDate && t == TypeDate:
			return DateLit{Value: v}
		case t == TypeDate && v.Equal(v.Truncate(24*time.Hour)):
			return DateLit{Value: v}
		default:
			return TimestampLit{Value: v}
		}
	case NumberLit:
		if t == TypeBoolean && lit.IsInt && (lit.Int == 0 || lit.Int == 1) {
			return BoolLit{Value: lit.Int == 1}
		}
	}
	return e
}

// parseLooseInstant reads a cql2 date or timestamp, or one of GDAL 3.6's
// truncated forms YYYY-MM-DDT, YYYY-MM-DDThhZ and YYYY-MM-DDThh:mmZ.
func parseLooseInstant(s string) (time.Time, bool, bool) {
	if e, msg := parseInstant(s, ""); msg == "" {
		if d, ok := e.(DateLit); ok {
			return d.Value, true, true
		}
		return e.(TimestampLit).Value, false, true
	}
	if len(s) < 11 || s[10] != 'T' {
		return time.Time{}, false, false
	}
	day, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false, false
	}
	rest := s[11:]
	switch {
	case rest == "":
		return day, true, true
	case len(rest) == 3 && digitsAt(rest, 0, 2) && rest[2] == 'Z':
		h, _ := strconv.Atoi(rest[:2])
		if h < 24 {
			return day.Add(time.Duration(h) * time.Hour), false, true
		}
	case len(rest) == 6 && digitsAt(rest, 0, 2) && rest[2] == ':' && digitsAt(rest, 3, 2) && rest[5] == 'Z':
		h, _ := strconv.Atoi(rest[:2])
		m, _ := strconv.Atoi(rest[3:5])
		if h < 24 && m < 60 {
			return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute), false, true
		}
	}
	return time.Time{}, false, false
}
