package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

const (
	carriedName    = "Nigar Synthetic-K4TD"
	carriedAddress = "7 Synthetic Lane Q2"
	carriedDOB     = "1988-04-12"
)

// personalServer is a secure test server with a token per test user and
// one more user, nadia, a verifier of the authority who also holds the
// victim assistance role (she may read, and so change, personal data).
type personalServer struct {
	*secureServer
	tokens map[string]string
}

func newPersonalServer(t *testing.T, open func(testing.TB) mineaction.Store) *personalServer {
	ts := newSecureServer(t, open)
	ctx := context.Background()
	if err := ts.accounts.AddUser(ctx, "test", "nadia", "NMAA",
		[]mineaction.Role{mineaction.RoleVerifier, mineaction.RoleVictimAssistance}, "correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	users := []string{"nadia"}
	for _, c := range storetest.Callers() {
		users = append(users, c.User)
	}
	for _, u := range users {
		tok, _, err := ts.accounts.CreateToken(ctx, "test", u, "t", nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tokens[u] = tok
	}
	return &personalServer{secureServer: ts, tokens: tokens}
}

func (ps *personalServer) do(t *testing.T, user, method, path string, body []byte, headers ...string) response {
	t.Helper()
	return (&testServer{t: t, url: ps.url, tokens: ps.tokens}).do(user, method, path, body, headers...)
}

// approve has vera approve a submitted report.
func (ps *personalServer) approve(t *testing.T, id int) {
	t.Helper()
	if res := ps.do(t, "vera", "POST", fmt.Sprintf("/api/v1/reports/%d/approve", id), nil); res.status != 200 {
		t.Fatalf("approve report %d: %d %s", id, res.status, res.body)
	}
}

// record reads a record as user and returns its feature.
func (ps *personalServer) record(t *testing.T, user, hid string) map[string]any {
	t.Helper()
	res := ps.do(t, user, "GET", "/api/v1/records/"+hid, nil)
	if res.status != 200 {
		t.Fatalf("%s reads %s: %d %s", user, hid, res.status, res.body)
	}
	return res.json(t)
}

// personalOf returns the personal data of a victim feature, or of the
// victim i of an accident feature (i >= 0).
func personalOf(f map[string]any, i int) map[string]any {
	props, _ := f["properties"].(map[string]any)
	if i >= 0 {
		list, _ := props["victims"].([]any)
		if i >= len(list) {
			return nil
		}
		props, _ = list[i].(map[string]any)
	}
	p, _ := props["personal"].(map[string]any)
	return p
}

// update posts the feature as read, with a changed note, as an update of
// its record, submitted, and returns the report id.
func (ps *personalServer) update(t *testing.T, user, recordType string, f map[string]any, change func(props map[string]any)) response {
	t.Helper()
	props := f["properties"].(map[string]any)
	hid := f["id"].(string)
	version := int(f["version"].(float64))
	for _, k := range []string{"hid", "version", "updated_at", "admin_area"} {
		delete(props, k)
	}
	change(props)
	feature, _ := json.Marshal(map[string]any{"type": "Feature", "geometry": f["geometry"], "properties": props})
	body, _ := json.Marshal(map[string]any{"record_type": recordType, "record_id": hid, "version": version,
		"submit": true, "feature": json.RawMessage(feature)})
	return ps.do(t, user, "POST", "/api/v1/reports", body)
}

func reportID(t *testing.T, res response) int {
	t.Helper()
	if res.status != 201 {
		t.Fatalf("create report: %d %s", res.status, res.body)
	}
	return int(res.json(t)["id"].(float64))
}

// TestEditsKeepPersonalData: a correction by someone who may not read a
// victim's personal data (an editor, a verifier) keeps it as it was,
// through an update of the record and through an edit of a stored report;
// only the victim assistance role may change or remove it. The carried
// over data never shows to those who may not read it.
func TestEditsKeepPersonalData(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ps := newPersonalServer(t, open)
		personal := `{"name":"` + carriedName + `","address":"` + carriedAddress + `","date_of_birth":"` + carriedDOB + `"}`
		accident := []byte(`{"record_type":"accident","submit":true,"feature":{"type":"Feature",
			"geometry":{"type":"Point","coordinates":[46.2,39.7]},"properties":{"organisation":"OPA",
			"date_of_information":"2024-03-01","accident_type":"mine_erw","date":"2024-03-01","victims":[
			{"outcome":"injured","sex":"female","age":34,"victim_type":"civilian","consent_authorities":true,
			 "personal":` + personal + `}]}}}`)
		ps.approve(t, reportID(t, ps.do(t, "eddie", "POST", "/api/v1/reports", accident)))
		if p := personalOf(ps.record(t, "vanessa", "VC-000001"), -1); p["name"] != carriedName || p["date_of_birth"] != carriedDOB || p["address"] != carriedAddress {
			t.Fatalf("before any correction, victim assistance reads %v", p)
		}

		// The editor corrects the victim's note from what he reads
		// (redacted); a verifier approves: version 2 keeps the personal data.
		read := ps.record(t, "eddie", "VC-000001")
		if personalOf(read, -1) != nil {
			t.Fatalf("the editor reads personal data: %v", read)
		}
		res := ps.update(t, "eddie", "victim", read, func(p map[string]any) {
			p["notes"] = "age checked with the hospital"
			p["date_of_information"] = "2024-04-01"
		})
		first := reportID(t, res)
		if strings.Contains(string(res.body), carriedName) {
			t.Error("the editor's own update echoes the victim's name")
		}
		ps.approve(t, first)
		after := ps.record(t, "vanessa", "VC-000001")
		if v := after["version"]; v != 2.0 {
			t.Fatalf("VC-000001 is at version %v, want 2", v)
		}
		if p := personalOf(after, -1); p["name"] != carriedName || p["date_of_birth"] != carriedDOB || p["address"] != carriedAddress {
			t.Errorf("after an editor's correction, victim assistance reads personal data %v", p)
		}

		// The same through the accident, whose victims ride in it.
		readAcc := ps.record(t, "eddie", "AD-000001")
		res = ps.update(t, "eddie", "accident", readAcc, func(p map[string]any) {
			p["notes"] = "time of the accident confirmed"
			p["date_of_information"] = "2024-04-01"
		})
		ps.approve(t, reportID(t, res))
		if p := personalOf(ps.record(t, "vanessa", "AD-000001"), 0); p["name"] != carriedName {
			t.Errorf("after an editor's correction of the accident, its victim's personal data is %v", p)
		}

		// A stored report edited from what its author reads (redacted)
		// keeps what it was saved with.
		staged := []byte(`{"record_type":"victim","feature":{"type":"Feature","geometry":null,"properties":{
			"organisation":"OPA","date_of_information":"2024-03-02","accident":"AD-000001","outcome":"injured",
			"sex":"male","victim_type":"civilian","consent_authorities":true,"personal":` + personal + `}}}`)
		id := reportID(t, ps.do(t, "eddie", "POST", "/api/v1/reports", staged))
		rep := ps.do(t, "eddie", "GET", fmt.Sprintf("/api/v1/reports/%d", id), nil)
		if strings.Contains(string(rep.body), carriedName) {
			t.Fatal("the editor reads the name in his own report")
		}
		feat := rep.json(t)["feature"].(map[string]any)
		feat["properties"].(map[string]any)["notes"] = "seen at the clinic"
		delete(feat, "id")
		fb, _ := json.Marshal(feat)
		body, _ := json.Marshal(map[string]any{"record_type": "victim", "submit": true, "feature": json.RawMessage(fb)})
		if res := ps.do(t, "eddie", "PUT", fmt.Sprintf("/api/v1/reports/%d", id), body, "If-Match", rep.header.Get("ETag")); res.status != 200 {
			t.Fatalf("replace the report: %d %s", res.status, res.body)
		}
		ps.approve(t, id)
		if p := personalOf(ps.record(t, "vanessa", "VC-000002"), -1); p["name"] != carriedName {
			t.Errorf("after the editor edited his stored report, its victim's personal data is %v", p)
		}

		// Someone who may not read it may not set or change it either: the
		// report is refused, at the field, without echoing what was sent.
		read = ps.record(t, "vera", "VC-000001")
		res = ps.update(t, "vera", "victim", read, func(p map[string]any) {
			p["personal"] = map[string]any{"name": "Someone Else-Z8"}
			p["date_of_information"] = "2024-05-01"
		})
		if res.status != 422 || !strings.Contains(string(res.body), "properties.personal") || strings.Contains(string(res.body), "Someone Else-Z8") {
			t.Errorf("a verifier without victim assistance sets a victim's name: %d %s", res.status, res.body)
		}

		// Victim assistance may change and remove it.
		read = ps.record(t, "nadia", "VC-000001")
		if personalOf(read, -1) == nil {
			t.Fatalf("victim assistance cannot read the personal data it is to change: %v", read)
		}
		res = ps.update(t, "nadia", "victim", read, func(p map[string]any) {
			p["personal"].(map[string]any)["address"] = "9 Synthetic Road W1"
			p["date_of_information"] = "2024-05-01"
		})
		ps.approve(t, reportID(t, res))
		if p := personalOf(ps.record(t, "vanessa", "VC-000001"), -1); p["address"] != "9 Synthetic Road W1" || p["name"] != carriedName {
			t.Errorf("after victim assistance changed the address: %v", p)
		}
		read = ps.record(t, "nadia", "VC-000001")
		res = ps.update(t, "nadia", "victim", read, func(p map[string]any) {
			delete(p, "personal")
			p["date_of_information"] = "2024-05-02"
		})
		ps.approve(t, reportID(t, res))
		if p := personalOf(ps.record(t, "vanessa", "VC-000001"), -1); p != nil {
			t.Errorf("victim assistance removed the personal data, yet it reads %v", p)
		}

		// The carried over data shows to nobody who may not read it: not
		// in the reports that carry it, the lists, the history, the log.
		paths := []string{
			fmt.Sprintf("/api/v1/reports/%d", first), fmt.Sprintf("/api/v1/reports/%d", id),
			"/api/v1/reports", "/api/v1/reports?status=approved", "/api/v1/audit?limit=1000",
			"/api/v1/records/VC-000001/history", "/api/v1/records/VC-000002", "/api/v1/records/AD-000001",
			"/api/v1/records/AD-000001/history",
		}
		for _, c := range storetest.Callers() {
			if c.User == "vanessa" {
				continue
			}
			for _, p := range paths {
				body := string(ps.do(t, c.User, "GET", p, nil).body)
				if strings.Contains(body, carriedName) || strings.Contains(body, carriedAddress) || strings.Contains(body, carriedDOB) {
					t.Errorf("%s reads %s and sees the victim's personal data", c.User, p)
				}
			}
		}
		if log := ps.log.String(); strings.Contains(log, carriedName) || strings.Contains(log, carriedAddress) {
			t.Error("the victim's personal data is in the server log")
		}
	})
}

// TestAccidentEditKeepsVictimsPersonalData: an editor's correction of an
// accident keeps each victim's personal data with that victim, may add
// victims, and may not drop one whose personal data it cannot see.
func TestAccidentEditKeepsVictimsPersonalData(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		ps := newPersonalServer(t, open)
		accident := []byte(`{"record_type":"accident","submit":true,"feature":{"type":"Feature",
			"geometry":{"type":"Point","coordinates":[46.2,39.7]},"properties":{"organisation":"OPA",
			"date_of_information":"2024-03-01","accident_type":"mine_erw","date":"2024-03-01","victims":[
			{"outcome":"injured","sex":"female","victim_type":"civilian","consent_authorities":true,"personal":{"name":"` + carriedName + `"}},
			{"outcome":"killed","sex":"male","victim_type":"civilian","consent_authorities":true}]}}}`)
		ps.approve(t, reportID(t, ps.do(t, "eddie", "POST", "/api/v1/reports", accident)))

		read := ps.record(t, "eddie", "AD-000001")
		res := ps.update(t, "eddie", "accident", read, func(p map[string]any) {
			vs := p["victims"].([]any)
			vs[0].(map[string]any)["age"] = 40
			p["victims"] = vs[:1] // drops the second, which has no personal data
			p["date_of_information"] = "2024-04-01"
		})
		ps.approve(t, reportID(t, res))
		if p := personalOf(ps.record(t, "vanessa", "AD-000001"), 0); p["name"] != carriedName {
			t.Errorf("after the editor changed the first victim's age, its personal data is %v", p)
		}

		read = ps.record(t, "eddie", "AD-000001")
		res = ps.update(t, "eddie", "accident", read, func(p map[string]any) {
			p["victims"] = []any{}
			p["date_of_information"] = "2024-04-02"
		})
		if res.status != 422 || !strings.Contains(string(res.body), "properties.victims") {
			t.Errorf("an editor drops a victim with personal data: %d %s", res.status, res.body)
		}
		if strings.Contains(string(res.body), carriedName) {
			t.Error("the refusal echoes the victim's name")
		}
	})
}
