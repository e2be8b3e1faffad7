package ogcapi

// ogcOps lists the operations under /ogcapi, with one items path per
// collection so that each lists its own queryables as parameters: GDAL
// evaluates an ogrinfo -where on the server only for properties it finds
// there, and only sends filters when filter-lang offers cql-text.
func (s *Service) ogcOps() []apiOp {
	base := rootPlaceholder + "/ogcapi"
	public := func(summary, path, schema string, html bool) apiOp {
		types := []string{mtJSON}
		if html {
			types = append(types, mtHTML)
		}
		return apiOp{group: "OGC API", server: base, method: "get", path: path, summary: summary, op: obj{
			"security": []obj{}, "parameters": []any{ref("parameters", "f")},
			"responses": responses("200", summary, content(ref("schemas", schema), types...), "400")}}
	}
	api := public("the API definition", "/api", "OpenAPI", true)
	api.op["responses"] = responses("200", "the OpenAPI 3.0 document", content(ref("schemas", "OpenAPI"), mtOpenAPI, mtHTML), "400")
	out := []apiOp{
		public("the landing page", "/", "LandingPage", true),
		public("the conformance classes implemented", "/conformance", "ConfClasses", true),
		api,
		{group: "OGC API", server: base, method: "get", path: "/collections", summary: "the feature collections", op: obj{
			"parameters": []any{ref("parameters", "f")},
			"responses":  responses("200", "the collections", content(ref("schemas", "Collections"), mtJSON, mtHTML), "400", "401", "403")}},
	}
	itemsParams := []any{}
	for _, p := range []string{"limit", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs", "f", "after", "before"} {
		itemsParams = append(itemsParams, ref("parameters", p))
	}
	for _, c := range s.colls {
		p := "/collections/" + c.ID
		out = append(out, apiOp{group: "OGC API", server: base, method: "get", path: p, summary: "describe " + c.Title, op: obj{
			"parameters": []any{ref("parameters", "f")},
			"responses":  responses("200", c.Description, content(ref("schemas", "Collection"), mtJSON, mtHTML), "400", "401", "404")}})
		params := append([]any{}, itemsParams...)
		for _, q := range c.Queryables {
			if paramQueryable(q) {
				var enum []string
				if q.Enum != nil {
					enum = q.Enum.Codes()
				}
				params = append(params, queryParam(q.Name, q.Title, q.Type, enum))
			}
		}
		fc := content(ref("schemas", "FeatureCollection"), mtGeoJSON, mtHTML)
		out = append(out, apiOp{group: "OGC API", server: base, method: "get", path: p + "/items", summary: "the features of " + c.Title, op: obj{
			"parameters": params, "responses": responses("200", "a page of features; next and prev links page on", fc, "400", "401", "404")}})
		feature := content(ref("schemas", "Feature"), mtGeoJSON, mtHTML)
		fid := []any{ref("parameters", "featureId")}
		out = append(out,
			apiOp{group: "OGC API", server: base, method: "get", path: p + "/items/{featureId}", summary: "one feature of " + c.Title, op: obj{
				"parameters": append(append([]any{}, fid...), ref("parameters", "f"), ref("parameters", "crs")),
				"responses":  responses("200", "the feature; its ETag carries the record version", feature, "400", "401", "404")}},
			apiOp{group: "OGC API", server: base, method: "options", path: p + "/items", summary: "the methods allowed on " + c.ID,
				op: obj{"responses": responses("204", "Allow lists the methods", nil, "401")}},
			apiOp{group: "OGC API", server: base, method: "options", path: p + "/items/{featureId}", summary: "the methods allowed on a feature",
				op: obj{"parameters": fid, "responses": responses("204", "Allow lists the methods", nil, "401")}},
			apiOp{group: "OGC API", server: base, method: "get", path: p + "/queryables", summary: "the properties a filter on " + c.ID + " may use",
				op: obj{"responses": responses("200", "a JSON Schema", content(ref("schemas", "JSONSchema"), mtSchema), "401", "404")}},
			apiOp{group: "OGC API", server: base, method: "get", path: p + "/schema", summary: "the JSON Schema of a feature of " + c.ID,
				op: obj{"responses": responses("200", "a JSON Schema", content(ref("schemas", "JSONSchema"), mtSchema), "401", "404")}},
		)
		if c.Writable {
			accepted := obj{"202": obj{"description": "a report was entered for review; Location is the report (/api/v1/reports/{id})",
				"headers": obj{"Location": obj{"schema": obj{"type": "string"}}}, "content": content(ref("schemas", "ReportAccepted"), mtJSON)}}
			for _, code := range []string{"400", "401", "403", "404", "409", "412", "413", "422"} {
				accepted[code] = ref("responses", code)
			}
			body := func(mt string) obj {
				return obj{"required": true, "content": content(ref("schemas", "Feature"), mt)}
			}
			ifMatch := obj{"name": "If-Match", "in": "header", "required": true, "description": "the ETag of the feature as read", "schema": obj{"type": "string"}}
			out = append(out,
				apiOp{group: "OGC API", server: base, method: "post", path: p + "/items", summary: "enter a report of a new " + string(c.Type) + " for review (Part 4)",
					op: obj{"parameters": []any{obj{"name": "submit", "in": "query", "schema": obj{"type": "boolean", "default": true}, "description": "false stages the report instead of submitting it"}},
						"requestBody": body(mtGeoJSON), "responses": accepted}},
				apiOp{group: "OGC API", server: base, method: "put", path: p + "/items/{featureId}", summary: "enter a report replacing a " + string(c.Type) + " for review",
					op: obj{"parameters": append(append([]any{}, fid...), ifMatch), "requestBody": body(mtGeoJSON), "responses": accepted}},
				apiOp{group: "OGC API", server: base, method: "patch", path: p + "/items/{featureId}", summary: "enter a report changing a " + string(c.Type) + " (JSON Merge Patch) for review",
					op: obj{"parameters": append(append([]any{}, fid...), ifMatch), "requestBody": obj{"required": true, "content": content(obj{"type": "object"}, "application/merge-patch+json")}, "responses": accepted}},
				apiOp{group: "OGC API", server: base, method: "delete", path: p + "/items/{featureId}", summary: "enter a report removing a " + string(c.Type) + " for review",
					op: obj{"parameters": append(append([]any{}, fid...), ifMatch), "responses": accepted}},
			)
		}
		if c.Layer != "" {
			out = append(out, tileOps(base, p, c.Title)...)
		}
	}
	out = append(out, tileOps(base, "", "the whole data set")...)
	tmsID := obj{"name": "tileMatrixSetId", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{"WebMercatorQuad"}}}
	out = append(out,
		apiOp{group: "OGC API", server: base, method: "get", path: "/tileMatrixSets", summary: "the tile matrix sets", op: obj{"security": []obj{},
			"responses": responses("200", "the tile matrix sets", content(ref("schemas", "Object"), mtJSON))}},
		apiOp{group: "OGC API", server: base, method: "get", path: "/tileMatrixSets/{tileMatrixSetId}", summary: "a tile matrix set (OGC TMS 2.0 JSON)",
			op: obj{"security": []obj{}, "parameters": []any{tmsID}, "responses": responses("200", "the tile matrix set", content(ref("schemas", "Object"), mtJSON), "404")}},
	)
	return out
}

// tileOps documents the tile resources of a collection path, or of the
// data set when path is "".
func tileOps(base, path, title string) []apiOp {
	tms := obj{"name": "tileMatrixSetId", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{"WebMercatorQuad"}}}
	cell := func(name, desc string) obj {
		return obj{"name": name, "in": "path", "required": true, "description": desc, "schema": obj{"type": "integer", "minimum": 0}}
	}
	tile := responses("200", "a Mapbox vector tile (2.1)", content(obj{"type": "string", "format": "binary"}, mtMVT), "400", "401", "404")
	tile["204"] = obj{"description": "no feature in the tile"}
	tile["304"] = obj{"description": "the tile has not changed since the ETag given in If-None-Match"}
	return []apiOp{
		{group: "OGC API", server: base, method: "get", path: path + "/tiles", summary: "the vector tilesets of " + title,
			op: obj{"responses": responses("200", "the tilesets", content(ref("schemas", "Object"), mtJSON), "401")}},
		{group: "OGC API", server: base, method: "get", path: path + "/tiles/{tileMatrixSetId}", summary: "the vector tileset of " + title,
			op: obj{"parameters": []any{tms}, "responses": responses("200", "the tileset metadata", content(ref("schemas", "Object"), mtJSON), "401", "404")}},
		{group: "OGC API", server: base, method: "get", path: path + "/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
			summary: "a vector tile of " + title + " (zoom, row from the north, column from the west)",
			op: obj{"parameters": []any{tms, cell("tileMatrix", "the zoom level"), cell("tileRow", "the row, from the north"), cell("tileCol", "the column, from the west")},
				"responses": tile}},
	}
}

// schemas are the component schemas, kept brief: they name the members
// clients rely on.
func schemas() obj {
	links := obj{"type": "array", "items": ref("schemas", "Link")}
	object := func(required []string, props obj) obj {
		o := obj{"type": "object", "properties": props}
		if len(required) > 0 {
			o["required"] = required
		}
		return o
	}
	str := obj{"type": "string"}
	return obj{
		"Object":     obj{"type": "object"},
		"JSONSchema": obj{"type": "object", "description": "a JSON Schema (draft 2020-12)"},
		"OpenAPI":    obj{"type": "object", "description": "an OpenAPI 3.0 document"},
		"Problem": object([]string{"type", "title", "status"}, obj{"type": str, "title": str, "status": obj{"type": "integer"}, "detail": str,
			"instance": str, "errors": obj{"type": "array", "items": object([]string{"field", "reason"}, obj{"field": str, "reason": str})}}),
		"Link":        object([]string{"href", "rel"}, obj{"href": str, "rel": str, "type": str, "title": str, "templated": obj{"type": "boolean"}}),
		"LandingPage": object([]string{"links"}, obj{"title": str, "description": str, "links": links}),
		"ConfClasses": object([]string{"conformsTo"}, obj{"conformsTo": obj{"type": "array", "items": str}}),
		"Collections": object([]string{"links", "collections"}, obj{"links": links, "collections": obj{"type": "array", "items": ref("schemas", "Collection")}}),
		"Collection": object([]string{"id", "links"}, obj{"id": str, "title": str, "description": str, "itemType": str, "links": links,
			"crs": obj{"type": "array", "items": str}, "storageCrs": str, "extent": obj{"type": "object"}}),
		"Geometry": obj{"type": "object", "nullable": true, "required": []string{"type", "coordinates"},
			"properties": obj{"type": obj{"type": "string", "enum": []string{"Point", "MultiPoint", "LineString", "Polygon", "MultiPolygon"}}, "coordinates": obj{"type": "array"}}},
		"Feature": object([]string{"type", "geometry", "properties"}, obj{"type": obj{"type": "string", "enum": []string{"Feature"}},
			"id": obj{"oneOf": []obj{{"type": "string"}, {"type": "integer"}}}, "geometry": ref("schemas", "Geometry"), "properties": obj{"type": "object", "nullable": true}, "links": links}),
		"FeatureCollection": object([]string{"type", "features"}, obj{"type": obj{"type": "string", "enum": []string{"FeatureCollection"}},
			"features": obj{"type": "array", "items": ref("schemas", "Feature")}, "links": links, "timeStamp": obj{"type": "string", "format": "date-time"},
			"numberMatched": obj{"type": "integer", "minimum": 0}, "numberReturned": obj{"type": "integer", "minimum": 0}}),
		"ReportAccepted": object([]string{"report", "status"}, obj{"report": obj{"type": "integer"}, "status": str, "record_type": str, "record_id": str, "links": links}),
		"ReportInput": object([]string{"record_type", "feature"}, obj{"record_type": obj{"type": "string", "enum": []string{"hazard", "activity", "find", "accident", "victim", "education", "qm_visit", "task"}},
			"record_id": str, "version": obj{"type": "integer"}, "delete": obj{"type": "boolean"}, "feature": ref("schemas", "Feature"),
			"submit": obj{"type": "boolean"}, "accept_issues": obj{"type": "boolean"}}),
		"Report": object([]string{"id", "record_type", "status", "revision"}, obj{"id": obj{"type": "integer"}, "record_type": str, "record_id": str,
			"status": obj{"type": "string", "enum": []string{"staged", "submitted", "approved", "rejected"}}, "revision": obj{"type": "integer"},
			"feature": ref("schemas", "Feature"), "issues": obj{"type": "array"}, "warnings": obj{"type": "array"}, "links": links}),
	}
}
