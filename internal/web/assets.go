package web

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"mineaction/internal/mineaction"
)

// static holds the bundle built by web/build.mjs (committed, so that go
// build needs no Node) and its manifest.
//
//go:embed static
var static embed.FS

// assets serves the bundle. Every file name carries a hash of its content,
// so responses are cached for a year; a gzip copy made at build time is
// sent to clients that accept it.
type assets struct {
	dist fs.FS
	// names maps logical names ("map.js") to fingerprinted ones.
	names map[string]string
	// imports maps a script's logical name to the chunks it imports.
	imports map[string][]string
	// SourceHash is the hash of the sources the bundle was built from.
	SourceHash string
}

// manifest is internal/web/static/dist/manifest.json.
type manifest struct {
	SourceHash  string              `json:"source_hash"`
	Files       map[string]string   `json:"files"`
	Imports     map[string][]string `json:"imports"`
	JSGzipBytes int64               `json:"js_gzip_bytes"`
}

func mustAssets() *assets {
	dist, err := fs.Sub(static, "static/dist")
	if err != nil {
		panic(err)
	}
	a := &assets{dist: dist, names: map[string]string{}}
	b, err := fs.ReadFile(dist, "manifest.json")
	if err != nil {
		// The bundle is missing: pages still render, without scripts.
		return a
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		panic("web: bad bundle manifest: " + err.Error())
	}
	a.names, a.imports, a.SourceHash = m.Files, m.Imports, m.SourceHash
	return a
}

// url returns the fingerprinted URL of a logical asset name.
func (a *assets) url(name string) string {
	if n, ok := a.names[name]; ok {
		return "/static/" + n
	}
	return "/static/missing/" + name
}

// preloads returns the URLs of the chunks that the scripts import, for
// <link rel=modulepreload>: the browser then fetches them with the
// scripts rather than after it has read them.
func (a *assets) preloads(scripts []string) []string {
	var urls []string
	for _, s := range scripts {
		for _, c := range a.imports[s] {
			if u := "/static/" + c; !slices.Contains(urls, u) {
				urls = append(urls, u)
			}
		}
	}
	return urls
}

var contentTypes = map[string]string{
	".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
	".json": "application/json", ".txt": "text/plain; charset=utf-8",
}

// Asset handles GET /static/{file}.
func (w *Web) Asset(rw http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	ext := path.Ext(name)
	ct, ok := contentTypes[ext]
	if !ok || strings.Contains(name, "/") || strings.HasSuffix(name, ".gz") {
		return mineaction.NotFoundf("no such asset")
	}
	h := rw.Header()
	h.Set("Content-Type", ct)
	h.Set("Vary", "Accept-Encoding")
	if name != "manifest.json" {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		if b, err := fs.ReadFile(w.assets.dist, name+".gz"); err == nil {
			h.Set("Content-Encoding", "gzip")
			rw.Write(b)
			return nil
		}
	}
	b, err := fs.ReadFile(w.assets.dist, name)
	if err != nil {
		return mineaction.NotFoundf("no such asset")
	}
	rw.Write(b)
	return nil
}
