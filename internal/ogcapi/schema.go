package ogcapi

import (
	"net/http"
	"reflect"
	"strings"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
)

// Queryables handles GET /ogcapi/collections/{id}/queryables: the
// properties a filter may use, as a JSON Schema (OGC API Features Part 3).
func (s *Service) Queryables(w http.ResponseWriter, r *http.Request) error {
	if _, err := readable(r); err != nil {
		return err
	}
	c, err := s.collection(r)
	if err != nil {
		return err
	}
	if _, err := s.metaFormat(r); err != nil {
		return err
	}
	props := map[string]any{}
	for _, q := range c.Queryables {
		p := typeSchema(q.Type, c.GeomFormat)
		p["title"] = q.Title
		if q.Enum != nil {
			if q.Type == cql2.TypeStringArray {
				p["items"].(map[string]any)["enum"] = q.Enum.Codes()
			} else {
				p["enum"] = q.Enum.Codes()
			}
		}
		props[q.Name] = p
	}
	return writeSchema(w, map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$id":     s.root(r) + "/collections/" + c.ID + "/queryables",
		"type":    "object", "title": c.Title, "properties": props, "additionalProperties": false,
	})
}

// Schema handles GET /ogcapi/collections/{id}/schema: the JSON Schema of a
// feature of the collection, as GeoJSON, with every property a feature may
// carry. GDAL reads it (rel describedBy) to type its fields, so dates
// become dates and areas reals even when the first page lacks them.
func (s *Service) Schema(w http.ResponseWriter, r *http.Request) error {
	if _, err := readable(r); err != nil {
		return err
	}
	c, err := s.collection(r)
	if err != nil {
		return err
	}
	if _, err := s.metaFormat(r); err != nil {
		return err
	}
	var props orderedObject
	for _, f := range featureFields(c) {
		props = append(props, objMember{f.name, f.schema})
	}
	return writeSchema(w, map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$id":     s.root(r) + "/collections/" + c.ID + "/schema",
		"title":   c.Title, "type": "object", "required": []string{"type", "geometry", "properties"},
		"properties": map[string]any{
			"type":       map[string]any{"type": "string", "enum": []string{"Feature"}},
			"id":         map[string]any{"type": "string"},
			"geometry":   map[string]any{"format": c.GeomFormat},
			"properties": map[string]any{"type": "object", "properties": props},
		},
	})
}

func writeSchema(w http.ResponseWriter, v map[string]any) error {
	w.Header().Set("Content-Type", mtSchema)
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, err := w.Write(append(appendJSON(nil, v), '\n'))
	return err
}

// typeSchema is the JSON Schema of a queryable type.
func typeSchema(t cql2.Type, geomFormat string) map[string]any {
	switch t {
	case cql2.TypeNumber:
		return map[string]any{"type": "number"}
	case cql2.TypeInteger:
		return map[string]any{"type": "integer"}
	case cql2.TypeBoolean:
		return map[string]any{"type": "boolean"}
	case cql2.TypeDate:
		return map[string]any{"type": "string", "format": "date"}
	case cql2.TypeTimestamp:
		return map[string]any{"type": "string", "format": "date-time"}
	case cql2.TypeStringArray:
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	case cql2.TypeGeometry:
		return map[string]any{"format": geomFormat, "x-ogc-role": "primary-geometry"}
	}
	return map[string]any{"type": "string"}
}

type field struct {
	name   string
	schema map[string]any
}

// featureFields lists the properties features of c carry, in the order
// they are written.
func featureFields(c *collection) []field {
	var out []field
	add := func(name string, t cql2.Type) { out = append(out, field{name, typeSchema(t, "")}) }
	switch c.Source {
	case fromReleases:
		for _, q := range releaseQueryables[:5] {
			add(q.Name, q.Type)
		}
		add("area_m2", cql2.TypeNumber)
		add("outside_m2", cql2.TypeNumber)
		add("credited_m2", cql2.TypeNumber)
		return out
	case fromAdminAreas:
		for _, n := range []string{"code", "name"} {
			add(n, cql2.TypeString)
		}
		add("level", cql2.TypeInteger)
		add("parent", cql2.TypeString)
		add("affected", cql2.TypeBoolean)
		add("note", cql2.TypeString)
		add("area_m2", cql2.TypeNumber)
		return out
	case fromPlaces:
		add("name", cql2.TypeString)
		add("kind", cql2.TypeString)
		add("population", cql2.TypeInteger)
		add("admin_area", cql2.TypeString)
		return out
	}
	rec, _ := mineaction.NewRecord(c.Type)
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || seen[name] {
				continue
			}
			if c.Type == mineaction.TypeAccident && name == "victims" {
				continue // written as numbers
			}
			seen[name] = true
			out = append(out, field{name, goTypeSchema(f.Type)})
		}
	}
	walk(reflect.TypeOf(rec).Elem())
	computed := []struct {
		name string
		t    cql2.Type
	}{{"hid", cql2.TypeString}, {"version", cql2.TypeInteger}, {"updated_at", cql2.TypeTimestamp}, {"admin_area", cql2.TypeString}}
	if c.Type == mineaction.TypeHazard {
		for _, n := range []string{"original_m2", "cancelled_m2", "reduced_m2", "cleared_m2", "remaining_m2"} {
			computed = append(computed, struct {
				name string
				t    cql2.Type
			}{n, cql2.TypeNumber})
		}
	}
	if c.Type == mineaction.TypeAccident {
		for _, n := range []string{"victims", "killed", "injured"} {
			computed = append(computed, struct {
				name string
				t    cql2.Type
			}{n, cql2.TypeInteger})
		}
	}
	for _, f := range computed {
		if !seen[f.name] {
			seen[f.name] = true
			add(f.name, f.t)
		}
	}
	return out
}

// goTypeSchema maps the Go type of a record field to JSON Schema.
func goTypeSchema(t reflect.Type) map[string]any {
	if t == reflect.TypeOf(mineaction.Date("")) {
		return map[string]any{"type": "string", "format": "date"}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
		}
		return map[string]any{"type": "array", "items": map[string]any{"type": "object"}}
	}
	return map[string]any{"type": "object"}
}

// orderedObject is a JSON object that keeps its members in order: GDAL
// creates fields in the order of the schema's properties.
type orderedObject []objMember

type objMember struct {
	name  string
	value any
}

// MarshalJSON writes the members in order.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, m.name)
		b = append(b, ':')
		b = appendJSON(b, m.value)
	}
	return append(b, '}'), nil
}
