package web_test

import (
	"io"
	"net/http"
	"regexp"
	"testing"
)

// TestHistoryLinksOpen follows the report links of a record's history as
// each kind of user: every link opens, and those who may not read a report
// see its number without a link (review5 L1: the viewer's links were 404).
func TestHistoryLinksOpen(t *testing.T) {
	srv := smallDemo(t)
	links := regexp.MustCompile(`href="(/reports/\d+)"`)
	for _, c := range []struct {
		user string
		some bool // the user may read the reports of HA-000001
	}{{"viewer", false}, {"verifier", true}, {"editor.anama", true}, {"editor.army", false}} {
		s := signIn(t, srv.URL, c.user)
		res, err := s.c.Get(srv.URL + "/records/HA-000001")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s reads HA-000001: %d", c.user, res.StatusCode)
		}
		found := links.FindAllStringSubmatch(string(b), -1)
		if c.some && len(found) == 0 {
			t.Errorf("%s sees no link to the reports of HA-000001", c.user)
		}
		if !regexp.MustCompile(`report #\d+`).Match(b) {
			t.Errorf("%s does not see the report numbers of HA-000001's history", c.user)
		}
		for _, m := range found {
			res, err := s.c.Get(srv.URL + m[1])
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s follows the history link %s: %d", c.user, m[1], res.StatusCode)
			}
		}
	}
}
