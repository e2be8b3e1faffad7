package ogctest

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// TestFiltering walks OGC API Features Part 3 (queryables, queryables as
// query parameters, filter, features-filter) and the CQL2 conformance
// classes the API declares, on every store. Each expected answer is
// computed from the fixture's own description, not by the code under test.
func TestFiltering(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		t.Run("queryables", func(t *testing.T) { testQueryables(t, e.with(t)) })
		t.Run("cql2", func(t *testing.T) { testCQL2(t, e.with(t)) })
		t.Run("query parameters", func(t *testing.T) { testPropertyParams(t, e.with(t)) })
		t.Run("other collections", func(t *testing.T) { testFilterInMemory(t, e.with(t)) })
		t.Run("errors", func(t *testing.T) { testFilterErrors(t, e.with(t)) })
	})
}

func testQueryables(t *testing.T, e *env) {
	for _, id := range collectionIDs {
		r := e.get("/ogcapi/collections/"+id+"/queryables", 200)
		if ct := r.header.Get("Content-Type"); ct != "application/schema+json" {
			t.Errorf("%s queryables: Content-Type %q", id, ct)
		}
		m := r.json(t)
		if m["type"] != "object" || m["$schema"] == nil || !strings.HasSuffix(m["$id"].(string), "/collections/"+id+"/queryables") {
			t.Errorf("%s queryables: %v", id, m)
		}
		if _, ok := m["properties"].(map[string]any)["geometry"]; !ok && id != "places" && id != "admin-areas" {
			t.Errorf("%s: no geometry queryable", id)
		}
	}
	p := e.get("/ogcapi/collections/hazards/queryables", 200).json(t)["properties"].(map[string]any)
	status := p["status"].(map[string]any)
	if status["type"] != "string" || !slices.Equal(toStrings(status["enum"]), []string{"open", "worked_on", "closed"}) {
		t.Errorf("status queryable %v", status)
	}
	if d := p["date_of_information"].(map[string]any); d["format"] != "date" {
		t.Errorf("date queryable %v", d)
	}
	if a := p["eo_suspected"].(map[string]any); a["type"] != "array" {
		t.Errorf("array queryable %v", a)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func testCQL2(t *testing.T, e *env) {
	hz := e.fx.hazards
	idx := map[*hazardSpec]int{}
	for i, h := range hz {
		idx[h] = i
	}
	west := geo.BBox{MinX: 46.0, MinY: 39.5, MaxX: 46.5, MaxY: 39.9}
	inside := hz[9].squares[0]
	cases := []struct {
		class, lang, filter string
		keep                func(*hazardSpec) bool
	}{
		{"basic", "", "status = 'open'", func(h *hazardSpec) bool { return h.status == "open" }},
		{"basic", "", "category = 'CHA' AND status <> 'closed'", func(h *hazardSpec) bool { return h.category == "CHA" && h.status != "closed" }},
		{"basic", "", "NOT (status = 'open') OR priority = 'high'", func(h *hazardSpec) bool { return h.status != "open" || h.priority == "high" }},
		{"basic", "", "priority IS NULL", func(h *hazardSpec) bool { return h.priority == "" }},
		{"basic", "", "date_of_information >= DATE('2022-06-01')", func(h *hazardSpec) bool { return h.doi >= "2022-06-01" }},
		{"advanced", "", "name LIKE 'Area 1%'", func(h *hazardSpec) bool { return strings.HasPrefix(h.name, "Area 1") }},
		{"advanced", "", "status IN ('worked_on', 'closed')", func(h *hazardSpec) bool { return h.status == "worked_on" || h.status == "closed" }},
		{"advanced", "", "original_m2 BETWEEN 1500000 AND 4500000", func(h *hazardSpec) bool { i := idx[h]; return i%4 == 1 || i%4 == 2 }},
		{"case-insensitive", "", "CASEI(name) LIKE CASEI('area 0%')", func(h *hazardSpec) bool { return strings.HasPrefix(h.name, "Area 0") }},
		{"accent-insensitive", "", "ACCENTI(name) LIKE ACCENTI('Agdam%')", func(h *hazardSpec) bool { return strings.HasPrefix(h.name, "Ağdam") }},
		{"basic-spatial", "", "S_INTERSECTS(geometry, BBOX(46.0, 39.5, 46.5, 39.9))", func(h *hazardSpec) bool { return h.meets(west) }},
		{"spatial", "", "S_DISJOINT(geometry, BBOX(46.0, 39.5, 46.5, 39.9))", func(h *hazardSpec) bool { return !h.meets(west) }},
		{"spatial", "", "S_WITHIN(geometry, POLYGON((46.0 39.5, 46.5 39.5, 46.5 39.9, 46.0 39.9, 46.0 39.5)))", func(h *hazardSpec) bool {
			b := h.box()
			return b.MinX >= 46.0 && b.MaxX <= 46.5 && b.MinY >= 39.5 && b.MaxY <= 39.9 // within allows touching the boundary
		}},
		{"spatial", "", "S_CONTAINS(geometry, POINT(" + ftoa(inside[0]+inside[2]/3) + " " + ftoa(inside[1]+inside[2]/3) + "))", func(h *hazardSpec) bool { return h == hz[9] }},
		{"temporal", "", "T_BEFORE(date_of_information, DATE('2021-06-01'))", func(h *hazardSpec) bool { return h.doi < "2021-06-01" }},
		{"temporal", "", "T_INTERSECTS(date_of_information, INTERVAL('2021-03-01', '2021-09-30'))", func(h *hazardSpec) bool { return h.doi >= "2021-03-01" && h.doi <= "2021-09-30" }},
		{"array", "", "A_CONTAINS(eo_suspected, ('at_mine'))", func(h *hazardSpec) bool { return slices.Contains(h.eo, "at_mine") }},
		{"array", "", "A_OVERLAPS(eo_suspected, ('ap_mine', 'ied'))", func(h *hazardSpec) bool { return slices.Contains(h.eo, "ap_mine") }},
		{"property-property", "", "original_m2 > remaining_m2", func(h *hazardSpec) bool { return idx[h] < 12 }},
		{"arithmetic", "", "original_m2 - remaining_m2 > 100", func(h *hazardSpec) bool { return idx[h] < 12 }},
		{"cql2-json", "cql2-json", `{"op":"and","args":[{"op":"=","args":[{"property":"status"},"open"]},{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[46.0,39.5,46.5,39.9]}]}]}`,
			func(h *hazardSpec) bool { return h.status == "open" && h.meets(west) }},
		{"cql-text (GDAL 3.6)", "cql-text", "(status = 'open') AND (date_of_information >= '2022-01-01T')", func(h *hazardSpec) bool { return h.status == "open" && h.doi >= "2022-01-01" }},
		{"cql-text (GDAL 3.6)", "cql-text", "NOT ((priority IS NULL))", func(h *hazardSpec) bool { return h.priority != "" }},
	}
	for _, c := range cases {
		want := e.fx.hazardIDs(c.keep)
		q := url.Values{"limit": {"1000"}, "filter": {c.filter}}
		if c.lang != "" {
			q.Set("filter-lang", c.lang)
		}
		got := ids(t, e.items("hazards", q).json(t))
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s\n got  %v\n want %v", c.class, c.filter, got, want)
		}
		if len(want) == 0 || len(want) == numHazards {
			t.Errorf("%s: %s selects %d hazards: a poor test", c.class, c.filter, len(want))
		}
	}
	// filter-crs: the same box, written in EPSG:4326 (latitude first).
	q := url.Values{"limit": {"1000"}, "filter": {"S_INTERSECTS(geometry, BBOX(39.5, 46.0, 39.9, 46.5))"},
		"filter-crs": {"http://www.opengis.net/def/crs/EPSG/0/4326"}}
	if got := ids(t, e.items("hazards", q).json(t)); !slices.Equal(got, e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(west) })) {
		t.Errorf("filter-crs EPSG:4326: %v", got)
	}
	// The filter and the other parameters combine, and paging keeps the filter.
	var got []string
	next := e.url + "/ogcapi/collections/hazards/items?limit=4&filter=" + url.QueryEscape("status = 'open'") + "&bbox=46,39.5,46.6,40.5"
	for next != "" {
		m := e.get(next, 200).json(t)
		got = append(got, ids(t, m)...)
		next, _ = linkOf(m, "next", "application/geo+json")
	}
	wide := geo.BBox{MinX: 46, MinY: 39.5, MaxX: 46.6, MaxY: 40.5}
	if want := e.fx.hazardIDs(func(h *hazardSpec) bool { return h.status == "open" && h.meets(wide) }); !slices.Equal(got, want) {
		t.Errorf("paged filter and bbox: got %v, want %v", got, want)
	}
}

func ftoa(f float64) string { return strings.TrimRight(strings.TrimRight(jsonString(f), "0"), ".") }

func jsonString(f float64) string { return string(mustJSON(f)) }

// Queryables as query parameters (name=value), as GDAL sends for -where
// on a property the OpenAPI document lists.
func testPropertyParams(t *testing.T, e *env) {
	hz := e.fx.hazards
	cases := []struct {
		q    url.Values
		keep func(*hazardSpec) bool
	}{
		{url.Values{"status": {"open"}}, func(h *hazardSpec) bool { return h.status == "open" }},
		{url.Values{"status": {"open"}, "category": {"CHA"}}, func(h *hazardSpec) bool { return h.status == "open" && h.category == "CHA" }},
		{url.Values{"date_of_information": {hz[7].doi}}, func(h *hazardSpec) bool { return h.doi == hz[7].doi }},
		{url.Values{"hid": {hz[3].hid}}, func(h *hazardSpec) bool { return h == hz[3] }},
	}
	for _, c := range cases {
		c.q.Set("limit", "1000")
		if got, want := ids(t, e.items("hazards", c.q).json(t)), e.fx.hazardIDs(c.keep); !slices.Equal(got, want) {
			t.Errorf("%v: got %v, want %v", c.q, got, want)
		}
	}
	if got := ids(t, e.items("accidents", url.Values{"victims": {"2"}}).json(t)); len(got) != 2 {
		t.Errorf("accidents with two victims: %v", got)
	}
	for _, bad := range []string{"status=open&status=closed", "original_m2=big", "date_of_information=May", "status=bogus"} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?"+bad, nil), 400)
	}
}

// Releases, admin areas and places are filtered in memory by the same
// CQL2 evaluator.
func testFilterInMemory(t *testing.T, e *env) {
	cases := []struct {
		coll, filter string
		want         int
	}{
		{"releases", "kind = 'cancelled'", 4},
		{"releases", "kind IN ('reduced', 'cleared') AND area_m2 > 0", 8},
		{"releases", "S_INTERSECTS(geometry, BBOX(46.0, 39.5, 46.3, 39.7))", 6}, // of hazards 1-3 and 9-11
		{"admin-areas", "code = 'W'", 1},
		{"admin-areas", "affected = TRUE AND name LIKE 'E%'", 1},
		{"accidents", "victims = 1", 1},
	}
	for _, c := range cases {
		got := ids(t, e.items(c.coll, url.Values{"filter": {c.filter}, "limit": {"1000"}}).json(t))
		if len(got) != c.want {
			t.Errorf("%s %s: %v, want %d features", c.coll, c.filter, got, c.want)
		}
	}
}

func testFilterErrors(t *testing.T, e *env) {
	for _, q := range []url.Values{
		{"filter": {"colour = 'red'"}},
		{"filter": {"status = 3"}},
		{"filter": {"status = "}},
		{"filter": {"status = 'open'"}, "filter-lang": {"sql"}},
		{"filter-lang": {"cql2-text"}},
		{"filter": {"S_INTERSECTS(geometry, BBOX(1,2,3,4))"}, "filter-crs": {"EPSG:9999"}},
		{"filter": {`{"op":"=","args":[{"property":"status"}]}`}, "filter-lang": {"cql2-json"}},
		{"filter": {"name ILIKE 'x%'"}},
		// A bow tie: the ring crosses itself.
		{"filter": {"S_INTERSECTS(geometry, POLYGON((46.1 39.6, 46.2 39.7, 46.2 39.6, 46.1 39.7, 46.1 39.6)))"}},
		{"filter": {"S_WITHIN(geometry, POLYGON((46.1 39.6, 46.2 99.7, 46.2 39.6, 46.1 39.6)))"}},
	} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?"+q.Encode(), nil), 400)
	}
}
