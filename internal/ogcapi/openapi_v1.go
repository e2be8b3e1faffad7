package ogcapi

// jsonAPIOps documents the application's JSON API (/api/v1, served by
// package api) and the server's own endpoints, so that one document
// describes every route of internal/server/routes.go.
func jsonAPIOps() []apiOp {
	v1 := rootPlaceholder + "/api/v1"
	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	path := func(name, desc string) obj {
		return obj{"name": name, "in": "path", "required": true, "description": desc, "schema": obj{"type": "string"}}
	}
	date := obj{"type": "string", "format": "date"}
	jsonBody := func(schema obj) obj { return obj{"required": true, "content": content(schema, mtJSON)} }
	ok := func(desc string, schema obj, problems ...string) obj {
		return responses("200", desc, content(schema, mtJSON), append([]string{"400", "401", "403"}, problems...)...)
	}
	report := ref("schemas", "Report")
	reportID := path("id", "the report's number")
	ifMatch := obj{"name": "If-Match", "in": "header", "required": false, "description": "the report's revision as its ETag, e.g. \"3\"", "schema": obj{"type": "string"}}
	op := func(method, p, summary string, o obj) apiOp {
		return apiOp{group: "JSON API", server: v1, method: method, path: p, summary: summary, op: o}
	}
	out := []apiOp{
		op("post", "/session", "sign in: sets the session cookie and returns the CSRF token", obj{"security": []obj{},
			"requestBody": jsonBody(obj{"type": "object", "required": []string{"user", "password"}, "properties": obj{"user": obj{"type": "string"}, "password": obj{"type": "string"}}}),
			"responses":   responses("200", "signed in", content(obj{"type": "object"}, mtJSON), "400", "401", "429")}),
		op("delete", "/session", "sign out", obj{"security": []obj{}, "responses": responses("204", "signed out", nil)}),
		op("get", "/me", "who the caller is: user, organisation and roles", obj{"responses": ok("the caller", ref("schemas", "Object"))}),
		op("post", "/reports", "enter a report (staged, or submitted with submit: true)", obj{"requestBody": jsonBody(ref("schemas", "ReportInput")),
			"responses": responses("201", "the report; Location names it", content(report, mtJSON), "400", "401", "403", "409", "413", "422")}),
		op("get", "/reports", "the reports the caller may read (the review queue with status=submitted)", obj{
			"parameters": []any{q("status", "staged, submitted, approved or rejected", obj{"type": "string", "enum": []string{"staged", "submitted", "approved", "rejected"}}),
				q("record_type", "only reports of this record type", obj{"type": "string"}), q("limit", "page size (1 to 1000, default 100)", obj{"type": "integer", "minimum": 1, "maximum": 1000}),
				q("after", "paging cursor: follow the next link", obj{"type": "integer"})},
			"responses": ok("a page of reports", ref("schemas", "Object"))}),
		op("get", "/reports/{id}", "one report", obj{"parameters": []any{reportID}, "responses": ok("the report; its ETag is its revision", report, "404")}),
		op("put", "/reports/{id}", "replace a staged or rejected report (If-Match required)", obj{"parameters": []any{reportID, ifMatch},
			"requestBody": jsonBody(ref("schemas", "ReportInput")), "responses": ok("the report", report, "404", "409", "412", "413", "422")}),
		op("delete", "/reports/{id}", "delete a staged or rejected report", obj{"parameters": []any{reportID, ifMatch},
			"responses": responses("204", "deleted", nil, "400", "401", "403", "404", "409", "412")}),
	}
	for _, a := range []struct{ name, what string }{
		{"submit", "send a staged report for review"},
		{"approve", "approve a submitted report: it becomes a record or a new version of one (nobody approves their own)"},
		{"reject", "reject a submitted report with {\"reason\": ...}"},
		{"withdraw", "take a submitted report back to staging"},
		{"undo", "undo an approval"},
	} {
		o := obj{"parameters": []any{reportID, ifMatch}, "responses": ok("the report", report, "404", "409", "412")}
		if a.name == "reject" {
			o["requestBody"] = jsonBody(obj{"type": "object", "required": []string{"reason"}, "properties": obj{"reason": obj{"type": "string"}}})
		}
		out = append(out, op("post", "/reports/{id}/"+a.name, a.what, o))
	}
	hid := path("hid", "the record's human id, e.g. HA-000123")
	out = append(out,
		op("get", "/records/{hid}", "a current record with its figures and links", obj{"parameters": []any{hid}, "responses": ok("the record as a GeoJSON feature", ref("schemas", "Feature"), "404")}),
		op("get", "/records/{hid}/history", "every version of a record, who approved it and what changed", obj{"parameters": []any{hid}, "responses": ok("the versions", ref("schemas", "Object"), "404")}),
		op("get", "/reference/{kind}", "reference data: organisations, ordnance, admin-areas, places, enums, record-types",
			obj{"parameters": []any{path("kind", "organisations, ordnance, admin-areas, places, enums or record-types")}, "responses": ok("the list", ref("schemas", "Object"), "404")}),
		op("put", "/reference/{kind}/{code}", "add or change an organisation (with its teams), an ordnance type or an admin area (administrators)",
			obj{"parameters": []any{path("kind", "organisations, ordnance or admin-areas"), path("code", "the entry's code: letters, digits, - _ .")},
				"requestBody": jsonBody(ref("schemas", "Object")), "responses": responses("204", "saved", nil, "400", "401", "403", "404", "422")}),
		op("get", "/summary", "the national figures as they stood on a day", obj{"parameters": []any{q("as_of", "the day (default today)", date), q("since", "count casualties from this day", date)},
			"responses": ok("as_of, territory_m2, hazards (count and m² original, cancelled, reduced, cleared, remaining), contaminated_share, casualties, finds", ref("schemas", "Object"))}),
		op("get", "/figures/{view}", "land release roll-ups: by-admin-area (as_of), released (from, to, by), baseline (from, to)", obj{
			"parameters": []any{path("view", "by-admin-area, released or baseline"), q("as_of", "for by-admin-area", date), q("from", "first day", date), q("to", "last day", date),
				q("by", "for released: organisation, method, month, year or kind", obj{"type": "string", "enum": []string{"organisation", "method", "month", "year", "kind"}})},
			"responses": ok("the figures", ref("schemas", "Object"), "404")}),
		op("get", "/figures/casualties", "casualties by year or admin area", obj{"parameters": []any{q("from", "first day", date), q("to", "last day", date),
			q("by", "year or admin_area", obj{"type": "string", "enum": []string{"year", "admin_area"}})}, "responses": ok("the counts of people killed and injured", ref("schemas", "Object"))}),
		op("get", "/figures/finds", "explosive ordnance found, by category", obj{"parameters": []any{q("as_of", "the day", date)},
			"responses": ok("the items found", ref("schemas", "Object"))}),
		op("get", "/figures/beneficiaries", "people reached by risk education, by sex and age band", obj{"parameters": []any{q("from", "first day", date), q("to", "last day", date)},
			"responses": ok("the beneficiaries", ref("schemas", "Object"))}),
		op("get", "/audit", "the audit chain (verifiers and administrators)", obj{"parameters": []any{q("after", "entries after this sequence number", obj{"type": "integer"}),
			q("limit", "1 to 1000, default 100", obj{"type": "integer"})}, "responses": ok("audit entries", ref("schemas", "Object"))}),
	)
	server := func(p, summary, mt string) apiOp {
		return apiOp{group: "Server", server: rootPlaceholder, method: "get", path: p, summary: summary, op: obj{
			"security": []obj{}, "responses": responses("200", summary, content(obj{"type": "string"}, mt))}}
	}
	metrics := server("/metrics", "Prometheus metrics", "text/plain")
	return append(out, server("/healthz", "liveness: the process answers", "text/plain"),
		server("/readyz", "readiness: the database answers", "text/plain"), metrics)
}
