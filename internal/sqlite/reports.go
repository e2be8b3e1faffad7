package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"mineaction/internal/mineaction"
)

const reportCols = `r.id, r.record_type, COALESCE(r.record_id, 0), COALESCE(rec.hid, ''), r.base_version, r.is_delete,
	r.status, r.org_code, u.name, r.created_at, r.updated_at, r.submitted_at, COALESCE(d.name, ''), r.decided_at,
	r.reason, r.props, r.geom, r.doi, r.issues, r.warnings, r.revision, r.result_version, r.authors`

const reportFrom = ` FROM reports r JOIN users u ON u.id = r.created_by
	LEFT JOIN users d ON d.id = r.decided_by LEFT JOIN records rec ON rec.id = r.record_id`

func scanReport(sc interface{ Scan(...any) error }) (*mineaction.Report, error) {
	var r mineaction.Report
	var created, updated string
	var submitted, decided sql.NullString
	var props, issues, warnings, authors string
	var g []byte
	err := sc.Scan(&r.ID, &r.RecordType, &r.RecordID, &r.RecordHID, &r.Version, &r.Delete,
		&r.Status, &r.Organisation, &r.CreatedBy, &created, &updated, &submitted, &r.DecidedBy, &decided,
		&r.Reason, &props, &g, &r.DateOfInformation, &issues, &warnings, &r.Revision, &r.ResultVersion, &authors)
	if err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	r.SubmittedAt, r.DecidedAt = parseTimePtr(submitted), parseTimePtr(decided)
	r.Properties = json.RawMessage(props)
	if r.Geometry, err = fromWKB(g); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(issues), &r.Issues); err != nil {
		return nil, fmt.Errorf("report %d issues: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(warnings), &r.Warnings); err != nil {
		return nil, fmt.Errorf("report %d warnings: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(authors), &r.Authors); err != nil {
		return nil, fmt.Errorf("report %d authors: %w", r.ID, err)
	}
	return &r, nil
}

// LockReport implements mineaction.ReportTx: nothing to do, the one
// writer holds the whole database.
func (t *txn) LockReport(ctx context.Context, id int64) error { return nil }

func (t *txn) Report(ctx context.Context, id int64) (*mineaction.Report, error) {
	r, err := scanReport(t.queryRow(ctx, "SELECT "+reportCols+reportFrom+" WHERE r.id = ?", id))
	if err != nil {
		return nil, storeErr(fmt.Sprintf("report %d", id), err)
	}
	return r, nil
}

func reportWhere(f mineaction.ReportFilter) (string, []any) {
	var conds []string
	var args []any
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i, s := range f.Status {
			ph[i] = "?"
			args = append(args, string(s))
		}
		conds = append(conds, "r.status IN ("+strings.Join(ph, ",")+")")
	}
	if f.RecordType != "" {
		conds = append(conds, "r.record_type = ?")
		args = append(args, string(f.RecordType))
	}
	if f.Organisation != "" {
		conds = append(conds, "r.org_code = ?")
		args = append(args, f.Organisation)
	}
	if f.CreatedBy != "" {
		conds = append(conds, "u.name = ?")
		args = append(args, f.CreatedBy)
	}
	if f.RecordID != 0 {
		conds = append(conds, "r.record_id = ?")
		args = append(args, f.RecordID)
	}
	if f.AfterID != 0 {
		conds = append(conds, "r.id > ?")
		args = append(args, f.AfterID)
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func (t *txn) Reports(ctx context.Context, f mineaction.ReportFilter) ([]*mineaction.Report, error) {
	where, args := reportWhere(f)
	q := "SELECT " + reportCols + reportFrom + where + " ORDER BY r.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, storeErr("reports", err)
	}
	defer rows.Close()
	var out []*mineaction.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *txn) CountReports(ctx context.Context, f mineaction.ReportFilter) (int, error) {
	where, args := reportWhere(f)
	var n int
	err := t.queryRow(ctx, "SELECT count(*)"+reportFrom+where, args...).Scan(&n)
	return n, storeErr("reports", err)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// jsonText encodes issues, warnings or authors: nil is [].
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

func (t *txn) InsertReport(ctx context.Context, r *mineaction.Report) error {
	err := t.queryRow(ctx, `INSERT INTO reports (record_type, record_id, base_version, is_delete, status, org_code,
		created_by, created_at, updated_at, submitted_at, decided_by, decided_at, reason, props, geom, doi, issues, warnings,
		revision, result_version, authors)
		VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM users WHERE name = ?), ?, ?, ?, (SELECT id FROM users WHERE name = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		r.RecordType, nullID(r.RecordID), r.Version, b2i(r.Delete), r.Status, r.Organisation,
		r.CreatedBy, fmtTime(r.CreatedAt), fmtTime(r.UpdatedAt), fmtTimePtr(r.SubmittedAt), r.DecidedBy, fmtTimePtr(r.DecidedAt),
		r.Reason, string(r.Properties), wkb(r.Geometry), r.DateOfInformation, jsonText(r.Issues), jsonText(r.Warnings),
		r.Revision, r.ResultVersion, jsonText(r.Authors)).Scan(&r.ID)
	return storeErr("report", err)
}

func (t *txn) UpdateReport(ctx context.Context, r *mineaction.Report) error {
	res, err := t.exec(ctx, `UPDATE reports SET record_id = ?, base_version = ?, is_delete = ?, status = ?, org_code = ?,
		updated_at = ?, submitted_at = ?, decided_by = (SELECT id FROM users WHERE name = ?), decided_at = ?, reason = ?,
		props = ?, geom = ?, doi = ?, issues = ?, warnings = ?, revision = ?, result_version = ?, authors = ? WHERE id = ?`,
		nullID(r.RecordID), r.Version, b2i(r.Delete), r.Status, r.Organisation,
		fmtTime(r.UpdatedAt), fmtTimePtr(r.SubmittedAt), r.DecidedBy, fmtTimePtr(r.DecidedAt), r.Reason,
		string(r.Properties), wkb(r.Geometry), r.DateOfInformation, jsonText(r.Issues), jsonText(r.Warnings),
		r.Revision, r.ResultVersion, jsonText(r.Authors), r.ID)
	if err != nil {
		return storeErr(fmt.Sprintf("report %d", r.ID), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storeErr(fmt.Sprintf("report %d", r.ID), sql.ErrNoRows)
	}
	return nil
}

func (t *txn) DeleteReport(ctx context.Context, id int64) error {
	res, err := t.exec(ctx, "DELETE FROM reports WHERE id = ?", id)
	if err != nil {
		return storeErr(fmt.Sprintf("report %d", id), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storeErr(fmt.Sprintf("report %d", id), sql.ErrNoRows)
	}
	return nil
}
