package ogcapi

import (
	"bytes"
	"net/http"
	"strings"

	"mineaction/internal/cql2"
	"mineaction/internal/httpx"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// apiOp is one operation of the API definition.
type apiOp struct {
	group   string // "OGC API", "JSON API", "Server"
	server  string // the base of path: rootPlaceholder + "/ogcapi", "/api/v1" or ""
	method  string
	path    string
	summary string
	op      obj
}

// rootPlaceholder stands for the scheme and host in the cached document;
// each request gets its own.
const rootPlaceholder = "https://mineaction.invalid"

// API handles GET /ogcapi/api: the OpenAPI 3.0 definition of the whole
// HTTP API, OGC and JSON, or with f=html a page listing the operations.
// It holds no data and is public.
func (s *Service) API(w http.ResponseWriter, r *http.Request) error {
	format, err := func() (httpx.Format, error) {
		for name := range r.URL.Query() {
			if name != "f" {
				return httpx.Format{}, badRequest(name, "unknown query parameter; known: f")
			}
		}
		return httpx.Negotiate(r, httpx.OpenAPI, httpx.HTML)
	}()
	if err != nil {
		return err
	}
	w.Header().Add("Vary", "Accept")
	if format == httpx.HTML {
		groups := map[string][]obj{}
		var names []string
		for _, o := range s.ops() {
			if _, ok := groups[o.group]; !ok {
				names = append(names, o.group)
			}
			groups[o.group] = append(groups[o.group], obj{"method": strings.ToUpper(o.method), "path": strings.TrimPrefix(o.server, rootPlaceholder) + o.path, "summary": o.summary})
		}
		var gs []obj
		for _, n := range names {
			gs = append(gs, obj{"title": n, "ops": groups[n]})
		}
		links := s.formatLinks(r, "html", [2]string{"json", mtOpenAPI}, fHTML)
		return s.renderHTML(w, r, "api", obj{"groups": gs, "links": links})
	}
	s.openapiOnce.Do(func() { s.openapi = appendJSON(nil, s.openAPIDocument()) })
	root := strings.TrimSuffix(s.root(r), "/ogcapi")
	w.Header().Set("Content-Type", mtOpenAPI)
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err = w.Write(bytes.ReplaceAll(s.openapi, []byte(rootPlaceholder), []byte(root)))
	return err
}

// openAPIDocument builds the definition. OGC paths are relative to the
// /ogcapi server, as GDAL looks them up ("/collections/hazards/items");
// the JSON API and the server's own paths carry their own server.
func (s *Service) openAPIDocument() obj {
	paths := obj{}
	for _, o := range s.ops() {
		item, _ := paths[o.path].(obj)
		if item == nil {
			item = obj{}
			if o.server != rootPlaceholder+"/ogcapi" {
				item["servers"] = []obj{{"url": o.server}}
			}
			paths[o.path] = item
		}
		o.op["summary"] = o.summary
		o.op["tags"] = []string{o.group}
		item[o.method] = o.op
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "mineaction: the national mine action database", "version": "1.0",
			"description": "OGC API Features (Parts 1 to 4) and Tiles for GIS tools at /ogcapi, and the application's JSON API at /api/v1. " +
				"Authenticate with Authorization: Bearer TOKEN (mineaction token create USER) or the web application's session cookie. " +
				"Errors are RFC 9457 problem details."},
		"servers":    []obj{{"url": rootPlaceholder + "/ogcapi"}},
		"security":   []obj{{"bearer": []string{}}, {"session": []string{}}},
		"tags":       []obj{{"name": "OGC API"}, {"name": "JSON API"}, {"name": "Server"}},
		"paths":      paths,
		"components": components(),
	}
}

// ops lists every operation, OGC first.
func (s *Service) ops() []apiOp {
	out := s.ogcOps()
	return append(out, jsonAPIOps()...)
}

// ref returns a JSON reference into the components.
func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }

// content returns a content map for the given media types and schema.
func content(schema obj, types ...string) obj {
	out := obj{}
	for _, t := range types {
		out[t] = obj{"schema": schema}
	}
	return out
}

// responses builds the responses of an operation: the success and the
// usual problems.
func responses(code string, desc string, body obj, problems ...string) obj {
	out := obj{code: obj{"description": desc}}
	if body != nil {
		out[code].(obj)["content"] = body
	}
	for _, p := range problems {
		out[p] = ref("responses", p)
	}
	return out
}

// queryParam is a query parameter of a queryable, as GDAL looks for them.
func queryParam(name, title string, t cql2.Type, enum []string) obj {
	schema := typeSchema(t, "")
	if enum != nil {
		schema["enum"] = enum
	}
	return obj{"name": name, "in": "query", "required": false, "description": title + " (equals)", "schema": schema, "style": "form", "explode": false}
}

func components() obj {
	param := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema, "style": "form", "explode": false}
	}
	crsSchema := obj{"type": "string", "format": "uri", "enum": crsURIs(), "default": uriCRS84}
	problem := content(ref("schemas", "Problem"), "application/problem+json")
	resp := func(desc string) obj { return obj{"description": desc, "content": problem} }
	return obj{
		"securitySchemes": obj{
			"bearer":  obj{"type": "http", "scheme": "bearer", "description": "an API token: mineaction token create USER"},
			"session": obj{"type": "apiKey", "in": "cookie", "name": "mineaction_session"},
		},
		"parameters": obj{
			"f":        param("f", "the format of the response; otherwise the Accept header decides", obj{"type": "string", "enum": []string{"json", "html"}}),
			"limit":    param("limit", "the largest number of features in the page; above 10000 it is taken as 10000", obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}),
			"bbox":     param("bbox", "only features whose geometry meets this box: minx,miny,maxx,maxy (CRS84 longitude, latitude unless bbox-crs says otherwise)", obj{"type": "array", "minItems": 4, "maxItems": 6, "items": obj{"type": "number"}}),
			"bbox-crs": param("bbox-crs", "the CRS of bbox", crsSchema),
			"crs":      param("crs", "the CRS of the geometries in the response (Content-Crs says which)", crsSchema),
			"datetime": param("datetime", "only features whose date falls in this RFC 3339 date, date-time or interval (start/end, '..' for open)", obj{"type": "string"}),
			"filter":   param("filter", "a CQL2 filter on the queryables", obj{"type": "string"}),
			"filter-lang": param("filter-lang", "the language of filter: cql2-text (the default), cql2-json, or cql-text as GDAL 3.6 writes it",
				obj{"type": "string", "enum": filterLangs, "default": "cql2-text"}),
			"filter-crs": param("filter-crs", "the CRS of the geometries in filter", crsSchema),
			"after":      param("after", "paging cursor: follow the next link", obj{"type": "integer"}),
			"before":     param("before", "paging cursor: follow the prev link", obj{"type": "integer"}),
			"featureId":  obj{"name": "featureId", "in": "path", "required": true, "description": "the feature's id: a record's human id such as HA-000123", "schema": obj{"type": "string"}},
		},
		"responses": obj{
			"400": resp("a parameter is unknown or invalid"),
			"401": resp("not signed in"),
			"403": resp("the caller's role does not allow it"),
			"404": resp("no such resource"),
			"409": resp("the state does not allow it"),
			"412": resp("If-Match does not match the current version"),
			"413": resp("the body is too large"),
			"422": resp("the input is not valid; errors name each field"),
			"429": resp("too many attempts; wait and try again"),
		},
		"schemas": schemas(),
	}
}
