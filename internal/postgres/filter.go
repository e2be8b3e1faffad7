package postgres

import (
	"fmt"
	"strings"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlfilter"
)

// dialect is PostgreSQL's side of the CQL2 translation. Text compares in
// the "C" collation (by code point, as the evaluator does); CASEI and
// ACCENTI call the SQL functions of migration 0002, which apply the same
// tables as cql2.FoldCase and cql2.FoldAccents.
type dialect struct{}

var columns = map[string]string{
	"hid": "r.hid", "organisation": "o.code", "status": "NULLIF(r.status, '')", "category": "NULLIF(r.category, '')",
	"event_date": "r.event_date", "quantity": "r.quantity", "doi": "r.doi", "admin_area": "a.code",
	"updated_at": "r.updated_at", "geometry": "r.geom",
	"original_m2": "f.original_m2", "cancelled_m2": "f.cancelled_m2", "reduced_m2": "f.reduced_m2",
	"cleared_m2": "f.cleared_m2", "remaining_m2": "f.remaining_m2",
}

func (dialect) Param(n int) string { return fmt.Sprintf("$%d", n) }

func (dialect) Column(q mineaction.Queryable) string {
	if q.Prop == "" {
		return columns[q.Column]
	}
	// Prop comes from the domain's fixed table, never from a client.
	text := "(r.props->>'" + q.Prop + "')"
	switch q.Type {
	case cql2.TypeInteger:
		return "(" + text + "::bigint)"
	case cql2.TypeNumber:
		return "(" + text + "::double precision)"
	case cql2.TypeBoolean:
		return "(" + text + "::boolean)"
	case cql2.TypeDate:
		return "mineaction_date" + text
	case cql2.TypeTimestamp:
		return "(" + text + "::timestamptz)"
	case cql2.TypeStringArray:
		// JSON null is SQL NULL, as an absent property is.
		j := "(r.props->'" + q.Prop + "')"
		return "(CASE WHEN json_typeof(" + j + ") <> 'null' THEN " + j + " END)"
	}
	return "(" + text + ` COLLATE "C")`
}

func (dialect) Fold(expr string, casei, accenti bool) string {
	if casei {
		expr = "mineaction_casei(" + expr + ")"
	}
	if accenti {
		expr = "mineaction_accenti(" + expr + ")"
	}
	return "(" + expr + ` COLLATE "C")`
}

var spatialFuncs = map[string]string{
	"intersects": "ST_Intersects", "disjoint": "ST_Disjoint", "contains": "ST_Contains", "within": "ST_Within",
	"equals": "ST_Equals", "overlaps": "ST_Overlaps", "touches": "ST_Touches", "crosses": "ST_Crosses",
}

// Spatial uses PostGIS. The translator binds the literal's box too, so it
// is used: every relation but disjoint implies that the boxes meet, which
// && answers from the GiST index.
func (dialect) Spatial(rel, column, param string, box [4]string) string {
	fn, ok := spatialFuncs[rel]
	if !ok {
		fn = "ST_" + rel // unreachable: the parser knows only the eight
	}
	env := column + " && ST_MakeEnvelope(" + strings.Join(box[:], ", ") + ", 4326)"
	exact := fn + "(" + column + ", " + geomIn(param) + ")"
	if rel == "disjoint" {
		return "(NOT (" + env + ") OR " + exact + ")"
	}
	return "(" + env + " AND " + exact + ")"
}

func inList(expr string, params []string) string {
	if len(params) == 0 {
		return "false"
	}
	return "(" + expr + " IN (" + strings.Join(params, ", ") + "))"
}

// ArrayPred compares the string elements of a JSON array; an element that
// is not a string equals no literal, as in the evaluator.
func (dialect) ArrayPred(op cql2.ArrayOp, column string, params []string) string {
	elems := "json_array_elements(" + column + ") j"
	str, text := "json_typeof(j) = 'string'", "(j #>> '{}')"
	var cond string
	switch op {
	case cql2.AContains:
		cond = fmt.Sprintf("(SELECT count(DISTINCT %s) FROM %s WHERE %s AND %s) = %d", text, elems, str, inList(text, params), len(params))
	case cql2.AContainedBy:
		cond = fmt.Sprintf("NOT EXISTS (SELECT 1 FROM %s WHERE NOT (%s AND %s))", elems, str, inList(text, params))
	case cql2.AOverlaps:
		cond = fmt.Sprintf("EXISTS (SELECT 1 FROM %s WHERE %s AND %s)", elems, str, inList(text, params))
	default: // A_EQUALS: element by element, in order
		cond = fmt.Sprintf("json_array_length(%s) = %d", column, len(params))
		for i, p := range params {
			cond += fmt.Sprintf(" AND json_typeof(%[1]s->%[2]d) = 'string' AND (%[1]s->>%[2]d) = %[3]s", column, i, p)
		}
	}
	return fmt.Sprintf("(CASE WHEN %[1]s IS NULL OR json_typeof(%[1]s) <> 'array' THEN NULL ELSE (%[2]s) END)", column, cond)
}

var casts = map[cql2.Type]string{
	cql2.TypeString: "text", cql2.TypeInteger: "bigint", cql2.TypeNumber: "double precision",
	cql2.TypeBoolean: "boolean", cql2.TypeDate: "date", cql2.TypeTimestamp: "timestamptz",
}

func (dialect) Cast(param string, t cql2.Type) string {
	if c, ok := casts[t]; ok {
		return "(" + param + "::" + c + ")"
	}
	return param
}

func (dialect) DateAsTimestamp(expr string) string {
	return "((" + expr + ")::timestamp AT TIME ZONE 'UTC')"
}

func (dialect) Float(expr string) string { return "((" + expr + ")::double precision)" }

// Like uses LIKE with the default escape, the backslash; a literal %, _ or
// backslash is escaped.
func (dialect) Like(arg string, pattern []sqlfilter.LikeElem, bind func(any) string) string {
	var b strings.Builder
	for _, e := range pattern {
		switch {
		case e.Wild != 0:
			b.WriteByte(e.Wild)
		case e.Char == '%' || e.Char == '_' || e.Char == '\\':
			b.WriteString(`\` + string(e.Char))
		default:
			b.WriteRune(e.Char)
		}
	}
	return arg + " LIKE " + bind(b.String())
}

// translateFilter turns a CQL2 filter on the queryables of t into SQL whose
// placeholders are numbered from first.
func translateFilter(t mineaction.RecordType, e cql2.Expr, first int) (string, []any, error) {
	return sqlfilter.Translate(e, mineaction.Queryables(t), dialect{}, first)
}
