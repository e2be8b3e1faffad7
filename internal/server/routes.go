package server

import (
	"net/http"

	"mineaction/internal/httpx"
	"mineaction/internal/ogcapi"
)

// routes lists every route of the server. The authorisation matrix test
// walks this list, so a route added here without a policy fails it.
func (s *Server) routes(mux *http.ServeMux) {
	a := s.api
	h := func(pattern string, f httpx.HandlerFunc) {
		s.patterns = append(s.patterns, pattern)
		mux.Handle(pattern, f)
	}

	h("GET /healthz", s.healthz)
	h("GET /readyz", s.readyz)
	h("GET /metrics", s.metricsHandler)

	h("POST /api/v1/session", s.signIn)
	h("DELETE /api/v1/session", s.signOut)
	h("GET /api/v1/me", a.Me)
	h("POST /api/v1/reports", a.CreateReport)
	h("GET /api/v1/reports", a.ListReports)
	h("GET /api/v1/reports/{id}", a.GetReport)
	h("PUT /api/v1/reports/{id}", a.ReplaceReport)
	h("DELETE /api/v1/reports/{id}", a.DeleteReport)
	for _, action := range []string{"submit", "approve", "reject", "withdraw", "undo"} {
		h("POST /api/v1/reports/{id}/"+action, a.Action(action))
	}
	h("GET /api/v1/records/{hid}", a.GetRecord)
	h("GET /api/v1/records/{hid}/history", a.History)
	h("GET /api/v1/reference/{kind}", a.Reference)
	h("GET /api/v1/summary", a.Summary)
	h("GET /api/v1/figures/{view}", a.Figures)
	h("GET /api/v1/audit", a.Audit)

	// OGC API (internal/ogcapi). The landing page, conformance, the API
	// definition, the tile matrix sets and the stylesheet hold no data and
	// are public; every other route checks auth.ReadRecords, and writes go
	// through the review workflow.
	o := ogcapi.New(ogcapi.Config{Store: s.cfg.Store, Workflow: s.cfg.Workflow, Now: s.cfg.Now, Log: s.cfg.Log, TrustProxy: s.cfg.TrustProxy})
	h("GET /ogcapi", o.Landing)
	h("GET /ogcapi/{$}", o.Landing)
	h("GET /ogcapi/conformance", o.Conformance)
	h("GET /ogcapi/api", o.API)
	h("GET /ogcapi/assets/ogcapi.css", o.Asset)
	h("GET /ogcapi/collections", o.Collections)
	h("GET /ogcapi/collections/{id}", o.Collection)
	h("GET /ogcapi/collections/{id}/queryables", o.Queryables)
	h("GET /ogcapi/collections/{id}/schema", o.Schema)
	h("GET /ogcapi/collections/{id}/items", o.Items)
	h("GET /ogcapi/collections/{id}/items/{fid}", o.Item)
	h("OPTIONS /ogcapi/collections/{id}/items", o.Options)
	h("OPTIONS /ogcapi/collections/{id}/items/{fid}", o.Options)
	// Part 4 writes enter reports; collections that take none answer 405.
	for _, id := range o.WritableCollections() {
		items := "/ogcapi/collections/" + id + "/items"
		h("POST "+items, o.CreateItem)
		h("PUT "+items+"/{fid}", o.ReplaceItem)
		h("PATCH "+items+"/{fid}", o.UpdateItem)
		h("DELETE "+items+"/{fid}", o.DeleteItem)
	}
}

// Routes returns the pattern of every route, in registration order.
func (s *Server) Routes() []string { return append([]string(nil), s.patterns...) }
