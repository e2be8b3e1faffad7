// Package api is the application's JSON API under /api/v1: reports and
// their workflow actions, records and their history, reference data, the
// national summary and the land release roll-ups. Handlers return errors to
// httpx, which writes problem details.
package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// API serves /api/v1.
type API struct {
	wf       *workflow.Service
	accounts *auth.Service
	store    mineaction.Store
	now      func() time.Time
	// generalise is the grid (degrees) on which sensitive positions are
	// shown to roles without exact access; 0 shows them exactly.
	generalise float64
	ledger     landrelease.LedgerCache
}

// New returns the API on a workflow service. generaliseDeg > 0 shows
// uncleared hazards and undestroyed items to viewers on a grid of that size.
func New(wf *workflow.Service, accounts *auth.Service, now func() time.Time, generaliseDeg float64) *API {
	if now == nil {
		now = time.Now
	}
	return &API{wf: wf, accounts: accounts, store: wf.Store(), now: now, generalise: generaliseDeg}
}

// checkParams refuses query parameters a handler does not know (400).
func checkParams(r *http.Request, known ...string) error {
	for k := range r.URL.Query() {
		ok := false
		for _, n := range known {
			ok = ok || k == n
		}
		if !ok {
			return httpx.BadRequest{Err: mineaction.Invalid(k, "unknown query parameter; known: %s", strings.Join(known, ", "))}
		}
	}
	return nil
}

// pathID parses the {id} path value as a positive integer.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, mineaction.NotFoundf("no such report %q", r.PathValue("id"))
	}
	return id, nil
}

// ifMatch parses an If-Match header carrying a revision or version ETag
// ("3" or W/"3" is refused: locking needs strong ETags). 0 means absent.
func ifMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	if strings.HasPrefix(h, "W/") {
		return 0, httpx.BadRequest{Err: mineaction.Invalid("If-Match", "a weak ETag cannot be used for locking")}
	}
	n, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || n < 1 {
		return 0, httpx.BadRequest{Err: mineaction.Invalid("If-Match", "expected the ETag of the report, e.g. \"3\"")}
	}
	return n, nil
}

func etag(n int) string { return `"` + strconv.Itoa(n) + `"` }

// dateParam reads an optional YYYY-MM-DD query parameter.
func dateParam(r *http.Request, name string) (mineaction.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return "", nil
	}
	d := mineaction.Date(v)
	if !d.Valid() {
		return "", httpx.BadRequest{Err: mineaction.Invalid(name, "%q is not a date YYYY-MM-DD", v)}
	}
	return d, nil
}

// intParam reads an optional integer query parameter within [min, max].
func intParam(r *http.Request, name string, def, min, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, httpx.BadRequest{Err: mineaction.Invalid(name, "an integer from %d to %d", min, max)}
	}
	return n, nil
}
