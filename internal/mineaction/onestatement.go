package mineaction

import "context"

type oneStatementKey struct{}

// OneStatement marks the reads of a Store.View run under the returned
// context as a single statement of the store: one record by id or human
// id, with what a store may read in the same statement (its dependents
// and its figures). A single statement sees one consistent state by itself, so
// a client-server store may run it without a transaction, sparing the
// round trips of its BEGIN and ROLLBACK. A store that honours the mark
// refuses a second statement in such a View, rather than answer it from
// another state: the mark is a promise of the caller, checked, not a hint
// that may silently weaken consistency.
func OneStatement(ctx context.Context) context.Context {
	return context.WithValue(ctx, oneStatementKey{}, true)
}

// IsOneStatement reports whether ctx carries OneStatement's mark.
func IsOneStatement(ctx context.Context) bool {
	v, _ := ctx.Value(oneStatementKey{}).(bool)
	return v
}
