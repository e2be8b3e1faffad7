// Package web is the web application: server-rendered pages from
// html/template for the national map, the records and their history, data
// entry, the review queue and the dashboard, with the bundled front-end
// assets (MapLibre, terra-draw, Chart.js; see web/ at the repository root)
// embedded in the binary and served at fingerprinted URLs. Pages call the
// workflow, the land release accounting and the authorisation policy; no
// business rule lives here.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"mineaction/internal/api"
	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// Config is what the web application needs.
type Config struct {
	Store    mineaction.Store
	Workflow *workflow.Service
	Accounts *auth.Service
	Now      func() time.Time
	Log      *slog.Logger
	// GeneraliseDeg is the grid on which viewers see sensitive positions
	// (see auth.GeometryFor); 0 shows them exactly.
	GeneraliseDeg float64
	// TilesURL is the URL template of a collection's vector tiles, with
	// {collection}, {z}, {x} and {y}; empty draws the map without them.
	TilesURL string
	// Basemap is a PMTiles file (raster or vector tiles) the operator
	// supplies as the maps' base map; empty shows the national outline and
	// the admin areas only.
	Basemap string
	// SmallCount is the threshold below which casualty counts are
	// suppressed for callers without the victim assistance role (default 3).
	SmallCount int
	// SetSessionCookie and ClearSessionCookie set and clear the session
	// cookie, the same way as the JSON sign-in does.
	SetSessionCookie   func(w http.ResponseWriter, r *http.Request, secret string, sess *mineaction.Session)
	ClearSessionCookie func(w http.ResponseWriter, r *http.Request)
	// SessionCookie is the name of the session cookie.
	SessionCookie string
	// ClientAddr returns the address of the client, for the sign-in rate limits.
	ClientAddr func(r *http.Request) string
}

// Web serves the pages.
type Web struct {
	cfg       Config
	ledger    landrelease.LedgerCache // the figures' ledger, between approvals
	store     mineaction.Store
	dash      *api.Dashboard
	pages     *pages
	assets    *assets
	demoMu    sync.Mutex
	demoSeen  time.Time
	demoState bool
}

// New returns the web application.
func New(cfg Config) *Web {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.SmallCount == 0 {
		cfg.SmallCount = api.DefaultSmallCount
	}
	if cfg.SessionCookie == "" {
		cfg.SessionCookie = "mineaction_session"
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = func(r *http.Request) string { return r.RemoteAddr }
	}
	w := &Web{cfg: cfg, store: cfg.Store, assets: mustAssets()}
	w.dash = api.NewDashboard(cfg.Store, cfg.Now, cfg.SmallCount)
	w.pages = mustPages(w.funcs())
	return w
}

// isDemo reports whether the database is the synthetic demo: the demo's
// gazetteer marks every admin area with demo.BoundaryNote, which no real
// gazetteer carries. The answer is kept for a minute.
func (w *Web) isDemo(ctx context.Context) bool {
	w.demoMu.Lock()
	defer w.demoMu.Unlock()
	now := time.Now()
	if !w.demoSeen.IsZero() && now.Sub(w.demoSeen) < time.Minute {
		return w.demoState
	}
	state := false
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		areas, err := tx.AdminAreas(ctx)
		for _, a := range areas {
			state = state || a.Note == demo.BoundaryNote
		}
		return err
	})
	if err != nil {
		return w.demoState
	}
	w.demoSeen, w.demoState = now, state
	return state
}
