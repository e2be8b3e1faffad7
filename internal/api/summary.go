package api

import (
	"net/http"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
)

// asOf reads ?as_of= (default: today).
func (a *API) asOf(r *http.Request) (mineaction.Date, error) {
	d, err := dateParam(r, "as_of")
	if d == "" && err == nil {
		d = mineaction.DateOf(a.now())
	}
	return d, err
}

func (a *API) readFigures(r *http.Request) error {
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
		return deny(c, "read figures")
	}
	return nil
}

// Summary handles GET /api/v1/summary?as_of=YYYY-MM-DD&since=YYYY-MM-DD:
// the national figures as they stood that day.
func (a *API) Summary(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r, "as_of", "since"); err != nil {
		return err
	}
	if err := a.readFigures(r); err != nil {
		return err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	since, err := dateParam(r, "since")
	if err != nil {
		return err
	}
	var s *landrelease.Summary
	err = a.store.View(r.Context(), func(tx mineaction.Tx) error {
		l, err := a.ledger.Load(r.Context(), tx)
		if err != nil {
			return err
		}
		s, err = landrelease.SummaryOf(r.Context(), tx, l, asOf, since)
		return err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	return httpx.WriteJSON(w, http.StatusOK, "", s)
}

// DashboardViews are the figures views the Dashboard serves, at
// /api/v1/figures/{view}: routed each on its own, beside Figures.
var DashboardViews = []string{"casualties", "finds", "beneficiaries"}

// Figures handles GET /api/v1/figures/{view}: by-admin-area (?as_of),
// released (?from, ?to, ?by=organisation|method|month|year|kind) and
// baseline (?from, ?to).
func (a *API) Figures(w http.ResponseWriter, r *http.Request) error {
	view := r.PathValue("view")
	switch view {
	case "by-admin-area":
		if err := checkParams(r, "as_of"); err != nil {
			return err
		}
	case "released", "baseline":
		if err := checkParams(r, "from", "to", "by"); err != nil {
			return err
		}
	default:
		views := append([]string{"by-admin-area", "released", "baseline"}, DashboardViews...)
		return mineaction.NotFoundf("no figures %q; one of %s", view, strings.Join(views, ", "))
	}
	if err := a.readFigures(r); err != nil {
		return err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	from, err := dateParam(r, "from")
	if err != nil {
		return err
	}
	to, err := dateParam(r, "to")
	if err != nil {
		return err
	}
	if to == "" {
		to = mineaction.DateOf(a.now())
	}
	if from == "" {
		from = "1900-01-01"
	}
	if from > to {
		return httpx.BadRequest{Err: mineaction.Invalid("from", "%s is after to %s", from, to)}
	}
	by := r.URL.Query().Get("by")
	switch by {
	case "", "organisation", "method", "month", "year", "kind":
	default:
		return httpx.BadRequest{Err: mineaction.Invalid("by", "one of organisation, method, month, year, kind")}
	}
	var out any
	err = a.store.View(r.Context(), func(tx mineaction.Tx) error {
		l, err := a.ledger.Load(r.Context(), tx)
		if err != nil {
			return err
		}
		switch view {
		case "by-admin-area":
			areas, err := tx.AdminAreas(r.Context())
			if err != nil {
				return err
			}
			out = map[string]any{"as_of": asOf, "areas": l.ByAdminArea(asOf, areas)}
		case "released":
			out = map[string]any{"from": from, "to": to, "by": by, "groups": l.ReleasedBy(from, to, by)}
		case "baseline":
			out = l.RollForward(from, to)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	return httpx.WriteJSON(w, http.StatusOK, "", out)
}
