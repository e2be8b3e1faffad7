package landrelease

import (
	"context"
	"sync"

	"mineaction/internal/mineaction"
)

// LedgerCache keeps the last ledger loaded, keyed by the newest audit
// entry: the ledger changes only through approvals and their undoing, and
// every one of those appends to the audit chain. Summaries and dashboards
// read it many times between approvals.
type LedgerCache struct {
	mu  sync.Mutex
	seq int64
	l   *Ledger
}

// Load returns the ledger as it stands in tx, from the cache when no
// approval happened since it was loaded.
func (c *LedgerCache) Load(ctx context.Context, tx mineaction.Tx) (*Ledger, error) {
	var seq int64
	last, err := tx.LastAudit(ctx)
	switch {
	case err == nil:
		seq = last.Seq
	case mineaction.ErrorKind(err) != mineaction.KindNotFound:
		return nil, err
	}
	c.mu.Lock()
	if c.l != nil && c.seq == seq {
		l := c.l
		c.mu.Unlock()
		return l, nil
	}
	c.mu.Unlock()
	l, err := LoadLedger(ctx, tx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if seq >= c.seq {
		c.seq, c.l = seq, l
	}
	c.mu.Unlock()
	return l, nil
}
