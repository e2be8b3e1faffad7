package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// values shows the properties of a record or report as the form named
// them: an enum's label rather than its code, released land as its kind and
// area, items found as their quantity and ordnance. Record and report pages
// showed these as JSON (review5 M9).
type values struct {
	spec     *formSpec
	ordnance map[string]*mineaction.Ordnance
	// generalised is set for callers who see positions on a coarse grid
	// (auth.PropertiesFor): the area of a generalised polygon is not the
	// land's, so none is shown.
	generalised bool
}

// valuesFor reads what values needs to show records of type t to c.
func (w *Web) valuesFor(ctx context.Context, tx mineaction.Tx, c auth.Caller, t mineaction.RecordType) (values, error) {
	v := values{spec: forms[t], ordnance: map[string]*mineaction.Ordnance{}, generalised: auth.Generalises(c, w.cfg.GeneraliseDeg)}
	list, err := tx.OrdnanceList(ctx)
	for _, o := range list {
		v.ordnance[o.Code] = o
	}
	return v, err
}

// facts lists the top-level properties in the order they are stored.
func (v values) facts(props json.RawMessage) []fact {
	dec := json.NewDecoder(bytes.NewReader(props))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []fact
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return out
		}
		var x any
		if err := dec.Decode(&x); err != nil {
			return out
		}
		key := fmt.Sprint(kt)
		out = append(out, fact{Key: key, Value: v.value(key, x)})
	}
	return out
}

// changes lists what changed, each value shown as in facts.
func (v values) changes(from, to json.RawMessage, fromGeom, toGeom geo.Geometry) []changeView {
	var out []changeView
	for _, ch := range mineaction.Diff(from, to, fromGeom, toGeom) {
		out = append(out, changeView{Field: ch.Field, From: v.raw(ch.Field, ch.From), To: v.raw(ch.Field, ch.To)})
	}
	return out
}

// raw shows a property's JSON value; a geometry, as it is but shortened
// (the map shows it).
func (v values) raw(field string, b json.RawMessage) string {
	if field == "geometry" && string(b) != "null" {
		if len(b) > 300 {
			return string(b[:300]) + "…"
		}
		return string(b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if dec.Decode(&x) != nil {
		return string(b)
	}
	return v.value(field, x)
}

// value shows the property field with the value x.
func (v values) value(field string, x any) string {
	if x == nil {
		return "—"
	}
	if list, ok := x.([]any); ok && len(list) == 0 {
		return "—"
	}
	switch field {
	case "geometry":
		b, _ := json.Marshal(x)
		return string(b)
	case "outcomes":
		return v.rows(x, v.outcome)
	case "finds":
		return v.rows(x, v.find)
	case "ordnance":
		return v.ordnanceLabel(propString(x))
	}
	if f, ok := v.field(field); ok {
		return v.fieldValue(f, x)
	}
	if g, ok := v.group(field); ok {
		return v.rows(x, func(m map[string]any) string { return v.object(g.Fields, m) })
	}
	if m, ok := x.(map[string]any); ok {
		return v.object(nil, m)
	}
	return propString(x)
}

// fieldValue shows an input's value: enum codes as their labels.
func (v values) fieldValue(f fieldSpec, x any) string {
	switch f.Kind {
	case "enum":
		return msgs.enumLabel(f.Enum.Name, propString(x))
	case "enums":
		list, _ := x.([]any)
		labels := make([]string, len(list))
		for i, c := range list {
			labels[i] = msgs.enumLabel(f.Enum.Name, propString(c))
		}
		return strings.Join(labels, ", ")
	case "ordnance":
		return v.ordnanceLabel(propString(x))
	}
	return propString(x)
}

// rows shows a list of objects one a line, numbered.
func (v values) rows(x any, row func(map[string]any) string) string {
	list, ok := x.([]any)
	if !ok {
		return propString(x)
	}
	lines := make([]string, len(list))
	for i, e := range list {
		m, _ := e.(map[string]any)
		lines[i] = fmt.Sprintf("%d. %s", i+1, row(m))
	}
	return strings.Join(lines, "\n")
}

// outcome shows released land: its kind and its area in hectares,
// geodesic on the ellipsoid as the figures compute it.
func (v values) outcome(m map[string]any) string {
	s := msgs.enumLabel(mineaction.ReleaseKind.Name, propString(m["kind"]))
	if g := geometryOf(m["geometry"]); g != nil && !v.generalised {
		if a := geo.StraightArea(g); a > 0 {
			s += ": " + formatNumber(a/1e4, 2) + " ha"
		}
	}
	return s
}

// find shows an item found: quantity and ordnance, then its other facts.
func (v values) find(m map[string]any) string {
	s := propString(m["quantity"]) + " × " + v.ordnanceLabel(propString(m["ordnance"]))
	var fields []fieldSpec
	if g, ok := v.group("finds"); ok {
		for _, f := range g.Fields {
			if f.Name != "quantity" && f.Name != "ordnance" {
				fields = append(fields, f)
			}
		}
	}
	rest := map[string]any{}
	for k, x := range m {
		if k != "quantity" && k != "ordnance" {
			rest[k] = x
		}
	}
	if o := v.object(fields, rest); o != "" {
		s += "; " + o
	}
	return s
}

// object shows the properties of a list's row with their labels, those
// of fields in the order of the form, then any others by name; not its
// geometry, which the map shows.
func (v values) object(fields []fieldSpec, m map[string]any) string {
	var parts []string
	done := map[string]bool{}
	add := func(k, text string) {
		if text != "" {
			parts = append(parts, msgs.fieldLabel(k)+": "+text)
		}
		done[k] = true
	}
	for _, f := range fields {
		if x, ok := m[f.Name]; ok && x != nil {
			add(f.Name, v.fieldValue(f, x))
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !done[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch x := m[k].(type) {
		case nil:
		case map[string]any:
			// A row's position is on the map.
			if k != "geometry" {
				add(k, "{"+v.object(nil, x)+"}")
			}
		default:
			add(k, propString(x))
		}
	}
	return strings.Join(parts, "; ")
}

// ordnanceLabel is an ordnance code with its category and subcategory.
func (v values) ordnanceLabel(code string) string {
	o, ok := v.ordnance[code]
	if !ok || (o.Category == "" && o.Subcategory == "") {
		return code
	}
	var what []string
	for _, s := range []string{o.Category, o.Subcategory} {
		if s != "" {
			what = append(what, s)
		}
	}
	return code + " (" + strings.Join(what, ", ") + ")"
}

// field finds the input of the form named name.
func (v values) field(name string) (fieldSpec, bool) {
	if v.spec != nil {
		for _, f := range v.spec.Fields {
			if f.Name == name {
				return f, true
			}
		}
	}
	return fieldSpec{}, false
}

// group finds the repeated group of the form named name.
func (v values) group(name string) (groupSpec, bool) {
	if v.spec != nil {
		for _, g := range v.spec.Groups {
			if g.Name == name {
				return g, true
			}
		}
	}
	return groupSpec{}, false
}

// geometryOf reads a GeoJSON geometry decoded as a map; nil if it is none.
func geometryOf(x any) geo.Geometry {
	m, ok := x.(map[string]any)
	if !ok {
		return nil
	}
	b, _ := json.Marshal(m)
	g, err := geo.ParseGeoJSON(b)
	if err != nil {
		return nil
	}
	return g
}
