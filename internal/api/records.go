package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// featureJSON renders a GeoJSON feature.
func featureJSON(id string, g geo.Geometry, props json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	b.WriteString(`{"type":"Feature"`)
	if id != "" {
		b.WriteString(`,"id":`)
		idb, _ := json.Marshal(id)
		b.Write(idb)
	}
	b.WriteString(`,"geometry":`)
	b.Write(geo.AppendGeoJSON(nil, g))
	b.WriteString(`,"properties":`)
	if len(props) == 0 {
		props = json.RawMessage("{}")
	}
	b.Write(props)
	b.WriteString("}")
	return b.Bytes()
}

// recordJSON is a record as the API shows it.
type recordJSON struct {
	Type       string                `json:"type"`
	ID         string                `json:"id"`
	RecordType mineaction.RecordType `json:"record_type"`
	Version    int                   `json:"version"`
	Geometry   json.RawMessage       `json:"geometry"`
	Properties json.RawMessage       `json:"properties"`
	Figures    *mineaction.Figures   `json:"figures,omitempty"`
	Linked     []linkJSON            `json:"linked"`
	Links      []link                `json:"links"`
}

type linkJSON struct {
	Rel string `json:"rel"`
	ID  string `json:"id"`
}

// GetRecord handles GET /api/v1/records/{hid}.
func (a *API) GetRecord(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
		return deny(c, "read records")
	}
	hid := r.PathValue("hid")
	if t, ok := mineaction.TypeOfHID(hid); ok && !auth.MayRead(c, t) {
		return deny(c, "read "+string(t)+" records")
	}
	var out recordJSON
	// The record, what links to it and its figures: one statement.
	err := a.store.View(mineaction.OneStatement(r.Context()), func(tx mineaction.Tx) error {
		rec, err := tx.RecordByHID(r.Context(), hid)
		if err != nil || rec.Deleted {
			return mineaction.NotFoundf("no record %s", hid)
		}
		if !auth.MayRead(c, rec.Type) {
			return deny(c, "read "+string(rec.Type)+" records")
		}
		out = recordJSON{Type: "Feature", ID: rec.HID, RecordType: rec.Type, Version: rec.Version,
			Geometry:   geo.AppendGeoJSON(nil, auth.GeometryFor(c, rec.Type, rec.Index, rec.Geometry, a.generalise)),
			Properties: auth.PropertiesFor(c, rec.Type, auth.RecordProperties(c, rec.Type, rec.Organisation, rec.Properties), a.generalise),
			Linked:     []linkJSON{}}
		for _, l := range rec.Links {
			if linkReadable(c, l.HID) {
				out.Linked = append(out.Linked, linkJSON{Rel: string(l.Rel), ID: l.HID})
			}
		}
		deps, err := tx.Dependents(r.Context(), rec.ID)
		if err != nil {
			return err
		}
		for _, d := range deps {
			if linkReadable(c, d.HID) {
				out.Linked = append(out.Linked, linkJSON{Rel: "linked_from", ID: d.HID})
			}
		}
		if rec.Type == mineaction.TypeHazard {
			if out.Figures, err = tx.Figures(r.Context(), rec.ID); err != nil {
				return err
			}
		}
		out.Links = []link{
			{Href: "/api/v1/records/" + rec.HID, Rel: "self", Type: "application/geo+json"},
			{Href: "/api/v1/records/" + rec.HID + "/history", Rel: "version-history", Type: "application/json"},
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(out.Version))
	w.Header().Set("Cache-Control", "private, no-cache")
	return httpx.WriteJSON(w, http.StatusOK, "application/geo+json", out)
}

// linkReadable reports whether a linked record's id may be listed to the
// caller: not a victim's to one who sees victims only as counts.
func linkReadable(c auth.Caller, hid string) bool {
	t, ok := mineaction.TypeOfHID(hid)
	return !ok || auth.MayRead(c, t)
}

func deny(c auth.Caller, what string) error {
	if c.Anonymous() {
		return &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "sign in first"}
	}
	return mineaction.Forbiddenf("you may not %s", what)
}

// versionJSON is one version in a record's history, with what changed.
type versionJSON struct {
	*mineaction.Version
	Geometry json.RawMessage     `json:"geometry"`
	Changes  []mineaction.Change `json:"changes"`
}

// History handles GET /api/v1/records/{hid}/history: every version, who
// approved it and when, and what changed field by field.
func (a *API) History(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
		return deny(c, "read records")
	}
	hid := r.PathValue("hid")
	if t, ok := mineaction.TypeOfHID(hid); ok && !auth.MayRead(c, t) {
		return deny(c, "read "+string(t)+" records")
	}
	var out []versionJSON
	err := a.store.View(r.Context(), func(tx mineaction.Tx) error {
		rec, err := tx.RecordByHID(r.Context(), hid)
		if err != nil {
			return mineaction.NotFoundf("no record %s", hid)
		}
		if !auth.MayRead(c, rec.Type) {
			return deny(c, "read "+string(rec.Type)+" records")
		}
		vs, err := tx.Versions(r.Context(), rec.ID)
		if err != nil {
			return err
		}
		var prev *mineaction.Version
		for _, v := range vs {
			view := *v
			view.Properties = auth.PropertiesFor(c, rec.Type, auth.RecordProperties(c, rec.Type, rec.Organisation, v.Properties), a.generalise)
			vj := versionJSON{Version: &view, Geometry: geo.AppendGeoJSON(nil, auth.GeometryFor(c, rec.Type, rec.Index, v.Geometry, a.generalise))}
			shown := auth.GeometryFor(c, rec.Type, rec.Index, v.Geometry, a.generalise)
			if prev != nil {
				vj.Changes = mineaction.Diff(prev.Properties, view.Properties, auth.GeometryFor(c, rec.Type, rec.Index, prev.Geometry, a.generalise), shown)
			} else {
				vj.Changes = mineaction.Diff(nil, view.Properties, nil, shown)
			}
			out = append(out, vj)
			if v.Applied && v.UndoneAt == nil {
				prev = &view
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	return httpx.WriteJSON(w, http.StatusOK, "", map[string]any{"id": hid, "versions": out})
}
