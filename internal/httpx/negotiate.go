package httpx

import (
	"net/http"
	"strconv"
	"strings"

	"mineaction/internal/mineaction"
)

// Format is a representation a resource can be served in.
type Format struct {
	Name      string // the value of the f= parameter, e.g. "json", "html"
	MediaType string
}

// Common formats.
var (
	JSON    = Format{"json", "application/json"}
	GeoJSON = Format{"json", "application/geo+json"}
	HTML    = Format{"html", "text/html"}
	CSV     = Format{"csv", "text/csv"}
	OpenAPI = Format{"json", "application/vnd.oai.openapi+json;version=3.0"}
	Schema  = Format{"json", "application/schema+json"}
)

// Negotiate picks the format of a response: the f= query parameter first,
// then the Accept header (with q-values), then the first offer.
func Negotiate(r *http.Request, offers ...Format) (Format, error) {
	if f := r.URL.Query().Get("f"); f != "" {
		for _, o := range offers {
			if o.Name == f || o.MediaType == f {
				return o, nil
			}
		}
		names := make([]string, len(offers))
		for i, o := range offers {
			names[i] = o.Name
		}
		return Format{}, BadRequest{mineaction.Invalid("f", "unknown format %q; one of %s", f, strings.Join(names, ", "))}
	}
	accept := r.Header.Get("Accept")
	if accept == "" {
		return offers[0], nil
	}
	best, bestQ := offers[0], -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		mt = strings.ToLower(strings.TrimSpace(mt))
		for _, o := range offers {
			base, _, _ := strings.Cut(o.MediaType, ";")
			match := mt == base || mt == "*/*" || (strings.HasSuffix(mt, "/*") && strings.HasPrefix(base, strings.TrimSuffix(mt, "*")))
			score := q
			if mt == base {
				score += 1e-6 // an exact match beats a wildcard at the same q
			}
			if match && q > 0 && score > bestQ {
				best, bestQ = o, score
			}
		}
	}
	return best, nil
}
