package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// fact is one property of a record, as shown.
type fact struct {
	Key   string
	Value string
}

// linkView is a linked record.
type linkView struct {
	Rel string
	HID string
}

// versionView is one version in a record's history.
type versionView struct {
	*mineaction.Version
	Changes []changeView
	Current bool
	// ReportLink is set when the caller may open the report that made the
	// version; others see its number without a link that would be a 404.
	ReportLink bool
}

// changeView is one changed field.
type changeView struct {
	Field, From, To string
}

// recordData is the record page's data.
type recordData struct {
	Record    *mineaction.RecordState
	Facts     []fact
	Figures   *mineaction.Figures
	Released  map[string]float64
	Linked    []linkView
	Versions  []versionView
	Pending   []*mineaction.Report
	CanEdit   bool
	AdminName string
}

// RecordPage handles GET /records/{hid}: a record with its map, figures,
// linked records and full version history with field-by-field diffs.
func (w *Web) RecordPage(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read records"); err != nil {
		return err
	}
	hid := strings.ToUpper(r.PathValue("hid"))
	if t, ok := mineaction.TypeOfHID(hid); ok {
		if err := needRead(c, t); err != nil {
			return err
		}
	}
	ctx := r.Context()
	d := recordData{}
	features := []json.RawMessage{}
	var fit geo.BBox = geo.EmptyBBox()
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		rec, err := tx.RecordByHID(ctx, hid)
		if err != nil {
			return mineaction.NotFoundf("no record %s", hid)
		}
		if err := needRead(c, rec.Type); err != nil {
			return err
		}
		d.Record = rec
		vals, err := w.valuesFor(ctx, tx, c, rec.Type)
		if err != nil {
			return err
		}
		shown := auth.GeometryFor(c, rec.Type, rec.Index, rec.Geometry, w.cfg.GeneraliseDeg)
		d.Facts = vals.facts(w.view(c, rec.Type, rec.Organisation, rec.Properties))
		if a, err := tx.AdminArea(ctx, rec.AdminArea); err == nil {
			d.AdminName = a.Name
		}
		if shown != nil {
			features = append(features, feature("current", shown))
			fit = fit.Union(shown.Bounds())
		}
		readable := func(hid string) bool {
			t, ok := mineaction.TypeOfHID(hid)
			return !ok || auth.MayRead(c, t)
		}
		for _, l := range rec.Links {
			if readable(l.HID) {
				d.Linked = append(d.Linked, linkView{Rel: string(l.Rel), HID: l.HID})
			}
		}
		deps, err := tx.Dependents(ctx, rec.ID)
		if err != nil {
			return err
		}
		for _, l := range deps {
			if readable(l.HID) {
				d.Linked = append(d.Linked, linkView{Rel: "linked_from", HID: l.HID})
			}
		}
		if rec.Type == mineaction.TypeHazard && !rec.Deleted {
			if d.Figures, err = tx.Figures(ctx, rec.ID); err != nil && mineaction.ErrorKind(err) != mineaction.KindNotFound {
				return err
			}
			rels, err := tx.ReleasesOfHazard(ctx, rec.ID)
			if err != nil {
				return err
			}
			d.Released = map[string]float64{}
			for _, rl := range rels {
				d.Released[rl.Kind] += rl.AreaM2
				if auth.Allow(c, auth.ReadExact, auth.Resource{}) || w.cfg.GeneraliseDeg <= 0 {
					features = append(features, feature(rl.Kind, rl.Geometry))
				}
			}
		}
		vs, err := tx.Versions(ctx, rec.ID)
		if err != nil {
			return err
		}
		d.Versions = w.history(c, rec, vs, vals)
		// A viewer may read no report: spare the look-ups.
		if auth.Allow(c, auth.ReadReport, auth.Resource{Organisation: c.Organisation, CreatedBy: c.User}) {
			for i := range d.Versions {
				rep, err := tx.Report(ctx, d.Versions[i].ReportID)
				d.Versions[i].ReportLink = err == nil && auth.Allow(c, auth.ReadReport, auth.ReportResource(rep))
			}
		}
		d.Pending, err = tx.Reports(ctx, mineaction.ReportFilter{RecordID: rec.ID,
			Status: []mineaction.ReportStatus{mineaction.StatusStaged, mineaction.StatusSubmitted}})
		return err
	})
	if err != nil {
		return err
	}
	// Pending reports are shown only to those who may read them.
	var pending []*mineaction.Report
	for _, rep := range d.Pending {
		if auth.Allow(c, auth.ReadReport, auth.ReportResource(rep)) {
			pending = append(pending, rep)
		}
	}
	d.Pending = pending
	d.CanEdit = !d.Record.Deleted && auth.Allow(c, auth.CreateReport, auth.Resource{Organisation: d.Record.Organisation})
	p := w.newPage(r, "records", d.Record.HID)
	cfg := w.baseMap(r)
	cfg.Features = featureCollection(features)
	cfg.Fit = boxOf(fit)
	p.MapConfig, p.Scripts, p.Data = cfg, []string{"record.js"}, d
	return w.render(rw, http.StatusOK, "record", p)
}

// history lists the versions of a record, newest first, each with what it
// changed against the version before it that was applied and not undone.
func (w *Web) history(c auth.Caller, rec *mineaction.RecordState, vs []*mineaction.Version, vals values) []versionView {
	var out []versionView
	var prevProps json.RawMessage
	var prevGeom geo.Geometry
	for _, v := range vs {
		view := *v
		view.Properties = w.view(c, rec.Type, rec.Organisation, v.Properties)
		g := auth.GeometryFor(c, rec.Type, rec.Index, v.Geometry, w.cfg.GeneraliseDeg)
		vv := versionView{Version: &view, Current: v.Version == rec.Version}
		vv.Changes = vals.changes(prevProps, view.Properties, prevGeom, g)
		out = append(out, vv)
		if v.Applied && v.UndoneAt == nil {
			prevProps, prevGeom = view.Properties, g
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// feature is a GeoJSON feature with a role for the map's style.
func feature(role string, g geo.Geometry) json.RawMessage {
	b := []byte(`{"type":"Feature","properties":{"role":`)
	rb, _ := json.Marshal(role)
	b = append(b, rb...)
	b = append(b, `},"geometry":`...)
	b = geo.AppendGeoJSON(b, g)
	return append(b, '}')
}

func featureCollection(fs []json.RawMessage) json.RawMessage {
	b := []byte(`{"type":"FeatureCollection","features":[`)
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, f...)
	}
	return append(b, "]}"...)
}
