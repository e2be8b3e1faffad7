package ogcapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// OGC API Features Part 4 (create, replace, update, delete) on the
// writable collections. A write never changes data: it enters a report,
// submitted for review unless ?submit=false stages it, and answers 202
// Accepted with the report's location. The feature changes when a verifier
// approves the report, through the same validation and workflow as the
// JSON API.

// WritableCollections returns the ids of the collections that accept
// transactions, for the routes.
func (s *Service) WritableCollections() []string {
	var out []string
	for _, c := range s.colls {
		if c.Writable {
			out = append(out, c.ID)
		}
	}
	return out
}

// CreateItem handles POST /ogcapi/collections/{id}/items.
func (s *Service) CreateItem(w http.ResponseWriter, r *http.Request) error {
	c, submit, err := s.writeTarget(r)
	if err != nil {
		return err
	}
	body, err := readFeature(r)
	if err != nil {
		return err
	}
	rep, err := s.wf.CreateReport(r.Context(), httpx.CallerOf(r), workflow.Input{RecordType: c.Type, Feature: stripComputed(c, body), Submit: submit})
	if err != nil {
		return err
	}
	return s.accepted(w, r, rep)
}

// ReplaceItem handles PUT /ogcapi/collections/{id}/items/{fid}.
func (s *Service) ReplaceItem(w http.ResponseWriter, r *http.Request) error {
	c, submit, err := s.writeTarget(r)
	if err != nil {
		return err
	}
	cur, err := s.current(r, c)
	if err != nil {
		return err
	}
	body, err := readFeature(r)
	if err != nil {
		return err
	}
	rep, err := s.wf.CreateReport(r.Context(), httpx.CallerOf(r), workflow.Input{RecordType: c.Type, RecordID: cur.HID,
		Version: cur.Version, Feature: stripComputed(c, body), Submit: submit})
	if err != nil {
		return err
	}
	return s.accepted(w, r, rep)
}

// UpdateItem handles PATCH /ogcapi/collections/{id}/items/{fid}: the body is
// a JSON Merge Patch (RFC 7396) of the feature, applied to the record as
// approved.
func (s *Service) UpdateItem(w http.ResponseWriter, r *http.Request) error {
	c, submit, err := s.writeTarget(r)
	if err != nil {
		return err
	}
	cur, err := s.current(r, c)
	if err != nil {
		return err
	}
	patch, err := readFeature(r)
	if err != nil {
		return err
	}
	var doc any
	orig := []byte(`{"type":"Feature","geometry":` + string(geo.AppendGeoJSON(nil, cur.Geometry)) + `,"properties":` + string(cur.Properties) + `}`)
	if err := json.Unmarshal(orig, &doc); err != nil {
		return fmt.Errorf("decode %s: %w", cur.HID, err)
	}
	var p any
	if err := json.Unmarshal(patch, &p); err != nil {
		return httpx.BadRequest{Err: mineaction.Invalid("body", "not JSON")}
	}
	if pm, ok := p.(map[string]any); ok {
		delete(pm, "id") // ids in the body are ignored
	}
	merged, err := json.Marshal(mergePatch(doc, p))
	if err != nil {
		return fmt.Errorf("encode patched %s: %w", cur.HID, err)
	}
	rep, err := s.wf.CreateReport(r.Context(), httpx.CallerOf(r), workflow.Input{RecordType: c.Type, RecordID: cur.HID,
		Version: cur.Version, Feature: stripComputed(c, merged), Submit: submit})
	if err != nil {
		return err
	}
	return s.accepted(w, r, rep)
}

// DeleteItem handles DELETE /ogcapi/collections/{id}/items/{fid}: a report
// removing the record, dated today.
func (s *Service) DeleteItem(w http.ResponseWriter, r *http.Request) error {
	c, submit, err := s.writeTarget(r)
	if err != nil {
		return err
	}
	cur, err := s.current(r, c)
	if err != nil {
		return err
	}
	// The removal carries the record as it stands, dated today: a report
	// changes the current view only if its date of information is later.
	var props map[string]any
	if err := json.Unmarshal(cur.Properties, &props); err != nil {
		return fmt.Errorf("decode %s: %w", cur.HID, err)
	}
	props["date_of_information"] = string(mineaction.DateOf(s.cfg.Now()))
	feature, err := json.Marshal(map[string]any{"type": "Feature", "geometry": json.RawMessage(geo.AppendGeoJSON(nil, cur.Geometry)), "properties": props})
	if err != nil {
		return err
	}
	rep, err := s.wf.CreateReport(r.Context(), httpx.CallerOf(r), workflow.Input{RecordType: c.Type, RecordID: cur.HID,
		Version: cur.Version, Delete: true, Feature: feature, Submit: submit})
	if err != nil {
		return err
	}
	return s.accepted(w, r, rep)
}

// Options handles OPTIONS on items and on a feature: Allow lists the
// methods the collection supports (Part 4 /req/create-replace-delete/methods).
func (s *Service) Options(w http.ResponseWriter, r *http.Request) error {
	if _, err := readable(r); err != nil {
		return err
	}
	c, err := s.collection(r)
	if err != nil {
		return err
	}
	allow := "GET, HEAD, OPTIONS"
	if c.Writable {
		if r.PathValue("fid") == "" {
			allow = "GET, HEAD, POST, OPTIONS"
		} else {
			allow = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
		}
	}
	w.Header().Set("Allow", allow)
	if c.Writable && r.PathValue("fid") != "" {
		w.Header().Set("Accept-Patch", "application/merge-patch+json")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writeTarget checks a write request's collection and parameters.
func (s *Service) writeTarget(r *http.Request) (*collection, bool, error) {
	if _, err := readable(r); err != nil {
		return nil, false, err
	}
	c, err := s.collection(r)
	if err != nil {
		return nil, false, err
	}
	if !c.Writable {
		return nil, false, mineaction.Conflictf("%s is read-only here: enter reports through /api/v1/reports", c.ID)
	}
	submit := true
	for name, vs := range r.URL.Query() {
		if name != "submit" || len(vs) != 1 {
			return nil, false, badRequest(name, "unknown query parameter; known: submit")
		}
		b, err := strconv.ParseBool(vs[0])
		if err != nil {
			return nil, false, badRequest("submit", "true or false")
		}
		submit = b
	}
	return c, submit, nil
}

// current reads the record a replace, update or delete is about, and
// checks If-Match against its version: the feature's ETag carries it.
func (s *Service) current(r *http.Request, c *collection) (*mineaction.RecordState, error) {
	im := strings.TrimSpace(r.Header.Get("If-Match"))
	if im == "" {
		return nil, httpx.BadRequest{Err: mineaction.Invalid("If-Match", "required: the ETag of the feature as you read it")}
	}
	fid := r.PathValue("fid")
	var cur *mineaction.RecordState
	err := s.store.View(r.Context(), func(tx mineaction.Tx) error {
		var err error
		cur, err = tx.RecordByHID(r.Context(), fid)
		return err
	})
	if t, ok := mineaction.TypeOfHID(fid); errors.Is(err, mineaction.ErrNotFound) || (err == nil && (cur.Deleted || cur.Type != c.Type)) || !ok || t != c.Type {
		return nil, mineaction.NotFoundf("no feature %q in %s", fid, c.ID)
	}
	if err != nil {
		return nil, err
	}
	if im != "*" {
		v, ok := etagVersion(strings.TrimPrefix(im, "W/"))
		if strings.HasPrefix(im, "W/") || !ok {
			return nil, httpx.BadRequest{Err: mineaction.Invalid("If-Match", "expected the strong ETag of the feature, e.g. \"v3-...\"")}
		}
		if v != cur.Version {
			return nil, &mineaction.Error{Kind: mineaction.KindPrecondition,
				Msg: fmt.Sprintf("%s is at version %d, not %d: read it again and apply your change to it", cur.HID, cur.Version, v)}
		}
	}
	return cur, nil
}

// readFeature reads a JSON request body.
func readFeature(r *http.Request) ([]byte, error) {
	if err := httpx.RequireJSON(r); err != nil {
		return nil, err
	}
	return httpx.ReadBody(r, 0)
}

// accepted answers a write: 202, the report in Location and the body.
func (s *Service) accepted(w http.ResponseWriter, r *http.Request, rep *mineaction.Report) error {
	loc := strings.TrimSuffix(s.root(r), "/ogcapi") + "/api/v1/reports/" + strconv.FormatInt(rep.ID, 10)
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	return httpx.WriteJSON(w, http.StatusAccepted, "", map[string]any{
		"report": rep.ID, "status": rep.Status, "record_type": rep.RecordType, "record_id": rep.RecordHID,
		"message": "the report awaits review; the feature changes when a verifier approves it",
		"links":   []link{{Href: loc, Rel: "monitor", Type: mtJSON, Title: "the report"}},
	})
}

// mergePatch applies an RFC 7396 JSON Merge Patch.
func mergePatch(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
		} else {
			tm[k] = mergePatch(tm[k], v)
		}
	}
	return tm
}

// stripComputed removes from a feature the properties the API adds to
// records (version, updated_at, figures, a derived admin area) that are not
// fields of the record, so that a feature read can be written back.
func stripComputed(c *collection, feature []byte) []byte {
	var f map[string]json.RawMessage
	if json.Unmarshal(feature, &f) != nil {
		return feature // the workflow reports the error
	}
	delete(f, "links") // a feature as read carries its links
	var props map[string]json.RawMessage
	if json.Unmarshal(f["properties"], &props) != nil || props == nil {
		return feature
	}
	fields := recordFields(c.Type)
	for _, name := range []string{"hid", "version", "updated_at", "admin_area", "original_m2", "cancelled_m2", "reduced_m2", "cleared_m2", "remaining_m2"} {
		if !fields[name] {
			delete(props, name)
		}
	}
	f["properties"], _ = json.Marshal(props)
	out, err := json.Marshal(f)
	if err != nil {
		return feature
	}
	return bytes.TrimSpace(out)
}

// recordFields returns the JSON names of the fields of a record type.
func recordFields(t mineaction.RecordType) map[string]bool {
	out := map[string]bool{}
	rec, err := mineaction.NewRecord(t)
	if err != nil {
		return out
	}
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			out[name] = true
		}
	}
	walk(reflect.TypeOf(rec).Elem())
	return out
}
