package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
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

// clock is a replaceable clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// secureServer is a server with a controllable clock and a captured log.
type secureServer struct {
	url      string
	store    mineaction.Store
	accounts *auth.Service
	clock    *clock
	log      *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newSecureServer(t *testing.T, open func(testing.TB) mineaction.Store) *secureServer {
	s := open(t)
	storetest.Seed(t, s)
	clk := &clock{t: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	buf := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	prev := slog.Default()
	slog.SetDefault(log)
	t.Cleanup(func() { slog.SetDefault(prev) })
	wf := workflow.New(s, workflow.Config{Now: clk.Now, Log: log})
	accounts := auth.NewService(s, auth.Config{Now: clk.Now})
	srv := server.New(server.Config{Store: s, Workflow: wf, Accounts: accounts, Now: clk.Now, Log: log})
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &secureServer{url: hs.URL, store: s, accounts: accounts, clock: clk, log: buf}
}

func TestSecurityHeaders(t *testing.T) {
	ts := newSecureServer(t, storetest.SQLite)
	res, err := http.Get(ts.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self';",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	} {
		if got := res.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", h, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q allows inline script or framing", csp)
	}
}

const password = "correct horse battery staple"

func signIn(t *testing.T, c *http.Client, url, user, pw string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"user": user, "password": pw})
	res, err := c.Post(url+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]string
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out["csrf_token"]
}

// TestCSRF: a state-changing request authenticated by the session cookie
// needs the session's CSRF token; a forged cross-site form post is refused.
func TestCSRF(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newSecureServer(t, open)
		if err := ts.accounts.AddUser(context.Background(), "test", "eddie", "OPA", []mineaction.Role{mineaction.RoleEditor}, password); err != nil {
			t.Fatal(err)
		}
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		status, csrf := signIn(t, c, ts.url, "eddie", password)
		if status != 200 || csrf == "" {
			t.Fatalf("sign in: %d %q", status, csrf)
		}
		post := func(ct string, body []byte, token string) int {
			req, _ := http.NewRequest("POST", ts.url+"/api/v1/reports", bytes.NewReader(body))
			req.Header.Set("Content-Type", ct)
			if token != "" {
				req.Header.Set("X-CSRF-Token", token)
			}
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			return res.StatusCode
		}
		if got := post("application/x-www-form-urlencoded", []byte("record_type=hazard"), ""); got != 403 {
			t.Errorf("forged form post: %d, want 403", got)
		}
		if got := post("application/json", hazardBody(okSquare, nil), "wrong"); got != 403 {
			t.Errorf("wrong CSRF token: %d, want 403", got)
		}
		if got := post("application/json", hazardBody(okSquare, nil), csrf); got != 201 {
			t.Errorf("with the CSRF token: %d, want 201", got)
		}
	})
}

// TestBruteForce: repeated wrong passwords are first slowed, then the
// account is blocked even for the right password, until the window passes.
func TestBruteForce(t *testing.T) {
	ts := newSecureServer(t, storetest.SQLite)
	if err := ts.accounts.AddUser(context.Background(), "test", "vera", "NMAA", []mineaction.Role{mineaction.RoleVerifier}, password); err != nil {
		t.Fatal(err)
	}
	c := &http.Client{}
	for i := 0; i < 3; i++ {
		if status, _ := signIn(t, c, ts.url, "vera", "guess"); status != 401 {
			t.Fatalf("wrong password %d: %d", i, status)
		}
	}
	if status, _ := signIn(t, c, ts.url, "vera", "guess"); status != 429 {
		t.Fatalf("fourth try at once: %d, want 429 (slowed)", status)
	}
	for i := 0; i < 10; i++ {
		ts.clock.Add(6 * time.Second)
		signIn(t, c, ts.url, "vera", "guess")
	}
	ts.clock.Add(6 * time.Second)
	if status, _ := signIn(t, c, ts.url, "vera", password); status != 429 {
		t.Fatalf("right password while blocked: %d, want 429", status)
	}
	ts.clock.Add(16 * time.Minute)
	if status, _ := signIn(t, c, ts.url, "vera", password); status != 200 {
		t.Fatalf("right password after the window: %d, want 200", status)
	}
}

// TestTokenExpiryAndRevocation: an expired or revoked token is refused.
func TestTokenExpiryAndRevocation(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newSecureServer(t, open)
		ctx := context.Background()
		get := func(token string) int {
			req, _ := http.NewRequest("GET", ts.url+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		short, _, err := ts.accounts.CreateToken(ctx, "test", "donor", "short", nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		long, tok, err := ts.accounts.CreateToken(ctx, "test", "donor", "long", nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if get(short) != 200 || get(long) != 200 {
			t.Fatal("fresh tokens refused")
		}
		ts.clock.Add(61 * time.Minute)
		if got := get(short); got != 401 {
			t.Errorf("expired token: %d, want 401", got)
		}
		if err := ts.accounts.RevokeToken(ctx, "test", tok.ID); err != nil {
			t.Fatal(err)
		}
		if got := get(long); got != 401 {
			t.Errorf("revoked token: %d, want 401", got)
		}
		if got := get("mat_not-a-token"); got != 401 {
			t.Errorf("made-up token: %d, want 401", got)
		}
	})
}
