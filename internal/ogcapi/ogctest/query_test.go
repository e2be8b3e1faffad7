package ogctest

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"mineaction/internal/geo"
)

// /ats/core/fc-limit-default-minimum-maximum, fc-limit-response-1.
func testLimit(t *testing.T, e *env) {
	if n := len(ids(t, e.items("hazards", nil).json(t))); n != 10 {
		t.Errorf("default page has %d features, want 10", n)
	}
	for _, l := range []int{1, 7, 48} {
		if n := len(ids(t, e.items("hazards", url.Values{"limit": {fmt.Sprint(l)}}).json(t))); n != l {
			t.Errorf("limit=%d gave %d features", l, n)
		}
	}
	// Above the maximum is not an error: the limit is clamped.
	if n := len(ids(t, e.items("hazards", url.Values{"limit": {"1000000"}}).json(t))); n != numHazards {
		t.Errorf("limit above the maximum gave %d features", n)
	}
	for _, bad := range []string{"0", "-1", "ten", "1.5"} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?limit="+bad, nil), 400)
	}
}

// Paging to the end and back: every feature once, in a stable order; the
// next and prev links carry their type.
func testPaging(t *testing.T, e *env) {
	for _, coll := range []string{"hazards", "releases", "admin-areas"} {
		all := ids(t, e.items(coll, url.Values{"limit": {"1000"}}).json(t))
		var pages [][]string
		next := e.url + "/ogcapi/collections/" + coll + "/items?limit=7"
		for next != "" {
			m := e.get(next, 200).json(t)
			pages = append(pages, ids(t, m))
			next, _ = linkOf(m, "next", "application/geo+json")
			if len(pages) > 100 {
				t.Fatal("paging does not end")
			}
		}
		var walked []string
		for _, p := range pages {
			walked = append(walked, p...)
		}
		if !slices.Equal(walked, all) {
			t.Fatalf("%s: paging forward gave %v, want %v", coll, walked, all)
		}
		// And back from the last page.
		last := e.url + "/ogcapi/collections/" + coll + "/items?limit=7"
		for i := 1; i < len(pages); i++ {
			m := e.get(last, 200).json(t)
			last, _ = linkOf(m, "next", "application/geo+json")
		}
		m := e.get(last, 200).json(t)
		for i := len(pages) - 2; i >= 0; i-- {
			prev, ok := linkOf(m, "prev", "application/geo+json")
			if !ok {
				t.Fatalf("%s: page %d has no prev link", coll, i+1)
			}
			m = e.get(prev, 200).json(t)
			if got := ids(t, m); !slices.Equal(got, pages[i]) {
				t.Fatalf("%s: prev gave %v, want page %d %v", coll, got, i, pages[i])
			}
		}
		if _, ok := linkOf(m, "prev", ""); ok {
			t.Errorf("%s: the first page has a prev link", coll)
		}
	}
}

// /ats/core/fc-bbox-definition, fc-bbox-response: exactly the features
// whose geometry meets the box.
func testBBox(t *testing.T, e *env) {
	boxes := []geo.BBox{
		{MinX: 46.0, MinY: 39.5, MaxX: 46.5, MaxY: 39.9},
		{MinX: 46.16, MinY: 39.66, MaxX: 46.17, MaxY: 39.67}, // touches one square at a corner
		{MinX: 46.0, MinY: 39.5, MaxX: 47.0, MaxY: 40.5},
		{MinX: 46.06, MinY: 39.56, MaxX: 46.061, MaxY: 39.561}, // inside a square, no vertex inside the box
		{MinX: 10, MinY: 10, MaxX: 11, MaxY: 11},
		{MinX: 46.85, MinY: 40.13, MaxX: 46.86, MaxY: 40.14}, // in the gap between the two squares of the last hazard
	}
	for _, b := range boxes {
		want := e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(b) })
		q := url.Values{"limit": {"1000"}, "bbox": {fmt.Sprintf("%v,%v,%v,%v", b.MinX, b.MinY, b.MaxX, b.MaxY)}}
		if got := ids(t, e.items("hazards", q).json(t)); !slices.Equal(got, want) {
			t.Errorf("bbox %v: got %v, want %v", b, got, want)
		}
		q.Set("bbox", fmt.Sprintf("%v,%v,-100,%v,%v,100", b.MinX, b.MinY, b.MaxX, b.MaxY))
		if got := ids(t, e.items("hazards", q).json(t)); !slices.Equal(got, want) {
			t.Errorf("6-number bbox %v: got %v, want %v", b, got, want)
		}
	}
	// Paging with a bbox returns each matching feature once.
	b := boxes[0]
	want := e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(b) })
	var got []string
	next := e.url + "/ogcapi/collections/hazards/items?limit=3&bbox=" + fmt.Sprintf("%v,%v,%v,%v", b.MinX, b.MinY, b.MaxX, b.MaxY)
	for next != "" {
		m := e.get(next, 200).json(t)
		got = append(got, ids(t, m)...)
		next, _ = linkOf(m, "next", "application/geo+json")
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged bbox: got %v, want %v", got, want)
	}
	for _, bad := range []string{"1,2,3", "a,b,c,d", "47,39,46,40", "46,39,47,95", "1,2,3,4,5"} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?bbox="+url.QueryEscape(bad), nil), 400)
	}
}

// /ats/core/fc-time-definition, fc-time-response: on the date of
// information of hazards, with instants, intervals and open ends.
func testDatetime(t *testing.T, e *env) {
	hz := e.fx.hazards
	cases := []struct {
		v    string
		keep func(*hazardSpec) bool
	}{
		{hz[5].doi, func(h *hazardSpec) bool { return h.doi == hz[5].doi }},
		{hz[5].doi + "T13:00:00Z", func(h *hazardSpec) bool { return h.doi == hz[5].doi }},
		{hz[5].doi + "T23:30:00-02:00", func(*hazardSpec) bool { return false }}, // the next day in UTC: no hazard
		{hz[3].doi + "/" + hz[9].doi, func(h *hazardSpec) bool { return h.doi >= hz[3].doi && h.doi <= hz[9].doi }},
		{hz[3].doi + "T12:00:00Z/" + hz[9].doi + "T00:00:00Z", func(h *hazardSpec) bool { return h.doi >= hz[3].doi && h.doi <= hz[9].doi }},
		{"../" + hz[4].doi, func(h *hazardSpec) bool { return h.doi <= hz[4].doi }},
		{hz[40].doi + "/..", func(h *hazardSpec) bool { return h.doi >= hz[40].doi }},
		{"/" + hz[2].doi, func(h *hazardSpec) bool { return h.doi <= hz[2].doi }},
	}
	for _, c := range cases {
		want := e.fx.hazardIDs(c.keep)
		if got := ids(t, e.items("hazards", url.Values{"limit": {"1000"}, "datetime": {c.v}}).json(t)); !slices.Equal(got, want) {
			t.Errorf("datetime=%s: got %v, want %v", c.v, got, want)
		}
	}
	for _, bad := range []string{"yesterday", "2024-13-01", "../..", "2024-05-01/2024-04-01", "2024-05-01T10:00"} {
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?datetime="+url.QueryEscape(bad), nil), 400)
	}
}
