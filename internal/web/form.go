package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"mineaction/internal/mineaction"
)

// formErrors maps form input names to what is wrong with them; the key ""
// holds errors that belong to no input.
type formErrors map[string][]string

func (fe formErrors) add(key, msg string) { fe[key] = append(fe[key], msg) }

// rowMap maps, for each group of a form, the place of a row in the
// record's list to the number of the form's row it came from: empty rows
// are left out of the list, so the two differ.
type rowMap map[string][]int

// formRow returns the form's row number of item i of group g's list.
func (m rowMap) formRow(g string, i int) int {
	if rows := m[g]; i >= 0 && i < len(rows) {
		return rows[i]
	}
	return i
}

// properties builds a record's properties from the posted values of its
// form, and which form row each item of its lists came from. Values that
// cannot be read (a word in a number field) are form errors; everything
// else is left to the workflow's validation.
func (s *formSpec) properties(v url.Values, fe formErrors, rd positions) (map[string]any, rowMap) {
	props := map[string]any{}
	used := rowMap{}
	for _, f := range s.Fields {
		setValue(props, f, v, f.Name, fe)
	}
	for _, g := range s.Groups {
		var rows []any
		for _, i := range groupRows(v, g.Name) {
			row := map[string]any{}
			prefix := fmt.Sprintf("%s.%d.", g.Name, i)
			for _, f := range g.Fields {
				setValue(row, f, v, prefix+f.Name, fe)
			}
			if g.Geometry != "" {
				if geom := positionsGeometry(g.Geometry, v.Get(prefix+"geometry"), prefix+"geometry", fe, rd); geom != nil {
					row["geometry"] = geom
				}
			}
			if !emptyRow(row) {
				rows = append(rows, row)
				used[g.Name] = append(used[g.Name], i)
			}
		}
		if len(rows) > 0 {
			props[g.Name] = rows
		}
	}
	if s.Beneficiaries {
		var bs []any
		for _, sex := range mineaction.Sex.Codes() {
			for _, band := range mineaction.DefaultAgeBands {
				name := "beneficiaries." + sex + "." + band
				raw := strings.TrimSpace(v.Get(name))
				if raw == "" {
					continue
				}
				n, err := strconv.ParseInt(raw, 10, 64)
				if err != nil {
					fe.add(name, msgs.T("form.error.int"))
					continue
				}
				bs = append(bs, map[string]any{"sex": sex, "age_band": band, "count": n})
			}
		}
		if len(bs) > 0 {
			props["beneficiaries"] = bs
		}
	}
	return props, used
}

// emptyRow reports whether a row of a group holds nothing the user
// entered. A checkbox posts nothing when unchecked, so each carries a
// hidden presence marker that reads as false: a row whose only values are
// false is a row left empty.
func emptyRow(row map[string]any) bool {
	for _, val := range row {
		if b, ok := val.(bool); !ok || b {
			return false
		}
	}
	return true
}

// setValue reads one input into props (nested for dotted names).
func setValue(props map[string]any, f fieldSpec, v url.Values, name string, fe formErrors) {
	var val any
	raw := strings.TrimSpace(v.Get(name))
	switch f.Kind {
	case "enums":
		var list []string
		for _, s := range v[name] {
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		if len(list) > 0 {
			val = list
		}
	case "hids":
		var list []string
		for _, s := range strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == ';' }) {
			list = append(list, strings.ToUpper(s))
		}
		if len(list) > 0 {
			val = list
		}
	case "bool":
		if raw != "" {
			val = raw == "true" || raw == "on"
		} else if _, present := v[name+"__present"]; present {
			val = false
		}
	case "int":
		if raw != "" {
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				fe.add(name, msgs.T("form.error.int"))
				return
			}
			val = n
		}
	case "number":
		if raw != "" {
			n, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
			if err != nil {
				fe.add(name, msgs.T("form.error.number"))
				return
			}
			val = n
		}
	case "hid":
		if raw != "" {
			val = strings.ToUpper(raw)
		}
	default:
		if raw != "" {
			val = raw
		}
	}
	if val == nil {
		return
	}
	obj := props
	parts := strings.Split(f.Name, ".")
	for _, p := range parts[:len(parts)-1] {
		sub, ok := obj[p].(map[string]any)
		if !ok {
			sub = map[string]any{}
			obj[p] = sub
		}
		obj = sub
	}
	obj[parts[len(parts)-1]] = val
}

var rowKey = regexp.MustCompile(`^([a-z_]+)\.(\d+)\.`)

// groupRows returns the row numbers of a group present in the values, in
// order.
func groupRows(v url.Values, group string) []int {
	seen := map[int]bool{}
	for k := range v {
		if m := rowKey.FindStringSubmatch(k); m != nil && m[1] == group {
			if n, err := strconv.Atoi(m[2]); err == nil && n < 10000 {
				seen[n] = true
			}
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// values turns stored properties into form values, for editing.
func (s *formSpec) values(props json.RawMessage) url.Values {
	v := url.Values{}
	m := decodeProps(props)
	for _, f := range s.Fields {
		putValue(v, f, f.Name, lookup(m, f.Name))
	}
	for _, g := range s.Groups {
		rows, _ := m[g.Name].([]any)
		for i, r := range rows {
			row, _ := r.(map[string]any)
			prefix := fmt.Sprintf("%s.%d.", g.Name, i)
			for _, f := range g.Fields {
				putValue(v, f, prefix+f.Name, row[f.Name])
			}
			if geom, ok := row["geometry"].(map[string]any); ok {
				v.Set(prefix+"geometry", positionsText(geom))
			}
		}
	}
	if s.Beneficiaries {
		bs, _ := m["beneficiaries"].([]any)
		for _, b := range bs {
			bm, _ := b.(map[string]any)
			v.Set(fmt.Sprintf("beneficiaries.%s.%s", propString(bm["sex"]), propString(bm["age_band"])), propString(bm["count"]))
		}
	}
	return v
}

func lookup(m map[string]any, dotted string) any {
	parts := strings.Split(dotted, ".")
	var cur any = m
	for _, p := range parts {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[p]
	}
	return cur
}

func putValue(v url.Values, f fieldSpec, name string, val any) {
	switch x := val.(type) {
	case nil:
	case []any:
		if f.Kind == "hids" {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = propString(e)
			}
			v.Set(name, strings.Join(parts, ", "))
			return
		}
		for _, e := range x {
			v.Add(name, propString(e))
		}
	case bool:
		if x {
			v.Set(name, "true")
		}
	case float64:
		v.Set(name, strconv.FormatFloat(x, 'f', -1, 64))
	default:
		v.Set(name, propString(x))
	}
}

var (
	pathIndex = regexp.MustCompile(`^([a-z_]+)\[(\d+)\]\.?(.*)$`)
)

// errorKey maps a field path of a workflow error ("feature.properties.
// outcomes[0].geometry.coordinates[0][3]") to the name of the form input
// it belongs to and the rest of the path; rows maps list items to the
// form's rows.
func (s *formSpec) errorKey(path string, rows rowMap) (key, rest string) {
	p := strings.TrimPrefix(path, "feature.")
	if p == "geometry" || strings.HasPrefix(p, "geometry.") || strings.HasPrefix(p, "geometry[") {
		return "geometry", strings.TrimPrefix(strings.TrimPrefix(p, "geometry"), ".")
	}
	p, ok := strings.CutPrefix(p, "properties.")
	if !ok {
		return "", path
	}
	if m := pathIndex.FindStringSubmatch(p); m != nil {
		if m[1] == "beneficiaries" {
			return "beneficiaries", ""
		}
		for _, g := range s.Groups {
			if g.Name != m[1] {
				continue
			}
			field := m[3]
			if i := strings.IndexAny(field, ".["); i >= 0 {
				rest, field = field[i:], field[:i]
			}
			if field == "" {
				return g.Name, ""
			}
			i, _ := strconv.Atoi(m[2])
			return fmt.Sprintf("%s.%d.%s", g.Name, rows.formRow(g.Name, i), field), strings.TrimPrefix(rest, ".")
		}
		return m[1], ""
	}
	if i := strings.Index(p, "["); i >= 0 {
		return p[:i], ""
	}
	return p, ""
}
