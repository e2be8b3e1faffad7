package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

var recordCols = `r.id, r.type, r.hid, o.code, r.version, r.deleted, ` + dateCol("r.doi") + `, r.status, r.category, ` +
	dateCol("r.event_date") + `, r.quantity, COALESCE(a.code, ''), r.props::text, ` + geomCol("r.geom") + `, r.updated_at`

// indexCols are recordCols without the properties document (an empty
// string in its place), for mineaction.RecordQuery.IndexOnly.
var indexCols = strings.Replace(recordCols, "r.props::text", "''", 1)

const recordFrom = ` FROM records r JOIN organisations o ON o.id = r.org_id LEFT JOIN admin_areas a ON a.id = r.admin_area_id`

func scanRecord(sc scanner) (*mineaction.RecordState, error) {
	var r *mineaction.RecordState
	err := scanRecordExtra(sc, &r)
	return r, err
}

// scanRecordExtra scans the record columns and then extra destinations.
func scanRecordExtra(sc scanner, out **mineaction.RecordState, extra ...any) error {
	var r mineaction.RecordState
	var props string
	var g []byte
	dest := []any{&r.ID, &r.Type, &r.HID, &r.Organisation, &r.Version, &r.Deleted, &r.DateOfInformation,
		&r.Index.Status, &r.Index.Category, &r.Index.EventDate, &r.Index.Quantity, &r.AdminArea, &props, &g, &r.UpdatedAt}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	if props != "" {
		r.Properties = json.RawMessage(props)
	}
	r.UpdatedAt = utc(r.UpdatedAt)
	var err error
	r.Geometry, err = fromWKB(g)
	*out = &r
	return err
}

// scanRecordFigures scans a record row followed by its figures columns.
func scanRecordFigures(sc scanner) (*mineaction.RecordState, error) {
	var fv *int64
	var f [5]*float64
	var rec *mineaction.RecordState
	if err := scanRecordExtra(sc, &rec, &fv, &f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
		return nil, err
	}
	if fv != nil {
		rec.Figures = &mineaction.Figures{HazardID: rec.ID, Version: int(*fv), OriginalM2: *f[0],
			CancelledM2: *f[1], ReducedM2: *f[2], ClearedM2: *f[3], RemainingM2: *f[4]}
	}
	return rec, nil
}

// links fills the links of records in one query.
func (t *txn) links(ctx context.Context, rs ...*mineaction.RecordState) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*mineaction.RecordState, len(rs))
	ids := make([]int64, 0, len(rs))
	for _, r := range rs {
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	rows, err := t.tx.Query(ctx, `SELECT l.record_id, l.rel, l.target_id, t.hid FROM record_links l
		JOIN records t ON t.id = l.target_id WHERE l.record_id = ANY($1::bigint[]) ORDER BY l.record_id, l.rel, t.hid`, ids)
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

// linksLateral gives a record row its links, as arrays in the same row,
// so that one record is read in one round trip (the workflow reads
// records one at a time).
const linksLateral = ` LEFT JOIN LATERAL (SELECT array_agg(l.rel ORDER BY l.rel, t.hid) rels,
	array_agg(l.target_id ORDER BY l.rel, t.hid) targets, array_agg(t.hid ORDER BY l.rel, t.hid) hids
	FROM record_links l JOIN records t ON t.id = l.target_id WHERE l.record_id = r.id) lk ON true`

var (
	recordByID  = "SELECT " + recordCols + ", lk.rels, lk.targets, lk.hids" + recordFrom + linksLateral + " WHERE r.id = $1"
	recordByHID = "SELECT " + recordCols + ", lk.rels, lk.targets, lk.hids" + recordFrom + linksLateral + " WHERE r.hid = $1"
)

// scanOneRecord scans a row of recordByID or recordByHID.
func scanOneRecord(sc scanner) (*mineaction.RecordState, error) {
	var r *mineaction.RecordState
	var rels, hids []string
	var targets []int64
	if err := scanRecordExtra(sc, &r, &rels, &targets, &hids); err != nil {
		return nil, err
	}
	for i := range rels {
		r.Links = append(r.Links, mineaction.Link{Rel: mineaction.RefKind(rels[i]), Target: targets[i], HID: hids[i]})
	}
	return r, nil
}

func (t *txn) Record(ctx context.Context, id int64) (*mineaction.RecordState, error) {
	if err := t.awaitPrefetch(ctx, id); err != nil {
		return nil, err
	}
	if r := t.cache.record(id); r != nil {
		return r, nil
	}
	if t.snap != nil {
		r, err := t.snapshotRecord(ctx, snapshotRecordID, id)
		return r, storeErr(fmt.Sprintf("record %d", id), err)
	}
	r, err := scanOneRecord(t.tx.QueryRow(ctx, recordByID, id))
	if err != nil {
		return nil, storeErr(fmt.Sprintf("record %d", id), err)
	}
	return t.cache.putRecord(r), nil
}

func (t *txn) RecordByHID(ctx context.Context, hid string) (*mineaction.RecordState, error) {
	if r := t.cache.recordByHID(hid); r != nil {
		return r, nil
	}
	if t.snap != nil {
		r, err := t.snapshotRecord(ctx, snapshotRecordHID, hid)
		return r, storeErr("record "+hid, err)
	}
	r, err := scanOneRecord(t.tx.QueryRow(ctx, recordByHID, hid))
	if err != nil {
		return nil, storeErr("record "+hid, err)
	}
	return t.cache.putRecord(r), nil
}

// LockRecords implements mineaction.RecordTx with FOR NO KEY UPDATE, the
// lock an UPDATE that changes no key takes: it excludes other writers of
// the rows but, unlike FOR UPDATE, not the KEY SHARE locks that foreign key
// checks take on them (a credit inserted for an activity another writer
// holds), which would otherwise make deadlocks. Rows are locked in id
// order (the locking happens above the sort).
func (t *txn) LockRecords(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	// Held back and sent with the next statement, which it protects.
	t.tx.hold("lock records", "SELECT id FROM records WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", ids)
	t.cache.lock(ids...)
	return nil
}

func (t *txn) NextHIDNumber(ctx context.Context, rt mineaction.RecordType) (int64, error) {
	var n int64
	err := t.tx.QueryRow(ctx, `INSERT INTO hid_counters (record_type, next) VALUES ($1, 2)
		ON CONFLICT (record_type) DO UPDATE SET next = hid_counters.next + 1 RETURNING next - 1`, string(rt)).Scan(&n)
	return n, storeErr("human id counter", err)
}

// recordArgs are the parameters $1..$16 shared by insert and update.
func recordArgs(r *mineaction.RecordState) []any {
	args := []any{r.Organisation, r.Version, r.Deleted, dateArg(r.DateOfInformation),
		r.Index.Status, r.Index.Category, dateArg(r.Index.EventDate), r.Index.Quantity, r.AdminArea,
		string(r.Properties), wkb(r.Geometry)}
	args = append(args, bboxArgs(r.Geometry)...)
	return append(args, timeArg(r.UpdatedAt))
}

func (t *txn) InsertRecord(ctx context.Context, r *mineaction.RecordState) error {
	// The record and its links in one statement.
	rels, targets := linkArgs(r)
	args := append(recordArgs(r), string(r.Type), r.HID, rels, targets)
	err := t.tx.QueryRow(ctx, `WITH r AS (INSERT INTO records (org_id, version, deleted, doi, status, category,
		event_date, quantity, admin_area_id, props, geom, minx, miny, maxx, maxy, updated_at, type, hid)
		VALUES ((SELECT id FROM organisations WHERE code = $1), $2, $3, $4::date, $5, $6, $7::date, $8,
		(SELECT id FROM admin_areas WHERE code = $9), $10::json, `+geomIn("$11")+`, $12, $13, $14, $15, $16, $17, $18)
		RETURNING id), l AS (INSERT INTO record_links (record_id, rel, target_id)
		SELECT r.id, x.rel, x.target FROM r, unnest($19::text[], $20::bigint[]) AS x(rel, target))
		SELECT id FROM r`, args...).Scan(&r.ID)
	if err != nil {
		return storeErr("record "+r.HID, err)
	}
	// No other transaction sees it before the commit.
	t.cache.lock(r.ID)
	return nil
}

func (t *txn) SetHID(ctx context.Context, id int64, hid string, props json.RawMessage) error {
	t.tx.holdOne("record "+hid, "UPDATE records SET hid = $1, props = $2::json WHERE id = $3", hid, string(props), id)
	t.cache.dropAll()
	return nil
}

func (t *txn) UpdateRecord(ctx context.Context, r *mineaction.RecordState) error {
	// The record, and its links replaced, held back: sent with the next
	// statement.
	rels, targets := linkArgs(r)
	t.tx.holdOne("record "+r.HID, `UPDATE records SET org_id = (SELECT id FROM organisations WHERE code = $1),
		version = $2, deleted = $3, doi = $4::date, status = $5, category = $6, event_date = $7::date, quantity = $8,
		admin_area_id = (SELECT id FROM admin_areas WHERE code = $9), props = $10::json, geom = `+geomIn("$11")+`,
		minx = $12, miny = $13, maxx = $14, maxy = $15, updated_at = $16 WHERE id = $17`, append(recordArgs(r), r.ID)...)
	t.tx.hold("record links of "+r.HID, "DELETE FROM record_links WHERE record_id = $1", r.ID)
	t.tx.hold("record links of "+r.HID, `INSERT INTO record_links (record_id, rel, target_id)
		SELECT $1, x.rel, x.target FROM unnest($2::text[], $3::bigint[]) AS x(rel, target)`, r.ID, rels, targets)
	t.cache.dropRecord(r.ID)
	return nil
}

// linkArgs returns the links of a current record as arrays of relations
// and targets; a removed record links to nothing.
func linkArgs(r *mineaction.RecordState) ([]string, []int64) {
	rels, targets := []string{}, []int64{}
	if r.Deleted {
		return rels, targets
	}
	for _, l := range r.Links {
		rels, targets = append(rels, string(l.Rel)), append(targets, l.Target)
	}
	return rels, targets
}

func (t *txn) Dependents(ctx context.Context, id int64) ([]mineaction.Link, error) {
	if deps, ok := t.snap.dependentsOf(id); ok {
		return deps, nil
	}
	rows, err := t.tx.Query(ctx, `SELECT l.rel, r.id, r.hid FROM record_links l JOIN records r ON r.id = l.record_id
		WHERE l.target_id = $1 AND NOT r.deleted ORDER BY r.id`, id)
	if err != nil {
		return nil, storeErr("dependents", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (mineaction.Link, error) {
		var l mineaction.Link
		err := r.Scan(&l.Rel, &l.Target, &l.HID)
		return l, err
	})
	return out, storeErr("dependents", err)
}

func (t *txn) InsertVersion(ctx context.Context, v *mineaction.Version) error {
	t.cache.dropVersions(v.RecordID)
	t.tx.hold(fmt.Sprintf("version %s/%d", v.HID, v.Version), `INSERT INTO versions (record_id, version, report_id, deleted,
		doi, props, geom, applied, approved_by, approved_at, undone_by, undone_at, hash)
		VALUES ($1, $2, $3, $4, $5::date, $6::json, `+geomIn("$7")+`, $8, $9, $10, $11, $12, $13)`,
		v.RecordID, v.Version, v.ReportID, v.Deleted, dateArg(v.DateOfInformation), string(v.Properties), wkb(v.Geometry),
		v.Applied, v.ApprovedBy, timeArg(v.ApprovedAt), nullString(v.UndoneBy), timePtrArg(v.UndoneAt), v.Hash)
	return nil
}

// versionsOf reads the versions of record $1.
var versionsOf = `SELECT r.type, r.hid, v.version, v.report_id, v.deleted, ` + dateCol("v.doi") + `, v.props::text, ` +
	geomCol("v.geom") + `, v.applied, v.approved_by, v.approved_at, COALESCE(v.undone_by, ''), v.undone_at, v.hash
	FROM versions v JOIN records r ON r.id = v.record_id WHERE v.record_id = $1 ORDER BY v.version`

func scanVersions(rows pgx.Rows, recordID int64) ([]*mineaction.Version, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*mineaction.Version, error) {
		v := mineaction.Version{RecordID: recordID}
		var props string
		var g []byte
		if err := row.Scan(&v.RecordType, &v.HID, &v.Version, &v.ReportID, &v.Deleted, &v.DateOfInformation, &props, &g,
			&v.Applied, &v.ApprovedBy, &v.ApprovedAt, &v.UndoneBy, &v.UndoneAt, &v.Hash); err != nil {
			return nil, err
		}
		v.Properties = json.RawMessage(props)
		v.ApprovedAt = utc(v.ApprovedAt)
		v.UndoneAt = utcPtr(v.UndoneAt)
		var err error
		v.Geometry, err = fromWKB(g)
		return &v, err
	})
}

func (t *txn) Versions(ctx context.Context, recordID int64) ([]*mineaction.Version, error) {
	if err := t.awaitPrefetch(ctx, recordID); err != nil {
		return nil, err
	}
	if vs, ok := t.cache.versionsOf(recordID); ok {
		return vs, nil
	}
	rows, err := t.tx.Query(ctx, versionsOf, recordID)
	if err != nil {
		return nil, storeErr("versions", err)
	}
	out, err := scanVersions(rows, recordID)
	if err != nil {
		return nil, storeErr("versions", err)
	}
	return t.cache.putVersions(recordID, out), nil
}

func (t *txn) MarkVersionUndone(ctx context.Context, recordID int64, version int, by string, at time.Time) error {
	t.cache.dropVersions(recordID)
	t.tx.holdOne(fmt.Sprintf("version %d/%d", recordID, version), `UPDATE versions SET undone_by = $1, undone_at = $2
		WHERE record_id = $3 AND version = $4 AND undone_at IS NULL`, by, timeArg(at), recordID, version)
	return nil
}

func (t *txn) RecordsCreatedBy(ctx context.Context, reportID int64) ([]*mineaction.RecordState, error) {
	rows, err := t.tx.Query(ctx, "SELECT "+recordCols+recordFrom+
		" WHERE r.id IN (SELECT record_id FROM versions WHERE report_id = $1 AND version = 1 AND undone_at IS NULL) ORDER BY r.id", reportID)
	if err != nil {
		return nil, storeErr("records", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.RecordState, error) { return scanRecord(r) })
	if err != nil {
		return nil, storeErr("records", err)
	}
	return out, t.links(ctx, out...)
}
