package server_test

import (
	"net/http"
	"slices"
	"testing"

	"mineaction/internal/server"
	"mineaction/internal/storetest"
)

// TestCORS checks cross-origin reads: a web map on an allowed origin may
// read the OGC API and the JSON API with a bearer token; its preflight is
// answered without authentication; other origins, the web application's
// own pages and writes get no cross-origin permission; and credentials
// (the session cookie) are never allowed across origins.
func TestCORS(t *testing.T) {
	const maps = "https://maps.example.org"
	store := storetest.SQLite(t)
	storetest.Seed(t, store)
	ts := serveConfig(t, store, true, func(c *server.Config) { c.CORSOrigins = []string{maps} })

	pre := ts.do("", "OPTIONS", "/ogcapi/collections/hazards/items", nil,
		"Origin", maps, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization")
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != maps ||
		pre.header.Get("Access-Control-Allow-Methods") != "GET, HEAD" ||
		pre.header.Get("Access-Control-Allow-Headers") == "" {
		t.Errorf("preflight from %s: %d %v", maps, pre.status, pre.header)
	}

	for _, path := range []string{"/ogcapi/collections/hazards/items?limit=1", "/api/v1/summary"} {
		res := ts.do("donor", "GET", path, nil, "Origin", maps)
		if res.status != http.StatusOK || res.header.Get("Access-Control-Allow-Origin") != maps ||
			res.header.Get("Access-Control-Expose-Headers") == "" || !slices.Contains(res.header.Values("Vary"), "Origin") {
			t.Errorf("GET %s from %s: %d %v", path, maps, res.status, res.header)
		}
		// Without a token the read is refused as for any client.
		if res := ts.do("", "GET", path, nil, "Origin", maps); res.status != http.StatusUnauthorized {
			t.Errorf("anonymous GET %s from %s: %d, want 401", path, maps, res.status)
		}
	}

	for _, c := range []struct{ name, method, path, origin string }{
		{"another origin", "GET", "/ogcapi/collections", "https://evil.example.com"},
		{"another origin's preflight", "OPTIONS", "/ogcapi/collections", "https://evil.example.com"},
		{"a page of the web application", "GET", "/map", maps},
	} {
		res := ts.do("donor", c.method, c.path, nil, "Origin", c.origin, "Access-Control-Request-Method", "GET")
		if res.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: allowed %q", c.name, res.header.Get("Access-Control-Allow-Origin"))
		}
	}
	// A preflight for a write is answered, but does not allow the method.
	pre = ts.do("", "OPTIONS", "/api/v1/reports", nil, "Origin", maps, "Access-Control-Request-Method", "POST")
	if m := pre.header.Get("Access-Control-Allow-Methods"); m != "GET, HEAD" {
		t.Errorf("preflight for POST allows %q", m)
	}
	for _, res := range []response{pre, ts.do("donor", "GET", "/ogcapi/collections", nil, "Origin", maps)} {
		if res.header.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("credentials allowed across origins: %v", res.header)
		}
	}

	// Without configured origins nothing is allowed.
	plain := newServer(t, storetest.SQLite)
	res := plain.do("donor", "GET", "/ogcapi/collections", nil, "Origin", maps)
	if res.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no origins configured, yet %q allowed", res.header.Get("Access-Control-Allow-Origin"))
	}
}
