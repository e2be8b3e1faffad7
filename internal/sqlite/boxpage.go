package sqlite

import (
	"context"
	"fmt"

	"mineaction/internal/mineaction"
)

// walkPerRow is how many records of the type a page of a box walks past,
// per row asked for, before it turns to the R*Tree. A row walked past
// costs about half a candidate taken from the R*Tree and a small part of
// a row read whole: four per row covers boxes that hold a quarter of the
// records or more.
const walkPerRow = 4

// boxPaged tells whether a query is a page of a box that boxPage can
// read: the walk follows the type index, (type, deleted, id), so the
// query must name a type and leave removed records out.
func boxPaged(q mineaction.RecordQuery) bool {
	return q.BBox != nil && q.Limit > 0 && q.Type != "" && !q.IncludeDeleted
}

// boxPage reads a page of records in a box, without their links. When the
// R*Tree has fewer candidates beyond the cursor than the walk would visit
// records, it reads them. Otherwise it walks the type index from the
// cursor over that many records, testing each against the box, and if
// that does not fill the page, takes the rest from the R*Tree, from where
// the walk stopped.
func (t *txn) boxPage(ctx context.Context, q mineaction.RecordQuery) ([]*mineaction.RecordState, error) {
	n := walkPerRow * q.Limit
	query, args := boxProbe(q, n)
	var candidates int
	var until int64 // 0: fewer than n records of the type are left
	if err := t.queryRow(ctx, query, args...).Scan(&candidates, &until); err != nil {
		return nil, storeErr("records", err)
	}
	if candidates < n {
		return t.readRecords(ctx, q, true, 0)
	}
	out, err := t.readRecords(ctx, q, false, until)
	if err != nil || len(out) == q.Limit || until == 0 {
		return out, err
	}
	rest := q
	if q.BeforeID != 0 {
		rest.BeforeID = until
	} else {
		rest.AfterID = until
	}
	rest.Limit = q.Limit - len(out)
	more, err := t.readRecords(ctx, rest, true, 0)
	if q.BeforeID != 0 {
		return append(more, out...), err
	}
	return append(out, more...), err
}

// boxProbe is the query that tells boxPage which way to go: how many of
// the R*Tree's candidates lie beyond q's cursor, counting up to n, and, if
// there are n, the id of the n-th current record of q's type from the
// cursor in the page's direction (0 if there are fewer records or fewer
// candidates).
func boxProbe(q mineaction.RecordQuery, n int) (string, []any) {
	b := q.BBox
	rtree := "SELECT 1 FROM records_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?"
	walk := "SELECT id FROM records WHERE type = ? AND deleted = 0"
	rargs, wargs := []any{b.MaxX, b.MinX, b.MaxY, b.MinY}, []any{string(q.Type)}
	if q.AfterID != 0 {
		rtree += " AND id > ?"
		walk += " AND id > ?"
		rargs, wargs = append(rargs, q.AfterID), append(wargs, q.AfterID)
	}
	if q.BeforeID != 0 {
		rtree += " AND id < ?"
		walk += " AND id < ? ORDER BY id DESC"
		rargs, wargs = append(rargs, q.BeforeID), append(wargs, q.BeforeID)
	} else {
		walk += " ORDER BY id"
	}
	// The end of the walk is only looked for when the walk will be taken.
	query := fmt.Sprintf("SELECT c, CASE WHEN c < %d THEN 0 ELSE COALESCE((%s LIMIT 1 OFFSET %d), 0) END FROM (SELECT count(*) AS c FROM (%s LIMIT %d))",
		n, walk, n-1, rtree, n)
	return query, append(wargs, rargs...)
}
