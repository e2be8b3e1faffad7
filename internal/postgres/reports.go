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

var reportCols = `r.id, r.record_type, COALESCE(r.record_id, 0), COALESCE(rec.hid, ''), r.base_version, r.is_delete,
	r.status, r.org_code, u.name, r.created_at, r.updated_at, r.submitted_at, COALESCE(d.name, ''), r.decided_at,
	r.reason, r.props::text, ` + geomCol("r.geom") + `, ` + dateCol("r.doi") + `, r.issues::text, r.warnings::text, r.revision, r.result_version, r.authors::text`

const reportFrom = ` FROM reports r JOIN users u ON u.id = r.created_by
	LEFT JOIN users d ON d.id = r.decided_by LEFT JOIN records rec ON rec.id = r.record_id`

func scanReport(sc scanner) (*mineaction.Report, error) {
	var r mineaction.Report
	var submitted, decided *time.Time
	var props, issues, warnings, authors string
	var g []byte
	err := sc.Scan(&r.ID, &r.RecordType, &r.RecordID, &r.RecordHID, &r.Version, &r.Delete,
		&r.Status, &r.Organisation, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &submitted, &r.DecidedBy, &decided,
		&r.Reason, &props, &g, &r.DateOfInformation, &issues, &warnings, &r.Revision, &r.ResultVersion, &authors)
	if err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = utc(r.CreatedAt), utc(r.UpdatedAt)
	r.SubmittedAt, r.DecidedAt = utcPtr(submitted), utcPtr(decided)
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

func (t *txn) Report(ctx context.Context, id int64) (*mineaction.Report, error) {
	r, err := scanReport(t.tx.QueryRow(ctx, "SELECT "+reportCols+reportFrom+" WHERE r.id = $1", id))
	if err != nil {
		return nil, storeErr(fmt.Sprintf("report %d", id), err)
	}
	return r, nil
}

// LockReport implements mineaction.ReportTx (FOR NO KEY UPDATE: see
// LockRecords).
func (t *txn) LockReport(ctx context.Context, id int64) error {
	t.tx.hold(fmt.Sprintf("lock report %d", id), "SELECT id FROM reports WHERE id = $1 FOR NO KEY UPDATE", id)
	return nil
}

func reportWhere(f mineaction.ReportFilter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if len(f.Status) > 0 {
		ss := make([]string, len(f.Status))
		for i, s := range f.Status {
			ss[i] = string(s)
		}
		conds = append(conds, "r.status = ANY("+arg(ss)+"::text[])")
	}
	if f.RecordType != "" {
		conds = append(conds, "r.record_type = "+arg(string(f.RecordType)))
	}
	if f.Organisation != "" {
		conds = append(conds, "r.org_code = "+arg(f.Organisation))
	}
	if f.CreatedBy != "" {
		conds = append(conds, "u.name = "+arg(f.CreatedBy))
	}
	if f.RecordID != 0 {
		conds = append(conds, "r.record_id = "+arg(f.RecordID))
	}
	if f.AfterID != 0 {
		conds = append(conds, "r.id > "+arg(f.AfterID))
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
	rows, err := t.tx.Query(ctx, q, args...)
	if err != nil {
		return nil, storeErr("reports", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.Report, error) { return scanReport(r) })
	return out, storeErr("reports", err)
}

func (t *txn) CountReports(ctx context.Context, f mineaction.ReportFilter) (int, error) {
	where, args := reportWhere(f)
	var n int
	err := t.tx.QueryRow(ctx, "SELECT count(*)"+reportFrom+where, args...).Scan(&n)
	return n, storeErr("reports", err)
}

// jsonText encodes issues, warnings or authors as SQLite does: nil is [].
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

func (t *txn) InsertReport(ctx context.Context, r *mineaction.Report) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO reports (record_type, record_id, base_version, is_delete, status, org_code,
		created_by, created_at, updated_at, submitted_at, decided_by, decided_at, reason, props, geom, doi, issues, warnings,
		revision, result_version, authors)
		VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM users WHERE name = $7), $8, $9, $10,
		(SELECT id FROM users WHERE name = $11), $12, $13, $14::json, `+geomIn("$15")+`, $16::date, $17::json, $18::json, $19, $20, $21::json)
		RETURNING id`,
		string(r.RecordType), nullID(r.RecordID), r.Version, r.Delete, string(r.Status), r.Organisation,
		r.CreatedBy, timeArg(r.CreatedAt), timeArg(r.UpdatedAt), timePtrArg(r.SubmittedAt), r.DecidedBy, timePtrArg(r.DecidedAt),
		r.Reason, string(r.Properties), wkb(r.Geometry), dateArg(r.DateOfInformation), jsonText(r.Issues), jsonText(r.Warnings),
		r.Revision, r.ResultVersion, jsonText(r.Authors)).Scan(&r.ID)
	return storeErr("report", err)
}

func (t *txn) UpdateReport(ctx context.Context, r *mineaction.Report) error {
	t.tx.holdOne(fmt.Sprintf("report %d", r.ID), `UPDATE reports SET record_id = $1, base_version = $2, is_delete = $3,
		status = $4, org_code = $5, updated_at = $6, submitted_at = $7, decided_by = (SELECT id FROM users WHERE name = $8),
		decided_at = $9, reason = $10, props = $11::json, geom = `+geomIn("$12")+`, doi = $13::date, issues = $14::json,
		warnings = $15::json, revision = $16, result_version = $17, authors = $18::json WHERE id = $19`,
		nullID(r.RecordID), r.Version, r.Delete, string(r.Status), r.Organisation,
		timeArg(r.UpdatedAt), timePtrArg(r.SubmittedAt), r.DecidedBy, timePtrArg(r.DecidedAt), r.Reason,
		string(r.Properties), wkb(r.Geometry), dateArg(r.DateOfInformation), jsonText(r.Issues), jsonText(r.Warnings),
		r.Revision, r.ResultVersion, jsonText(r.Authors), r.ID)
	return nil
}

func (t *txn) DeleteReport(ctx context.Context, id int64) error {
	tag, err := t.tx.Exec(ctx, "DELETE FROM reports WHERE id = $1", id)
	if err != nil {
		return storeErr(fmt.Sprintf("report %d", id), err)
	}
	if tag.RowsAffected() == 0 {
		return storeErr(fmt.Sprintf("report %d", id), pgx.ErrNoRows)
	}
	return nil
}
