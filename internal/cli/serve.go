package cli

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"mineaction/internal/server"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", envOr("ADDR", "127.0.0.1:8080"), "address to listen on (MINEACTION_ADDR)")
	cert := fs.String("tls-cert", envOr("TLS_CERT", ""), "TLS certificate file: serve HTTPS (MINEACTION_TLS_CERT)")
	key := fs.String("tls-key", envOr("TLS_KEY", ""), "TLS key file (MINEACTION_TLS_KEY)")
	proxy := fs.Bool("trust-proxy", envOr("TRUST_PROXY", "") == "true", "trust X-Forwarded-For/-Proto from a reverse proxy (MINEACTION_TRUST_PROXY=true)")
	timeout := fs.Duration("request-timeout", 60*time.Second, "longest time a request may take")
	general := fs.Float64("generalise-deg", 0, "show viewers uncleared hazards and undestroyed items on a grid of this many degrees (0: exact)")
	basemap := fs.String("basemap", envOr("BASEMAP", ""), "a local PMTiles file to draw under the map (MINEACTION_BASEMAP)")
	small := fs.Int("small-count", 3, "casualty counts below this are suppressed in breakdowns for roles without victim assistance")
	corsFlag := fs.String("cors-origins", envOr("CORS_ORIGINS", ""), "comma-separated web origins (https://maps.example.org, or *) whose pages may read the APIs with a token (MINEACTION_CORS_ORIGINS)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	if *basemap != "" {
		if _, err := os.Stat(*basemap); err != nil {
			return usagef("--basemap: %v", err)
		}
	}
	if *small < 1 {
		return usagef("--small-count must be at least 1")
	}
	if *general < 0 || *general > 1 {
		return usagef("--generalise-deg must be between 0 and 1")
	}
	origins, err := parseOrigins(*corsFlag)
	if err != nil {
		return usagef("--cors-origins: %v", err)
	}
	if (*cert == "") != (*key == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	tuneGC()
	release, err := sf.own()
	if err != nil {
		return err
	}
	defer release()
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := seedCatalogue(ctx, store); err != nil {
		return err
	}
	wf, accounts := services(store)
	srv := server.New(server.Config{Store: store, Workflow: wf, Accounts: accounts, Log: e.log,
		TrustProxy: *proxy, TLS: *cert != "", RequestTimeout: *timeout, GeneraliseDeg: *general,
		Basemap: *basemap, SmallCount: *small, CORSOrigins: origins})
	// Listen before serving, so a busy port is an error here and tests can
	// pass port 0.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	e.log.Info("serving", "url", fmt.Sprintf("%s://%s/", scheme, ln.Addr()), "database", describe(sf))
	fmt.Fprintf(e.stdout, "mineaction is serving on %s://%s/\n", scheme, ln.Addr())
	return srv.Serve(ctx, ln, *cert, *key)
}

// The server's garbage collector runs less often than Go's default: a
// page or a tile allocates its records and leaves them, and with the
// default (GOGC=100) collection took a tenth of the CPU of pages and
// tiles made afresh. At 400 it takes a fifth as much, for about twice the
// peak memory (docs/BENCHMARKS.md); a soft limit keeps the heap under
// 1 GiB all the same. The environment variables GOGC and GOMEMLIMIT, when
// set, decide instead.
const (
	serveGCPercent   = 400
	serveMemoryLimit = 1 << 30
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}

func describe(sf storeFlags) string {
	if sf.db != "" {
		return "postgresql"
	}
	return sf.data
}

// parseOrigins reads a comma-separated list of web origins: "*", or
// scheme://host[:port] with the scheme http or https and nothing after
// the host, as a browser sends it in the Origin header.
func parseOrigins(s string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o != "*" {
			u, err := url.Parse(o)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
				u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
				return nil, fmt.Errorf("%q is not an origin (scheme://host[:port], or *)", o)
			}
		}
		out = append(out, o)
	}
	return out, nil
}
