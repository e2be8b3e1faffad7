package mineaction

import (
	"encoding/json"
	"slices"
	"time"

	"mineaction/internal/geo"
)

// ReportStatus is where a report stands in the review workflow.
type ReportStatus string

// The workflow states. A staged report changes nothing and can be edited or
// deleted; a submitted one waits for a verifier; approval applies it;
// rejection keeps it out, with a reason.
const (
	StatusStaged    ReportStatus = "staged"
	StatusSubmitted ReportStatus = "submitted"
	StatusApproved  ReportStatus = "approved"
	StatusRejected  ReportStatus = "rejected"
)

// ReportStatuses lists the states in workflow order.
var ReportStatuses = []ReportStatus{StatusStaged, StatusSubmitted, StatusApproved, StatusRejected}

// Editable reports whether the author may still change or delete the report.
func (s ReportStatus) Editable() bool { return s == StatusStaged || s == StatusRejected }

// Report is a field report: a proposed new record, a new version of an
// existing one, or the removal of one. Only approval changes the current view.
type Report struct {
	ID         int64        `json:"id"`
	RecordType RecordType   `json:"record_type"`
	RecordID   int64        `json:"-"`
	RecordHID  string       `json:"record_id,omitempty"` // set for updates and removals, and after approval of a new record
	Version    int          `json:"version,omitempty"`   // the record version the report was based on
	Delete     bool         `json:"delete,omitempty"`    // the report removes the record (data audit)
	Status     ReportStatus `json:"status"`
	// Organisation is the organisation the report is entered for.
	Organisation string `json:"organisation"`
	CreatedBy    string `json:"created_by"`
	// Authors are the users who entered or changed the report's content,
	// in the order they first did: CreatedBy first. None of them may decide
	// on it (see internal/auth).
	Authors     []string   `json:"authors"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	DecidedBy   string     `json:"decided_by,omitempty"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	// Properties are the record's properties as validated and normalised.
	Properties        json.RawMessage `json:"properties"`
	Geometry          geo.Geometry    `json:"-"`
	DateOfInformation Date            `json:"date_of_information"`
	// Issues are unresolved references (import issues); they block approval.
	Issues []Issue `json:"issues"`
	// Warnings are what a data officer should look at; they do not block.
	Warnings []Warning `json:"warnings"`
	// Revision counts changes to the report; it is the report's ETag.
	Revision int `json:"revision"`
	// ResultVersion is the record version that approval created.
	ResultVersion int `json:"result_version,omitempty"`
}

// AddAuthor records that user entered or changed the report's content.
func (r *Report) AddAuthor(user string) {
	if !slices.Contains(r.Authors, user) {
		r.Authors = append(r.Authors, user)
	}
}

// Issue is an import issue: a reference the database does not know.
type Issue struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Warning is a finding that does not block approval, such as a long polygon
// edge or an overlap with an existing hazard.
type Warning struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// ReportFilter selects reports.
type ReportFilter struct {
	Status       []ReportStatus
	RecordType   RecordType
	Organisation string // only reports of this organisation
	CreatedBy    string
	RecordID     int64
	Limit        int
	AfterID      int64 // keyset paging: reports with a greater id
}
