package mineaction

import (
	"context"
	"encoding/json"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
)

// Store is the national database. Implementations (SQLite, PostgreSQL) hold
// data, index it and run transactions; every rule and computation lives
// above them, so both give the same answers. One conformance suite,
// internal/storetest, runs against each.
type Store interface {
	// View runs f in a read-only transaction that sees one consistent state.
	View(ctx context.Context, f func(Tx) error) error
	// Update runs f in a read-write transaction: all of it is applied, or
	// none; when Update returns nil the change is durable. Concurrent
	// updates behave as if run one after another, provided each locks what
	// it will change before reading it (Tx.LockReport, Tx.LockRecords) and
	// takes row locks in a consistent order. A store may run f again, in a
	// new transaction, when the database broke a deadlock or could not
	// serialise it: f must be safe to re-run, setting (not accumulating)
	// anything it keeps outside the transaction. The audit entries queued
	// by f are chained onto the log as the transaction commits.
	Update(ctx context.Context, f func(Tx) error) error
	// Backup writes a consistent copy of the live database to path.
	Backup(ctx context.Context, path string) error
	// Close releases the database.
	Close() error
}

// Tx is a transaction on the Store.
type Tx interface {
	ReferenceTx
	ReportTx
	RecordTx
	ReleaseTx
	AuditTx
	AccountTx
}

// ReferenceTx reads and writes reference data.
type ReferenceTx interface {
	Country(ctx context.Context) (*Country, error)
	PutCountry(ctx context.Context, c *Country) error
	Organisation(ctx context.Context, code string) (*Organisation, error)
	Organisations(ctx context.Context) ([]*Organisation, error)
	PutOrganisation(ctx context.Context, o *Organisation) error
	Team(ctx context.Context, org, code string) (*Team, error)
	PutTeam(ctx context.Context, t *Team) error
	Ordnance(ctx context.Context, code string) (*Ordnance, error)
	OrdnanceList(ctx context.Context) ([]*Ordnance, error)
	PutOrdnance(ctx context.Context, o *Ordnance) error
	AdminArea(ctx context.Context, code string) (*AdminArea, error)
	AdminAreas(ctx context.Context) ([]*AdminArea, error)
	PutAdminArea(ctx context.Context, a *AdminArea) error
	Places(ctx context.Context) ([]*Place, error)
	PutPlace(ctx context.Context, p *Place) error
}

// ReportTx reads and writes reports.
type ReportTx interface {
	Report(ctx context.Context, id int64) (*Report, error)
	Reports(ctx context.Context, f ReportFilter) ([]*Report, error)
	CountReports(ctx context.Context, f ReportFilter) (int, error)
	// InsertReport stores a new report and sets its ID.
	InsertReport(ctx context.Context, r *Report) error
	// LockReport locks a report until the transaction ends, so that no
	// other transaction changes it meanwhile (two verifiers approving the
	// same report at once). Take it before reading the report, and before
	// any record lock.
	LockReport(ctx context.Context, id int64) error
	// UpdateReport replaces a report's stored state.
	UpdateReport(ctx context.Context, r *Report) error
	DeleteReport(ctx context.Context, id int64) error
}

// RecordTx reads and writes records and their versions.
type RecordTx interface {
	Record(ctx context.Context, id int64) (*RecordState, error)
	RecordByHID(ctx context.Context, hid string) (*RecordState, error)
	// LockRecords locks records until the transaction ends, in ascending
	// id order, so that no other writer changes them (or what is computed
	// from them: a hazard's releases, credits and figures) meanwhile. Take
	// the locks before reading what will be written; lock in ascending id
	// order across calls where possible, to keep transactions from
	// deadlocking. Ids of no record are ignored. Reads are not blocked.
	LockRecords(ctx context.Context, ids ...int64) error
	// Records returns current, non-deleted records matching q, in id order.
	Records(ctx context.Context, q RecordQuery) ([]*RecordState, error)
	CountRecords(ctx context.Context, q RecordQuery) (int, error)
	// Aggregate counts records and sums their quantities by group.
	Aggregate(ctx context.Context, q AggregateQuery) ([]AggregateRow, error)
	// NextHIDNumber returns the next number for a human id of type t.
	NextHIDNumber(ctx context.Context, t RecordType) (int64, error)
	// InsertRecord stores a new record's current state and sets its ID.
	InsertRecord(ctx context.Context, r *RecordState) error
	// SetHID gives a record inserted in this transaction its human id, and
	// the properties that carry it. The workflow inserts a new record under
	// a provisional id and takes its number (NextHIDNumber, whose counter
	// stays locked until the commit) last.
	SetHID(ctx context.Context, id int64, hid string, props json.RawMessage) error
	// UpdateRecord replaces a record's current state and links.
	UpdateRecord(ctx context.Context, r *RecordState) error
	// Dependents returns the current records that link to record id.
	Dependents(ctx context.Context, id int64) ([]Link, error)
	InsertVersion(ctx context.Context, v *Version) error
	Versions(ctx context.Context, recordID int64) ([]*Version, error)
	// MarkVersionUndone records that an approval was undone.
	MarkVersionUndone(ctx context.Context, recordID int64, version int, by string, at time.Time) error
	// RecordsCreatedBy returns the records whose first version came from a
	// report and is not undone: the records the report's standing approval
	// created. (A report whose approval was undone and that was approved
	// again created new records; the earlier ones are not its any more.)
	RecordsCreatedBy(ctx context.Context, reportID int64) ([]*RecordState, error)
}

// ReleaseTx reads and writes the land release accounting.
type ReleaseTx interface {
	// ReplaceReleases sets the releases of an activity (nil removes them).
	ReplaceReleases(ctx context.Context, activityID int64, rs []*Release) error
	ReleasesOfHazard(ctx context.Context, hazardID int64) ([]*Release, error)
	Releases(ctx context.Context, q RecordQuery) ([]*Release, error)
	// PutFigures sets the current figures of a hazard and the credits of
	// each of its versions; nil figures remove them.
	PutFigures(ctx context.Context, hazardID int64, f *Figures, credits []Credit) error
	Figures(ctx context.Context, hazardID int64) (*Figures, error)
	// AllCredits returns every credit, for roll-ups.
	AllCredits(ctx context.Context) ([]Credit, error)
	// CreditsOfHazard returns a hazard's credits in crediting order.
	CreditsOfHazard(ctx context.Context, hazardID int64) ([]Credit, error)
	// PutHazardVersion records the original area and index fields of an
	// applied hazard version; DeleteHazardVersion removes it when the
	// approval is undone.
	PutHazardVersion(ctx context.Context, h HazardVersionFigure) error
	DeleteHazardVersion(ctx context.Context, hazardID int64, version int) error
	// HazardHistory returns every applied, not undone hazard version, in
	// hazard and version order, for roll-ups as of a date.
	HazardHistory(ctx context.Context) ([]HazardVersionFigure, error)
}

// HazardVersionFigure is what roll-ups need of a hazard version.
type HazardVersionFigure struct {
	HazardID          int64
	HID               string
	Version           int
	DateOfInformation Date
	Deleted           bool
	OriginalM2        float64
	Organisation      string
	AdminArea         string
	Status            string
	Category          string
}

// AuditTx appends to and reads the audit chain.
type AuditTx interface {
	// LastAudit returns the newest committed entry, or ErrNotFound on an
	// empty log. Entries queued in this transaction are not yet in the log.
	LastAudit(ctx context.Context) (*AuditEntry, error)
	// QueueAudit queues e to be chained onto the log when the transaction
	// commits: the store then takes the chain's lock, reads the head, sets
	// the Seq, PrevHash and Hash of each queued entry in order (ChainAudit)
	// and inserts them. Until the commit they are zero. Nothing else is
	// done under the chain's lock, so it cannot deadlock with row locks.
	QueueAudit(e *AuditEntry)
	// AppendAudit inserts an entry whose Seq, PrevHash and Hash are already
	// set, as a copy of a chain does; the log refuses a used Seq or PrevHash.
	AppendAudit(ctx context.Context, a *AuditEntry) error
	Audit(ctx context.Context, afterSeq int64, limit int) ([]*AuditEntry, error)
}

// Prefetcher may be implemented by the transactions of a store that pays a
// round trip to the database for each read (PostgreSQL). Prefetch names
// hazards whose record and land release accounting (versions, figures,
// credits, releases) the transaction is about to read: the store may fetch
// them along with its next statement, and answer those reads from what it
// fetched until the transaction changes them. Name only hazards this
// transaction has locked (LockRecords), so that what is fetched stays true.
// The answers are the same with or without it.
type Prefetcher interface {
	Prefetch(ctx context.Context, hazardIDs ...int64)
}

// AccountTx reads and writes users, tokens and sessions.
type AccountTx interface {
	User(ctx context.Context, name string) (*User, error)
	Users(ctx context.Context) ([]*User, error)
	PutUser(ctx context.Context, u *User) error
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	Tokens(ctx context.Context, user string) ([]*Token, error)
	InsertToken(ctx context.Context, t *Token) error
	RevokeToken(ctx context.Context, id int64, at time.Time) error
	Session(ctx context.Context, hash string) (*Session, error)
	PutSession(ctx context.Context, s *Session) error
	DeleteSession(ctx context.Context, hash string) error
	DeleteSessionsBefore(ctx context.Context, t time.Time) error
}

// TokenHolder is an API token with its user and the kind of the user's
// organisation ("" for a user of none): what authenticating the token needs.
type TokenHolder struct {
	Token   *Token
	User    *User
	OrgKind string
}

// TokenReader may be implemented by a Store that can read a token with its
// holder in one query, which needs no transaction to see one consistent
// state; authentication then costs one round trip to the database instead
// of a read-only transaction of three reads. It returns an error of kind
// KindNotFound for an unknown hash.
type TokenReader interface {
	TokenHolder(ctx context.Context, hash string) (*TokenHolder, error)
}

// RecordQuery selects current records.
type RecordQuery struct {
	Type         RecordType
	BBox         *geo.BBox // records whose geometry bounding box intersects; records without geometry never match
	Organisation string
	Status       []string
	// DateFrom and DateTo bound the event date (inclusive; empty = open).
	DateFrom, DateTo Date
	// Filter is a CQL2 expression on the collection's queryables.
	Filter cql2.Expr
	// LinkedTo selects records linking to this record id.
	LinkedTo int64
	AfterID  int64 // keyset paging: records with a greater id
	// BeforeID pages backwards: records with a smaller id; with Limit, the
	// last Limit of them (still returned in id order).
	BeforeID int64
	Limit    int // 0 = no limit
	// IncludeDeleted also returns removed records.
	IncludeDeleted bool
	// WithFigures fills RecordState.Figures of hazards (without the
	// remaining polygon).
	WithFigures bool
	// IndexOnly reads what a map tile draws: the records carry their id,
	// type, human id, version, deleted flag, indexed columns (Index),
	// geometry and figures. Their properties document and links are left
	// out, and a store may leave out their organisation, admin area, date
	// of information and update time too (the SQLite store does: a tile of
	// the dense area reads thousands of hazards, and each column read
	// costs on every row).
	IndexOnly bool
	// WithoutLinks is for a caller that does not use the links (an OGC API
	// page): a store may leave them out, which spares the SQLite store a
	// query per page.
	WithoutLinks bool
	// ForPage is for a caller that writes the records as features (an OGC
	// API page: their properties document, human id, version, update time,
	// admin area, figures and geometry, generalised by their status): a
	// store may leave out their organisation, date of information and
	// indexed columns other than the status. The SQLite store does, when
	// the query names a type and leaves removed records out; that spares
	// it a join and seven columns of each row.
	ForPage bool
}

// AggregateQuery counts current records of one type, grouped.
type AggregateQuery struct {
	Type RecordType
	// DateFrom and DateTo bound the event date (inclusive; empty = open).
	DateFrom, DateTo Date
	// GroupBy lists grouping keys: "status", "category", "admin_area",
	// "organisation", "year", "month".
	GroupBy []string
}

// AggregateRow is one group: its keys in GroupBy order, the number of
// records and the sum of their quantities.
type AggregateRow struct {
	Keys     []string
	Count    int64
	Quantity int64
}
