package web_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mineaction/internal/auth"
	"mineaction/internal/server"
	"mineaction/internal/tiles/mvt"
	"mineaction/internal/workflow"
)

// offGrid returns a position of a GeoJSON value (a geometry, a feature, a
// collection, a record or anything holding them) that is not on the
// generalisation grid (cell corners, or cell centres for points), or nil.
func offGrid(v any, cell float64) []float64 {
	var bad []float64
	var walk func(v any, inCoords bool)
	walk = func(v any, inCoords bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k == "coordinates" || (inCoords && k == ""))
			}
		case []any:
			if inCoords && len(v) == 2 {
				if a, ok := v[0].(float64); ok {
					b, _ := v[1].(float64)
					for _, n := range []float64{a, b} {
						if r := math.Remainder(n, cell/2); math.Abs(r) > 1e-9 {
							bad = append(bad, a, b)
							return
						}
					}
					return
				}
			}
			for _, x := range v {
				walk(x, inCoords)
			}
		}
	}
	walk(v, false)
	return bad
}

func getJSON(t *testing.T, c *http.Client, url string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(fetch(t, c, url)), &v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return v
}

// TestGeneralisedOutlinesEverywhere checks that with generalisation on
// (serve --generalise-deg 0.1) a viewer gets no exact outline of an
// uncleared area through the land released from it: releases and activities
// (their geometry, their outcome polygons and their finds, current and in
// the history) are on the grid in the JSON API, the OGC API items (JSON and
// HTML) and the releases layer of the vector tiles, while a verifier still
// gets the surveyed polygons.
func TestGeneralisedOutlinesEverywhere(t *testing.T) {
	demoSrv := smallDemo(t)
	const cell = 0.1
	wf := workflow.New(demoSrv.Store, workflow.Config{})
	srv := server.New(server.Config{Store: demoSrv.Store, Workflow: wf, Accounts: auth.NewService(demoSrv.Store, auth.Config{}),
		Log: slog.New(slog.DiscardHandler), GeneraliseDeg: cell})
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	viewer, verifier := client(t, hs.URL, "viewer"), client(t, hs.URL, "verifier")

	// A release of an open hazard, seen exactly by the verifier.
	var rels struct {
		Features []struct {
			ID         string         `json:"id"`
			Geometry   map[string]any `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	json.Unmarshal([]byte(fetch(t, verifier, hs.URL+"/ogcapi/collections/releases/items?limit=200")), &rels)
	var hazard, activity string
	var vertex []float64
	for _, f := range rels.Features {
		h := f.Properties["hazard"].(string)
		var rec struct {
			Properties map[string]any `json:"properties"`
		}
		json.Unmarshal([]byte(fetch(t, verifier, hs.URL+"/api/v1/records/"+h)), &rec)
		if rec.Properties["status"] != "closed" && len(offGrid(f.Geometry, cell)) > 0 {
			hazard, activity = h, f.Properties["activity"].(string)
			c := f.Geometry["coordinates"].([]any)
			for len(c) > 0 {
				if p, ok := c[0].([]any); ok && len(p) == 2 {
					if _, isNum := p[0].(float64); isNum {
						vertex = []float64{p[0].(float64), p[1].(float64)}
						break
					}
				}
				c = c[0].([]any)
			}
			break
		}
	}
	if hazard == "" || vertex == nil {
		t.Fatal("the demo has no release of an open hazard off the grid: the test proves nothing")
	}
	for _, path := range []string{
		"/ogcapi/collections/releases/items?hazard=" + hazard,
		"/ogcapi/collections/releases/items?limit=200",
		"/ogcapi/collections/activities/items/" + activity,
		"/ogcapi/collections/activities/items?limit=50",
		"/api/v1/records/" + activity,
		"/api/v1/records/" + activity + "/history",
		"/api/v1/records/" + hazard + "/history",
	} {
		if bad := offGrid(getJSON(t, viewer, hs.URL+path), cell); len(bad) > 0 {
			t.Errorf("viewer GET %s: positions off the %g° grid, e.g. %v", path, cell, bad[:2])
		}
		if path == "/api/v1/records/"+activity && len(offGrid(getJSON(t, verifier, hs.URL+path), cell)) == 0 {
			t.Errorf("the verifier does not see %s exactly", path)
		}
	}
	exact := fmt.Sprintf("%.6f", vertex[0])
	for _, path := range []string{"/ogcapi/collections/releases/items?f=html&hazard=" + hazard, "/ogcapi/collections/activities/items/" + activity + "?f=html",
		"/records/" + activity} {
		if page := fetch(t, viewer, hs.URL+path); strings.Contains(page, exact) || strings.Contains(page, fmt.Sprint(vertex[0])) {
			t.Errorf("viewer GET %s shows the exact longitude %v of a release", path, vertex[0])
		}
	}

	// The releases layer of the tile holding the vertex: a generalised
	// polygon is a grid rectangle, whose edges (clipped to the tile or not)
	// are all horizontal or vertical in tile space; a surveyed one is not.
	const z = 13
	n := math.Exp2(z)
	x := int((vertex[0] + 180) / 360 * n)
	lat := vertex[1] * math.Pi / 180
	y := int((1 - math.Log(math.Tan(lat)+1/math.Cos(lat))/math.Pi) / 2 * n)
	diagonal := func(c *http.Client) (edges int) {
		res, err := c.Get(fmt.Sprintf("%s/ogcapi/collections/releases/tiles/WebMercatorQuad/%d/%d/%d", hs.URL, z, y, x))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			k, err := res.Body.Read(buf)
			b.Write(buf[:k])
			if err != nil {
				break
			}
		}
		if res.StatusCode != http.StatusOK {
			t.Fatalf("tile: %s", res.Status)
		}
		layers, err := mvt.Decode([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		features := 0
		for _, l := range layers {
			if l.Name != "releases" {
				continue
			}
			for _, f := range l.Features {
				features++
				for _, ring := range f.Geometry {
					for i := range ring {
						p, q := ring[i], ring[(i+1)%len(ring)]
						if p.X != q.X && p.Y != q.Y {
							edges++
						}
					}
				}
			}
		}
		if features == 0 {
			t.Fatalf("tile %d/%d/%d has no release", z, y, x)
		}
		return edges
	}
	if d := diagonal(viewer); d > 0 {
		t.Errorf("the viewer's releases tile has %d edges that are not on the grid", d)
	}
	if diagonal(verifier) == 0 {
		t.Error("the verifier's releases tile has only grid edges: the test proves nothing")
	}
}
