package storetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
)

// feature shows a stored record to the CQL2 evaluator as the queryables of
// its type describe it: the reference for what a filter must select. A
// property without a value (an empty index field, a missing or null JSON
// property, a hazard without figures) is absent, that is NULL.
type feature struct {
	r     *mineaction.RecordState
	qs    map[string]mineaction.Queryable
	props map[string]any
}

func newFeature(r *mineaction.RecordState) (*feature, error) {
	f := &feature{r: r, qs: map[string]mineaction.Queryable{}}
	for _, q := range mineaction.Queryables(r.Type) {
		f.qs[q.Name] = q
	}
	dec := json.NewDecoder(bytes.NewReader(r.Properties))
	dec.UseNumber()
	if err := dec.Decode(&f.props); err != nil {
		return nil, fmt.Errorf("%s: properties: %w", r.HID, err)
	}
	return f, nil
}

func (f *feature) Geometry() geo.Geometry { return f.r.Geometry }

func (f *feature) Property(name string) (any, bool) {
	q, ok := f.qs[name]
	if !ok {
		return nil, false
	}
	if q.Prop != "" {
		return jsonValue(f.props[q.Prop], q.Type)
	}
	r := f.r
	text := func(s string) (any, bool) { return s, s != "" }
	date := func(d mineaction.Date) (any, bool) {
		t, ok := d.Time()
		return t, ok
	}
	figure := func(get func(*mineaction.Figures) float64) (any, bool) {
		if r.Figures == nil {
			return nil, false
		}
		return get(r.Figures), true
	}
	switch q.Column {
	case "hid":
		return r.HID, true
	case "organisation":
		return r.Organisation, true
	case "status":
		return text(r.Index.Status)
	case "category":
		return text(r.Index.Category)
	case "event_date":
		return date(r.Index.EventDate)
	case "quantity":
		return r.Index.Quantity, true
	case "doi":
		return date(r.DateOfInformation)
	case "admin_area":
		return text(r.AdminArea)
	case "updated_at":
		return r.UpdatedAt, true
	case "original_m2":
		return figure(func(f *mineaction.Figures) float64 { return f.OriginalM2 })
	case "cancelled_m2":
		return figure(func(f *mineaction.Figures) float64 { return f.CancelledM2 })
	case "reduced_m2":
		return figure(func(f *mineaction.Figures) float64 { return f.ReducedM2 })
	case "cleared_m2":
		return figure(func(f *mineaction.Figures) float64 { return f.ClearedM2 })
	case "remaining_m2":
		return figure(func(f *mineaction.Figures) float64 { return f.RemainingM2 })
	}
	return nil, false
}

// jsonValue converts a decoded JSON property to the evaluator's value of a
// queryable type.
func jsonValue(v any, typ cql2.Type) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		f, err := x.Float64()
		return f, err == nil
	case string:
		if typ == cql2.TypeDate {
			t, err := time.Parse(mineaction.DateLayout, x)
			return t, err == nil
		}
		return x, true
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i], _ = jsonValue(el, cql2.TypeString)
		}
		return out, true
	}
	return v, true
}

// geosSpatial answers the evaluator's spatial predicates with GEOS.
type geosSpatial = geos.Spatial
