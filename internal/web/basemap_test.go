package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// TestBasemapRanges serves the configured PMTiles file in the byte ranges
// the PMTiles reader asks for, to signed-in callers only, and 404 when no
// base map is configured.
func TestBasemapRanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "base.pmtiles")
	data := bytes.Repeat([]byte("0123456789"), 5000)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	viewer := auth.Caller{Principal: mineaction.Principal{User: "v", Roles: []mineaction.Role{mineaction.RoleViewer}}}
	get := func(w *Web, c auth.Caller, rng string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/map/basemap.pmtiles", nil)
		r = r.WithContext(httpx.WithCaller(r.Context(), c))
		if rng != "" {
			r.Header.Set("Range", rng)
		}
		rec := httptest.NewRecorder()
		httpx.HandlerFunc(w.Basemap).ServeHTTP(rec, r)
		return rec
	}
	w := New(Config{Basemap: path})
	rec := get(w, viewer, "bytes=0-126")
	if rec.Code != http.StatusPartialContent || !bytes.Equal(rec.Body.Bytes(), data[:127]) {
		t.Errorf("the header range: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	rec = get(w, viewer, "bytes=49990-")
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "0123456789" {
		t.Errorf("the last bytes: %d %q", rec.Code, rec.Body.String())
	}
	if rec := get(w, auth.Caller{}, ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", rec.Code)
	}
	if rec := get(New(Config{}), viewer, ""); rec.Code != http.StatusNotFound {
		t.Errorf("no base map configured: %d", rec.Code)
	}
}
