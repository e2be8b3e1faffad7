// Package storetest holds what the store tests share: the conformance suite
// that every mineaction.Store implementation must pass, the list of stores
// the tests run against (SQLite always, PostgreSQL/PostGIS too), and a small
// seeded world of reference data, users and accounts for tests.
package storetest

import (
	"context"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
)

// Opener opens a fresh, empty store for one test.
type Opener struct {
	Name string
	Open func(t testing.TB) mineaction.Store
}

// SQLite opens a new SQLite database in a temporary directory.
func SQLite(t testing.TB) mineaction.Store {
	s, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Openers returns the stores every store-dependent test runs against.
func Openers() []Opener {
	return []Opener{{Name: "sqlite", Open: SQLite}}
}

// ForEach runs f as a subtest once per store.
func ForEach(t *testing.T, f func(t *testing.T, open func(testing.TB) mineaction.Store)) {
	for _, o := range Openers() {
		t.Run(o.Name, func(t *testing.T) { f(t, o.Open) })
	}
}
