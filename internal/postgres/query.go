package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

// where collects conditions and numbered arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// bboxCond selects rows whose exact bounding box (the minx..maxy columns of
// alias) meets q's: the GiST index on geom finds candidates with &&, whose
// boxes are single precision rounded outwards, and the exact columns decide,
// so a geometry that touches the box's edge is found and one a hair outside
// is not.
func (w *where) bboxCond(alias string, minX, minY, maxX, maxY float64) {
	env := fmt.Sprintf("ST_MakeEnvelope(%s, %s, %s, %s, 4326)", w.arg(minX), w.arg(minY), w.arg(maxX), w.arg(maxY))
	w.add(fmt.Sprintf("%[1]s.geom && %[2]s AND %[1]s.minx <= $%[4]d AND %[1]s.maxx >= $%[3]d AND %[1]s.miny <= $%[6]d AND %[1]s.maxy >= $%[5]d",
		alias, env, len(w.args)-3, len(w.args)-1, len(w.args)-2, len(w.args)))
}

// recordWhere builds the WHERE clause of a record query. Every value is a
// bound parameter; column names come from this file or from the filter
// translator's fixed table of queryables.
func recordWhere(q mineaction.RecordQuery) (*where, error) {
	w := &where{}
	switch {
	case q.Type.Valid():
		// A literal, not a parameter: a prepared statement's generic plan
		// cannot use the type's partial spatial index (migration 0004)
		// when the type is a parameter. Valid types are fixed identifiers.
		w.add("r.type = '" + string(q.Type) + "'")
	case q.Type != "":
		w.add("r.type = " + w.arg(string(q.Type)))
	}
	if !q.IncludeDeleted {
		w.add("NOT r.deleted")
	}
	if q.BBox != nil {
		w.bboxCond("r", q.BBox.MinX, q.BBox.MinY, q.BBox.MaxX, q.BBox.MaxY)
	}
	if q.Organisation != "" {
		w.add("o.code = " + w.arg(q.Organisation))
	}
	if len(q.Status) > 0 {
		w.add("r.status = ANY(" + w.arg(q.Status) + "::text[])")
	}
	if q.DateFrom != "" {
		w.add("r.event_date >= " + w.arg(string(q.DateFrom)) + "::date")
	}
	if q.DateTo != "" {
		w.add("r.event_date <= " + w.arg(string(q.DateTo)) + "::date")
	}
	if q.LinkedTo != 0 {
		w.add("r.id IN (SELECT record_id FROM record_links WHERE target_id = " + w.arg(q.LinkedTo) + ")")
	}
	if q.AfterID != 0 {
		w.add("r.id > " + w.arg(q.AfterID))
	}
	if q.BeforeID != 0 {
		w.add("r.id < " + w.arg(q.BeforeID))
	}
	if q.Filter != nil {
		sqlText, fargs, err := translateFilter(q.Type, q.Filter, len(w.args)+1)
		if err != nil {
			return nil, err
		}
		w.add(sqlText)
		w.args = append(w.args, fargs...)
	}
	return w, nil
}

// figuresJoin joins the land release figures when a filter may use them
// or the caller wants them.
func figuresJoin(q mineaction.RecordQuery) string {
	if q.Type == mineaction.TypeHazard && (q.Filter != nil || q.WithFigures) {
		return " LEFT JOIN figures f ON f.hazard_id = r.id"
	}
	return ""
}

const figureCols = ", f.version, f.original_m2, f.cancelled_m2, f.reduced_m2, f.cleared_m2, f.remaining_m2"

func (t *txn) Records(ctx context.Context, q mineaction.RecordQuery) ([]*mineaction.RecordState, error) {
	w, err := recordWhere(q)
	if err != nil {
		return nil, err
	}
	withFigures := q.WithFigures && q.Type == mineaction.TypeHazard
	cols := recordCols
	if q.IndexOnly {
		cols = indexCols
	}
	if withFigures {
		cols += figureCols
	}
	query := "SELECT " + cols + recordFrom + figuresJoin(q) + w.sql() + " ORDER BY r.id"
	if q.BeforeID != 0 {
		query += " DESC" // the last Limit before BeforeID; reversed below
	}
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.tx.Query(ctx, query, w.args...)
	if err != nil {
		return nil, storeErr("records", err)
	}
	scan := scanRecord
	if withFigures {
		scan = scanRecordFigures
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.RecordState, error) { return scan(r) })
	if err != nil {
		return nil, storeErr("records", err)
	}
	if q.BeforeID != 0 {
		slices.Reverse(out)
	}
	if q.IndexOnly {
		return out, nil
	}
	return out, t.links(ctx, out...)
}

func (t *txn) CountRecords(ctx context.Context, q mineaction.RecordQuery) (int, error) {
	w, err := recordWhere(q)
	if err != nil {
		return 0, err
	}
	var n int
	err = t.tx.QueryRow(ctx, "SELECT count(*)"+recordFrom+figuresJoin(q)+w.sql(), w.args...).Scan(&n)
	return n, storeErr("records", err)
}

// groupColumns are the Aggregate keys; the empty string stands for no
// value, as in SQLite.
var groupColumns = map[string]string{
	"status": "r.status", "category": "r.category", "admin_area": "COALESCE(a.code, '')", "organisation": "o.code",
	"year": "COALESCE(to_char(r.event_date, 'YYYY'), '')", "month": "COALESCE(to_char(r.event_date, 'YYYY-MM'), '')",
}

func (t *txn) Aggregate(ctx context.Context, q mineaction.AggregateQuery) ([]mineaction.AggregateRow, error) {
	w, err := recordWhere(mineaction.RecordQuery{Type: q.Type, DateFrom: q.DateFrom, DateTo: q.DateTo})
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(q.GroupBy))
	for i, g := range q.GroupBy {
		col, ok := groupColumns[g]
		if !ok {
			return nil, fmt.Errorf("aggregate: unknown group %q", g)
		}
		keys[i] = col + ` COLLATE "C"`
	}
	sel, group := "", ""
	if len(keys) > 0 {
		sel = strings.Join(keys, ", ") + ", "
		group = " GROUP BY " + strings.Join(keys, ", ") + " ORDER BY " + strings.Join(keys, ", ")
	}
	rows, err := t.tx.Query(ctx, "SELECT "+sel+"count(*), COALESCE(sum(r.quantity), 0)::bigint"+recordFrom+w.sql()+group, w.args...)
	if err != nil {
		return nil, storeErr("aggregate", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (mineaction.AggregateRow, error) {
		row := mineaction.AggregateRow{Keys: make([]string, len(keys))}
		dest := make([]any, 0, len(keys)+2)
		for i := range row.Keys {
			dest = append(dest, &row.Keys[i])
		}
		dest = append(dest, &row.Count, &row.Quantity)
		return row, r.Scan(dest...)
	})
	return out, storeErr("aggregate", err)
}
