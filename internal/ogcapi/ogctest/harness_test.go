package ogctest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/server"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// clock is the fixed time of the test servers.
var clock = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// env is a seeded store with the fixture, behind a real HTTP server on a
// random port, with a bearer token per test user. Every request URI the
// server receives is recorded.
type env struct {
	t      testing.TB
	url    string // the server, without a path
	store  mineaction.Store
	wf     *workflow.Service
	tokens map[string]string
	fx     *fixture
	rec    *recorder
}

// recorder keeps the request URIs the server received.
type recorder struct {
	mu   sync.Mutex
	seen []string
}

// serve starts the server on a random port, recording every request.
func (rec *recorder) serve(t testing.TB, srv *server.Server) string {
	h := srv.Handler()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Method+" "+r.URL.RequestURI())
		rec.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	return hs.URL
}

// startServer serves srv on a random port.
func startServer(t testing.TB, srv *server.Server) string { return (&recorder{}).serve(t, srv) }

// with returns the environment reporting failures to t, for subtests.
func (e *env) with(t testing.TB) *env {
	c := *e
	c.t = t
	return &c
}

func newEnv(t testing.TB, open func(testing.TB) mineaction.Store) *env {
	t.Helper()
	return newEnvWith(t, open, nil)
}

// newEnvWith is newEnv with the server's configuration adjusted by set.
func newEnvWith(t testing.TB, open func(testing.TB) mineaction.Store, set func(*server.Config)) *env {
	t.Helper()
	s := open(t)
	storetest.Seed(t, s)
	now := func() time.Time { return clock }
	wf := workflow.New(s, workflow.Config{Now: now})
	accounts := auth.NewService(s, auth.Config{Now: now})
	cfg := server.Config{Store: s, Workflow: wf, Accounts: accounts, Now: now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if set != nil {
		set(&cfg)
	}
	srv := server.New(cfg)
	e := &env{t: t, store: s, wf: wf, tokens: map[string]string{}, rec: &recorder{}}
	e.url = e.rec.serve(t, srv)
	for _, c := range storetest.Callers() {
		secret, _, err := accounts.CreateToken(context.Background(), "test", c.User, "test", nil, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[c.User] = secret
	}
	e.fx = loadFixture(t, wf)
	return e
}

// requests returns the request URIs received since the last call.
func (e *env) requests() []string {
	e.rec.mu.Lock()
	defer e.rec.mu.Unlock()
	out := e.rec.seen
	e.rec.seen = nil
	return out
}

// res is a response read whole.
type res struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body as a JSON object.
func (r res) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %.300s", err, r.body)
	}
	return m
}

// do sends a request as user ("" for anonymous) to path (which may hold a
// query) with optional header pairs.
func (e *env) do(user, method, path string, body []byte, headers ...string) res {
	e.t.Helper()
	u := path
	if !strings.HasPrefix(u, "http") {
		u = e.url + path
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[user])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return res{resp.StatusCode, resp.Header, b}
}

// get reads a resource as the viewer and fails unless the status is want.
func (e *env) get(path string, want int, headers ...string) res {
	e.t.Helper()
	r := e.do("donor", "GET", path, nil, headers...)
	if r.status != want {
		e.t.Fatalf("GET %s: status %d, want %d: %.400s", path, r.status, want, r.body)
	}
	return r
}

// items reads a page of a collection with the given query.
func (e *env) items(coll string, q url.Values) res {
	e.t.Helper()
	p := "/ogcapi/collections/" + coll + "/items"
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return e.get(p, 200)
}

// ids returns the feature ids of a GeoJSON feature collection, in order.
func ids(t testing.TB, fc map[string]any) []string {
	t.Helper()
	fs, ok := fc["features"].([]any)
	if !ok {
		t.Fatalf("no features array in %v", fc)
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		switch id := f.(map[string]any)["id"].(type) {
		case string:
			out[i] = id
		case float64:
			out[i] = strconv.FormatFloat(id, 'f', -1, 64)
		}
	}
	return out
}

// linkOf returns the href of the first link with rel (and type, if given).
func linkOf(m map[string]any, rel, typ string) (string, bool) {
	ls, _ := m["links"].([]any)
	for _, l := range ls {
		lm := l.(map[string]any)
		if lm["rel"] == rel && (typ == "" || lm["type"] == typ) {
			return lm["href"].(string), true
		}
	}
	return "", false
}

// problem checks that a response is problem details with the status.
func problem(t testing.TB, r res, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %.300s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	if p := r.json(t); p["status"] != float64(status) || p["title"] == "" {
		t.Fatalf("problem %v", p)
	}
}

// sameSet reports whether two lists hold the same strings, ignoring order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
		if m[s] < 0 {
			return false
		}
	}
	return true
}

// mustJSON encodes v.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
