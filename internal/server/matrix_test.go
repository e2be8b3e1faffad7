package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// The callers of the matrix: anonymous, and one user per role; "editor" is
// the editor of the organisation that owns the fixtures (OPA), "other" an
// editor of another organisation.
var matrixCallers = []struct{ key, user string }{
	{"anon", ""}, {"admin", "admin"}, {"verifier", "vera"}, {"editor", "eddie"}, {"other", "erin"}, {"viewer", "donor"}, {"va", "vanessa"},
}

// cell is an expected status per caller, in matrixCallers order.
type cell [7]int

// matrix is the expected result of every route for every caller. It is
// written out by hand from the roles in DESIGN.md; a route the server has
// that is missing here fails TestAuthorisationMatrix. The reports of the
// fixtures are eddie's: the verifier reads, approves, rejects and undoes
// them, but does not change, submit, withdraw or delete them (separation
// of duties, docs/SECURITY.md; see also TestSeparationOfDuties).
var matrix = map[string]cell{
	//                                         anon admin verif editor other viewer va
	"GET /healthz":                        {200, 200, 200, 200, 200, 200, 200},
	"GET /readyz":                         {200, 200, 200, 200, 200, 200, 200},
	"GET /metrics":                        {200, 200, 200, 200, 200, 200, 200},
	"POST /api/v1/session":                {401, 401, 401, 401, 401, 401, 401}, // wrong password for everyone
	"DELETE /api/v1/session":              {204, 204, 204, 204, 204, 204, 204},
	"GET /api/v1/me":                      {401, 200, 200, 200, 200, 200, 200},
	"POST /api/v1/reports":                {401, 403, 201, 201, 403, 403, 403},
	"GET /api/v1/reports":                 {401, 200, 200, 200, 200, 403, 403},
	"GET /api/v1/reports/{id}":            {401, 200, 200, 200, 404, 404, 404},
	"PUT /api/v1/reports/{id}":            {401, 403, 403, 200, 404, 404, 404},
	"DELETE /api/v1/reports/{id}":         {401, 403, 403, 204, 404, 404, 404},
	"POST /api/v1/reports/{id}/submit":    {401, 403, 403, 200, 404, 404, 404},
	"POST /api/v1/reports/{id}/approve":   {401, 403, 200, 403, 404, 404, 404},
	"POST /api/v1/reports/{id}/reject":    {401, 403, 200, 403, 404, 404, 404},
	"POST /api/v1/reports/{id}/withdraw":  {401, 403, 403, 200, 404, 404, 404},
	"POST /api/v1/reports/{id}/undo":      {401, 403, 200, 403, 404, 404, 404},
	"GET /api/v1/records/{hid}":           {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/records/{hid}/history":   {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/reference/{kind}":        {401, 200, 200, 200, 200, 200, 200},
	"PUT /api/v1/reference/{kind}/{code}": {401, 204, 403, 403, 403, 403, 403},
	"GET /api/v1/summary":                 {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/figures/{view}":          {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/audit":                   {401, 200, 200, 403, 403, 403, 403},
	// OGC API (internal/ogcapi). The landing page, conformance, the API
	// definition, the tile matrix sets and the stylesheet hold no data and
	// are public; everything else needs the read permission; writes enter
	// reports for review (202) and need the right to enter reports.
	"GET /ogcapi":                                          {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/{$}":                                      {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/conformance":                              {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/api":                                      {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/assets/ogcapi.css":                        {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/tileMatrixSets":                           {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/tileMatrixSets/{tms}":                     {200, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections":                              {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}":                         {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/queryables":              {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/schema":                  {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/items":                   {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/items/{fid}":             {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/tiles":                                    {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/tiles/{tms}":                              {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/tiles/{tms}/{z}/{y}/{x}":                  {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/tiles":                   {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/tiles/{tms}":             {401, 200, 200, 200, 200, 200, 200},
	"GET /ogcapi/collections/{id}/tiles/{tms}/{z}/{y}/{x}": {401, 200, 200, 200, 200, 200, 200},
	"OPTIONS /ogcapi/collections/{id}/items":               {401, 204, 204, 204, 204, 204, 204},
	"OPTIONS /ogcapi/collections/{id}/items/{fid}":         {401, 204, 204, 204, 204, 204, 204},
	"POST /ogcapi/collections/hazards/items":               {401, 403, 202, 202, 403, 403, 403},
	"PUT /ogcapi/collections/hazards/items/{fid}":          {401, 403, 202, 202, 403, 403, 403},
	"PATCH /ogcapi/collections/hazards/items/{fid}":        {401, 403, 202, 202, 403, 403, 403},
	"DELETE /ogcapi/collections/hazards/items/{fid}":       {401, 403, 202, 202, 403, 403, 403},
	"POST /ogcapi/collections/activities/items":            {401, 403, 422, 422, 422, 403, 403},
	"PUT /ogcapi/collections/activities/items/{fid}":       {401, 404, 404, 404, 404, 404, 404},
	"PATCH /ogcapi/collections/activities/items/{fid}":     {401, 404, 404, 404, 404, 404, 404},
	"DELETE /ogcapi/collections/activities/items/{fid}":    {401, 404, 404, 404, 404, 404, 404},
	"POST /ogcapi/collections/finds/items":                 {401, 403, 422, 422, 422, 403, 403},
	"PUT /ogcapi/collections/finds/items/{fid}":            {401, 404, 404, 404, 404, 404, 404},
	"PATCH /ogcapi/collections/finds/items/{fid}":          {401, 404, 404, 404, 404, 404, 404},
	"DELETE /ogcapi/collections/finds/items/{fid}":         {401, 404, 404, 404, 404, 404, 404},
	"POST /ogcapi/collections/education/items":             {401, 403, 422, 422, 422, 403, 403},
	"PUT /ogcapi/collections/education/items/{fid}":        {401, 404, 404, 404, 404, 404, 404},
	"PATCH /ogcapi/collections/education/items/{fid}":      {401, 404, 404, 404, 404, 404, 404},
	"DELETE /ogcapi/collections/education/items/{fid}":     {401, 404, 404, 404, 404, 404, 404},
	"POST /ogcapi/collections/tasks/items":                 {401, 403, 422, 422, 422, 403, 403},
	"PUT /ogcapi/collections/tasks/items/{fid}":            {401, 404, 404, 404, 404, 404, 404},
	"PATCH /ogcapi/collections/tasks/items/{fid}":          {401, 404, 404, 404, 404, 404, 404},
	"DELETE /ogcapi/collections/tasks/items/{fid}":         {401, 404, 404, 404, 404, 404, 404},
	// Web application (internal/web). A page answers an anonymous caller
	// with the sign-in form (401); the client follows the redirect after a
	// successful form post (303), hence 200; "/" leads to the dashboard.
	// {file} stays literal in the request, so that row only shows that
	// nothing is there.
	"GET /static/{file}":                {404, 404, 404, 404, 404, 404, 404},
	"GET /sign-in":                      {200, 200, 200, 200, 200, 200, 200},
	"POST /sign-in":                     {401, 401, 401, 401, 401, 401, 401}, // wrong password
	"POST /sign-out":                    {200, 200, 200, 200, 200, 200, 200},
	"GET /{$}":                          {401, 200, 200, 200, 200, 200, 200},
	"GET /dashboard":                    {401, 200, 200, 200, 200, 200, 200},
	"GET /dashboard/csv/{view}":         {401, 200, 200, 200, 200, 200, 200},
	"GET /map":                          {401, 200, 200, 200, 200, 200, 200},
	"GET /map/outline":                  {401, 200, 200, 200, 200, 200, 200},
	"GET /map/basemap.pmtiles":          {401, 404, 404, 404, 404, 404, 404}, // none configured
	"GET /map/search":                   {401, 200, 200, 200, 200, 200, 200},
	"GET /records":                      {401, 200, 200, 200, 200, 200, 200},
	"GET /records/{hid}":                {401, 200, 200, 200, 200, 200, 200},
	"GET /reports":                      {401, 200, 200, 200, 200, 403, 403},
	"GET /review":                       {401, 403, 200, 403, 403, 403, 403},
	"GET /reports/new":                  {401, 403, 200, 200, 200, 403, 403},
	"POST /reports":                     {401, 403, 400, 400, 400, 403, 403}, // an empty form names no record type
	"GET /reports/{id}":                 {401, 200, 200, 200, 404, 404, 404},
	"GET /reports/{id}/edit":            {401, 403, 403, 200, 404, 404, 404},
	"POST /reports/{id}":                {401, 403, 403, 400, 404, 404, 404},
	"POST /reports/{id}/submit":         {401, 403, 403, 200, 404, 404, 404},
	"POST /reports/{id}/withdraw":       {401, 403, 403, 200, 404, 404, 404},
	"POST /reports/{id}/approve":        {401, 403, 200, 403, 404, 404, 404},
	"POST /reports/{id}/reject":         {401, 403, 422, 403, 404, 404, 404}, // the JSON reason is no form field
	"POST /reports/{id}/undo":           {401, 403, 200, 403, 404, 404, 404},
	"POST /reports/{id}/delete":         {401, 403, 403, 200, 404, 404, 404},
	"GET /api/v1/figures/casualties":    {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/figures/finds":         {401, 200, 200, 200, 200, 200, 200},
	"GET /api/v1/figures/beneficiaries": {401, 200, 200, 200, 200, 200, 200},
}

// matrixFixture creates, on the server, a hazard of OPA (approved; the
// first call makes HA-000001, which the record routes read), a staged
// report, and a submitted update of the hazard, and returns their ids.
// Every call of the matrix gets its own fixture, so that one caller's
// action does not change what the next one finds.
func matrixFixture(t *testing.T, ts *testServer) map[string]string {
	t.Helper()
	ctx := context.Background()
	wf := workflow.New(ts.store, workflow.Config{})
	h := workflow.Input{RecordType: "hazard", Submit: true, Feature: []byte(`{"type":"Feature","geometry":` + okSquare +
		`,"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}}`)}
	c, err := wf.CreateReport(ctx, storetest.Editor, h)
	if err != nil {
		t.Fatal(err)
	}
	c, err = wf.Approve(ctx, storetest.Verifier, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	h.Submit = false
	a, err := wf.CreateReport(ctx, storetest.Editor, h)
	if err != nil {
		t.Fatal(err)
	}
	upd := h
	upd.RecordID, upd.Version, upd.Submit = c.RecordHID, 1, true
	upd.Feature = []byte(strings.Replace(string(h.Feature), "2024-01-01", "2024-02-01", 1))
	b, err := wf.CreateReport(ctx, storetest.Editor, upd)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"created": fmt.Sprint(c.ID), "staged": fmt.Sprint(a.ID), "submitted": fmt.Sprint(b.ID)}
}

// request fills in a route's path and body for the matrix.
func matrixRequest(pattern string, ids map[string]string) (method, path string, body []byte, headers []string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.ReplaceAll(path, "{$}", "") // a pattern's end-of-path marker
	report := ids["staged"]
	switch {
	case strings.HasSuffix(path, "/approve"), strings.HasSuffix(path, "/reject"), strings.HasSuffix(path, "/withdraw"):
		report = ids["submitted"]
	case strings.HasSuffix(path, "/undo"):
		report = ids["created"]
	}
	if strings.HasPrefix(path, "/ogcapi/") {
		// An OGC route: the hazards collection, HA-000001, a tile over it.
		path = strings.NewReplacer("{id}", "hazards", "{fid}", "HA-000001", "{tms}", "WebMercatorQuad",
			"{z}", "10", "{y}", "389", "{x}", "643").Replace(path)
		if method == "POST" || method == "PUT" || method == "PATCH" {
			body = []byte(`{"type":"Feature","geometry":` + okSquare + `,"properties":{"organisation":"OPA","date_of_information":"2024-03-01",` +
				`"category":"SHA","status":"open","hazard_type":"minefield"}}`)
			headers = []string{"If-Match", "*"}
			if method == "PATCH" {
				headers = append(headers, "Content-Type", "application/merge-patch+json")
			}
		}
		if method == "DELETE" {
			headers = []string{"If-Match", "*"}
		}
		return method, path, body, headers
	}
	path = strings.NewReplacer("{id}", report, "{hid}", "HA-000001", "{kind}", "organisations", "{code}", "NEWORG", "{view}", "by-admin-area").Replace(path)
	switch {
	case pattern == "POST /api/v1/session":
		// A different unknown account each time, so the sign-in limiter
		// (which the matrix shares between calls) does not step in.
		body = []byte(`{"user":"nobody-` + ids["created"] + `","password":"not the password"}`)
	case pattern == "POST /sign-in":
		body = []byte("user=nobody-" + ids["created"] + "&password=not+the+password")
		headers = []string{"Content-Type", "application/x-www-form-urlencoded"}
	case pattern == "POST /api/v1/reports", pattern == "PUT /api/v1/reports/{id}":
		body = hazardBody(okSquare, nil)
		headers = []string{"If-Match", `"1"`}
	case strings.HasSuffix(path, "/reject"):
		body = []byte(`{"reason":"test"}`)
	case pattern == "PUT /api/v1/reference/{kind}/{code}":
		body = []byte(`{"name":"A new operator","kind":"ngo","teams":[{"code":"T1","name":"Team one","method":"manual"}]}`)
	}
	return method, path, body, headers
}

// TestAuthorisationMatrix calls every route of the server as every caller
// and checks the exact status. A route without a row fails the test.
func TestAuthorisationMatrix(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		probe := newServer(t, open)
		srv := probe.srv
		for _, pattern := range srv.Routes() {
			want, ok := matrix[pattern]
			if !ok {
				t.Errorf("route %q has no row in the authorisation matrix: add one with the expected status for every role", pattern)
				continue
			}
			for i, c := range matrixCallers {
				ids := matrixFixture(t, probe)
				method, path, body, headers := matrixRequest(pattern, ids)
				res := probe.do(c.user, method, path, body, headers...)
				if res.status != want[i] {
					t.Errorf("%s as %s: status %d, want %d: %s", pattern, c.key, res.status, want[i], res.body)
				}
			}
		}
		for pattern := range matrix {
			found := false
			for _, p := range srv.Routes() {
				found = found || p == pattern
			}
			if !found {
				t.Errorf("the matrix lists %q but the server has no such route", pattern)
			}
		}
	})
}
