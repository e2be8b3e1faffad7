package sqlite

import (
	"database/sql/driver"
	"fmt"
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

func (dialect) Param(int) string { return "?" }

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
	return fmt.Sprintf("(r.id IN (SELECT id FROM records_rtree WHERE maxx >= %s AND maxy >= %s AND minx <= %s AND miny <= %s) AND %s)",
		box[0], box[1], box[2], box[3], cond)
}

func (dialect) ArrayPred(op cql2.ArrayOp, column string, params []string) string {
	list := strings.Join(params, ", ")
	contains := fmt.Sprintf("((SELECT count(DISTINCT value) FROM json_each(COALESCE(%s, '[]')) WHERE value IN (%s)) = %d)", column, list, len(params))
	containedBy := fmt.Sprintf("(NOT EXISTS (SELECT 1 FROM json_each(COALESCE(%s, '[]')) WHERE value NOT IN (%s)))", column, list)
	switch op {
	case cql2.AContains:
		return contains
	case cql2.AContainedBy:
		return containedBy
	case cql2.AOverlaps:
		return fmt.Sprintf("(EXISTS (SELECT 1 FROM json_each(COALESCE(%s, '[]')) WHERE value IN (%s)))", column, list)
	}
	return "(" + contains + " AND " + containedBy + ")"
}

func (dialect) Cast(param string, _ cql2.Type) string { return param }

// translateFilter turns a CQL2 filter on the queryables of t into SQL.
func translateFilter(t mineaction.RecordType, e cql2.Expr) (string, []any, error) {
	return sqlfilter.Translate(e, mineaction.Queryables(t), dialect{}, 1)
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

func relate(rel string, a, b geo.Geometry) (bool, error) {
	switch rel {
	case "intersects":
		return geos.Intersects(a, b)
	case "disjoint":
		return geos.Disjoint(a, b)
	case "contains":
		return geos.Contains(a, b)
	case "within":
		return geos.Within(a, b)
	case "equals":
		return geos.Equals(a, b)
	case "overlaps":
		return geos.Overlaps(a, b)
	case "touches":
		return geos.Touches(a, b)
	case "crosses":
		return geos.Crosses(a, b)
	}
	return false, fmt.Errorf("unknown spatial relation %q", rel)
}
