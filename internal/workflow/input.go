package workflow

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Input is a report as a client sends it (POST /api/v1/reports).
type Input struct {
	RecordType mineaction.RecordType `json:"record_type"`
	// RecordID is the human id of the record an update or removal changes.
	RecordID string `json:"record_id,omitempty"`
	// Version is the record version the update was based on.
	Version int  `json:"version,omitempty"`
	Delete  bool `json:"delete,omitempty"`
	// Feature is the record as a GeoJSON feature.
	Feature json.RawMessage `json:"feature,omitempty"`
	// Submit submits the report at once instead of staging it.
	Submit bool `json:"submit,omitempty"`
	// AcceptIssues stages a report whose references are unknown, with
	// import issues that block its approval, instead of refusing it.
	AcceptIssues bool `json:"accept_issues,omitempty"`
	// KeepPersonal is set by a channel that does not show victims'
	// personal data (a form without its fields): recorded personal data is
	// then kept whoever the caller is (see carryPersonal).
	KeepPersonal bool `json:"-"`
}

// DecodeInput decodes a report request body strictly.
func DecodeInput(body []byte) (Input, error) {
	var in Input
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, jsonError("", err)
	}
	if dec.More() {
		return in, mineaction.Invalid("body", "trailing data after the JSON object")
	}
	return in, nil
}

// jsonError turns a decoding error into a field error under prefix.
func jsonError(prefix string, err error) error {
	field := func(f string) string {
		if prefix == "" {
			return f
		}
		if f == "" {
			return prefix
		}
		return prefix + "." + f
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return mineaction.Invalid(field("body"), "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return mineaction.Invalid(field(te.Field), "expected %s, got a JSON %s", mineaction.JSONTypeName(te.Type), te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return mineaction.Invalid(field(f), "unknown field")
	case err.Error() == "EOF":
		return mineaction.Invalid(field("body"), "empty; a JSON object is required")
	}
	return mineaction.Invalid(field("body"), "%v", err)
}

// feature is a GeoJSON Feature.
type feature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id,omitempty"`
	BBox       json.RawMessage `json:"bbox,omitempty"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// decodeFeature parses a GeoJSON feature into a record of type t and its
// geometry. Field errors are named from the feature ("feature.properties.x").
func decodeFeature(t mineaction.RecordType, raw json.RawMessage) (mineaction.Record, geo.Geometry, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil, mineaction.Invalid("feature", "required; a GeoJSON Feature with the record's properties")
	}
	var f feature
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, jsonError("feature", err)
	}
	if f.Type != "Feature" {
		return nil, nil, mineaction.Invalid("feature.type", "must be \"Feature\"")
	}
	var g geo.Geometry
	if gb := bytes.TrimSpace(f.Geometry); len(gb) > 0 && string(gb) != "null" {
		var err error
		g, err = geo.ParseGeoJSON(gb)
		if err != nil {
			if pe, ok := err.(*geo.PathError); ok {
				return nil, nil, mineaction.Invalid(joinField("feature.geometry", pe.Path), "%s", pe.Reason)
			}
			return nil, nil, mineaction.Invalid("feature.geometry", "%v", err)
		}
	}
	rec, err := mineaction.DecodeProperties(t, f.Properties)
	if err != nil {
		return nil, nil, prefixFields("feature.", err)
	}
	return rec, g, nil
}

func joinField(a, b string) string {
	if b == "" {
		return a
	}
	return a + "." + b
}

// prefixFields prefixes the field names of an invalid-input error.
func prefixFields(prefix string, err error) error {
	e, ok := err.(*mineaction.Error)
	if !ok || e.Kind != mineaction.KindInvalid {
		return err
	}
	out := *e
	out.Fields = make([]mineaction.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		out.Fields[i] = mineaction.FieldError{Field: prefix + f.Field, Reason: f.Reason}
	}
	return &out
}

// draft is a validated report body, ready to store.
type draft struct {
	rec      mineaction.Record
	geom     geo.Geometry
	props    json.RawMessage
	issues   []mineaction.Issue
	warnings []mineaction.Warning
	target   *mineaction.RecordState // the record an update or removal changes
}

// prepare validates an input against the database as it stands in tx.
// edited is the stored report the input replaces, nil for a new report.
func (s *Service) prepare(ctx context.Context, tx mineaction.Tx, c auth.Caller, in Input, edited *mineaction.Report) (*draft, error) {
	// Who may enter reports at all is decided before anything is read or
	// validated; the organisation is checked once the record is decoded.
	if err := allow(c, auth.CreateReport, auth.Resource{Organisation: c.Organisation}, "enter reports"); err != nil {
		return nil, err
	}
	if !in.RecordType.Valid() {
		return nil, mineaction.Invalid("record_type", "unknown record type %q; one of hazard, activity, find, accident, victim, education, qm_visit, task", in.RecordType)
	}
	d := &draft{}
	if in.RecordID != "" {
		if t, ok := mineaction.TypeOfHID(in.RecordID); !ok || t != in.RecordType {
			return nil, mineaction.Invalid("record_id", "%q is not the human id of a %s", in.RecordID, in.RecordType)
		}
		cur, err := tx.RecordByHID(ctx, in.RecordID)
		if err != nil || cur.Deleted {
			return nil, mineaction.Invalid("record_id", "no current %s %s", in.RecordType, in.RecordID)
		}
		if in.Version < 1 {
			return nil, mineaction.Invalid("version", "required for an update: the version of %s you changed (now %d)", in.RecordID, cur.Version)
		}
		if in.Version != cur.Version {
			return nil, mineaction.Conflictf("%s is at version %d; the report is based on version %d: reload it and apply your change again", in.RecordID, cur.Version, in.Version)
		}
		d.target = cur
	} else if in.Delete {
		return nil, mineaction.Invalid("record_id", "required to remove a record")
	}
	filled := false
	if in.Delete && len(bytes.TrimSpace(in.Feature)) == 0 {
		// A removal carries the record as it stands.
		in.Feature, filled = currentFeature(d.target), true
	}
	rec, g, err := decodeFeature(in.RecordType, in.Feature)
	if err != nil {
		return nil, err
	}
	if !filled {
		if err := carryPersonal(c, in, rec, personalBasis(edited, d.target, in)); err != nil {
			return nil, err
		}
	}
	b := mineaction.BaseOf(rec)
	if b.Organisation == "" {
		b.Organisation = c.Organisation
	}
	if d.target != nil {
		b.HID = d.target.HID
	} else {
		b.HID = ""
	}
	if err := mineaction.Check(rec, g, s.rules(ctx, tx)); err != nil {
		return nil, prefixFields("feature.", err)
	}
	if err := allow(c, auth.CreateReport, auth.Resource{Organisation: b.Organisation}, "enter reports for "+b.Organisation); err != nil {
		return nil, err
	}
	d.rec, d.geom = rec, geo.Normalize(g)
	normalizeNested(rec)
	d.props, err = json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode properties: %w", err)
	}
	look := newLookup(tx)
	d.issues, err = s.resolve(ctx, look, rec)
	if err != nil {
		return nil, err
	}
	if len(d.issues) > 0 && !in.AcceptIssues {
		var fe mineaction.FieldErrors
		for _, is := range d.issues {
			fe.Add("feature."+is.Field, "%s", is.Reason)
		}
		return nil, fe.Err("the report refers to unknown reference data")
	}
	d.warnings, err = s.warnings(ctx, look, rec, d.geom)
	if err != nil {
		return nil, err
	}
	if d.target != nil && !in.Delete {
		d.warnings = append(d.warnings, moved(d.target, d.geom)...)
	}
	return d, nil
}

// personalBasis returns what a report's victims' personal data is carried
// over from (see carryPersonal): the stored report being edited, if it is
// about the same record at the same version (or is a new record still);
// otherwise the version of the record the report is based on; nil for a
// new record.
func personalBasis(edited *mineaction.Report, target *mineaction.RecordState, in Input) *basis {
	if edited != nil && edited.RecordType == in.RecordType && edited.RecordHID == in.RecordID &&
		(in.RecordID == "" || edited.Version == in.Version) {
		return &basis{rt: edited.RecordType, organisation: edited.Organisation, props: edited.Properties}
	}
	if target != nil {
		return &basis{rt: target.Type, organisation: target.Organisation, props: target.Properties}
	}
	return nil
}

// currentFeature renders a record's current state as a GeoJSON feature.
func currentFeature(r *mineaction.RecordState) json.RawMessage {
	var b bytes.Buffer
	b.WriteString(`{"type":"Feature","geometry":`)
	b.Write(geo.AppendGeoJSON(nil, r.Geometry))
	b.WriteString(`,"properties":`)
	b.Write(r.Properties)
	b.WriteString(`}`)
	return b.Bytes()
}

// normalizeNested normalises geometries nested in properties (activity
// outcomes and find positions) so that what is stored is oriented the same
// way as top-level geometries.
func normalizeNested(rec mineaction.Record) {
	a, ok := rec.(*mineaction.Activity)
	if !ok {
		return
	}
	for i := range a.Outcomes {
		if a.Outcomes[i].Parsed != nil {
			a.Outcomes[i].Parsed = geo.Normalize(a.Outcomes[i].Parsed)
			a.Outcomes[i].Geometry = mineaction.GeometryJSONOf(a.Outcomes[i].Parsed)
		}
	}
	for i := range a.Finds {
		if a.Finds[i].Parsed != nil {
			a.Finds[i].Geometry = mineaction.GeometryJSONOf(a.Finds[i].Parsed)
		}
	}
}
