package ogctest

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// The collection ids of DESIGN.md, in the API's order.
var collectionIDs = []string{"hazards", "activities", "releases", "finds", "accidents", "education", "admin-areas", "places", "tasks"}

// TestCore walks the abstract test suite of OGC API Features Part 1
// (OGC 17-069r4, Annex A) on every store.
func TestCore(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		t.Run("landing page", func(t *testing.T) { testLanding(t, e.with(t)) })
		t.Run("conformance", func(t *testing.T) { testConformance(t, e.with(t)) })
		t.Run("collections", func(t *testing.T) { testCollections(t, e.with(t)) })
		t.Run("items", func(t *testing.T) { testItems(t, e.with(t)) })
		t.Run("limit", func(t *testing.T) { testLimit(t, e.with(t)) })
		t.Run("paging", func(t *testing.T) { testPaging(t, e.with(t)) })
		t.Run("bbox", func(t *testing.T) { testBBox(t, e.with(t)) })
		t.Run("datetime", func(t *testing.T) { testDatetime(t, e.with(t)) })
		t.Run("feature", func(t *testing.T) { testFeature(t, e.with(t)) })
		t.Run("errors", func(t *testing.T) { testErrors(t, e.with(t)) })
		t.Run("html", func(t *testing.T) { testHTML(t, e.with(t)) })
		t.Run("etag", func(t *testing.T) { testETag(t, e.with(t)) })
	})
}

// /ats/core/root-op, root-success; the landing page is public.
func testLanding(t *testing.T, e *env) {
	r := e.do("", "GET", "/ogcapi", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("landing page: %d %s", r.status, r.header.Get("Content-Type"))
	}
	m := r.json(t)
	for _, rel := range []string{"self", "service-desc", "conformance", "data"} {
		href, ok := linkOf(m, rel, "")
		if !ok {
			t.Fatalf("landing page has no %s link: %v", rel, m["links"])
		}
		if !strings.HasPrefix(href, e.url+"/ogcapi") {
			t.Errorf("%s link %q is not absolute under the API", rel, href)
		}
	}
	for _, l := range m["links"].([]any) {
		if l.(map[string]any)["type"] == nil {
			t.Errorf("link without type: %v", l)
		}
	}
	desc, _ := linkOf(m, "service-desc", "application/vnd.oai.openapi+json;version=3.0")
	if desc == "" {
		t.Fatal("no service-desc link of the OpenAPI 3.0 media type")
	}
	api := e.do("", "GET", desc, nil)
	if api.status != 200 || api.header.Get("Content-Type") != "application/vnd.oai.openapi+json;version=3.0" {
		t.Fatalf("API definition: %d %s", api.status, api.header.Get("Content-Type"))
	}
	if v, _ := api.json(t)["openapi"].(string); !strings.HasPrefix(v, "3.0") {
		t.Errorf("openapi version %q", v)
	}
}

// /ats/core/conf-op, conf-success.
func testConformance(t *testing.T, e *env) {
	m := e.do("", "GET", "/ogcapi/conformance", nil).json(t)
	var got []string
	for _, c := range m["conformsTo"].([]any) {
		got = append(got, c.(string))
	}
	for _, want := range []string{
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("conformance lacks %s", want)
		}
	}
}

// /ats/core/fc-md-op, fc-md-success, fc-md-links, fc-md-items, fc-md-extent.
func testCollections(t *testing.T, e *env) {
	if r := e.do("", "GET", "/ogcapi/collections", nil); r.status != 401 {
		t.Errorf("anonymous collections: %d, want 401", r.status)
	}
	m := e.get("/ogcapi/collections", 200).json(t)
	var got []string
	for _, c := range m["collections"].([]any) {
		cm := c.(map[string]any)
		id := cm["id"].(string)
		got = append(got, id)
		for _, typ := range []string{"application/geo+json", "text/html"} {
			if _, ok := linkOf(cm, "items", typ); !ok {
				t.Errorf("%s has no items link of type %s", id, typ)
			}
		}
		one := e.get("/ogcapi/collections/"+id, 200).json(t)
		if one["id"] != id || one["title"] != cm["title"] {
			t.Errorf("collection %s differs from its entry in the list", id)
		}
		if _, ok := linkOf(one, "self", "application/json"); !ok {
			t.Errorf("collection %s has no self link", id)
		}
	}
	if !slices.Equal(got, collectionIDs) {
		t.Fatalf("collections %v, want %v", got, collectionIDs)
	}
	if slices.Contains(got, "victims") {
		t.Fatal("there must be no victims collection")
	}
	// The extent encloses every hazard.
	h := e.get("/ogcapi/collections/hazards", 200).json(t)
	bb := h["extent"].(map[string]any)["spatial"].(map[string]any)["bbox"].([]any)[0].([]any)
	ext := geo.BBox{MinX: bb[0].(float64), MinY: bb[1].(float64), MaxX: bb[2].(float64), MaxY: bb[3].(float64)}
	for _, hz := range e.fx.hazards {
		b := hz.box()
		if b.MinX < ext.MinX || b.MaxX > ext.MaxX || b.MinY < ext.MinY || b.MaxY > ext.MaxY {
			t.Errorf("extent %v does not enclose %s %v", ext, hz.hid, b)
		}
	}
	iv := h["extent"].(map[string]any)["temporal"].(map[string]any)["interval"].([]any)[0].([]any)
	if !strings.HasPrefix(iv[0].(string), e.fx.hazards[0].doi) || !strings.HasPrefix(iv[1].(string), e.fx.hazards[numHazards-1].doi) {
		t.Errorf("temporal extent %v", iv)
	}
	if r := e.do("donor", "GET", "/ogcapi/collections/victims", nil); r.status != 404 {
		t.Errorf("victims collection: %d, want 404", r.status)
	}
}

// /ats/core/fc-op, fc-response, fc-links, fc-rel-type, fc-numberMatched,
// fc-numberReturned; every collection serves GeoJSON.
func testItems(t *testing.T, e *env) {
	want := map[string]int{"hazards": numHazards, "activities": len(e.fx.activities), "releases": e.fx.releases,
		"finds": len(e.fx.finds) + 4, "accidents": len(e.fx.accidents), "education": len(e.fx.education), "admin-areas": 2, "tasks": len(e.fx.tasks)}
	for _, id := range collectionIDs {
		r := e.items(id, url.Values{"limit": {"1000"}})
		if ct := r.header.Get("Content-Type"); ct != "application/geo+json" {
			t.Errorf("%s: Content-Type %q", id, ct)
		}
		m := r.json(t)
		if m["type"] != "FeatureCollection" {
			t.Fatalf("%s: type %v", id, m["type"])
		}
		n := len(m["features"].([]any))
		if m["numberReturned"] != float64(n) {
			t.Errorf("%s: numberReturned %v, features %d", id, m["numberReturned"], n)
		}
		if nm, ok := m["numberMatched"]; ok && nm != float64(n) {
			t.Errorf("%s: numberMatched %v, features %d", id, nm, n)
		}
		if w, ok := want[id]; ok && n != w {
			t.Errorf("%s: %d features, want %d", id, n, w)
		}
		for _, rel := range []string{"self", "alternate"} {
			if _, ok := linkOf(m, rel, ""); !ok {
				t.Errorf("%s: no %s link", id, rel)
			}
		}
		for _, l := range m["links"].([]any) {
			if l.(map[string]any)["type"] == nil {
				t.Errorf("%s: link without type %v", id, l)
			}
		}
	}
	// Hazards carry the computed figures, which reconcile.
	m := e.items("hazards", url.Values{"limit": {"100"}}).json(t)
	for _, f := range m["features"].([]any) {
		p := f.(map[string]any)["properties"].(map[string]any)
		for _, k := range []string{"hid", "status", "category", "original_m2", "cancelled_m2", "reduced_m2", "cleared_m2", "remaining_m2"} {
			if _, ok := p[k]; !ok {
				t.Fatalf("hazard feature without %s: %v", k, p)
			}
		}
		sum := p["cancelled_m2"].(float64) + p["reduced_m2"].(float64) + p["cleared_m2"].(float64) + p["remaining_m2"].(float64)
		if d := sum - p["original_m2"].(float64); d > 0.05 || d < -0.05 {
			t.Errorf("%v: figures do not reconcile (%v)", p["hid"], d)
		}
	}
	if p := m["features"].([]any)[0].(map[string]any)["properties"].(map[string]any); p["cancelled_m2"].(float64) <= 0 {
		t.Errorf("the first hazard was partly cancelled, but cancelled_m2 = %v", p["cancelled_m2"])
	}
}

// /ats/core/f-op, f-success, f-links.
func testFeature(t *testing.T, e *env) {
	h := e.fx.hazards[0]
	m := e.get("/ogcapi/collections/hazards/items/"+h.hid, 200).json(t)
	if m["type"] != "Feature" || m["id"] != h.hid {
		t.Fatalf("feature %v", m)
	}
	for _, l := range []struct{ rel, typ string }{{"self", "application/geo+json"}, {"alternate", "text/html"}, {"collection", "application/json"}} {
		if _, ok := linkOf(m, l.rel, l.typ); !ok {
			t.Errorf("feature has no %s link of type %s", l.rel, l.typ)
		}
	}
	g, err := geo.ParseGeoJSON(mustJSON(m["geometry"]))
	if err != nil || !g.Bounds().Intersects(h.box()) || g.Bounds() != h.box() {
		t.Errorf("geometry %v, want the box %v (%v)", g, h.box(), err)
	}
	for path, want := range map[string]string{
		"/ogcapi/collections/releases/items/" + e.fx.activities[0] + ".0": e.fx.activities[0] + ".0",
		"/ogcapi/collections/admin-areas/items/W":                         "W",
		"/ogcapi/collections/finds/items/" + e.fx.finds[0]:                e.fx.finds[0],
	} {
		if got := e.get(path, 200).json(t)["id"]; got != want {
			t.Errorf("%s: id %v", path, got)
		}
	}
	for _, missing := range []string{"hazards/items/HA-999999", "hazards/items/" + e.fx.finds[0], "releases/items/AC-000001.9", "admin-areas/items/ZZ", "places/items/77"} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/"+missing, nil), 404)
	}
}

// /ats/core/query-param-unknown, query-param-invalid; problem details.
func testErrors(t *testing.T, e *env) {
	for _, p := range []string{
		"/ogcapi/collections/hazards/items?colour=red",
		"/ogcapi/collections/hazards/items?limit=5&limit=6",
		"/ogcapi/collections/hazards/items?f=xml",
		"/ogcapi/collections/hazards/items?geometry=x",
		"/ogcapi/collections/hazards/items/" + e.fx.hazards[0].hid + "?limit=3",
		"/ogcapi/collections?x=1",
		"/ogcapi?y=1",
	} {
		problem(t, e.do("donor", "GET", p, nil), 400)
	}
	problem(t, e.do("", "GET", "/ogcapi/collections/hazards/items", nil), 401)
	problem(t, e.do("donor", "GET", "/ogcapi/collections/nope/items", nil), 404)
}

// HTML is served by f=html and by Accept: text/html, with links to the
// other format; the page works without script.
func testHTML(t *testing.T, e *env) {
	for _, p := range []string{"/ogcapi?f=html", "/ogcapi/conformance?f=html", "/ogcapi/collections?f=html", "/ogcapi/collections/hazards?f=html",
		"/ogcapi/collections/hazards/items?f=html", "/ogcapi/collections/hazards/items/" + e.fx.hazards[0].hid + "?f=html", "/ogcapi/api?f=html"} {
		r := e.get(p, 200)
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: Content-Type %q", p, r.header.Get("Content-Type"))
		}
		if strings.Contains(string(r.body), "<script") || strings.Contains(string(r.body), "style=") {
			t.Errorf("%s: inline script or style", p)
		}
	}
	r := e.get("/ogcapi/collections/hazards/items", 200, "Accept", "text/html,application/xhtml+xml")
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), e.fx.hazards[0].hid) {
		t.Errorf("Accept: text/html gave %q", r.header.Get("Content-Type"))
	}
	if !strings.Contains(string(r.body), `rel="next"`) {
		t.Error("the HTML page has no next link")
	}
	if css := e.do("", "GET", "/ogcapi/assets/ogcapi.css", nil); css.status != 200 || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d", css.status)
	}
}

// Strong ETags: a repeated request with If-None-Match gets 304; an
// approval changes the tag.
func testETag(t *testing.T, e *env) {
	for _, p := range []string{"/ogcapi/collections/hazards/items?limit=5", "/ogcapi/collections/hazards/items/" + e.fx.hazards[1].hid} {
		r := e.get(p, 200)
		tag := r.header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) {
			t.Fatalf("%s: ETag %q is not strong", p, tag)
		}
		if again := e.do("donor", "GET", p, nil, "If-None-Match", tag); again.status != 304 {
			t.Errorf("%s: If-None-Match gave %d", p, again.status)
		}
		if other := e.do("donor", "GET", p, nil, "If-None-Match", `"x"`); other.status != 200 {
			t.Errorf("%s: a stale If-None-Match gave %d", p, other.status)
		}
	}
}
