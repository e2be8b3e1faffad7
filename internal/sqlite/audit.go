package sqlite

import (
	"context"

	"mineaction/internal/mineaction"
)

const auditCols = "seq, at, actor, action, report_id, record_hid, version, version_hash, detail, prev_hash, hash"

func scanAudit(sc interface{ Scan(...any) error }) (*mineaction.AuditEntry, error) {
	var a mineaction.AuditEntry
	var at string
	if err := sc.Scan(&a.Seq, &at, &a.Actor, &a.Action, &a.ReportID, &a.RecordHID, &a.Version, &a.VersionHash, &a.Detail, &a.PrevHash, &a.Hash); err != nil {
		return nil, err
	}
	a.At = parseTime(at)
	return &a, nil
}

func (t *txn) LastAudit(ctx context.Context) (*mineaction.AuditEntry, error) {
	a, err := scanAudit(t.queryRow(ctx, "SELECT "+auditCols+" FROM audit ORDER BY seq DESC LIMIT 1"))
	if err != nil {
		return nil, storeErr("audit entry", err)
	}
	return a, nil
}

// QueueAudit implements mineaction.AuditTx: e is chained at commit.
func (t *txn) QueueAudit(e *mineaction.AuditEntry) { t.audit = append(t.audit, e) }

// chainAudit chains the queued entries onto the head and inserts them. The
// transaction holds the database's write lock, so the head cannot move.
func (t *txn) chainAudit(ctx context.Context) error {
	if len(t.audit) == 0 {
		return nil
	}
	last, err := t.LastAudit(ctx)
	if err != nil && mineaction.ErrorKind(err) != mineaction.KindNotFound {
		return err
	}
	mineaction.ChainAudit(last, t.audit)
	for _, a := range t.audit {
		if err := t.AppendAudit(ctx, a); err != nil {
			return err
		}
	}
	t.audit = nil
	return nil
}

func (t *txn) AppendAudit(ctx context.Context, a *mineaction.AuditEntry) error {
	_, err := t.exec(ctx, "INSERT INTO audit ("+auditCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		a.Seq, fmtTime(a.At), a.Actor, a.Action, a.ReportID, a.RecordHID, a.Version, a.VersionHash, a.Detail, a.PrevHash, a.Hash)
	return storeErr("audit entry", err)
}

func (t *txn) Audit(ctx context.Context, afterSeq int64, limit int) ([]*mineaction.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := t.query(ctx, "SELECT "+auditCols+" FROM audit WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit)
	if err != nil {
		return nil, storeErr("audit", err)
	}
	defer rows.Close()
	var out []*mineaction.AuditEntry
	for rows.Next() {
		a, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
