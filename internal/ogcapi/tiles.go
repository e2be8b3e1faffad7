package ogcapi

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
	"mineaction/internal/tiles"
)

// OGC API - Tiles: vector tiles of the data set (every layer, for the web
// map) and of the collections that have a layer, in WebMercatorQuad.
// Paths name a tile {tileMatrix}/{tileRow}/{tileCol}: zoom, then the row
// from the north, then the column; MapLibre writes that {z}/{y}/{x}.

// TileMatrixSets handles GET /ogcapi/tileMatrixSets (public).
func (s *Service) TileMatrixSets(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.metaFormat(r); err != nil {
		return err
	}
	root := s.root(r)
	return writePlain(w, map[string]any{
		"tileMatrixSets": []map[string]any{{"id": tiles.WebMercatorQuad, "title": "Google Maps Compatible for the World", "uri": tiles.TileMatrixSetURI,
			"links": []link{{Href: root + "/tileMatrixSets/" + tiles.WebMercatorQuad, Rel: "self", Type: mtJSON, Title: "WebMercatorQuad"}}}},
		"links": []link{{Href: root + "/tileMatrixSets", Rel: "self", Type: mtJSON}},
	})
}

// TileMatrixSet handles GET /ogcapi/tileMatrixSets/{tms} (public).
func (s *Service) TileMatrixSet(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.metaFormat(r); err != nil {
		return err
	}
	if err := tms(r); err != nil {
		return err
	}
	return writePlain(w, tiles.TileMatrixSet())
}

// Tilesets handles GET /ogcapi/tiles and /ogcapi/collections/{id}/tiles:
// the one tileset, in WebMercatorQuad.
func (s *Service) Tilesets(w http.ResponseWriter, r *http.Request) error {
	base, title, _, err := s.tileTarget(r)
	if err != nil {
		return err
	}
	root := s.root(r)
	return writePlain(w, map[string]any{
		"tilesets": []map[string]any{{"title": title, "dataType": "vector", "crs": "http://www.opengis.net/def/crs/EPSG/0/3857",
			"tileMatrixSetURI": tiles.TileMatrixSetURI, "links": []link{
				{Href: base + "/" + tiles.WebMercatorQuad, Rel: "self", Type: mtJSON, Title: title + " in WebMercatorQuad"},
				{Href: root + "/tileMatrixSets/" + tiles.WebMercatorQuad, Rel: "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", Type: mtJSON},
			}}},
		"links": []link{{Href: base, Rel: "self", Type: mtJSON}},
	})
}

// Tileset handles GET /ogcapi/tiles/{tms} and
// /ogcapi/collections/{id}/tiles/{tms}: the tileset's metadata, which is
// also a TileJSON 3.0 document, so that a MapLibre vector source can take
// its URL.
func (s *Service) Tileset(w http.ResponseWriter, r *http.Request) error {
	base, title, layers, err := s.tileTarget(r)
	if err != nil {
		return err
	}
	if err := tms(r); err != nil {
		return err
	}
	root := s.root(r)
	self := base + "/" + tiles.WebMercatorQuad
	tmpl := self + "/{tileMatrix}/{tileRow}/{tileCol}"
	var ls, vector []map[string]any
	for _, l := range layers {
		props, fields := map[string]any{}, map[string]string{}
		for _, f := range tiles.LayerFields[l] {
			props[f[0]] = map[string]string{"type": f[1]}
			fields[f[0]] = f[1]
		}
		ls = append(ls, map[string]any{"id": l, "dataType": "vector", "geometryDimension": 2, "minTileMatrix": "0",
			"maxTileMatrix": strconv.Itoa(tiles.MaxZoom), "propertiesSchema": map[string]any{"type": "object", "properties": props}})
		vector = append(vector, map[string]any{"id": l, "fields": fields, "minzoom": 0, "maxzoom": tiles.MaxZoom})
	}
	return writePlain(w, map[string]any{
		"title": title, "dataType": "vector", "crs": "http://www.opengis.net/def/crs/EPSG/0/3857", "tileMatrixSetURI": tiles.TileMatrixSetURI,
		"links": []link{
			{Href: self, Rel: "self", Type: mtJSON, Title: title},
			{Href: root + "/tileMatrixSets/" + tiles.WebMercatorQuad, Rel: "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", Type: mtJSON},
			{Href: tmpl, Rel: "item", Type: mtMVT, Title: "a tile", Templated: true},
		},
		"layers":   ls,
		"tilejson": "3.0.0", "name": title, "scheme": "xyz", "minzoom": 0, "maxzoom": tiles.MaxZoom,
		"tiles":         []string{self + "/{z}/{y}/{x}"},
		"vector_layers": vector,
	})
}

// Tile handles GET /ogcapi/tiles/{tms}/{z}/{y}/{x} (every layer) and
// /ogcapi/collections/{id}/tiles/{tms}/{z}/{y}/{x}. A request with
// Cache-Control: no-cache is rendered afresh rather than from the cache.
func (s *Service) Tile(w http.ResponseWriter, r *http.Request) error {
	_, _, layers, err := s.tileTarget(r)
	if err != nil {
		return err
	}
	if err := tms(r); err != nil {
		return err
	}
	for name, vs := range r.URL.Query() {
		if name != "f" || vs[0] != "mvt" {
			return badRequest(name, "unknown query parameter; known: f=mvt")
		}
	}
	var n [3]int
	for i, name := range []string{"z", "y", "x"} {
		if n[i], err = strconv.Atoi(r.PathValue(name)); err != nil {
			return mineaction.NotFoundf("no tile %s/%s/%s", r.PathValue("z"), r.PathValue("y"), r.PathValue("x"))
		}
	}
	fresh := strings.Contains(strings.ToLower(r.Header.Get("Cache-Control")), "no-cache")
	t, err := s.tiles.Get(r.Context(), httpx.CallerOf(r), tiles.Request{Layers: layers, Z: n[0], Y: n[1], X: n[2], Fresh: fresh})
	if errors.Is(err, tiles.ErrNoTile) {
		return mineaction.NotFoundf("no tile %d/%d/%d in WebMercatorQuad (tile matrices 0 to %d)", n[0], n[1], n[2], tiles.MaxZoom)
	}
	if err != nil {
		return err
	}
	h := w.Header()
	body, etag := t.Data, t.ETag
	if len(body) > 512 && acceptsGzip(r) {
		// Each encoding is its own representation, with its own ETag.
		body, etag = t.Gzip(), strings.TrimSuffix(etag, `"`)+`-gzip"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Accept-Encoding, Authorization, Cookie")
	if notModified(r, etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	if len(t.Data) == 0 {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	h.Set("Content-Type", mtMVT)
	_, err = w.Write(body)
	return err
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// tileTarget returns the base URL, title and layers of the tiles a request
// is about: a collection's, or the data set's.
func (s *Service) tileTarget(r *http.Request) (base, title string, layers []string, err error) {
	if _, err := readable(r); err != nil {
		return "", "", nil, err
	}
	if !strings.HasPrefix(r.URL.Path, "/ogcapi/collections/") {
		return s.root(r) + "/tiles", "Mine action data set", tiles.Layers, nil
	}
	c, err := s.collection(r)
	if err != nil {
		return "", "", nil, err
	}
	if c.Layer == "" {
		return "", "", nil, mineaction.NotFoundf("%s has no vector tiles; hazards, releases, finds, accidents and admin-areas have", c.ID)
	}
	return s.root(r) + "/collections/" + c.ID + "/tiles", c.Title, []string{c.Layer}, nil
}

// tms checks the {tms} path value.
func tms(r *http.Request) error {
	if id := r.PathValue("tms"); id != tiles.WebMercatorQuad {
		return mineaction.NotFoundf("no tile matrix set %q; WebMercatorQuad is served", id)
	}
	return nil
}

func writePlain(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", mtJSON)
	w.Header().Set("Cache-Control", "private, max-age=60")
	_, err := w.Write(append(appendJSON(nil, v), '\n'))
	return err
}
