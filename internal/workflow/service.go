// Package workflow is the review workflow of the national database: reports
// are staged, submitted, approved or rejected; approval applies a report as
// a new version of a record in one transaction, with the land release
// accounting and the audit chain updated in the same transaction; an
// approval can be undone. Every rule is here, above the store, so the SQLite
// and PostgreSQL stores behave the same.
package workflow

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Config holds the settings of the workflow.
type Config struct {
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// ServiceArea is where the programme works (for the swapped
	// coordinates check); empty means the country outline's box.
	ServiceArea geo.BBox
	// AgeBands are the risk education age bands.
	AgeBands []string
	// LongEdgeM is the edge length above which a polygon gets a warning.
	LongEdgeM float64
	// OverlapShare is the share of a new hazard that may overlap an
	// existing one before a warning.
	OverlapShare float64
	Log          *slog.Logger
}

// Service runs the workflow on a store.
type Service struct {
	store mineaction.Store
	cfg   Config
	log   *slog.Logger

	mu     sync.Mutex
	admins []*mineaction.AdminArea // cached for deriving admin areas
	area   *geo.BBox               // cached box of the country outline

	// known holds the reference codes found to exist (see knownRef).
	known sync.Map
	// recordIDs maps human ids to record ids (see applier.idOf).
	idMu      sync.RWMutex
	recordIDs map[string]int64
}

// maxRecordIDs bounds the map of human ids to record ids: past it, the map
// starts again from empty (a national database has tens of thousands of
// records; an approval looks up a few).
const maxRecordIDs = 1 << 17

// recordID returns the record id of a committed human id, if known.
func (s *Service) recordID(hid string) (int64, bool) {
	s.idMu.RLock()
	defer s.idMu.RUnlock()
	id, ok := s.recordIDs[hid]
	return id, ok
}

// rememberRecordID records the id of a committed record's human id: a
// human id never changes its record, and records are never deleted (a
// removal is a version), so it holds for good, in any process.
func (s *Service) rememberRecordID(hid string, id int64) {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	if s.recordIDs == nil || len(s.recordIDs) >= maxRecordIDs {
		s.recordIDs = map[string]int64{}
	}
	s.recordIDs[hid] = id
}

// New returns a workflow service on store.
func New(store mineaction.Store, cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.LongEdgeM == 0 {
		cfg.LongEdgeM = 5000
	}
	if cfg.OverlapShare == 0 {
		cfg.OverlapShare = 0.10
	}
	if len(cfg.AgeBands) == 0 {
		cfg.AgeBands = mineaction.DefaultAgeBands
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, cfg: cfg, log: log}
}

// Store returns the store the service works on.
func (s *Service) Store() mineaction.Store { return s.store }

// now returns the current time truncated to microseconds, the precision
// both stores keep, so that hashes computed now match hashes recomputed later.
func (s *Service) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

func (s *Service) rules(ctx context.Context, tx mineaction.Tx) mineaction.Rules {
	area := s.cfg.ServiceArea
	if area.IsEmpty() || area == (geo.BBox{}) {
		area = s.countryBox(ctx, tx)
	}
	return mineaction.Rules{ServiceArea: area, AgeBands: s.cfg.AgeBands, Today: mineaction.DateOf(s.cfg.Now())}
}

// ServiceArea returns the box the programme works in: the configured one,
// or the country outline's.
func (s *Service) ServiceArea(ctx context.Context) geo.BBox {
	area := geo.EmptyBBox()
	_ = s.store.View(ctx, func(tx mineaction.Tx) error {
		area = s.rules(ctx, tx).ServiceArea
		return nil
	})
	return area
}

// countryBox returns the bounding box of the country outline (cached).
func (s *Service) countryBox(ctx context.Context, tx mineaction.Tx) geo.BBox {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.area != nil {
		return *s.area
	}
	c, err := tx.Country(ctx)
	if err != nil {
		return geo.EmptyBBox() // not cached: the country may be added later
	}
	b := c.Geometry.Bounds()
	s.area = &b
	return b
}

// ForgetReference drops cached reference data after it changed.
func (s *Service) ForgetReference() {
	s.mu.Lock()
	s.admins, s.area = nil, nil
	s.mu.Unlock()
}

func (s *Service) adminAreas(ctx context.Context, tx mineaction.Tx) ([]*mineaction.AdminArea, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admins == nil {
		as, err := tx.AdminAreas(ctx)
		if err != nil {
			return nil, err
		}
		s.admins = as
	}
	return s.admins, nil
}

// allow checks the policy and returns a forbidden error if it says no.
func allow(c auth.Caller, a auth.Action, r auth.Resource, what string) error {
	if auth.Allow(c, a, r) {
		return nil
	}
	if c.Anonymous() {
		return &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "sign in first"}
	}
	if why := auth.Why(c, a, r); why != "" {
		return mineaction.Forbiddenf("you may not %s: %s", what, why)
	}
	return mineaction.Forbiddenf("you may not %s", what)
}

// audit appends an entry to the audit chain inside tx.
func audit(ctx context.Context, tx mineaction.Tx, e *mineaction.AuditEntry) error {
	return mineaction.AppendAudit(ctx, tx, e)
}
