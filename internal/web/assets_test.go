package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mineaction/internal/httpx"
)

// TestAssets serves the bundle at its fingerprinted names, gzipped to
// clients that accept it, cached for a year, and nothing else.
func TestAssets(t *testing.T) {
	w := New(Config{})
	mux := http.NewServeMux()
	mux.Handle("GET /static/{file}", httpx.HandlerFunc(w.Asset))
	get := func(path, enc string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		if enc != "" {
			r.Header.Set("Accept-Encoding", enc)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, r)
		return rec
	}
	js := w.assets.url("map.js")
	if !strings.HasPrefix(js, "/static/map-") {
		t.Fatalf("map.js is at %s", js)
	}
	plain, gz := get(js, ""), get(js, "gzip, deflate")
	if plain.Code != 200 || gz.Code != 200 {
		t.Fatalf("statuses %d %d", plain.Code, gz.Code)
	}
	if gz.Header().Get("Content-Encoding") != "gzip" || plain.Header().Get("Content-Encoding") != "" {
		t.Errorf("encodings %q and %q", gz.Header().Get("Content-Encoding"), plain.Header().Get("Content-Encoding"))
	}
	if gz.Body.Len() >= plain.Body.Len() {
		t.Errorf("gzip %d bytes, plain %d", gz.Body.Len(), plain.Body.Len())
	}
	if ct := plain.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("content type %q", ct)
	}
	if cc := plain.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("cache control %q", cc)
	}
	css := get(w.assets.url("app.css"), "")
	if !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") || !strings.Contains(css.Body.String(), ".maplibregl-map") {
		t.Errorf("the style sheet is %q and lacks MapLibre's rules", css.Header().Get("Content-Type"))
	}
	// The chunks a map page's script imports are named for preloading,
	// once each, and served.
	pre := w.assets.preloads([]string{"map.js", "record.js"})
	if len(pre) == 0 || len(pre) != len(w.assets.preloads([]string{"map.js"})) {
		t.Errorf("the chunks to preload with map.js and record.js: %v", pre)
	}
	for _, u := range pre {
		if rec := get(u, "gzip"); rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: %d %s", u, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	for _, path := range []string{"/static/nothing.js", "/static/map.js.gz", "/static/..%2Fweb.go", "/static/x.exe"} {
		if rec := get(path, "gzip"); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}
