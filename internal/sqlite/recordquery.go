package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"mineaction/internal/mineaction"
)

// Record queries select in two steps: the ids of the rows wanted first,
// in id order and up to the limit, from the R*Tree and the indexed
// columns, then the whole rows of those ids. Whatever plan SQLite picks
// for the selection (an index that does not give id order, as the date
// index does, means a sort), what it sorts or walks past is ids, not
// properties documents and geometries. A query that selects by type, box
// and cursor alone reads its rows in one step (direct): the R*Tree's
// candidates or the type index give id order, and each row is looked up
// once where the two steps would look it up twice and keep its id in an
// ephemeral index between them.
//
// A bounding box is looked up one of two ways. The R*Tree's candidates,
// kept in an ephemeral index, can be read in id order and looked up by
// rowid: the cost is one insertion per candidate, cheap for a small box
// and much for a large one. Or the type index, which carries the box
// columns, can be walked in id order, each entry tested against the box:
// the cost is one index entry per record of the type walked past, cheap
// when the box holds many of them, since a page then stops early. A page of a box (boxpage.go) walks a few times the
// page's length and asks the R*Tree for the rest, unless the R*Tree has
// fewer candidates than that; queries without a limit (a tile wants every
// record in its box) and counts use the R*Tree.

// recordWhere builds the WHERE clause of a record query. Every value is a
// bound parameter; column names come from this file or from the filter
// translator's fixed table of queryables. With rtree, a bounding box is
// looked up in the R*Tree (else only the exact box columns are tested).
func recordWhere(q mineaction.RecordQuery, rtree bool) (string, []any, error) {
	conds := []string{"1 = 1"}
	var args []any
	// With the R*Tree, its candidates must drive the query, looked up by
	// rowid in id order. "+" keeps the planner from probing the type index
	// with each of them instead, which costs more and, in some versions of
	// SQLite (3.40, for one), sorts the whole selection.
	noIndex := ""
	if q.BBox != nil && rtree {
		noIndex = "+"
	}
	if q.Type != "" {
		conds = append(conds, noIndex+"r.type = ?")
		args = append(args, string(q.Type))
	}
	if !q.IncludeDeleted {
		conds = append(conds, noIndex+"r.deleted = 0")
	}
	if q.BBox != nil && rtree {
		// The R*Tree keeps single precision boxes rounded outwards: it finds
		// candidates, the exact box columns decide. The cursor bounds the
		// candidates too, so that a later page does not look up the rows of
		// the earlier ones.
		sub := "SELECT id FROM records_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?"
		args = append(args, q.BBox.MaxX, q.BBox.MinX, q.BBox.MaxY, q.BBox.MinY)
		if q.AfterID != 0 {
			sub += " AND id > ?"
			args = append(args, q.AfterID)
		}
		if q.BeforeID != 0 {
			sub += " AND id < ?"
			args = append(args, q.BeforeID)
		}
		conds = append(conds, "r.id IN ("+sub+")")
	}
	if q.BBox != nil {
		conds = append(conds, "r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?")
		args = append(args, q.BBox.MaxX, q.BBox.MinX, q.BBox.MaxY, q.BBox.MinY)
	}
	if q.Organisation != "" {
		conds = append(conds, "o.code = ?")
		args = append(args, q.Organisation)
	}
	if len(q.Status) > 0 {
		conds = append(conds, "r.status IN (?"+strings.Repeat(",?", len(q.Status)-1)+")")
		for _, s := range q.Status {
			args = append(args, s)
		}
	}
	if q.DateFrom != "" {
		conds = append(conds, "r.event_date >= ?")
		args = append(args, string(q.DateFrom))
	}
	if q.DateTo != "" {
		conds = append(conds, "r.event_date <= ? AND r.event_date <> ''")
		args = append(args, string(q.DateTo))
	}
	if q.LinkedTo != 0 {
		conds = append(conds, "r.id IN (SELECT record_id FROM record_links WHERE target_id = ?)")
		args = append(args, q.LinkedTo)
	}
	if q.AfterID != 0 {
		conds = append(conds, "r.id > ?")
		args = append(args, q.AfterID)
	}
	if q.BeforeID != 0 {
		conds = append(conds, "r.id < ?")
		args = append(args, q.BeforeID)
	}
	if q.Filter != nil {
		sqlText, fargs, err := translateFilter(q.Type, q.Filter, len(args)+1)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, sqlText)
		args = append(args, fargs...)
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// recordIDs is the first step of a record query: the ids it selects, in
// id order (the last Limit of them, in descending order, when paging
// backwards). A walk stops at id until, when not 0: the records it
// selects lie between the cursor and until, inclusive.
func recordIDs(q mineaction.RecordQuery, rtree bool, until int64) (string, []any, error) {
	return selection(q, rtree, until, "SELECT r.id"+selectFrom(q))
}

// direct tells whether the records q selects are read in one step: when
// it selects by type, box and cursor alone, whose plans give id order
// without a sort (plan_test.go).
func direct(q mineaction.RecordQuery) bool {
	return q.Filter == nil && q.Organisation == "" && len(q.Status) == 0 && q.DateFrom == "" && q.DateTo == "" &&
		q.LinkedTo == 0
}

// directRows is the one-step query of the records q selects: recordRows's
// columns and joins, recordIDs's conditions and order.
func directRows(q mineaction.RecordQuery, rtree bool, until int64) (string, []any, error) {
	return selection(q, rtree, until, rowsFrom(rowColsOf(q), q.WithFigures && q.Type == mineaction.TypeHazard))
}

// selection completes head, a SELECT and its FROM clause, with the
// conditions, order and limit of q.
func selection(q mineaction.RecordQuery, rtree bool, until int64, head string) (string, []any, error) {
	where, args, err := recordWhere(q, rtree)
	if err != nil {
		return "", nil, err
	}
	query := head + where
	if until != 0 {
		// Numbered, as the filter's placeholders are, to come after them.
		op := "<="
		if q.BeforeID != 0 {
			op = ">="
		}
		query += fmt.Sprintf(" AND r.id %s ?%d", op, len(args)+1)
		args = append(args, until)
	}
	query += " ORDER BY r.id"
	if q.BeforeID != 0 {
		query += " DESC"
	}
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	return query, args, nil
}

func (t *txn) Records(ctx context.Context, q mineaction.RecordQuery) ([]*mineaction.RecordState, error) {
	var out []*mineaction.RecordState
	var err error
	if boxPaged(q) {
		out, err = t.boxPage(ctx, q)
	} else {
		out, err = t.readRecords(ctx, q, true, 0)
	}
	if err != nil || q.IndexOnly || q.WithoutLinks {
		return out, err
	}
	return out, t.links(ctx, out...)
}

// readRecords reads the records q selects, without their links, in id
// order; rtree and until are recordIDs's.
func (t *txn) readRecords(ctx context.Context, q mineaction.RecordQuery, rtree bool, until int64) ([]*mineaction.RecordState, error) {
	withFigures := q.WithFigures && q.Type == mineaction.TypeHazard
	oneStep := direct(q)
	var query string
	var args []any
	var err error
	if oneStep {
		query, args, err = directRows(q, rtree, until)
	} else {
		var ids string
		ids, args, err = recordIDs(q, rtree, until)
		query = recordRows(ids, rowColsOf(q), withFigures)
	}
	if err != nil {
		return nil, err
	}
	out, err := t.records(ctx, query, args, rowColsOf(q), q.Type, withFigures)
	if err != nil {
		return nil, storeErr("records", err)
	}
	if oneStep && q.BeforeID != 0 {
		slices.Reverse(out) // read backwards from the cursor
	}
	return out, nil
}

// recordRows is the second step of a record query: the rows (of cols) of
// the ids the first selects, in id order.
func recordRows(ids string, cols rowCols, withFigures bool) string {
	return rowsFrom(cols, withFigures) + " WHERE r.id IN (" + ids + ") ORDER BY r.id"
}

// rowsFrom is the SELECT and FROM clauses of record rows of cols, and
// their figures if withFigures.
func rowsFrom(cols rowCols, withFigures bool) string {
	list, from := cols.selectFrom()
	if withFigures {
		return "SELECT " + list + figureCols + from + figuresJoin
	}
	return "SELECT " + list + from
}

const (
	figuresJoin = " LEFT JOIN figures f ON f.hazard_id = r.id"
	figureCols  = ", f.version, f.original_m2, f.cancelled_m2, f.reduced_m2, f.cleared_m2, f.remaining_m2"
)

// selectFrom is the FROM clause of the selection: the records, and what
// the query's conditions name. Every record has an organisation (a foreign
// key, not null), so joining it selects no fewer rows; left out, it lets a
// selection by type read the type index alone.
func selectFrom(q mineaction.RecordQuery) string {
	from := " FROM records r"
	if q.Organisation != "" || q.Filter != nil {
		from += " JOIN organisations o ON o.id = r.org_id"
	}
	if q.Filter != nil {
		from += " LEFT JOIN admin_areas a ON a.id = r.admin_area_id"
		if q.Type == mineaction.TypeHazard {
			from += figuresJoin // a filter may use the land release figures
		}
	}
	return from
}

func (t *txn) CountRecords(ctx context.Context, q mineaction.RecordQuery) (int, error) {
	where, args, err := recordWhere(q, true)
	if err != nil {
		return 0, err
	}
	var n int
	err = t.queryRow(ctx, "SELECT count(*)"+selectFrom(q)+where, args...).Scan(&n)
	return n, storeErr("records", err)
}

var groupColumns = map[string]string{
	"status": "r.status", "category": "r.category", "admin_area": "COALESCE(a.code, '')", "organisation": "o.code",
	"year": "substr(r.event_date, 1, 4)", "month": "substr(r.event_date, 1, 7)",
}

func (t *txn) Aggregate(ctx context.Context, q mineaction.AggregateQuery) ([]mineaction.AggregateRow, error) {
	where, args, err := recordWhere(mineaction.RecordQuery{Type: q.Type, DateFrom: q.DateFrom, DateTo: q.DateTo}, true)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(q.GroupBy))
	for i, g := range q.GroupBy {
		col, ok := groupColumns[g]
		if !ok {
			return nil, fmt.Errorf("aggregate: unknown group %q", g)
		}
		keys[i] = col
	}
	sel, group := "", ""
	if len(keys) > 0 {
		sel = strings.Join(keys, ", ") + ", "
		group = " GROUP BY " + strings.Join(keys, ", ") + " ORDER BY " + strings.Join(keys, ", ")
	}
	rows, err := t.query(ctx, "SELECT "+sel+"count(*), COALESCE(sum(r.quantity), 0)"+recordFrom+where+group, args...)
	if err != nil {
		return nil, storeErr("aggregate", err)
	}
	defer rows.Close()
	var out []mineaction.AggregateRow
	for rows.Next() {
		row := mineaction.AggregateRow{Keys: make([]string, len(keys))}
		dest := make([]any, 0, len(keys)+2)
		for i := range row.Keys {
			dest = append(dest, &row.Keys[i])
		}
		dest = append(dest, &row.Count, &row.Quantity)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
