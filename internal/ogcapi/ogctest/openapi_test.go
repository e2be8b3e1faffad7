package ogctest

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/server"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestOpenAPI checks the API definition: one OpenAPI 3.0 document that
// documents every route of the server (OGC API, JSON API, health), every
// reference in it resolves, and each collection's items operation lists
// its queryables and filter-lang with cql-text, which is what GDAL 3.6
// needs to send an ogrinfo -where to the server.
func TestOpenAPI(t *testing.T) {
	s := storetest.SQLite(t)
	storetest.Seed(t, s)
	srv := server.New(server.Config{Store: s, Workflow: workflow.New(s, workflow.Config{}), Accounts: auth.NewService(s, auth.Config{}),
		Now: func() time.Time { return clock }})
	e := &env{t: t, tokens: map[string]string{}, rec: &recorder{}}
	e.url = startServer(t, srv)
	r := e.do("", "GET", "/ogcapi/api", nil, "Accept", "application/vnd.oai.openapi+json;version=3.0")
	if r.status != 200 {
		t.Fatalf("GET /ogcapi/api: %d", r.status)
	}
	doc := r.json(t)
	if doc["openapi"] != "3.0.3" {
		t.Fatalf("openapi %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	servers := doc["servers"].([]any)
	if u := servers[0].(map[string]any)["url"]; u != e.url+"/ogcapi" {
		t.Errorf("server %v, want %s/ogcapi", u, e.url)
	}

	// Every route is documented, with its method.
	documented := map[string]bool{}
	for p, item := range paths {
		base := "/ogcapi"
		if ss, ok := item.(map[string]any)["servers"].([]any); ok {
			base = strings.TrimPrefix(ss[0].(map[string]any)["url"].(string), e.url)
		}
		for method := range item.(map[string]any) {
			if method != "servers" {
				documented[strings.ToUpper(method)+" "+normalise(base+p)] = true
			}
		}
	}
	collections := []string{"hazards", "activities", "releases", "finds", "accidents", "education", "admin-areas", "places", "tasks"}
	for _, route := range srv.Routes() {
		method, p, _ := strings.Cut(route, " ")
		if strings.HasPrefix(p, "/ogcapi/assets/") || strings.HasSuffix(p, "{$}") || (!strings.HasPrefix(p, "/ogcapi") && !strings.HasPrefix(p, "/api/v1") &&
			!slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, p)) {
			continue
		}
		if p == "/ogcapi" {
			p = "/ogcapi/"
		}
		candidates := []string{normalise(p)}
		if strings.Contains(p, "/collections/{id}") {
			candidates = nil
			for _, c := range collections {
				candidates = append(candidates, normalise(strings.Replace(p, "{id}", c, 1)))
			}
		}
		found := false
		for _, c := range candidates {
			found = found || documented[method+" "+c]
		}
		if !found {
			t.Errorf("route %s is not in the API definition", route)
		}
	}

	// Every $ref resolves.
	refs := regexp.MustCompile(`"\$ref":"#/([^"]+)"`).FindAllStringSubmatch(string(r.body), -1)
	if len(refs) < 50 {
		t.Fatalf("only %d references", len(refs))
	}
	for _, m := range refs {
		var node any = doc
		for _, part := range strings.Split(m[1], "/") {
			node, _ = node.(map[string]any)[part]
		}
		if node == nil {
			t.Errorf("reference #/%s does not resolve", m[1])
		}
	}

	// The items operation of hazards, as GDAL reads it.
	params := paths["/collections/hazards/items"].(map[string]any)["get"].(map[string]any)["parameters"].([]any)
	var names []string
	cqlText := false
	for _, p := range params {
		pm := p.(map[string]any)
		if ref, ok := pm["$ref"].(string); ok {
			pm = doc["components"].(map[string]any)["parameters"].(map[string]any)[strings.TrimPrefix(ref, "#/components/parameters/")].(map[string]any)
		}
		if pm["in"] != "query" {
			continue
		}
		names = append(names, pm["name"].(string))
		if pm["name"] == "filter-lang" {
			cqlText = slices.Contains(toStrings(pm["schema"].(map[string]any)["enum"]), "cql-text")
		}
	}
	for _, want := range []string{"limit", "bbox", "datetime", "filter", "filter-lang", "status", "category", "hid", "date_of_information", "remaining_m2"} {
		if !slices.Contains(names, want) {
			t.Errorf("hazards items parameters lack %s: %v", want, names)
		}
	}
	if !cqlText {
		t.Error("filter-lang does not offer cql-text")
	}
	if slices.Contains(names, "geometry") || slices.Contains(names, "eo_suspected") {
		t.Error("geometry and array queryables cannot be query parameters")
	}

	// The HTML form lists the operations.
	if h := e.do("", "GET", "/ogcapi/api?f=html", nil); h.status != 200 || !strings.Contains(string(h.body), "/api/v1/reports/{id}/approve") {
		t.Errorf("HTML API page: %d", h.status)
	}
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// normalise blanks the names of path parameters.
func normalise(p string) string { return pathParam.ReplaceAllString(p, "{}") }
