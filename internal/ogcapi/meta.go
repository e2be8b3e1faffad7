package ogcapi

import (
	"context"
	"net/http"

	"mineaction/internal/cql2"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// The OGC relation types the API links with.
const (
	relConformance = "conformance"
	relData        = "data"
	relQueryables  = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
	relSchema      = "http://www.opengis.net/def/rel/ogc/1.0/schema"
	relTilesets    = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
	relTMS         = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"
)

// conformance lists the conformance classes, exactly those implemented.
func conformance() []string {
	out := []string{
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
		"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
		"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
		"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
		"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
		"http://www.opengis.net/spec/ogcapi-features-4/1.0/req/optimistic-locking-etags",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
	}
	for _, c := range []cql2.Class{cql2.BasicCQL2, cql2.AdvancedComparison, cql2.CaseInsensitiveComparison,
		cql2.AccentInsensitiveComparison, cql2.BasicSpatialFunctions, cql2.BasicSpatialFunctionsPlus,
		cql2.SpatialFunctions, cql2.TemporalFunctions, cql2.ArrayFunctions, cql2.PropertyProperty, cql2.Arithmetic} {
		out = append(out, c.URI())
	}
	for _, c := range []string{"core", "tileset", "tilesets-list", "dataset-tilesets", "geodata-tilesets", "mvt", "oas30"} {
		out = append(out, "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/"+c)
	}
	return append(out, "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset", "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset")
}

// Landing handles GET /ogcapi, the landing page. It holds no data and is
// public, as are the conformance declaration and the API definition.
func (s *Service) Landing(w http.ResponseWriter, r *http.Request) error {
	format, err := s.metaFormat(r)
	if err != nil {
		return err
	}
	root := s.root(r)
	links := append(s.formatLinks(r, format.Name, fJSON, fHTML),
		link{Href: root + "/api", Rel: "service-desc", Type: mtOpenAPI, Title: "the API definition (OpenAPI 3.0)"},
		link{Href: root + "/api?f=html", Rel: "service-doc", Type: mtHTML, Title: "the API documentation"},
		link{Href: root + "/conformance", Rel: relConformance, Type: mtJSON, Title: "the conformance classes implemented"},
		link{Href: root + "/collections", Rel: relData, Type: mtJSON, Title: "the feature collections"},
		link{Href: root + "/tiles", Rel: relTilesets, Type: mtJSON, Title: "vector tiles of the whole data set"},
		link{Href: root + "/tileMatrixSets", Rel: relTMS, Type: mtJSON, Title: "the tile matrix sets"},
	)
	out := map[string]any{
		"title":       "Mine action national database",
		"description": "Hazardous areas, the land released from them, explosive ordnance found, accidents, risk education and tasks, as approved through review. OGC API Features (Parts 1 to 4) and Tiles.",
		"links":       links,
	}
	return s.writeMeta(w, r, format, "landing", out)
}

// Conformance handles GET /ogcapi/conformance.
func (s *Service) Conformance(w http.ResponseWriter, r *http.Request) error {
	format, err := s.metaFormat(r)
	if err != nil {
		return err
	}
	out := map[string]any{"conformsTo": conformance(), "links": s.formatLinks(r, format.Name, fJSON, fHTML)}
	return s.writeMeta(w, r, format, "conformance", out)
}

// Collections handles GET /ogcapi/collections.
func (s *Service) Collections(w http.ResponseWriter, r *http.Request) error {
	if _, err := readable(r); err != nil {
		return err
	}
	format, err := s.metaFormat(r)
	if err != nil {
		return err
	}
	var list []map[string]any
	ctx := r.Context()
	err = s.store.View(ctx, func(tx mineaction.Tx) error {
		gen, err := generation(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range s.colls {
			m, err := s.collectionJSON(ctx, tx, r, c, gen)
			if err != nil {
				return err
			}
			list = append(list, m)
		}
		return nil
	})
	if err != nil {
		return err
	}
	out := map[string]any{"links": s.formatLinks(r, format.Name, fJSON, fHTML), "collections": list}
	return s.writeMeta(w, r, format, "collections", out)
}

// Collection handles GET /ogcapi/collections/{id}.
func (s *Service) Collection(w http.ResponseWriter, r *http.Request) error {
	if _, err := readable(r); err != nil {
		return err
	}
	c, err := s.collection(r)
	if err != nil {
		return err
	}
	format, err := s.metaFormat(r)
	if err != nil {
		return err
	}
	var out map[string]any
	ctx := r.Context()
	err = s.store.View(ctx, func(tx mineaction.Tx) error {
		gen, err := generation(ctx, tx)
		if err != nil {
			return err
		}
		out, err = s.collectionJSON(ctx, tx, r, c, gen)
		return err
	})
	if err != nil {
		return err
	}
	out["links"] = append(s.formatLinks(r, format.Name, fJSON, fHTML), out["links"].([]link)...)
	return s.writeMeta(w, r, format, "collection", out)
}

// collectionJSON describes one collection.
func (s *Service) collectionJSON(ctx context.Context, tx mineaction.Tx, r *http.Request, c *collection, gen int64) (map[string]any, error) {
	e, err := s.extentOf(ctx, tx, c, gen)
	if err != nil {
		return nil, err
	}
	base := s.root(r) + "/collections/" + c.ID
	links := []link{
		{Href: base + "/items?f=json", Rel: "items", Type: mtGeoJSON, Title: c.Title + " as GeoJSON"},
		{Href: base + "/items?f=html", Rel: "items", Type: mtHTML, Title: c.Title + " as HTML"},
		{Href: base + "/queryables", Rel: relQueryables, Type: mtSchema, Title: "the properties a filter may use"},
		{Href: base + "/schema", Rel: relSchema, Type: mtSchema, Title: "the schema of the features"},
		{Href: base + "/schema", Rel: "describedBy", Type: mtSchema, Title: "the schema of the features"},
	}
	if c.Layer != "" {
		links = append(links, link{Href: base + "/tiles", Rel: relTilesets, Type: mtJSON, Title: "vector tiles of " + c.Title})
	}
	out := map[string]any{
		"id": c.ID, "title": c.Title, "description": c.Description, "itemType": "feature",
		"crs": crsURIs(), "storageCrs": uriCRS84, "links": links,
	}
	if ext := e.json(c); len(ext) > 0 {
		out["extent"] = ext
	}
	return out, nil
}

// metaFormat negotiates JSON or HTML for a metadata resource and refuses
// unknown parameters.
func (s *Service) metaFormat(r *http.Request) (httpx.Format, error) {
	for name := range r.URL.Query() {
		if name != "f" {
			return httpx.Format{}, badRequest(name, "unknown query parameter; known: f")
		}
	}
	return httpx.Negotiate(r, httpx.JSON, httpx.HTML)
}

// writeMeta writes a metadata resource as JSON, or as the named HTML page.
func (s *Service) writeMeta(w http.ResponseWriter, r *http.Request, format httpx.Format, page string, v map[string]any) error {
	w.Header().Add("Vary", "Accept")
	if format == httpx.HTML {
		return s.renderHTML(w, r, page, v)
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("Content-Type", mtJSON)
	_, err := w.Write(append(appendJSON(nil, v), '\n'))
	return err
}
