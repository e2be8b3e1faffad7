package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

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
// last thing the transaction does, in one round trip: it takes the
// chain's lock, then one statement reads the head (in READ COMMITTED, the
// head as the previous holder committed it: a statement's snapshot is
// taken when it starts, after the lock's), chains the entries in SQL and
// inserts them, and COMMIT follows. The lock is held for that round trip
// and the commit's flush only, and this transaction waits for nothing
// else meanwhile.
func (t *txn) commit(ctx context.Context) error {
	if len(t.audit) == 0 {
		return t.tx.commit(ctx, nil, nil)
	}
	es := t.audit
	t.audit = nil
	n := len(es)
	tails := make([][]byte, n)
	at := make([]time.Time, n)
	actors, actions, hids, vhashes, details := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	reports, versions := make([]int64, n), make([]int32, n)
	for i, e := range es {
		// Both stores keep microseconds: hash what will be read back.
		e.At = e.At.UTC().Truncate(time.Microsecond)
		tails[i], at[i] = e.HashTail(), e.At
		actors[i], actions[i], hids[i], vhashes[i], details[i] = e.Actor, e.Action, e.RecordHID, e.VersionHash, e.Detail
		reports[i], versions[i] = e.ReportID, int32(e.Version)
	}
	return t.tx.commit(ctx, func(b *pgx.Batch) {
		b.Queue("SELECT pg_advisory_xact_lock($1)", ChainLockKey)
		b.Queue(chainAudit, tails, at, actors, actions, reports, hids, versions, vhashes, details)
	}, func(br pgx.BatchResults) error {
		if _, err := br.Exec(); err != nil {
			return storeErr("lock the audit chain", err)
		}
		rows, err := br.Query()
		if err != nil {
			return storeErr("audit entries", err)
		}
		chained, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (mineaction.AuditEntry, error) {
			var a mineaction.AuditEntry
			err := r.Scan(&a.Seq, &a.PrevHash, &a.Hash)
			return a, err
		})
		if err != nil {
			return storeErr("audit entries", err)
		}
		if len(chained) != n {
			return fmt.Errorf("audit entries: %d inserted, %d queued", len(chained), n)
		}
		// In queue order, which is sequence order.
		slices.SortFunc(chained, func(a, b mineaction.AuditEntry) int { return cmp.Compare(a.Seq, b.Seq) })
		for i, e := range es {
			e.Seq, e.PrevHash, e.Hash = chained[i].Seq, chained[i].PrevHash, chained[i].Hash
		}
		return nil
	})
}

// chainAudit chains entries onto the head of the audit log and inserts
// them, returning their sequence numbers, previous hashes and hashes in
// order. $1 holds the HashTail of each entry and $2.. their columns; each
// hash is mineaction.AuditEntry.ComputeHash's: the SHA-256, in hex, of
// "audit", the previous hash, the sequence number and the tail, joined by
// zero bytes. The empty log chains from sequence 0 and the empty hash.
const chainAudit = `WITH RECURSIVE chain (i, seq, prev, hash) AS (
		SELECT 0, COALESCE(h.seq, 0), '', COALESCE(h.hash, '')
		FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1) h ON true
	UNION ALL
		SELECT c.i + 1, c.seq + 1, c.hash, encode(sha256('\x617564697400'::bytea || convert_to(c.hash, 'UTF8') ||
			'\x00'::bytea || convert_to((c.seq + 1)::text, 'UTF8') || '\x00'::bytea || ($1::bytea[])[c.i + 1]), 'hex')
		FROM chain c WHERE c.i < cardinality($1::bytea[])
	)
	INSERT INTO audit (` + auditCols + `)
	SELECT c.seq, ($2::timestamptz[])[c.i], ($3::text[])[c.i], ($4::text[])[c.i], ($5::bigint[])[c.i], ($6::text[])[c.i],
		($7::integer[])[c.i], ($8::text[])[c.i], ($9::text[])[c.i], c.prev, c.hash
	FROM chain c WHERE c.i > 0 ORDER BY c.i
	RETURNING seq, prev_hash, hash`

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
