package sqlite

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlfilter"

	"modernc.org/sqlite"
)

// dialect is SQLite's side of the CQL2 translation.
type dialect struct{}

var columns = map[string]string{
	"hid": "r.hid", "organisation": "o.code", "status": "NULLIF(r.status, '')", "category": "NULLIF(r.category, '')",
	"event_date": "NULLIF(r.event_date, '')", "quantity": "r.quantity", "doi": "r.doi", "admin_area": "a.code",
	"updated_at": "r.updated_at", "geometry": "r.geom",
	"original_m2": "f.original_m2", "cancelled_m2": "f.cancelled_m2", "reduced_m2": "f.reduced_m2",
	"cleared_m2": "f.cleared_m2", "remaining_m2": "f.remaining_m2",
}

// Param numbers placeholders (?NNN): the translator binds arguments in the
// order it meets them, which is not always the order they appear in the
// SQL text (an interval's end may be written before its start).
func (dialect) Param(n int) string { return "?" + strconv.Itoa(n) }

func (dialect) Column(q mineaction.Queryable) string {
	if q.Prop != "" {
		// Prop comes from the domain's fixed table, never from a client.
		return "json_extract(r.props, '$." + q.Prop + "')"
	}
	return columns[q.Column]
}

func (dialect) Fold(expr string, casei, accenti bool) string {
	return fmt.Sprintf("mineaction_fold(%s, %d, %d)", expr, b2i(casei), b2i(accenti))
}

func (dialect) Spatial(rel, column, param string, box [4]string) string {
	cond := fmt.Sprintf("mineaction_relate('%s', %s, %s) = 1", rel, column, param)
	if rel == "disjoint" {
		return "(" + cond + ")"
	}
	// Every other relation implies that the boxes meet: use the R*Tree.
	// A record without geometry must give NULL, not false, as the
	// evaluator does, so that NOT of the relation does not select it.
	return fmt.Sprintf("((%s IS NULL OR r.id IN (SELECT id FROM records_rtree WHERE maxx >= %s AND maxy >= %s AND minx <= %s AND miny <= %s)) AND %s)",
		column, box[0], box[1], box[2], box[3], cond)
}

func (dialect) ArrayPred(op cql2.ArrayOp, column string, params []string) string {
	list := strings.Join(params, ", ")
	var cond string
	switch op {
	case cql2.AContains:
		cond = fmt.Sprintf("(SELECT count(DISTINCT value) FROM json_each(%s) WHERE value IN (%s)) = %d", column, list, len(params))
	case cql2.AContainedBy:
		cond = fmt.Sprintf("NOT EXISTS (SELECT 1 FROM json_each(%s) WHERE value IS NULL OR value NOT IN (%s))", column, list)
	case cql2.AOverlaps:
		cond = fmt.Sprintf("EXISTS (SELECT 1 FROM json_each(%s) WHERE value IN (%s))", column, list)
	default: // A_EQUALS: element by element, in order
		cond = fmt.Sprintf("json_array_length(%s) = %d", column, len(params))
		for i, p := range params {
			cond += fmt.Sprintf(" AND json_extract(%s, '$[%d]') IS %s", column, i, p)
		}
	}
	return fmt.Sprintf("(CASE WHEN %s IS NULL THEN NULL ELSE (%s) END)", column, cond)
}

func (dialect) Cast(param string, _ cql2.Type) string { return param }

func (dialect) DateAsTimestamp(expr string) string { return "(" + expr + " || 'T00:00:00.000000Z')" }

func (dialect) Float(expr string) string { return "CAST(" + expr + " AS REAL)" }

// Like uses GLOB: SQLite's LIKE ignores the case of ASCII letters, and
// CQL2's LIKE does not.
func (dialect) Like(arg string, pattern []sqlfilter.LikeElem, bind func(any) string) string {
	var b strings.Builder
	for _, e := range pattern {
		switch {
		case e.Wild == '%':
			b.WriteByte('*')
		case e.Wild == '_':
			b.WriteByte('?')
		case e.Char == '*' || e.Char == '?' || e.Char == '[':
			b.WriteString("[" + string(e.Char) + "]")
		default:
			b.WriteRune(e.Char)
		}
	}
	return arg + " GLOB " + bind(b.String())
}

// translateFilter turns a CQL2 filter on the queryables of t into SQL whose
// placeholders are numbered from first.
func translateFilter(t mineaction.RecordType, e cql2.Expr, first int) (string, []any, error) {
	return sqlfilter.Translate(e, mineaction.Queryables(t), dialect{}, first)
}

var registerOnce sync.Once

// registerFunctions adds the SQL functions filters use: exact spatial
// relations through GEOS and the CQL2 case and accent folding.
func registerFunctions() {
	registerOnce.Do(func() {
		sqlite.MustRegisterDeterministicScalarFunction("mineaction_relate", 3, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			rel, _ := args[0].(string)
			a, _ := args[1].([]byte)
			b, _ := args[2].([]byte)
			if a == nil || b == nil {
				return nil, nil
			}
			ga, err := geo.UnmarshalWKB(a)
			if err != nil {
				return nil, err
			}
			gb, err := geo.UnmarshalWKB(b)
			if err != nil {
				return nil, err
			}
			ok, err := relate(rel, ga, gb)
			if err != nil {
				return nil, err
			}
			return int64(b2i(ok)), nil
		})
		sqlite.MustRegisterDeterministicScalarFunction("mineaction_fold", 3, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			s, ok := args[0].(string)
			if !ok {
				return args[0], nil
			}
			if args[1] == int64(1) {
				s = cql2.FoldCase(s)
			}
			if args[2] == int64(1) {
				s = cql2.FoldAccents(s)
			}
			return s, nil
		})
	})
}

func relate(rel string, a, b geo.Geometry) (bool, error) { return geos.Spatial{}.Relate(rel, a, b) }
