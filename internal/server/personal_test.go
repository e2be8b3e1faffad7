package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

const (
	sharedName  = "Leyla Synthetic-Q7ZK"   // consent to share with authorities
	privateName = "Rauf Synthetic-W3XP"    // no consent at all
	address     = "12 Synthetic Street X9" // personal address
)

// TestVictimNamesDoNotLeak enters an accident with two victims and reads
// every route as every role: a victim's name and address appear only to the
// victim assistance role, and only where consent allows; never in the log.
func TestVictimNamesDoNotLeak(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ts := newSecureServer(t, open)
		ctx := context.Background()
		tokens := map[string]string{}
		for _, c := range storetest.Callers() {
			tok, _, err := ts.accounts.CreateToken(ctx, "test", c.User, "t", nil, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			tokens[c.User] = tok
		}
		do := func(user, method, path string, body []byte) response {
			tsrv := &testServer{t: t, url: ts.url, tokens: tokens}
			return tsrv.do(user, method, path, body)
		}
		accident := []byte(`{"record_type":"accident","submit":true,"feature":{"type":"Feature",
			"geometry":{"type":"Point","coordinates":[46.2,39.7]},"properties":{"organisation":"OPA",
			"date_of_information":"2024-03-01","accident_type":"mine_erw","date":"2024-03-01","victims":[
			{"outcome":"injured","sex":"female","age":34,"victim_type":"civilian","consent_authorities":true,
			 "personal":{"name":"` + sharedName + `","address":"` + address + `"}},
			{"outcome":"killed","sex":"male","age":51,"victim_type":"civilian",
			 "personal":{"name":"` + privateName + `"}}]}}}`)
		res := do("eddie", "POST", "/api/v1/reports", accident)
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		id := int(res.json(t)["id"].(float64))
		if strings.Contains(string(res.body), sharedName) {
			t.Errorf("the response to the editor's own post echoes a victim's name")
		}
		if res := do("vera", "POST", fmt.Sprintf("/api/v1/reports/%d/approve", id), nil); res.status != 200 {
			t.Fatalf("approve: %d %s", res.status, res.body)
		}
		paths := []string{
			fmt.Sprintf("/api/v1/reports/%d", id), "/api/v1/reports", "/api/v1/reports?status=approved",
			"/api/v1/records/AD-000001", "/api/v1/records/AD-000001/history",
			"/api/v1/records/VC-000001", "/api/v1/records/VC-000001/history",
			"/api/v1/records/VC-000002", "/api/v1/records/VC-000002/history",
			"/api/v1/summary", "/api/v1/figures/by-admin-area", "/api/v1/audit?limit=1000",
		}
		for _, c := range storetest.Callers() {
			for _, p := range paths {
				res := do(c.User, "GET", p, nil)
				body := string(res.body)
				mayShared := c.User == "vanessa" && strings.HasPrefix(p, "/api/v1/records/")
				if strings.Contains(body, sharedName) && !mayShared {
					t.Errorf("%s reads %s and sees a victim's name", c.User, p)
				}
				if strings.Contains(body, address) && !mayShared {
					t.Errorf("%s reads %s and sees a victim's address", c.User, p)
				}
				if strings.Contains(body, privateName) {
					t.Errorf("%s reads %s and sees the name of a victim who gave no consent", c.User, p)
				}
			}
		}
		// The victim assistance role does see what consent allows.
		if res := do("vanessa", "GET", "/api/v1/records/VC-000001", nil); !strings.Contains(string(res.body), sharedName) {
			t.Errorf("victim assistance cannot read a victim who consented to share with authorities: %s", res.body)
		}
		if log := ts.log.String(); strings.Contains(log, sharedName) || strings.Contains(log, privateName) || strings.Contains(log, address) {
			t.Errorf("a victim's personal data is in the server log")
		}
		// Invalid input must not echo personal data in the error either.
		bad := strings.Replace(string(accident), `"age":34`, `"age":340`, 1)
		res = do("eddie", "POST", "/api/v1/reports", []byte(bad))
		if res.status != 422 || strings.Contains(string(res.body), sharedName) {
			t.Errorf("error response: %d, echoes the name: %v", res.status, strings.Contains(string(res.body), sharedName))
		}
	})
}
