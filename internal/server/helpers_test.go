package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/server"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// testServer is a seeded store behind a real HTTP server on a random port,
// with a bearer token per test user.
type testServer struct {
	t      testing.TB
	url    string
	store  mineaction.Store
	srv    *server.Server
	tokens map[string]string
	// accounts is the server's account service (see addUser).
	accounts *auth.Service
}

func newServer(t testing.TB, open func(testing.TB) mineaction.Store) *testServer {
	s := open(t)
	storetest.Seed(t, s)
	return serve(t, s, true)
}

// newEmptyServer serves an empty store (for the demo), with no tokens.
func newEmptyServer(t testing.TB, open func(testing.TB) mineaction.Store) *testServer {
	return serve(t, open(t), false)
}

func serve(t testing.TB, s mineaction.Store, withTokens bool) *testServer {
	return serveConfig(t, s, withTokens, nil)
}

// serveConfig is serve with a chance to change the server's configuration.
func serveConfig(t testing.TB, s mineaction.Store, withTokens bool, change func(*server.Config)) *testServer {
	now := func() time.Time { return time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC) }
	wf := workflow.New(s, workflow.Config{Now: now})
	accounts := auth.NewService(s, auth.Config{})
	cfg := server.Config{Store: s, Workflow: wf, Accounts: accounts, Now: now}
	if change != nil {
		change(&cfg)
	}
	srv := server.New(cfg)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{t: t, url: hs.URL, store: s, srv: srv, tokens: map[string]string{}, accounts: accounts}
	for _, c := range storetest.Callers() {
		if !withTokens {
			break
		}
		secret, _, err := accounts.CreateToken(context.Background(), "test", c.User, "test", nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ts.tokens[c.User] = secret
	}
	return ts
}

// addUser adds a user beyond the seeded ones, with a bearer token.
func (ts *testServer) addUser(name, org string, roles ...mineaction.Role) {
	ts.t.Helper()
	ctx := context.Background()
	err := ts.store.Update(ctx, func(tx mineaction.Tx) error {
		return tx.PutUser(ctx, &mineaction.User{Name: name, Organisation: org, Roles: roles, PasswordHash: "-", CreatedAt: time.Unix(0, 0).UTC()})
	})
	if err != nil {
		ts.t.Fatal(err)
	}
	secret, _, err := ts.accounts.CreateToken(ctx, "test", name, "test", nil, time.Hour)
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.tokens[name] = secret
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, r.body)
	}
	return m
}

// do sends a request as user ("" for anonymous).
func (ts *testServer) do(user, method, path string, body []byte, headers ...string) response {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url+path, bytes.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+ts.tokens[user])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

// snapshot counts what a failed write must leave unchanged.
func (ts *testServer) snapshot() [3]int {
	ts.t.Helper()
	var out [3]int
	ctx := context.Background()
	err := ts.store.View(ctx, func(tx mineaction.Tx) error {
		n, err := tx.CountReports(ctx, mineaction.ReportFilter{})
		if err != nil {
			return err
		}
		out[0] = n
		if out[1], err = tx.CountRecords(ctx, mineaction.RecordQuery{IncludeDeleted: true}); err != nil {
			return err
		}
		last, err := tx.LastAudit(ctx)
		if err == nil {
			out[2] = int(last.Seq)
		}
		return nil
	})
	if err != nil {
		ts.t.Fatal(err)
	}
	return out
}
