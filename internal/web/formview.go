package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// option is one choice of a select or a set of checkboxes.
type option struct {
	Code, Label string
	Selected    bool
}

// fieldView is one input as the template draws it.
type fieldView struct {
	Name, ID, Label, Kind, Value, Hint string
	// Placeholder is an example of a reference's human id, of the type the
	// field names (an activity field shows AC-000001).
	Placeholder string
	Required    bool
	Options     []option
	Errors      []string
}

// groupView is a repeated group.
type groupView struct {
	Name, Label string
	Geometry    string
	Rows        [][]fieldView
}

// benefCell is one count of the beneficiaries grid.
type benefCell struct {
	Name, ID, Value, Label string
}

// formView is the report form's data.
type formView struct {
	Type         mineaction.RecordType
	Action       string
	RecordID     string
	Version      int
	ReportID     int64
	Revision     int
	Fields       []fieldView
	Groups       []groupView
	Benef        [][]benefCell
	BenefHeads   []string
	BenefSexes   []string
	BenefErrors  []string
	Geometry     string
	GeomRequired bool
	GeomMode     string
	GeoJSON      string
	Coords       string
	Start, Legs  string
	Misclosure   string
	GeomErrors   []string
	CoordsErrors []string
	StartErrors  []string
	LegsErrors   []string
	General      []string
	Summary      []fieldError
	Ordnance     []string
	Types        []mineaction.RecordType
	// Heading is the form's heading: the page's title without the
	// "Error: " a refused form's title starts with.
	Heading string
}

// fieldError is one line of the error summary, linking to its input.
type fieldError struct {
	ID, Label, Reason string
}

// refData is the reference data the form's selects offer.
type refData struct {
	Orgs     []*mineaction.Organisation
	Areas    []*mineaction.AdminArea
	Ordnance []*mineaction.Ordnance
}

func inputID(name string) string {
	return "f-" + strings.NewReplacer(".", "-", "+", "plus").Replace(name)
}

// view builds the form for the template from its values and errors.
func (s *formSpec) view(c auth.Caller, v url.Values, fe formErrors, ref refData) formView {
	fv := formView{Type: s.Type, Geometry: s.Geometry, GeomRequired: s.GeometryRequired}
	used := map[string]bool{}
	field := func(f fieldSpec, name string) fieldView {
		used[name] = true
		out := fieldView{Name: name, ID: inputID(name), Label: msgs.fieldLabel(lastPart(f.Name)), Kind: f.Kind,
			Value: v.Get(name), Required: f.Required, Errors: fe[name]}
		if h, ok := msgs["hint."+f.Name]; ok {
			out.Hint = h
		}
		selected := map[string]bool{}
		for _, x := range v[name] {
			selected[x] = true
		}
		switch f.Kind {
		case "hid":
			if t := mineaction.RecordType(f.Name); t.Valid() {
				out.Placeholder = mineaction.FormatHID(t, 1)
			}
		case "enum", "enums":
			for _, e := range f.Enum.Values {
				out.Options = append(out.Options, option{Code: e.Code, Label: msgs.enumLabel(f.Enum.Name, e.Code), Selected: selected[e.Code]})
			}
		case "org":
			for _, o := range ref.Orgs {
				if f.Name == "organisation" && !auth.Allow(c, auth.CreateReport, auth.Resource{Organisation: o.Code}) {
					continue
				}
				out.Options = append(out.Options, option{Code: o.Code, Label: o.Name, Selected: selected[o.Code] || (out.Value == "" && o.Code == c.Organisation)})
			}
		case "admin":
			for _, a := range ref.Areas {
				out.Options = append(out.Options, option{Code: a.Code, Label: a.Name, Selected: selected[a.Code]})
			}
		}
		return out
	}
	for _, f := range s.Fields {
		fv.Fields = append(fv.Fields, field(f, f.Name))
	}
	for _, g := range s.Groups {
		gv := groupView{Name: g.Name, Label: msgs.fieldLabel(g.Name), Geometry: g.Geometry}
		rows := groupRows(v, g.Name)
		next := 0
		if len(rows) > 0 {
			next = rows[len(rows)-1] + 1
		}
		for i := 0; i < g.Blank; i++ {
			rows = append(rows, next+i)
		}
		for _, i := range rows {
			var row []fieldView
			prefix := fmt.Sprintf("%s.%d.", g.Name, i)
			for _, f := range g.Fields {
				row = append(row, field(f, prefix+f.Name))
			}
			if g.Geometry != "" {
				name := prefix + "geometry"
				used[name] = true
				row = append(row, fieldView{Name: name, ID: inputID(name), Kind: "positions-" + g.Geometry,
					Label: msgs.T("form.positions." + g.Geometry), Value: v.Get(name), Errors: fe[name], Hint: msgs.T("hint.positions")})
			}
			gv.Rows = append(gv.Rows, row)
		}
		used[g.Name] = true
		if errs := fe[g.Name]; len(errs) > 0 {
			fv.General = append(fv.General, errs...)
		}
		fv.Groups = append(fv.Groups, gv)
	}
	if s.Beneficiaries {
		used["beneficiaries"] = true
		fv.BenefErrors = fe["beneficiaries"]
		fv.BenefHeads = mineaction.DefaultAgeBands
		for _, sex := range mineaction.Sex.Codes() {
			fv.BenefSexes = append(fv.BenefSexes, msgs.enumLabel("sex", sex))
			var row []benefCell
			for _, band := range mineaction.DefaultAgeBands {
				name := "beneficiaries." + sex + "." + band
				used[name] = true
				row = append(row, benefCell{Name: name, ID: inputID(name), Value: v.Get(name),
					Label: msgs.enumLabel("sex", sex) + " " + band})
				fv.BenefErrors = append(fv.BenefErrors, fe[name]...)
			}
			fv.Benef = append(fv.Benef, row)
		}
	}
	fv.GeomMode = v.Get("geom_mode")
	if fv.GeomMode == "" {
		fv.GeomMode = modeDraw
	}
	fv.GeoJSON, fv.Coords, fv.Start, fv.Legs = v.Get("geometry_geojson"), v.Get("geom_coords"), v.Get("geom_start"), v.Get("geom_legs")
	fv.Misclosure = v.Get("geom_misclosure")
	fv.GeomErrors, fv.CoordsErrors, fv.StartErrors, fv.LegsErrors = fe["geometry"], fe["geom_coords"], fe["geom_start"], fe["geom_legs"]
	for _, k := range []string{"geometry", "geom_coords", "geom_start", "geom_legs"} {
		used[k] = true
	}
	for _, o := range ref.Ordnance {
		fv.Ordnance = append(fv.Ordnance, o.Code)
	}
	// The summary lists every error with a link to its input; errors of
	// no input are listed as they are.
	for k, errs := range fe {
		for _, e := range errs {
			if k == "" || !used[k] {
				fv.General = append(fv.General, strings.TrimSpace(k+" "+e))
				continue
			}
			id := inputID(k)
			if k == "geometry" {
				id = "geometry"
			}
			fv.Summary = append(fv.Summary, fieldError{ID: id, Label: summaryLabel(k), Reason: e})
		}
	}
	sortSummary(fv.Summary)
	return fv
}

// summaryLabel names an input in the error summary; an input of a row
// of a group names its row ("Victim 2: Outcome").
func summaryLabel(name string) string {
	label := msgs.fieldLabel(lastPart(name))
	if m := rowKey.FindStringSubmatch(name); m != nil {
		if n, err := strconv.Atoi(m[2]); err == nil {
			return msgs.F("form.row."+m[1], n+1) + ": " + label
		}
	}
	return label
}

func lastPart(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i+1:]
	}
	return name
}

func sortSummary(s []fieldError) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].ID < s[j-1].ID; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
