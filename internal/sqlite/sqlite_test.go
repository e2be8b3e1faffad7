package sqlite_test

import (
	"testing"

	"mineaction/internal/storetest"
)

// TestConformance runs the store conformance suite on SQLite.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.SQLite)
}
