package server

import (
	"net/http"
	"slices"
	"strings"
)

// Cross-origin reads let a web map on another site (an operator's own
// page, a donor's dashboard) be a client of the OGC API and the JSON API,
// as QGIS and GDAL are from the desktop. Only the origins the
// administrator lists are allowed (Config.CORSOrigins; "*" for any), only
// for reads, and never with credentials: a browser does not send the
// session cookie on such requests, so the caller must present a bearer
// token, which another site's page cannot take from ours. The CSRF
// protection of cookie sessions is therefore untouched.

// corsPaths are the API prefixes open to other origins; the web
// application's own pages are not.
var corsPaths = []string{"/ogcapi/", "/api/v1/"}

// corsMethods are the methods another origin may use.
const corsMethods = "GET, HEAD"

// corsAllowHeaders are the request headers another origin may send.
const corsAllowHeaders = "Authorization, Accept, Accept-Crs, Cache-Control, If-None-Match"

// corsExposeHeaders are the response headers its script may read.
const corsExposeHeaders = "Content-Crs, ETag, Link, Location"

// cors sets the cross-origin headers of a request from an allowed origin
// and reports whether it was a preflight, which it has answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) (answered bool) {
	origin := r.Header.Get("Origin")
	if origin == "" || len(s.cfg.CORSOrigins) == 0 || !corsPath(r.URL.Path) {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	allowed := slices.Contains(s.cfg.CORSOrigins, origin)
	if !allowed && !slices.Contains(s.cfg.CORSOrigins, "*") {
		return false
	}
	if allowed {
		h.Set("Access-Control-Allow-Origin", origin)
	} else {
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		h.Set("Access-Control-Expose-Headers", corsExposeHeaders)
		return false
	}
	h.Set("Access-Control-Allow-Methods", corsMethods)
	h.Set("Access-Control-Allow-Headers", corsAllowHeaders)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

func corsPath(p string) bool {
	for _, prefix := range corsPaths {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}
