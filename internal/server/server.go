// Package server assembles the HTTP server: the routes of the web
// application, the JSON API and the OGC API, the middleware every request
// passes through, health and metrics, and a clean shutdown.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"mineaction/internal/api"
	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// Config is what the server needs.
type Config struct {
	Store    mineaction.Store
	Workflow *workflow.Service
	Accounts *auth.Service
	Now      func() time.Time
	Log      *slog.Logger
	// TrustProxy makes the server take the client address and scheme from
	// X-Forwarded-For and X-Forwarded-Proto (set it only behind a proxy
	// that sets them).
	TrustProxy bool
	// TLS reports whether the server itself serves HTTPS.
	TLS bool
	// RequestTimeout bounds the time a handler may take.
	RequestTimeout time.Duration
	// GeneraliseDeg, when above 0, shows uncleared hazards and items not yet
	// destroyed to roles without exact access (viewers) on a grid of that
	// many degrees.
	GeneraliseDeg float64
	// Basemap is a local PMTiles file the map draws under the data (none:
	// the national outline and admin areas are the context).
	Basemap string
	// SmallCount is the casualty count below which a breakdown cell is
	// suppressed for roles without victim assistance (0: the default, 3).
	SmallCount int
	// CORSOrigins are the web origins (scheme://host[:port]) whose pages
	// may read the OGC API and the JSON API with a bearer token; "*" allows
	// any. None: same origin only.
	CORSOrigins []string
}

// Server is the HTTP server.
type Server struct {
	cfg     Config
	api     *api.API
	metrics *metrics
	handler http.Handler
	// patterns lists every route, for the authorisation matrix test.
	patterns []string
}

// New builds the server and its routes.
func New(cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 60 * time.Second
	}
	s := &Server{cfg: cfg, api: api.New(cfg.Workflow, cfg.Accounts, cfg.Now, cfg.GeneraliseDeg), metrics: newMetrics()}
	mux := http.NewServeMux()
	s.routes(mux)
	s.handler = s.middleware(mux)
	return s
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve serves on ln until ctx is cancelled, then shuts down gracefully,
// letting requests in flight finish (up to 30 s).
func (s *Server) Serve(ctx context.Context, ln net.Listener, certFile, keyFile string) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      s.cfg.RequestTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() {
		if certFile != "" {
			errc <- srv.ServeTLS(ln, certFile, keyFile)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.cfg.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}
