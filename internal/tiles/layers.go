package tiles

import (
	"context"
	"math"
	"strconv"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/tiles/mvt"
)

// The layers of the tiles, by their names in a tile (a style's
// source-layer).
const (
	LayerAdminAreas = "admin_areas"
	LayerHazards    = "hazards"
	LayerReleases   = "releases"
	LayerFinds      = "finds"
	LayerAccidents  = "accidents"
)

// Layers lists every layer in drawing order, bottom first: the order of a
// tile holding them all.
var Layers = []string{LayerAdminAreas, LayerHazards, LayerReleases, LayerFinds, LayerAccidents}

// LayerFields describes the properties of each layer's features, for the
// tileset metadata: name and JSON Schema type.
var LayerFields = map[string][][2]string{
	LayerAdminAreas: {{"code", "string"}, {"name", "string"}, {"affected", "boolean"}},
	LayerHazards: {{"hid", "string"}, {"status", "string"}, {"category", "string"}, {"original_m2", "number"},
		{"remaining_m2", "number"}},
	LayerReleases:  {{"kind", "string"}, {"hazard", "string"}, {"activity", "string"}, {"date", "string"}, {"area_m2", "number"}},
	LayerFinds:     {{"hid", "string"}, {"ordnance", "string"}, {"quantity", "integer"}, {"disposal", "string"}, {"found_date", "string"}},
	LayerAccidents: {{"hid", "string"}, {"accident_type", "string"}, {"date", "string"}, {"victims", "integer"}},
}

// layers reads the features of the requested layers that may show in the
// tile, with the properties a map styles them by. Victims' personal data
// is never read into a tile.
func (s *Service) layers(ctx context.Context, tx mineaction.Tx, c auth.Caller, req Request) ([]mvt.Layer, error) {
	b := mvt.TileBounds(req.Z, req.X, req.Y)
	// Features reaching into the buffer count too; a generalised geometry
	// reaches at most one grid cell beyond the exact one.
	mx, my := (b.MaxX-b.MinX)/16, (b.MaxY-b.MinY)/16
	cell := max(s.cfg.GeneraliseCell, 0)
	box := geo.BBox{MinX: b.MinX - mx - cell, MinY: b.MinY - my - cell, MaxX: b.MaxX + mx + cell, MaxY: b.MaxY + my + cell}
	geom := func(r *mineaction.RecordState) geo.Geometry {
		return auth.GeometryFor(c, r.Type, r.Index, r.Geometry, s.cfg.GeneraliseCell)
	}
	var out []mvt.Layer
	for _, name := range Layers {
		if !contains(req.Layers, name) {
			continue
		}
		l := mvt.Layer{Name: name}
		switch name {
		case LayerAdminAreas:
			as, err := tx.AdminAreas(ctx)
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				if a.Geometry.Bounds().Intersects(box) {
					l.Features = append(l.Features, mvt.Feature{ID: uint64(a.ID), Geometry: a.Geometry,
						Properties: map[string]any{"code": a.Code, "name": a.Name, "affected": a.Affected}})
				}
			}
		case LayerReleases:
			rs, err := tx.Releases(ctx, mineaction.RecordQuery{BBox: &box})
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				// A release is an activity's outcome: generalised as activities are.
				g := auth.GeometryFor(c, mineaction.TypeActivity, mineaction.Index{}, r.Geometry, s.cfg.GeneraliseCell)
				l.Features = append(l.Features, mvt.Feature{ID: uint64(r.ID), Geometry: g, Properties: map[string]any{
					"kind": r.Kind, "hazard": r.HazardHID, "activity": r.ActivityHID, "date": string(r.Date), "area_m2": round(r.AreaM2)}})
			}
		default:
			t := map[string]mineaction.RecordType{LayerHazards: mineaction.TypeHazard, LayerFinds: mineaction.TypeFind, LayerAccidents: mineaction.TypeAccident}[name]
			rs, err := tx.Records(ctx, mineaction.RecordQuery{Type: t, BBox: &box, WithFigures: t == mineaction.TypeHazard, IndexOnly: true})
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				l.Features = append(l.Features, mvt.Feature{ID: hidNumber(r.HID), Geometry: geom(r), Properties: recordProps(r)})
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// recordProps are the properties of a record's feature in a tile: what a
// map styles and labels by, from the indexed columns, not the properties
// document (which an accident's victims list is part of).
func recordProps(r *mineaction.RecordState) map[string]any {
	p := map[string]any{"hid": r.HID}
	switch r.Type {
	case mineaction.TypeHazard:
		p["status"], p["category"] = r.Index.Status, r.Index.Category
		if f := r.Figures; f != nil {
			p["original_m2"], p["remaining_m2"] = round(f.OriginalM2), round(f.RemainingM2)
		}
	case mineaction.TypeFind:
		p["ordnance"], p["quantity"], p["found_date"] = r.Index.Category, r.Index.Quantity, string(r.Index.EventDate)
		if r.Index.Status != "" {
			p["disposal"] = r.Index.Status
		}
	case mineaction.TypeAccident:
		p["accident_type"], p["date"], p["victims"] = r.Index.Category, string(r.Index.EventDate), r.Index.Quantity
	}
	return p
}

// hidNumber is the number of a human id (HA-000123 gives 123), a feature id
// that stays the same across versions.
func hidNumber(hid string) uint64 {
	_, n, _ := strings.Cut(hid, "-")
	v, _ := strconv.ParseUint(n, 10, 64)
	return v
}

func round(v float64) float64 { return math.Round(v) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
