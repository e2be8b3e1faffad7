package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"mineaction/internal/mineaction"
)

// Versions: every approved version of a record, never changed but to mark
// an undo.

func (t *txn) InsertVersion(ctx context.Context, v *mineaction.Version) error {
	_, err := t.exec(ctx, `INSERT INTO versions (record_id, version, report_id, deleted, doi, props, geom, applied,
		approved_by, approved_at, undone_by, undone_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.RecordID, v.Version, v.ReportID, b2i(v.Deleted), v.DateOfInformation, string(v.Properties), wkb(v.Geometry),
		b2i(v.Applied), v.ApprovedBy, fmtTime(v.ApprovedAt), nullString(v.UndoneBy), fmtTimePtr(v.UndoneAt), v.Hash)
	return storeErr(fmt.Sprintf("version %s/%d", v.HID, v.Version), err)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (t *txn) Versions(ctx context.Context, recordID int64) ([]*mineaction.Version, error) {
	rows, err := t.query(ctx, `SELECT r.type, r.hid, v.version, v.report_id, v.deleted, v.doi, v.props, v.geom,
		v.applied, v.approved_by, v.approved_at, COALESCE(v.undone_by, ''), v.undone_at, v.hash
		FROM versions v JOIN records r ON r.id = v.record_id WHERE v.record_id = ? ORDER BY v.version`, recordID)
	if err != nil {
		return nil, storeErr("versions", err)
	}
	defer rows.Close()
	var out []*mineaction.Version
	for rows.Next() {
		v := mineaction.Version{RecordID: recordID}
		var props, approved string
		var undone sql.NullString
		var g []byte
		if err := rows.Scan(&v.RecordType, &v.HID, &v.Version, &v.ReportID, &v.Deleted, &v.DateOfInformation, &props, &g,
			&v.Applied, &v.ApprovedBy, &approved, &v.UndoneBy, &undone, &v.Hash); err != nil {
			return nil, err
		}
		v.Properties = json.RawMessage(props)
		v.ApprovedAt = parseTime(approved)
		v.UndoneAt = parseTimePtr(undone)
		if v.Geometry, err = fromWKB(g); err != nil {
			return nil, err
		}
		out = append(out, &v)
	}
	return out, rows.Err()
}

func (t *txn) MarkVersionUndone(ctx context.Context, recordID int64, version int, by string, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE versions SET undone_by = ?, undone_at = ? WHERE record_id = ? AND version = ? AND undone_at IS NULL",
		by, fmtTime(at), recordID, version)
	if err != nil {
		return storeErr("version", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storeErr(fmt.Sprintf("version %d/%d", recordID, version), sql.ErrNoRows)
	}
	return nil
}

func (t *txn) RecordsCreatedBy(ctx context.Context, reportID int64) ([]*mineaction.RecordState, error) {
	out, err := t.records(ctx, "SELECT "+recordCols+recordFrom+
		" WHERE r.id IN (SELECT record_id FROM versions WHERE report_id = ? AND version = 1 AND undone_at IS NULL) ORDER BY r.id",
		[]any{reportID}, wholeRow, "", false)
	if err != nil {
		return nil, storeErr("records", err)
	}
	return out, t.links(ctx, out...)
}
