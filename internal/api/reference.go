package api

import (
	"net/http"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// Reference handles GET /api/v1/reference/{kind}: organisations (with
// teams), ordnance, admin-areas, places, enums and record-types.
func (a *API) Reference(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
		return deny(c, "read reference data")
	}
	kind := r.PathValue("kind")
	var out any
	err := a.store.View(r.Context(), func(tx mineaction.Tx) error {
		var err error
		switch kind {
		case "organisations":
			out, err = tx.Organisations(r.Context())
		case "ordnance":
			out, err = tx.OrdnanceList(r.Context())
		case "admin-areas":
			out, err = tx.AdminAreas(r.Context())
		case "places":
			out, err = tx.Places(r.Context())
		case "enums":
			m := map[string][]mineaction.EnumValue{}
			for _, e := range mineaction.Enums() {
				m[e.Name] = e.Values
			}
			out = m
		case "record-types":
			out = mineaction.RecordTypes
		default:
			return mineaction.NotFoundf("no reference list %q; one of organisations, ordnance, admin-areas, places, enums, record-types", kind)
		}
		return err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, max-age=60")
	return httpx.WriteJSON(w, http.StatusOK, "", map[string]any{kind: out})
}

// Me handles GET /api/v1/me: who the caller is.
func (a *API) Me(w http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if c.Anonymous() {
		return deny(c, "")
	}
	return httpx.WriteJSON(w, http.StatusOK, "", map[string]any{"user": c.User, "organisation": c.Organisation, "roles": c.Roles})
}

// Audit handles GET /api/v1/audit?after=N&limit=M.
func (a *API) Audit(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r, "after", "limit"); err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ReadAudit, auth.Resource{}) {
		return deny(c, "read the audit log")
	}
	after, err := intParam(r, "after", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	var out []*mineaction.AuditEntry
	err = a.store.View(r.Context(), func(tx mineaction.Tx) error {
		var err error
		out, err = tx.Audit(r.Context(), int64(after), limit)
		return err
	})
	if err != nil {
		return err
	}
	if out == nil {
		out = []*mineaction.AuditEntry{}
	}
	return httpx.WriteJSON(w, http.StatusOK, "", map[string]any{"entries": out})
}
