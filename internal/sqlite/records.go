package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"

	"mineaction/internal/mineaction"
)

const recordCols = `r.id, r.type, r.hid, o.code, r.version, r.deleted, r.doi, r.status, r.category, r.event_date,
	r.quantity, COALESCE(a.code, ''), r.props, r.geom, r.updated_at`

// indexCols are the columns of a record read for
// mineaction.RecordQuery.IndexOnly: what a map draws, without the joins to
// the organisation and admin area. Every column costs on each row (the
// driver takes a lock per value), and a tile reads thousands of rows.
const indexCols = `r.id, r.type, r.hid, r.version, r.deleted, r.status, r.category, r.event_date, r.quantity, r.geom`

const recordFrom = ` FROM records r JOIN organisations o ON o.id = r.org_id LEFT JOIN admin_areas a ON a.id = r.admin_area_id`

// recordRow decodes a record row: the record columns (indexCols if
// indexOnly, else recordCols), then the figures columns if withFigures.
func recordRow(vals []driver.Value, indexOnly, withFigures bool) (*mineaction.RecordState, error) {
	c := rowValues{vals: vals}
	r := &mineaction.RecordState{ID: c.int(), Type: mineaction.RecordType(c.string()), HID: c.string()}
	if !indexOnly {
		r.Organisation = c.string()
	}
	r.Version = int(c.int())
	r.Deleted = c.int() != 0
	if !indexOnly {
		r.DateOfInformation = mineaction.Date(c.string())
	}
	r.Index = mineaction.Index{Status: c.string(), Category: c.string(), EventDate: mineaction.Date(c.string()), Quantity: c.int()}
	var g []byte
	if indexOnly {
		g = c.nullBytes()
	} else {
		r.AdminArea = c.string()
		if props := c.string(); props != "" {
			r.Properties = json.RawMessage(props)
		}
		g = c.nullBytes()
		if updated := c.string(); updated != "" {
			r.UpdatedAt = parseTime(updated)
		}
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

// records reads the record rows query selects (see recordRow).
func (t *txn) records(ctx context.Context, query string, args []any, indexOnly, withFigures bool) ([]*mineaction.RecordState, error) {
	var out []*mineaction.RecordState
	err := t.eachRow(ctx, query, args, func(vals []driver.Value) error {
		r, err := recordRow(vals, indexOnly, withFigures)
		out = append(out, r)
		return err
	})
	return out, err
}

// record reads the one record query selects, with its links.
func (t *txn) record(ctx context.Context, what, query string, arg any) (*mineaction.RecordState, error) {
	rs, err := t.records(ctx, query, []any{arg}, false, false)
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
