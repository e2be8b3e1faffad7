package server_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http/httptest"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/server"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestGeneralisedPositions: with generalisation on, a viewer sees an open
// hazard as a grid rectangle, while a verifier sees the surveyed polygon.
func TestGeneralisedPositions(t *testing.T) {
	s := storetest.SQLite(t)
	storetest.Seed(t, s)
	ctx := context.Background()
	wf := workflow.New(s, workflow.Config{})
	accounts := auth.NewService(s, auth.Config{})
	srv := server.New(server.Config{Store: s, Workflow: wf, Accounts: accounts, GeneraliseDeg: 0.05})
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Submit: true, Feature: []byte(`{"type":"Feature","geometry":` + okSquare +
		`,"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wf.Approve(ctx, storetest.Verifier, r.ID, 0); err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, url: hs.URL, tokens: map[string]string{}}
	for _, u := range []string{"donor", "vera"} {
		tok, _, err := accounts.CreateToken(ctx, "t", u, "t", nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ts.tokens[u] = tok
	}
	coords := func(user string) [][]float64 {
		res := ts.do(user, "GET", "/api/v1/records/HA-000001", nil)
		var out struct {
			Geometry struct {
				Coordinates [][][]float64 `json:"coordinates"`
			} `json:"geometry"`
		}
		if err := json.Unmarshal(res.body, &out); err != nil || len(out.Geometry.Coordinates) == 0 {
			t.Fatalf("%s: %d %s", user, res.status, res.body)
		}
		return out.Geometry.Coordinates[0]
	}
	for _, p := range coords("donor") {
		for _, v := range p {
			if r := math.Remainder(v, 0.05); math.Abs(r) > 1e-9 {
				t.Fatalf("viewer sees a position off the 0.05° grid: %v", p)
			}
		}
	}
	exact := coords("vera")
	if exact[0][0] != 46.1 || exact[1][0] != 46.11 {
		t.Fatalf("verifier does not see the surveyed polygon: %v", exact)
	}
}
