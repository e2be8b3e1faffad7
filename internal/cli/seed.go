package cli

import (
	"context"
	"time"

	"mineaction/internal/demo"
	"mineaction/internal/mineaction"
)

// seedCatalogue gives a database without an ordnance catalogue the
// starter list (the items of the region, those named in DOMAIN.md
// among them), so a new authority can enter finds at once.
func seedCatalogue(ctx context.Context, store mineaction.Store) error {
	return store.Update(ctx, func(tx mineaction.Tx) error {
		have, err := tx.OrdnanceList(ctx)
		if err != nil || len(have) > 0 {
			return err
		}
		list, err := demo.Catalogue()
		if err != nil {
			return err
		}
		for _, o := range list {
			if err := tx.PutOrdnance(ctx, o); err != nil {
				return err
			}
		}
		return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: time.Now().UTC().Truncate(time.Microsecond),
			Actor: "system", Action: mineaction.AuditReference, Detail: "ordnance starter catalogue"})
	})
}
