// Package ogcapi serves the national database to GIS tools through the OGC
// API standards, under /ogcapi: Features Part 1 (core, GeoJSON, HTML,
// OpenAPI 3.0), Part 2 (coordinate reference systems), Part 3 (queryables
// and CQL2 filtering), Part 4 (create, replace, update and delete, which
// here enter reports into the review workflow rather than change data), and
// Tiles (Mapbox vector tiles in WebMercatorQuad).
//
// Every read goes through auth.Allow; victims have no collection and their
// personal data never appears in a feature. Handlers return errors to
// httpx, which writes problem details.
package ogcapi

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
	"mineaction/internal/tiles"
	"mineaction/internal/workflow"
)

// DefaultLimit is the page size when a request gives no limit, and
// MaxLimit the largest page served: a larger limit is clamped to it, as
// OGC API Features requires.
const (
	DefaultLimit = 10
	MaxLimit     = 10000
)

// Config is what the OGC API needs.
type Config struct {
	Store    mineaction.Store
	Workflow *workflow.Service
	Now      func() time.Time
	Log      *slog.Logger
	// TrustProxy takes the scheme and host of the links the API writes from
	// X-Forwarded-Proto and X-Forwarded-Host (set it only behind a proxy
	// that sets them).
	TrustProxy bool
	// GeneraliseCell, in degrees, is the grid on which callers the policy
	// does not allow to read exact positions (auth.ReadExact) see sensitive
	// features (auth.GeometryFor); 0 serves exact geometry to every reader.
	GeneraliseCell float64
	// TileCacheBytes bounds the memory of the vector tile cache; 0 means
	// tiles.DefaultCacheBytes, a negative value disables the cache.
	TileCacheBytes int64
	// PageCacheBytes bounds the memory of the cache of GeoJSON pages; 0
	// means DefaultPageCacheBytes, a negative value disables it.
	PageCacheBytes int
}

// DefaultPageCacheBytes is the default bound of the page cache.
const DefaultPageCacheBytes = 32 << 20

// Service serves the OGC API.
type Service struct {
	cfg         Config
	store       mineaction.Store
	wf          *workflow.Service
	colls       []*collection
	byID        map[string]*collection
	pages       *template.Template
	tiles       *tiles.Service
	openapiOnce sync.Once
	openapi     []byte

	cache   *pageCache
	countMu sync.Mutex
	counts  map[string]countEntry
	ext     extents
}

type countEntry struct {
	generation int64
	n          int
}

// New returns the OGC API on a store and its workflow.
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Service{cfg: cfg, store: cfg.Store, wf: cfg.Workflow, colls: collections(), counts: map[string]countEntry{}}
	s.byID = map[string]*collection{}
	for _, c := range s.colls {
		s.byID[c.ID] = c
	}
	s.pages = parsePages()
	if cfg.PageCacheBytes == 0 {
		cfg.PageCacheBytes = DefaultPageCacheBytes
	}
	if cfg.PageCacheBytes > 0 {
		s.cache = newPageCache(cfg.PageCacheBytes)
	}
	s.tiles = tiles.New(tiles.Config{Store: cfg.Store, CacheBytes: cfg.TileCacheBytes, GeneraliseCell: cfg.GeneraliseCell})
	return s
}

// Tiles returns the vector tile service behind the tile routes.
func (s *Service) Tiles() *tiles.Service { return s.tiles }

// readable refuses a caller who may not read approved records.
func readable(r *http.Request) (auth.Caller, error) {
	c := httpx.CallerOf(r)
	if auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
		return c, nil
	}
	if c.Anonymous() {
		return c, &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "sign in first: send Authorization: Bearer TOKEN"}
	}
	return c, mineaction.Forbiddenf("you may not read records")
}

// exact reports whether the caller sees exact geometry everywhere.
func (s *Service) exact(c auth.Caller) bool {
	return s.cfg.GeneraliseCell <= 0 || auth.Allow(c, auth.ReadExact, auth.Resource{})
}

// collection returns the collection named by the {id} path value.
func (s *Service) collection(r *http.Request) (*collection, error) {
	id := r.PathValue("id")
	if id == "" {
		// A route written for one collection, e.g. the writes on hazards.
		id, _, _ = strings.Cut(strings.TrimPrefix(r.URL.Path, "/ogcapi/collections/"), "/")
	}
	c, ok := s.byID[id]
	if !ok {
		ids := make([]string, len(s.colls))
		for i, c := range s.colls {
			ids[i] = c.ID
		}
		return nil, mineaction.NotFoundf("no collection %q; the collections are %s", id, strings.Join(ids, ", "))
	}
	return c, nil
}

// generation returns the sequence number of the newest audit entry: every
// approval, undo and reference data change appends one, so it changes
// whenever what the API shows may have changed.
func generation(ctx context.Context, tx mineaction.Tx) (int64, error) {
	a, err := tx.LastAudit(ctx)
	if errors.Is(err, mineaction.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return a.Seq, nil
}

// badRequest makes a 400 problem naming a query parameter.
func badRequest(param, format string, args ...any) error {
	return httpx.BadRequest{Err: mineaction.Invalid(param, format, args...)}
}
