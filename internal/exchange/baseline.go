// Package exchange brings data in from other systems. ReadBaseline reads a
// legacy baseline of hazardous areas, and optionally the land released
// from them, from GeoJSON, the way a national authority loads the data it
// inherited; Import enters it through the review workflow, all of it or
// nothing.
//
// Hazards: a FeatureCollection of Polygon or MultiPolygon features whose
// properties map onto the hazard record as follows (the first name found
// is used; case matters):
//
//	category             category, type, hazard_category: SHA or CHA (also "suspected", "confirmed"); required
//	date_of_information  date_of_information, reported, date: YYYY-MM-DD; required
//	status               status: open, worked_on or closed; default open
//	hazard_type          hazard_type: a hazard type code; default mixed
//	organisation         organisation, organization, operator: a code; default the importing user's
//	admin_area           admin_area, district: an admin area code or name (any case); when none
//	                     matches, the admin area is derived from the polygon
//	name, place, priority, notes, eo_suspected, eo_confirmed, evidence,
//	evidence_reliability, blockages: as in the hazard record
//
// The feature's id (or properties.id, or properties.hid) is its key, which
// releases refer to; a legacy human id (hid) or id is noted in the notes.
// A CHA that lists neither confirmed ordnance nor evidence gets the
// evidence "other": the baseline classified it confirmed without saying
// why. Other properties are ignored and counted.
//
// Releases: a FeatureCollection of Polygon or MultiPolygon features with
// properties hazard_id (or hazard: a key of the hazards file, or the human
// id of a hazard already in the database), kind (cancelled, reduced or
// cleared) and released (or date, end_date). Each becomes a completed
// activity on its hazard, dated the release date: cancelled land a
// non-technical survey (nts), reduced land a technical survey (ts), cleared
// land a clearance, with the polygon as its outcome.
package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Hazard is one hazard feature of a baseline, mapped onto the record.
type Hazard struct {
	Index int    // position in the file, from 0
	Key   string // what releases call it
	// Feature is the hazard as a GeoJSON feature with the record's
	// properties.
	Feature json.RawMessage
	// Defaulted lists the properties that were given defaults.
	Defaulted []string
}

// Release is one released polygon of a baseline.
type Release struct {
	Index    int
	Hazard   string // the key of its hazard
	Kind     string
	Date     mineaction.Date
	Geometry json.RawMessage
}

// Baseline is what ReadBaseline found.
type Baseline struct {
	Hazards  []Hazard
	Releases []Release
	// Ignored counts the properties that were not mapped, by name.
	Ignored map[string]int
}

// Options adjust the reading.
type Options struct {
	// Organisation is the default organisation of the hazards.
	Organisation string
	// AdminAreas are matched against admin_area or district by code, then
	// by name.
	AdminAreas []*mineaction.AdminArea
	// Rules validate each hazard as the workflow will, so that every bad
	// feature is reported at once.
	Rules mineaction.Rules
}

// FeatureErrors lists the features that could not be read, each with its
// file, index and reason.
type FeatureErrors []FeatureError

// FeatureError is one faulty feature.
type FeatureError struct {
	File   string // "hazards" or "releases"
	Index  int
	Reason string
}

func (e FeatureError) String() string {
	return fmt.Sprintf("%s feature %d: %s", e.File, e.Index, e.Reason)
}

// Error lists up to ten faults.
func (fe FeatureErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad feature(s)", len(fe))
	for i, e := range fe {
		if i == 10 {
			fmt.Fprintf(&b, "; and %d more", len(fe)-10)
			break
		}
		b.WriteString("; ")
		b.WriteString(e.String())
	}
	return b.String()
}

// feature is a GeoJSON feature as read.
type feature struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id"`
	Geometry   json.RawMessage            `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
}

// readCollection reads the features of a GeoJSON FeatureCollection.
func readCollection(r io.Reader, file string) ([]feature, error) {
	var fc struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&fc); err != nil {
		return nil, fmt.Errorf("%s: not a GeoJSON FeatureCollection: %w", file, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: type is %q, want FeatureCollection", file, fc.Type)
	}
	return fc.Features, nil
}

// str reads a string property (numbers are accepted as their text).
func str(p map[string]json.RawMessage, names ...string) (string, string) {
	for _, n := range names {
		raw, ok := p[n]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return strings.TrimSpace(s), n
		}
		var num json.Number
		if json.Unmarshal(raw, &num) == nil {
			return num.String(), n
		}
	}
	return "", ""
}

// key returns a feature's key: its id, else properties.id, else hid.
func key(f feature) string {
	var s string
	if json.Unmarshal(f.ID, &s) == nil && s != "" {
		return s
	}
	var n json.Number
	if json.Unmarshal(f.ID, &n) == nil && n != "" {
		return n.String()
	}
	k, _ := str(f.Properties, "id", "hid")
	return k
}

// polygonal parses a feature's geometry, which must be areal.
func polygonal(raw json.RawMessage) (geo.Geometry, error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil, fmt.Errorf("geometry: required; a Polygon or MultiPolygon")
	}
	g, err := geo.ParseGeoJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("geometry: %v", err)
	}
	if g.Type() != "Polygon" && g.Type() != "MultiPolygon" {
		return nil, fmt.Errorf("geometry: a %s; want a Polygon or MultiPolygon", g.Type())
	}
	return g, nil
}

// ReadReleases reads a file of released polygons.
func ReadReleases(r io.Reader) ([]Release, error) {
	fs, err := readCollection(r, "releases")
	if err != nil {
		return nil, err
	}
	var out []Release
	var bad FeatureErrors
	for i, f := range fs {
		fail := func(format string, args ...any) {
			bad = append(bad, FeatureError{File: "releases", Index: i, Reason: fmt.Sprintf(format, args...)})
		}
		h, _ := str(f.Properties, "hazard_id", "hazard")
		kind, _ := str(f.Properties, "kind")
		date, _ := str(f.Properties, "released", "date", "end_date")
		switch {
		case h == "":
			fail("properties.hazard_id: required; the id of its hazard")
		case !mineaction.ReleaseKind.Has(kind):
			fail("properties.kind: %q; want cancelled, reduced or cleared", kind)
		case !mineaction.Date(date).Valid():
			fail("properties.released: %q is not a date YYYY-MM-DD", date)
		default:
			if _, err := polygonal(f.Geometry); err != nil {
				fail("%v", err)
				continue
			}
			out = append(out, Release{Index: i, Hazard: h, Kind: kind, Date: mineaction.Date(date), Geometry: f.Geometry})
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return out, nil
}

// ActivityType is the activity that releases land of a kind.
func ActivityType(kind string) string {
	switch kind {
	case "cancelled":
		return "nts"
	case "reduced":
		return "ts"
	}
	return "clearance"
}

// normCategory reads SHA or CHA in the forms legacy data writes them.
func normCategory(s string) string {
	switch strings.ToLower(s) {
	case "sha", "suspected", "suspected hazardous area":
		return "SHA"
	case "cha", "confirmed", "confirmed hazardous area":
		return "CHA"
	}
	return s
}

// adminArea matches a code or name against the admin areas.
func adminArea(v string, areas []*mineaction.AdminArea) string {
	for _, a := range areas {
		if a.Code == v {
			return a.Code
		}
	}
	for _, a := range areas {
		if strings.EqualFold(a.Name, v) {
			return a.Code
		}
	}
	return ""
}

// mapped are the property names ReadBaseline understands.
var mapped = []string{"category", "type", "hazard_category", "date_of_information", "reported", "date", "status", "hazard_type",
	"organisation", "organization", "operator", "admin_area", "district", "name", "place", "priority", "notes",
	"eo_suspected", "eo_confirmed", "evidence", "evidence_reliability", "blockages", "id", "hid"}
