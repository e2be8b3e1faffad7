package postgres

import (
	"context"
	"errors"

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

// LastAudit reads the head of the chain as committed.
func (t *txn) LastAudit(ctx context.Context) (*mineaction.AuditEntry, error) {
	a, err := scanAudit(t.tx.QueryRow(ctx, "SELECT "+auditCols+" FROM audit ORDER BY seq DESC LIMIT 1"))
	if err != nil {
		return nil, storeErr("audit entry", err)
	}
	return a, nil
}

// QueueAudit implements mineaction.AuditTx: e is chained at commit.
func (t *txn) QueueAudit(e *mineaction.AuditEntry) { t.audit = append(t.audit, e) }

// commit extends the chain with the queued entries and commits, as the
// last thing the transaction does: it takes the chain's lock, reads the
// head (in READ COMMITTED, the head as the previous holder committed it),
// chains the entries, and inserts them with the COMMIT. The lock is held
// for two round trips, and this transaction waits for nothing else
// meanwhile.
func (t *txn) commit(ctx context.Context) error {
	extra := &pgx.Batch{}
	if len(t.audit) > 0 {
		// The head is read by a statement of its own, after the lock's: in
		// READ COMMITTED each statement's snapshot is taken when it starts.
		// Both go in one round trip, with any statements held back.
		br, err := t.tx.send(ctx, func(b *pgx.Batch) {
			b.Queue("SELECT pg_advisory_xact_lock($1)", ChainLockKey)
			b.Queue("SELECT " + auditCols + " FROM audit ORDER BY seq DESC LIMIT 1")
		})
		if err != nil {
			return err
		}
		if _, err := br.Exec(); err != nil {
			br.Close()
			return storeErr("lock the audit chain", err)
		}
		last, err := scanAudit(br.QueryRow())
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			last = nil
		case err != nil:
			return storeErr("audit chain head", err)
		}
		mineaction.ChainAudit(last, t.audit)
		for _, a := range t.audit {
			extra.Queue("INSERT INTO audit ("+auditCols+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
				a.Seq, timeArg(a.At), a.Actor, a.Action, a.ReportID, a.RecordHID, a.Version, a.VersionHash, a.Detail, a.PrevHash, a.Hash)
		}
		t.audit = nil
	}
	return t.tx.commit(ctx, extra)
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
