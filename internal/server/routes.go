package server

import (
	"net/http"

	"mineaction/internal/api"
	"mineaction/internal/httpx"
	"mineaction/internal/ogcapi"
	webapp "mineaction/internal/web"
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
	h("PUT /api/v1/reference/{kind}/{code}", a.PutReference)
	h("GET /api/v1/summary", a.Summary)
	h("GET /api/v1/figures/{view}", a.Figures)
	h("GET /api/v1/audit", a.Audit)

	// OGC API (internal/ogcapi). The landing page, conformance, the API
	// definition, the tile matrix sets and the stylesheet hold no data and
	// are public; every other route checks auth.ReadRecords, and writes go
	// through the review workflow.
	o := ogcapi.New(ogcapi.Config{Store: s.cfg.Store, Workflow: s.cfg.Workflow, Now: s.cfg.Now, Log: s.cfg.Log,
		TrustProxy: s.cfg.TrustProxy, GeneraliseCell: s.cfg.GeneraliseDeg})
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
	h("GET /ogcapi/tileMatrixSets", o.TileMatrixSets)
	h("GET /ogcapi/tileMatrixSets/{tms}", o.TileMatrixSet)
	h("GET /ogcapi/tiles", o.Tilesets)
	h("GET /ogcapi/tiles/{tms}", o.Tileset)
	h("GET /ogcapi/tiles/{tms}/{z}/{y}/{x}", o.Tile)
	h("GET /ogcapi/collections/{id}/tiles", o.Tilesets)
	h("GET /ogcapi/collections/{id}/tiles/{tms}", o.Tileset)
	h("GET /ogcapi/collections/{id}/tiles/{tms}/{z}/{y}/{x}", o.Tile)
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

	// Web application (internal/web): pages, forms and the dashboard. The
	// pages check the policy themselves; a caller who is not signed in
	// gets the sign-in form (401). Forms post with the session's CSRF
	// token, which the middleware checks.
	web := webapp.New(webapp.Config{Store: s.cfg.Store, Workflow: s.cfg.Workflow, Accounts: s.cfg.Accounts, Now: s.cfg.Now,
		Log: s.cfg.Log, GeneraliseDeg: s.cfg.GeneraliseDeg, TilesURL: "/ogcapi/collections/{collection}/tiles/WebMercatorQuad/{z}/{y}/{x}",
		SetSessionCookie: s.setSessionCookie, ClearSessionCookie: s.clearSessionCookie, SessionCookie: SessionCookie,
		ClientAddr: s.clientAddr, Basemap: s.cfg.Basemap, SmallCount: s.cfg.SmallCount})
	h("GET /static/{file}", web.Asset)
	h("GET /sign-in", web.Page(web.SignInPage))
	h("POST /sign-in", web.Page(web.SignIn))
	h("POST /sign-out", web.Page(web.SignOut))
	h("GET /{$}", web.Page(web.Home))
	h("GET /dashboard", web.Page(web.Dashboard))
	h("GET /dashboard/csv/{view}", web.Page(web.DashboardCSV))
	h("GET /map", web.Page(web.MapPage))
	h("GET /map/outline", web.Outline)
	h("GET /map/basemap.pmtiles", web.Basemap)
	h("GET /map/search", web.Search)
	h("GET /records", web.Page(web.Records))
	h("GET /records/{hid}", web.Page(web.RecordPage))
	h("GET /reports", web.Page(web.Reports))
	h("GET /review", web.Page(web.Review))
	h("GET /reports/new", web.Page(web.NewReportPage))
	h("POST /reports", web.Page(web.CreateReport))
	h("GET /reports/{id}", web.Page(web.ReportPage))
	h("GET /reports/{id}/edit", web.Page(web.EditReportPage))
	h("POST /reports/{id}", web.Page(web.UpdateReport))
	for _, action := range []string{"submit", "withdraw", "approve", "reject", "undo", "delete"} {
		h("POST /reports/{id}/"+action, web.Page(web.Action(action)))
	}
	dash := api.NewDashboard(s.cfg.Store, s.cfg.Now, s.cfg.SmallCount)
	for _, view := range api.DashboardViews {
		h("GET /api/v1/figures/"+view, dash.Figures(view))
	}
}

// Routes returns the pattern of every route, in registration order.
func (s *Server) Routes() []string { return append([]string(nil), s.patterns...) }
