package mineaction

import (
	"bytes"
	"encoding/json"
	"sort"

	"mineaction/internal/geo"
)

// Change is one field that differs between two versions of a record.
type Change struct {
	Field string          `json:"field"`
	From  json.RawMessage `json:"from"`
	To    json.RawMessage `json:"to"`
}

// Diff lists the top-level properties (and the geometry) that differ
// between two versions, in field order. A nil from means a new record.
func Diff(from, to json.RawMessage, fromGeom, toGeom geo.Geometry) []Change {
	a, b := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	if len(from) > 0 {
		json.Unmarshal(from, &a)
	}
	if len(to) > 0 {
		json.Unmarshal(to, &b)
	}
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	out := []Change{}
	null := json.RawMessage("null")
	for _, k := range names {
		x, y := a[k], b[k]
		if bytes.Equal(x, y) {
			continue
		}
		if x == nil {
			x = null
		}
		if y == nil {
			y = null
		}
		out = append(out, Change{Field: k, From: x, To: y})
	}
	fg, tg := geomJSON(fromGeom), geomJSON(toGeom)
	if !bytes.Equal(fg, tg) {
		out = append(out, Change{Field: "geometry", From: fg, To: tg})
	}
	return out
}

func geomJSON(g geo.Geometry) json.RawMessage {
	if g == nil {
		return json.RawMessage("null")
	}
	return geo.MarshalGeoJSON(g)
}
