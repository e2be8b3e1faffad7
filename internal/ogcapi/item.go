package ogcapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// Item handles GET /ogcapi/collections/{id}/items/{fid}.
func (s *Service) Item(w http.ResponseWriter, r *http.Request) error {
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
	for name := range r.URL.Query() {
		if name != "f" && name != "crs" {
			return badRequest(name, "unknown query parameter; known: f, crs")
		}
	}
	cr, err := parseCRS("crs", r.URL.Query().Get("crs"))
	if err != nil {
		return err
	}
	var it *item
	ctx := r.Context()
	err = s.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		it, err = s.lookup(ctx, tx, c, r.PathValue("fid"))
		return err
	})
	if err != nil {
		return err
	}
	links := append(s.formatLinks(r, format.Name, fGeoJSON, fHTML),
		link{Href: s.root(r) + "/collections/" + c.ID, Rel: "collection", Type: mtJSON, Title: c.Title})
	if format == httpx.HTML {
		return s.itemHTML(w, r, c, it, links)
	}
	b, err := s.appendFeature(nil, it, cr, caller)
	if err != nil {
		return err
	}
	b = append(b[:len(b)-1], `,"links":`...)
	b = appendJSON(b, links)
	b = append(b, "}\n"...)
	etag := strongETag("item", string(b))
	if it.version > 0 {
		etag = featureETag(it.version, b)
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Accept, Authorization, Cookie")
	if notModified(r, etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", mtGeoJSON)
	h.Set("Content-Crs", cr.header())
	_, err = w.Write(b)
	return err
}

// lookup finds one feature of a collection by its id.
func (s *Service) lookup(ctx context.Context, tx mineaction.Tx, c *collection, fid string) (*item, error) {
	notFound := mineaction.NotFoundf("no feature %q in %s", fid, c.ID)
	switch c.Source {
	case fromRecords:
		if t, ok := mineaction.TypeOfHID(fid); !ok || t != c.Type {
			return nil, notFound
		}
		rec, err := tx.RecordByHID(ctx, fid)
		if errors.Is(err, mineaction.ErrNotFound) || (err == nil && rec.Deleted) {
			return nil, notFound
		}
		if err != nil {
			return nil, err
		}
		if rec.Type == mineaction.TypeHazard {
			if rec.Figures, err = tx.Figures(ctx, rec.ID); err != nil && !errors.Is(err, mineaction.ErrNotFound) {
				return nil, err
			}
		}
		it := recordItem(rec)
		return &it, nil
	case fromReleases:
		act, idx, ok := strings.Cut(fid, ".")
		n, err := strconv.Atoi(idx)
		if t, tok := mineaction.TypeOfHID(act); !ok || err != nil || !tok || t != mineaction.TypeActivity {
			return nil, notFound
		}
		rec, err := tx.RecordByHID(ctx, act)
		if err != nil {
			return nil, notFound
		}
		rs, err := tx.Releases(ctx, mineaction.RecordQuery{LinkedTo: rec.ID})
		if err != nil {
			return nil, err
		}
		for _, rel := range rs {
			if rel.ActivityID == rec.ID && rel.Index == n {
				it := releaseItem(rel)
				return &it, nil
			}
		}
	case fromAdminAreas:
		a, err := tx.AdminArea(ctx, fid)
		if errors.Is(err, mineaction.ErrNotFound) {
			return nil, notFound
		}
		if err != nil {
			return nil, err
		}
		it := adminAreaItem(a)
		return &it, nil
	case fromPlaces:
		id, err := strconv.ParseInt(fid, 10, 64)
		if err != nil {
			return nil, notFound
		}
		ps, err := tx.Places(ctx)
		if err != nil {
			return nil, err
		}
		if i := slices.IndexFunc(ps, func(p *mineaction.Place) bool { return p.ID == id }); i >= 0 {
			it := placeItem(ps[i])
			return &it, nil
		}
	}
	return nil, notFound
}

// appendJSON appends the JSON encoding of v, which must encode, without
// escaping the & of URLs.
func appendJSON(b []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("ogcapi: encode " + err.Error())
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}
