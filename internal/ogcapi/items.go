package ogcapi

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// bufs holds response buffers: a page of a thousand hazards is a few
// megabytes, worth reusing.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// Items handles GET /ogcapi/collections/{id}/items.
func (s *Service) Items(w http.ResponseWriter, r *http.Request) error {
	caller, err := readable(r)
	if err != nil {
		return err
	}
	c, err := s.collection(r)
	if err != nil {
		return err
	}
	format, err := httpx.Negotiate(r, httpx.GeoJSON, httpx.HTML)
	if err != nil {
		return err
	}
	q, err := parseItems(c, r.URL.Query())
	if err != nil {
		return err
	}
	exact := s.exact(caller)
	if !exact {
		if err := s.generalisedQuery(q); err != nil {
			return err
		}
	}
	var (
		p      *page
		etag   string
		same   bool
		cached *cachedPage
	)
	// A request with Cache-Control: no-cache is answered from the database,
	// not from the page cache.
	useCache := format != httpx.HTML && !strings.Contains(strings.ToLower(r.Header.Get("Cache-Control")), "no-cache")
	ctx := r.Context()
	err = s.store.View(ctx, func(tx mineaction.Tx) error {
		gen, err := generation(ctx, tx)
		if err != nil {
			return err
		}
		etag = strongETag("items", gen, exact, format.Name, c.ID, canonicalQuery(r.URL))
		if same = notModified(r, etag); same {
			return nil
		}
		if useCache {
			if cached, _ = s.cache.get(etag); cached != nil {
				return nil
			}
		}
		p, err = s.fetch(ctx, tx, c, q, gen)
		return err
	})
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Accept, Authorization, Cookie")
	if same {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	if cached != nil {
		h.Set("Content-Type", cached.contentType)
		h.Set("Content-Crs", cached.crs)
		_, err = w.Write(cached.body)
		return err
	}
	links := s.pageLinks(r, format.Name, p)
	if format == httpx.HTML {
		return s.itemsHTML(w, r, c, p, links)
	}
	bp := bufs.Get().(*[]byte)
	defer bufs.Put(bp)
	b := append((*bp)[:0], `{"type":"FeatureCollection","timeStamp":"`...)
	b = s.cfg.Now().UTC().AppendFormat(b, time.RFC3339)
	b = append(b, `","numberReturned":`...)
	b = strconv.AppendInt(b, int64(len(p.items)), 10)
	if p.matched >= 0 {
		b = append(b, `,"numberMatched":`...)
		b = strconv.AppendInt(b, int64(p.matched), 10)
	}
	b = append(b, `,"links":`...)
	b = appendJSON(b, links)
	b = append(b, `,"features":[`...)
	for i := range p.items {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = s.appendFeature(b, &p.items[i], q.crs, caller); err != nil {
			return err
		}
	}
	b = append(b, "]}\n"...)
	*bp = b
	h.Set("Content-Type", mtGeoJSON)
	h.Set("Content-Crs", q.crs.header())
	s.cache.put(&cachedPage{tag: etag, contentType: mtGeoJSON, crs: q.crs.header(), body: b})
	_, err = w.Write(b)
	return err
}

// pageLinks returns the links of an items page: self and alternate, and
// next and prev where there are more features.
func (s *Service) pageLinks(r *http.Request, format string, p *page) []link {
	links := s.formatLinks(r, format, fGeoJSON, fHTML)
	mt := mtGeoJSON
	if format == "html" {
		mt = mtHTML
	}
	if p.next && len(p.items) > 0 {
		last := strconv.FormatInt(p.items[len(p.items)-1].key, 10)
		links = append(links, link{Href: s.self(r, map[string]string{"f": format, "after": last, "before": ""}), Rel: "next", Type: mt, Title: "next page"})
	}
	if p.prev {
		first := ""
		if len(p.items) > 0 {
			first = strconv.FormatInt(p.items[0].key, 10)
		} else if a := r.URL.Query().Get("after"); a != "" {
			// Past the end: the previous page ends where this one began.
			n, _ := strconv.ParseInt(a, 10, 64)
			first = strconv.FormatInt(n+1, 10)
		}
		if first != "" {
			links = append(links, link{Href: s.self(r, map[string]string{"f": format, "before": first, "after": ""}), Rel: "prev", Type: mt, Title: "previous page"})
		}
	}
	return links
}

// appendFeature writes one GeoJSON feature in the requested CRS, with
// generalised geometry where callers may not read exact positions.
func (s *Service) appendFeature(b []byte, it *item, cr *crs, caller auth.Caller) ([]byte, error) {
	b = append(b, `{"type":"Feature","id":`...)
	if it.numID {
		b = append(b, it.id...)
	} else {
		b = appendString(b, it.id)
	}
	b = append(b, `,"geometry":`...)
	g := auth.GeometryFor(caller, it.rtype, it.index, it.geom, s.cfg.GeneraliseCell)
	if !cr.isCRS84() && g != nil {
		var err error
		if g, err = transform(g, cr.fromStorage); err != nil {
			return nil, badRequest("crs", "feature %s cannot be given in %s: %v", it.id, cr.URI, err)
		}
	}
	b = geo.AppendGeoJSON(b, g)
	b = append(b, `,"properties":`...)
	b = append(b, auth.PropertiesFor(caller, it.rtype, it.props, s.cfg.GeneraliseCell)...)
	return append(b, '}'), nil
}

// generalisedQuery adapts a query for a caller who sees sensitive features
// on a grid: a bbox selects on the geometry the caller sees (the store's
// candidates widened by a cell), and spatial filters, which would locate
// features more finely than the grid, are refused.
func (s *Service) generalisedQuery(q *itemsQuery) error {
	if q.filter != nil {
		spatial := false
		cql2.Walk(q.filter, func(n cql2.Expr) bool {
			_, isSpatial := n.(cql2.SpatialPred)
			spatial = spatial || isSpatial
			return !spatial
		})
		if spatial {
			return mineaction.Forbiddenf("spatial filters need the right to read exact positions; use bbox")
		}
	}
	q.cell = s.cfg.GeneraliseCell
	return nil
}
