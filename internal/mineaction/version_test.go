package mineaction

import (
	"testing"
	"time"
)

// TestAuditHashFormat pins the hash of an audit entry: it is stored, and
// chained on, so its format may never change. The PostgreSQL store hashes
// the same bytes in SQL (HashTail).
func TestAuditHashFormat(t *testing.T) {
	e := &AuditEntry{Seq: 42, At: time.Date(2026, 11, 29, 6, 35, 1, 123456000, time.UTC), Actor: "vera", Action: AuditReportApprove,
		ReportID: 7, RecordHID: "HA-000123", Version: 3, VersionHash: "abc", Detail: "applied ə", PrevHash: "ffee"}
	if got, want := e.ComputeHash(), "25cda117452d59657af28e24e1ea65b8ab769a396803e0c9ea5a14b16e35cb86"; got != want {
		t.Errorf("hash %s, want %s", got, want)
	}
}
