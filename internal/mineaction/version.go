package mineaction

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"mineaction/internal/geo"
)

// RecordState is the current view of a record: its current version's data.
type RecordState struct {
	ID                int64           `json:"-"`
	Type              RecordType      `json:"record_type"`
	HID               string          `json:"id"`
	Organisation      string          `json:"organisation"`
	Version           int             `json:"version"`
	Deleted           bool            `json:"deleted,omitempty"`
	DateOfInformation Date            `json:"date_of_information"`
	Properties        json.RawMessage `json:"properties"`
	Geometry          geo.Geometry    `json:"-"`
	Index             Index           `json:"-"`
	AdminArea         string          `json:"-"`
	UpdatedAt         time.Time       `json:"updated_at"`
	// Links are the records this one points at, by relation.
	Links []Link `json:"-"`
	// Figures are a hazard's land release figures, when asked for.
	Figures *Figures `json:"-"`
}

// Link is a foreign key from one record to another.
type Link struct {
	Rel    RefKind // hazard, activity, accident, task
	Target int64
	HID    string
}

// Version is one approved version of a record. Versions are never changed or
// deleted; undoing an approval marks its version undone.
type Version struct {
	RecordID          int64           `json:"-"`
	RecordType        RecordType      `json:"record_type"`
	HID               string          `json:"id"`
	Version           int             `json:"version"`
	ReportID          int64           `json:"report_id"`
	Deleted           bool            `json:"deleted,omitempty"`
	DateOfInformation Date            `json:"date_of_information"`
	Properties        json.RawMessage `json:"properties"`
	Geometry          geo.Geometry    `json:"-"`
	// Applied is false when an older date of information kept the version in
	// history without changing the current view.
	Applied    bool       `json:"applied"`
	ApprovedBy string     `json:"approved_by"`
	ApprovedAt time.Time  `json:"approved_at"`
	UndoneBy   string     `json:"undone_by,omitempty"`
	UndoneAt   *time.Time `json:"undone_at,omitempty"`
	Hash       string     `json:"hash"`
}

// ComputeHash returns the hash of the version's immutable content: what was
// approved, by whom and when. Undo state is not part of it (the undo has its
// own audit entry).
func (v *Version) ComputeHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "version\x00%s\x00%s\x00%d\x00%d\x00%s\x00%t\x00%s\x00%s\x00",
		v.RecordType, v.HID, v.Version, v.ReportID, v.DateOfInformation, v.Deleted,
		v.ApprovedBy, v.ApprovedAt.UTC().Format(time.RFC3339Nano))
	h.Write(v.Properties)
	h.Write([]byte{0})
	if v.Geometry != nil {
		h.Write(geo.MarshalWKB(v.Geometry))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditEntry is one entry of the append-only audit log. Each entry carries
// the hash of the previous entry and, for approvals, of the version it
// approved, so that any change made outside the application shows.
type AuditEntry struct {
	Seq         int64     `json:"seq"`
	At          time.Time `json:"at"`
	Actor       string    `json:"actor"`
	Action      string    `json:"action"`
	ReportID    int64     `json:"report_id,omitempty"`
	RecordHID   string    `json:"record_id,omitempty"`
	Version     int       `json:"version,omitempty"`
	VersionHash string    `json:"version_hash,omitempty"`
	Detail      string    `json:"detail,omitempty"`
	PrevHash    string    `json:"prev_hash"`
	Hash        string    `json:"hash"`
}

// ComputeHash returns the entry's hash, chained on PrevHash: the SHA-256,
// in hex, of "audit", PrevHash, Seq in decimal and HashTail, each followed
// by a zero byte but the last.
func (a *AuditEntry) ComputeHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "audit\x00%s\x00%s\x00", a.PrevHash, strconv.FormatInt(a.Seq, 10))
	h.Write(a.HashTail())
	return hex.EncodeToString(h.Sum(nil))
}

// HashTail returns what the entry's hash covers after its place in the
// chain (PrevHash and Seq): its own content. A store that chains entries
// in SQL, where the head of the chain is read, hashes the same bytes.
func (a *AuditEntry) HashTail() []byte {
	return fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s",
		a.At.UTC().Format(time.RFC3339Nano), a.Actor, a.Action, strconv.FormatInt(a.ReportID, 10), a.RecordHID,
		strconv.Itoa(a.Version), a.VersionHash, a.Detail)
}

// The audit actions.
const (
	AuditReportCreate   = "report.create"
	AuditReportUpdate   = "report.update"
	AuditReportDelete   = "report.delete"
	AuditReportSubmit   = "report.submit"
	AuditReportWithdraw = "report.withdraw"
	AuditReportApprove  = "report.approve"
	AuditReportReject   = "report.reject"
	AuditReportUndo     = "report.undo"
	AuditUserAdd        = "user.add"
	AuditUserUpdate     = "user.update"
	AuditTokenCreate    = "token.create"
	AuditTokenRevoke    = "token.revoke"
	AuditReference      = "reference.update"
	AuditRestore        = "database.restore"
)

// AppendAudit adds e to the audit chain as the caller's transaction
// commits (see AuditTx.QueueAudit): e's Seq, PrevHash and Hash are set then.
// Chaining at commit keeps the chain's head, which every write moves, from
// serialising whole transactions.
func AppendAudit(ctx context.Context, tx AuditTx, e *AuditEntry) error {
	if e == nil {
		return fmt.Errorf("append audit: no entry")
	}
	tx.QueueAudit(e)
	return nil
}

// ChainAudit chains es, in order, onto last (nil for an empty log): it sets
// each entry's Seq, PrevHash and Hash. Stores call it at commit, under the
// chain's lock.
func ChainAudit(last *AuditEntry, es []*AuditEntry) {
	seq, prev := int64(0), ""
	if last != nil {
		seq, prev = last.Seq, last.Hash
	}
	for _, e := range es {
		// Both stores keep microseconds: hash what will be read back.
		e.At = e.At.UTC().Truncate(time.Microsecond)
		seq++
		e.Seq, e.PrevHash = seq, prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
	}
}
