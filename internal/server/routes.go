package server

import (
	"net/http"

	"mineaction/internal/httpx"
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
}

// Routes returns the pattern of every route, in registration order.
func (s *Server) Routes() []string { return append([]string(nil), s.patterns...) }
