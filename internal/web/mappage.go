package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// mapConfig is what a page's map script reads (see web/src/lib/basemap.js).
type mapConfig struct {
	Worker   string            `json:"worker"`
	Tiles    string            `json:"tiles,omitempty"`
	Outline  string            `json:"outline"`
	Basemap  string            `json:"basemap,omitempty"`
	BBox     *[4]float64       `json:"bbox,omitempty"`
	Fit      *[4]float64       `json:"fit,omitempty"`
	Features json.RawMessage   `json:"features,omitempty"`
	Geometry string            `json:"geometry,omitempty"`
	Labels   map[string]string `json:"labels,omitempty"`
}

// baseMap returns the map settings every map shares: the national box,
// the outline and the tiles.
func (w *Web) baseMap(r *http.Request) *mapConfig {
	cfg := &mapConfig{Worker: w.assets.url("maplibre-worker.js"), Tiles: w.cfg.TilesURL, Outline: "/map/outline"}
	if w.cfg.Basemap != "" {
		cfg.Basemap = "/map/basemap.pmtiles"
	}
	ctx := r.Context()
	w.store.View(ctx, func(tx mineaction.Tx) error {
		c, err := tx.Country(ctx)
		if err == nil && c.Geometry != nil {
			cfg.BBox = boxOf(c.Geometry.Bounds())
		}
		return nil
	})
	return cfg
}

func boxOf(b geo.BBox) *[4]float64 {
	if b.IsEmpty() {
		return nil
	}
	return &[4]float64{b.MinX, b.MinY, b.MaxX, b.MaxY}
}

// mapLabels are the texts the map script shows, from the catalogue.
func mapLabels() map[string]string {
	l := map[string]string{}
	for _, k := range []string{"hazards", "releases", "finds", "accidents", "admin_areas", "status", "category",
		"remaining_m2", "original_m2", "kind", "date", "area_m2", "ordnance", "quantity", "disposal", "found_date",
		"accident_type", "victims", "open_record", "noResults", "drawn", "drawing", "unfinished"} {
		l[k] = msgs.T("map.label." + k)
	}
	for _, e := range []*mineaction.Enum{mineaction.HazardStatus, mineaction.ReleaseKind, mineaction.Disposal, mineaction.AccidentType} {
		key := map[string]string{"hazard_status": "status", "release_kind": "kind", "disposal": "disposal", "accident_type": "accident_type"}[e.Name]
		for _, v := range e.Values {
			l[key+"."+v.Code] = msgs.enumLabel(e.Name, v.Code)
		}
	}
	return l
}

// MapPage handles GET /map: the national map with its layer list, legend
// and search.
func (w *Web) MapPage(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read the map"); err != nil {
		return err
	}
	p := w.newPage(r, "map", msgs.T("map.title"))
	cfg := w.baseMap(r)
	cfg.Labels = mapLabels()
	p.MapConfig, p.Scripts = cfg, []string{"map.js"}
	p.Data = struct{ Tiles bool }{w.cfg.TilesURL != ""}
	return w.render(rw, http.StatusOK, "map", p)
}

// Outline handles GET /map/outline: the national outline as GeoJSON, the
// context of every map when no base map is configured.
func (w *Web) Outline(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read the map"); err != nil {
		return err
	}
	var g geo.Geometry
	ctx := r.Context()
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		country, err := tx.Country(ctx)
		if err == nil {
			g = country.Geometry
		} else if mineaction.ErrorKind(err) != mineaction.KindNotFound {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	b := []byte(`{"type":"FeatureCollection","features":[`)
	if g != nil {
		b = append(b, `{"type":"Feature","properties":{},"geometry":`...)
		b = geo.AppendGeoJSON(b, g)
		b = append(b, '}')
	}
	b = append(b, "]}\n"...)
	rw.Header().Set("Content-Type", "application/geo+json")
	rw.Header().Set("Cache-Control", "private, max-age=300")
	_, err = rw.Write(b)
	return err
}

// Basemap handles GET /map/basemap.pmtiles: the configured PMTiles file,
// with the Range requests the PMTiles reader makes (404 when none is
// configured).
func (w *Web) Basemap(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read the map"); err != nil {
		return err
	}
	if w.cfg.Basemap == "" {
		return mineaction.NotFoundf("no base map is configured (mineaction serve --basemap FILE.pmtiles)")
	}
	f, err := os.Open(w.cfg.Basemap)
	if err != nil {
		return fmt.Errorf("open the base map: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read the base map: %w", err)
	}
	rw.Header().Set("Content-Type", "application/vnd.pmtiles")
	rw.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(rw, r, "basemap.pmtiles", st.ModTime(), f)
	return nil
}

// searchHit is one result of the map search.
type searchHit struct {
	Label string      `json:"label"`
	HID   string      `json:"hid,omitempty"`
	BBox  *[4]float64 `json:"bbox,omitempty"`
	Point *[2]float64 `json:"point,omitempty"`
}

// Search handles GET /map/search?q=: records by human id, places and admin
// areas by name, as JSON for the map (positions as the caller may see them).
func (w *Web) Search(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "search the map"); err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	hits := []searchHit{}
	ctx := r.Context()
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		if len(q) > 100 || q == "" {
			return nil
		}
		if _, ok := mineaction.TypeOfHID(strings.ToUpper(q)); ok {
			rec, err := tx.RecordByHID(ctx, strings.ToUpper(q))
			if err == nil && !rec.Deleted && rec.Geometry != nil {
				g := auth.GeometryFor(c, rec.Type, rec.Index, rec.Geometry, w.cfg.GeneraliseDeg)
				hits = append(hits, searchHit{Label: rec.HID + " (" + msgs.typeLabel(rec.Type) + ")", HID: rec.HID, BBox: boxOf(g.Bounds())})
			}
		}
		lq := strings.ToLower(q)
		areas, err := tx.AdminAreas(ctx)
		if err != nil {
			return err
		}
		for _, a := range areas {
			if strings.Contains(strings.ToLower(a.Name), lq) && a.Geometry != nil {
				hits = append(hits, searchHit{Label: a.Name + " (" + msgs.T("map.admin_area") + ")", BBox: boxOf(a.Geometry.Bounds())})
			}
		}
		places, err := tx.Places(ctx)
		if err != nil {
			return err
		}
		slices.SortFunc(places, func(a, b *mineaction.Place) int { return int(b.Population - a.Population) })
		for _, p := range places {
			if strings.Contains(strings.ToLower(p.Name), lq) {
				hits = append(hits, searchHit{Label: p.Name, Point: &[2]float64{p.Point.X, p.Point.Y}})
			}
			if len(hits) >= 10 {
				break
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	rw.Header().Set("Cache-Control", "private, no-cache")
	return httpx.WriteJSON(rw, http.StatusOK, "", map[string]any{"query": q, "results": hits})
}
