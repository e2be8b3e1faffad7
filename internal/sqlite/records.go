package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"mineaction/internal/mineaction"
)

const recordCols = `r.id, r.type, r.hid, o.code, r.version, r.deleted, r.doi, r.status, r.category, r.event_date,
	r.quantity, COALESCE(a.code, ''), r.props, r.geom, r.updated_at`

const recordFrom = ` FROM records r JOIN organisations o ON o.id = r.org_id LEFT JOIN admin_areas a ON a.id = r.admin_area_id`

// rowCols is which columns of a record a query reads. Every column costs
// on each row (the driver takes and releases locks for each value), and a
// page reads a hundred rows, a tile thousands: a query for one of them
// reads what it uses.
type rowCols int

const (
	wholeRow rowCols = iota // recordCols
	// indexRow is what a map draws (mineaction.RecordQuery.IndexOnly),
	// without the properties document and the joins to the organisation
	// and admin area.
	indexRow
	// pageRow is what a page of features writes
	// (mineaction.RecordQuery.ForPage), for a query of one type that leaves
	// removed records out: the type and deleted flag are known.
	pageRow
)

// rowColsOf returns the columns q reads.
func rowColsOf(q mineaction.RecordQuery) rowCols {
	switch {
	case q.IndexOnly:
		return indexRow
	case q.ForPage && q.Type != "" && !q.IncludeDeleted:
		return pageRow
	}
	return wholeRow
}

// selectFrom returns the SELECT list and the FROM clause of rows of cols.
func (cols rowCols) selectFrom() (string, string) {
	switch cols {
	case indexRow:
		return "r.id, r.type, r.hid, r.version, r.deleted, r.status, r.category, r.event_date, r.quantity, r.geom", " FROM records r"
	case pageRow:
		return "r.id, r.hid, r.version, r.status, COALESCE(a.code, ''), r.props, r.geom, r.updated_at",
			" FROM records r LEFT JOIN admin_areas a ON a.id = r.admin_area_id"
	}
	return recordCols, recordFrom
}

// recordRow decodes a record row of cols, then its figures columns if
// withFigures. rt is the type a pageRow's query selects.
func recordRow(vals []driver.Value, cols rowCols, rt mineaction.RecordType, withFigures bool) (*mineaction.RecordState, error) {
	c := rowValues{vals: vals}
	r := &mineaction.RecordState{ID: c.int()}
	var g []byte
	switch cols {
	case indexRow:
		r.Type, r.HID, r.Version, r.Deleted = mineaction.RecordType(c.string()), c.string(), int(c.int()), c.int() != 0
		r.Index = mineaction.Index{Status: c.string(), Category: c.string(), EventDate: mineaction.Date(c.string()), Quantity: c.int()}
		g = c.nullBytes()
	case pageRow:
		r.Type, r.HID, r.Version = rt, c.string(), int(c.int())
		r.Index.Status = c.string()
		r.AdminArea, r.Properties, g, r.UpdatedAt = c.string(), properties(c.string()), c.nullBytes(), updatedAt(c.string())
	default:
		r.Type, r.HID, r.Organisation = mineaction.RecordType(c.string()), c.string(), c.string()
		r.Version, r.Deleted, r.DateOfInformation = int(c.int()), c.int() != 0, mineaction.Date(c.string())
		r.Index = mineaction.Index{Status: c.string(), Category: c.string(), EventDate: mineaction.Date(c.string()), Quantity: c.int()}
		r.AdminArea, r.Properties, g, r.UpdatedAt = c.string(), properties(c.string()), c.nullBytes(), updatedAt(c.string())
	}
	if withFigures {
		if v, ok := c.nullInt(); ok {
			f := &mineaction.Figures{HazardID: r.ID, Version: int(v)}
			f.OriginalM2, _ = c.nullFloat()
			f.CancelledM2, _ = c.nullFloat()
			f.ReducedM2, _ = c.nullFloat()
			f.ClearedM2, _ = c.nullFloat()
			f.RemainingM2, _ = c.nullFloat()
			r.Figures = f
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	var err error
	r.Geometry, err = fromWKB(g)
	return r, err
}

// properties is the properties document of a props column.
func properties(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// updatedAt is the time of an updated_at column.
func updatedAt(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}

// records reads the record rows query selects (see recordRow).
func (t *txn) records(ctx context.Context, query string, args []any, cols rowCols, rt mineaction.RecordType, withFigures bool) ([]*mineaction.RecordState, error) {
	var out []*mineaction.RecordState
	err := t.eachRow(ctx, query, args, func(vals []driver.Value) error {
		r, err := recordRow(vals, cols, rt, withFigures)
		out = append(out, r)
		return err
	})
	return out, err
}

// record reads the one record query selects, with its links.
func (t *txn) record(ctx context.Context, what, query string, arg any) (*mineaction.RecordState, error) {
	rs, err := t.records(ctx, query, []any{arg}, wholeRow, "", false)
	if err == nil && len(rs) == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return nil, storeErr(what, err)
	}
	return rs[0], t.links(ctx, rs[0])
}

func (t *txn) links(ctx context.Context, rs ...*mineaction.RecordState) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*mineaction.RecordState, len(rs))
	ids := make([]int64, len(rs))
	for i, r := range rs {
		byID[r.ID] = r
		ids[i] = r.ID
	}
	rows, err := t.query(ctx, `SELECT l.record_id, l.rel, l.target_id, t.hid FROM record_links l
		JOIN records t ON t.id = l.target_id WHERE l.record_id IN (SELECT value FROM json_each(?))
		ORDER BY l.record_id, l.rel, t.hid`, jsonIDs(ids))
	if err != nil {
		return storeErr("record links", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l mineaction.Link
		if err := rows.Scan(&id, &l.Rel, &l.Target, &l.HID); err != nil {
			return err
		}
		byID[id].Links = append(byID[id].Links, l)
	}
	return rows.Err()
}

// jsonIDs writes ids as a JSON array, for json_each: one parameter for any
// number of ids, rather than a statement with thousands of literals.
func jsonIDs(ids []int64) string {
	b := make([]byte, 0, 2+8*len(ids))
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

func (t *txn) Record(ctx context.Context, id int64) (*mineaction.RecordState, error) {
	return t.record(ctx, fmt.Sprintf("record %d", id), "SELECT "+recordCols+recordFrom+" WHERE r.id = ?", id)
}

func (t *txn) RecordByHID(ctx context.Context, hid string) (*mineaction.RecordState, error) {
	return t.record(ctx, "record "+hid, "SELECT "+recordCols+recordFrom+" WHERE r.hid = ?", hid)
}

// LockRecords implements mineaction.RecordTx: nothing to do, the one
// writer holds the whole database.
func (t *txn) LockRecords(ctx context.Context, ids ...int64) error { return nil }

func (t *txn) NextHIDNumber(ctx context.Context, rt mineaction.RecordType) (int64, error) {
	var n int64
	err := t.queryRow(ctx, `INSERT INTO hid_counters (record_type, next) VALUES (?, 2)
		ON CONFLICT (record_type) DO UPDATE SET next = next + 1 RETURNING next - 1`, string(rt)).Scan(&n)
	return n, storeErr("human id counter", err)
}

func (t *txn) InsertRecord(ctx context.Context, r *mineaction.RecordState) error {
	args := []any{string(r.Type), r.HID, r.Organisation, r.Version, b2i(r.Deleted), r.DateOfInformation,
		r.Index.Status, r.Index.Category, r.Index.EventDate, r.Index.Quantity, r.AdminArea,
		string(r.Properties), wkb(r.Geometry)}
	args = append(args, bboxArgs(r.Geometry)...)
	args = append(args, fmtTime(r.UpdatedAt))
	err := t.queryRow(ctx, `INSERT INTO records (type, hid, org_id, version, deleted, doi, status, category,
		event_date, quantity, admin_area_id, props, geom, minx, miny, maxx, maxy, updated_at)
		VALUES (?, ?, (SELECT id FROM organisations WHERE code = ?), ?, ?, ?, ?, ?, ?, ?,
		(SELECT id FROM admin_areas WHERE code = ?), ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&r.ID)
	if err != nil {
		return storeErr("record "+r.HID, err)
	}
	return t.afterWrite(ctx, r)
}

func (t *txn) SetHID(ctx context.Context, id int64, hid string, props json.RawMessage) error {
	res, err := t.exec(ctx, "UPDATE records SET hid = ?, props = ? WHERE id = ?", hid, string(props), id)
	if err == nil {
		if n, _ := res.RowsAffected(); n == 0 {
			err = sql.ErrNoRows
		}
	}
	return storeErr("record "+hid, err)
}

func (t *txn) UpdateRecord(ctx context.Context, r *mineaction.RecordState) error {
	args := []any{r.Organisation, r.Version, b2i(r.Deleted), r.DateOfInformation,
		r.Index.Status, r.Index.Category, r.Index.EventDate, r.Index.Quantity, r.AdminArea,
		string(r.Properties), wkb(r.Geometry)}
	args = append(args, bboxArgs(r.Geometry)...)
	args = append(args, fmtTime(r.UpdatedAt), r.ID)
	res, err := t.exec(ctx, `UPDATE records SET org_id = (SELECT id FROM organisations WHERE code = ?),
		version = ?, deleted = ?, doi = ?, status = ?, category = ?, event_date = ?, quantity = ?,
		admin_area_id = (SELECT id FROM admin_areas WHERE code = ?), props = ?, geom = ?,
		minx = ?, miny = ?, maxx = ?, maxy = ?, updated_at = ? WHERE id = ?`, args...)
	if err != nil {
		return storeErr("record "+r.HID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storeErr("record "+r.HID, sql.ErrNoRows)
	}
	if _, err := t.exec(ctx, "DELETE FROM record_links WHERE record_id = ?", r.ID); err != nil {
		return storeErr("record links", err)
	}
	if _, err := t.exec(ctx, "DELETE FROM records_rtree WHERE id = ?", r.ID); err != nil {
		return storeErr("record index", err)
	}
	return t.afterWrite(ctx, r)
}

// afterWrite writes the links and the spatial index entry of a record.
func (t *txn) afterWrite(ctx context.Context, r *mineaction.RecordState) error {
	if !r.Deleted {
		for _, l := range r.Links {
			if _, err := t.exec(ctx, "INSERT INTO record_links (record_id, rel, target_id) VALUES (?, ?, ?)",
				r.ID, string(l.Rel), l.Target); err != nil {
				return storeErr("link "+r.HID+" -> "+l.HID, err)
			}
		}
	}
	// Removed records stay in the index (queries leave them out unless
	// asked), so that spatial filters find them with IncludeDeleted.
	if r.Geometry != nil && !r.Geometry.IsEmpty() {
		b := r.Geometry.Bounds()
		if _, err := t.exec(ctx, "INSERT INTO records_rtree (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)",
			r.ID, b.MinX, b.MaxX, b.MinY, b.MaxY); err != nil {
			return storeErr("record index", err)
		}
	}
	return nil
}

func (t *txn) Dependents(ctx context.Context, id int64) ([]mineaction.Link, error) {
	rows, err := t.query(ctx, `SELECT l.rel, r.id, r.hid FROM record_links l JOIN records r ON r.id = l.record_id
		WHERE l.target_id = ? AND r.deleted = 0 ORDER BY r.id`, id)
	if err != nil {
		return nil, storeErr("dependents", err)
	}
	defer rows.Close()
	var out []mineaction.Link
	for rows.Next() {
		var l mineaction.Link
		if err := rows.Scan(&l.Rel, &l.Target, &l.HID); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
