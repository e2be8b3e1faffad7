package ogcapi

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Media types the API writes.
const (
	mtJSON    = "application/json"
	mtGeoJSON = "application/geo+json"
	mtHTML    = "text/html"
	mtOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mtSchema  = "application/schema+json"
	mtMVT     = "application/vnd.mapbox-vector-tile"
)

// link is a web link as OGC API resources carry them: every link has a type.
type link struct {
	Href      string `json:"href"`
	Rel       string `json:"rel"`
	Type      string `json:"type,omitempty"`
	Title     string `json:"title,omitempty"`
	Templated bool   `json:"templated,omitempty"`
}

// root returns the absolute URL of the API's landing page. Links are
// absolute because GDAL resolves a link starting with "/" against the
// landing page URL, not the server.
func (s *Service) root(r *http.Request) string {
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if s.cfg.TrustProxy {
		if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
			scheme = p
		}
		if h := r.Header.Get("X-Forwarded-Host"); h != "" {
			host, _, _ = strings.Cut(h, ",")
		}
	}
	return scheme + "://" + strings.TrimSpace(host) + "/ogcapi"
}

// self returns the absolute URL of the request with its query changed:
// set gives new values ("" deletes the parameter).
func (s *Service) self(r *http.Request, set map[string]string) string {
	q := r.URL.Query()
	for k, v := range set {
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	u := s.root(r) + strings.TrimPrefix(r.URL.Path, "/ogcapi")
	if enc := q.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// formatLinks returns the self link in the format served and an alternate
// link per other format.
func (s *Service) formatLinks(r *http.Request, served string, formats ...[2]string) []link {
	var out []link
	for _, f := range formats {
		rel := "alternate"
		if f[0] == served {
			rel = "self"
		}
		out = append(out, link{Href: s.self(r, map[string]string{"f": f[0]}), Rel: rel, Type: f[1], Title: "this document as " + f[0]})
	}
	return out
}

// Format pairs of f= name and media type.
var (
	fJSON    = [2]string{"json", mtJSON}
	fGeoJSON = [2]string{"json", mtGeoJSON}
	fHTML    = [2]string{"html", mtHTML}
)

// strongETag makes an ETag from the parts that decide a representation.
func strongETag(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%v\x00", p)
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// notModified reports whether the request's If-None-Match names etag.
func notModified(r *http.Request, etag string) bool {
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		t = strings.TrimSpace(t)
		if t == etag || t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// canonicalQuery is the request's query with its parameters sorted, so
// that the same request gets the same ETag however it is written.
func canonicalQuery(u *url.URL) string { return u.Query().Encode() }

// featureETag is the strong ETag of a record's feature: its version, then
// a digest of the representation, so that If-Match can check the version
// (Part 4 optimistic locking) and caches see every change, including a
// hazard's figures changing after an activity is approved.
func featureETag(version int, body []byte) string {
	sum := sha256.Sum256(body)
	return `"v` + strconv.Itoa(version) + "-" + hex.EncodeToString(sum[:8]) + `"`
}

// etagVersion reads the version of a feature ETag ("v3-..." gives 3).
func etagVersion(tag string) (int, bool) {
	tag = strings.Trim(strings.TrimSpace(tag), `"`)
	v, _, ok := strings.Cut(strings.TrimPrefix(tag, "v"), "-")
	if !ok || !strings.HasPrefix(tag, "v") {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n > 0
}
