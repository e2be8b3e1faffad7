package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

const auditCols = "seq, at, actor, action, report_id, record_hid, version, version_hash, detail, prev_hash, hash"

func scanAudit(sc scanner) (*mineaction.AuditEntry, error) {
	var a mineaction.AuditEntry
	if err := sc.Scan(&a.Seq, &a.At, &a.Actor, &a.Action, &a.ReportID, &a.RecordHID, &a.Version, &a.VersionHash,
		&a.Detail, &a.PrevHash, &a.Hash); err != nil {
		return nil, err
	}
	a.At = utc(a.At)
	return &a, nil
}

// LastAudit reads the head of the chain. Inside Update the write lock is
// held, so no other writer can append before this transaction ends.
func (t *txn) LastAudit(ctx context.Context) (*mineaction.AuditEntry, error) {
	a, err := scanAudit(t.tx.QueryRow(ctx, "SELECT "+auditCols+" FROM audit ORDER BY seq DESC LIMIT 1"))
	if err != nil {
		return nil, storeErr("audit entry", err)
	}
	return a, nil
}

func (t *txn) AppendAudit(ctx context.Context, a *mineaction.AuditEntry) error {
	_, err := t.tx.Exec(ctx, "INSERT INTO audit ("+auditCols+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		a.Seq, timeArg(a.At), a.Actor, a.Action, a.ReportID, a.RecordHID, a.Version, a.VersionHash, a.Detail, a.PrevHash, a.Hash)
	return storeErr("audit entry", err)
}

func (t *txn) Audit(ctx context.Context, afterSeq int64, limit int) ([]*mineaction.AuditEntry, error) {
	q := "SELECT " + auditCols + " FROM audit WHERE seq > $1 ORDER BY seq"
	args := []any{afterSeq}
	if limit > 0 {
		q += " LIMIT $2"
		args = append(args, limit)
	}
	rows, err := t.tx.Query(ctx, q, args...)
	if err != nil {
		return nil, storeErr("audit", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.AuditEntry, error) { return scanAudit(r) })
	return out, storeErr("audit", err)
}
