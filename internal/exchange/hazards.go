package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"mineaction/internal/mineaction"
)

// ReadBaseline reads a baseline: hazards, and releases when that reader is
// not nil. Every feature is checked as the workflow will check it, and
// every bad one is reported, by file and index, in a FeatureErrors.
func ReadBaseline(hazards, releases io.Reader, opt Options) (*Baseline, error) {
	fs, err := readCollection(hazards, "hazards")
	if err != nil {
		return nil, err
	}
	b := &Baseline{Ignored: map[string]int{}}
	var bad FeatureErrors
	keys := map[string]int{}
	for i, f := range fs {
		h, err := mapHazard(i, f, opt, b.Ignored)
		if err == nil {
			if j, dup := keys[h.Key]; dup {
				err = fmt.Errorf("id %q is also the id of feature %d", h.Key, j)
			}
		}
		if err != nil {
			bad = append(bad, FeatureError{File: "hazards", Index: i, Reason: err.Error()})
			continue
		}
		keys[h.Key] = i
		b.Hazards = append(b.Hazards, h)
	}
	if releases != nil {
		rs, err := ReadReleases(releases)
		var fe FeatureErrors
		switch {
		case err == nil:
		case asFeatureErrors(err, &fe):
			bad = append(bad, fe...)
		default:
			return nil, err
		}
		for _, r := range rs {
			if _, ok := keys[r.Hazard]; !ok {
				if t, hid := mineaction.TypeOfHID(r.Hazard); !hid || t != mineaction.TypeHazard {
					bad = append(bad, FeatureError{File: "releases", Index: r.Index, Reason: fmt.Sprintf("properties.hazard_id: no hazard %q in the hazards file", r.Hazard)})
					continue
				}
			}
			b.Releases = append(b.Releases, r)
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return b, nil
}

func asFeatureErrors(err error, out *FeatureErrors) bool {
	fe, ok := err.(FeatureErrors)
	*out = fe
	return ok
}

// mapHazard maps a feature's properties onto a hazard record and checks it.
func mapHazard(i int, f feature, opt Options, ignored map[string]int) (Hazard, error) {
	p := f.Properties
	h := Hazard{Index: i, Key: key(f)}
	if h.Key == "" {
		h.Key = fmt.Sprint(i + 1)
	}
	out := map[string]any{}
	cat, _ := str(p, "category", "type", "hazard_category")
	if cat == "" {
		return h, fmt.Errorf("properties.category: required; SHA or CHA (also read from type)")
	}
	out["category"] = normCategory(cat)
	doi, _ := str(p, "date_of_information", "reported", "date")
	if doi == "" {
		return h, fmt.Errorf("properties.date_of_information: required; the date the baseline was true, YYYY-MM-DD (also read from reported)")
	}
	out["date_of_information"] = doi
	def := func(name, value string) {
		out[name] = value
		h.Defaulted = append(h.Defaulted, name)
	}
	if v, _ := str(p, "status"); v != "" {
		out["status"] = v
	} else {
		def("status", "open")
	}
	if v, _ := str(p, "hazard_type"); v != "" {
		out["hazard_type"] = v
	} else {
		def("hazard_type", "mixed")
	}
	if v, _ := str(p, "organisation", "organization", "operator"); v != "" {
		out["organisation"] = v
	} else if opt.Organisation != "" {
		def("organisation", opt.Organisation)
	} else {
		return h, fmt.Errorf("properties.organisation: required (or import as a user of an organisation)")
	}
	if v, _ := str(p, "admin_area", "district"); v != "" {
		if code := adminArea(v, opt.AdminAreas); code != "" {
			out["admin_area"] = code
		} else {
			h.Defaulted = append(h.Defaulted, "admin_area")
		}
	}
	for _, n := range []string{"name", "place", "priority", "evidence_reliability"} {
		if v, _ := str(p, n); v != "" {
			out[n] = v
		}
	}
	for _, n := range []string{"eo_suspected", "eo_confirmed", "evidence", "blockages"} {
		raw, ok := p[n]
		if !ok || string(raw) == "null" {
			continue
		}
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return h, fmt.Errorf("properties.%s: a list of codes, e.g. [\"ap_mine\"]", n)
		}
		out[n] = list
	}
	if out["category"] == "CHA" && out["eo_confirmed"] == nil && out["evidence"] == nil {
		out["evidence"] = []string{"other"}
		h.Defaulted = append(h.Defaulted, "evidence")
	}
	notes, _ := str(p, "notes")
	if legacy, _ := str(p, "hid", "id"); legacy != "" {
		notes = strings.TrimSpace(notes + "\nBaseline import: legacy id " + legacy + ".")
	}
	if notes != "" {
		out["notes"] = notes
	}
	for k := range p {
		if !slices.Contains(mapped, k) {
			ignored[k]++
		}
	}
	g, err := polygonal(f.Geometry)
	if err != nil {
		return h, err
	}
	props, err := json.Marshal(out)
	if err != nil {
		return h, err
	}
	rec, err := mineaction.DecodeProperties(mineaction.TypeHazard, props)
	if err == nil {
		err = mineaction.Check(rec, g, opt.Rules)
	}
	if err != nil {
		return h, flat(err)
	}
	h.Feature, err = json.Marshal(map[string]any{"type": "Feature", "geometry": json.RawMessage(f.Geometry), "properties": json.RawMessage(props)})
	return h, err
}

// flat writes a validation error as one line naming each field.
func flat(err error) error {
	var e *mineaction.Error
	if me, ok := err.(*mineaction.Error); ok {
		e = me
	}
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	var parts []string
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Reason)
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}
