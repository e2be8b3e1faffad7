package web

import (
	"mineaction/internal/geo"
	"net/url"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
)

// TestErrorKey maps the workflow's field paths to the form's inputs, so an
// error shows next to the field that caused it.
func TestErrorKey(t *testing.T) {
	activity, hazard := forms[mineaction.TypeActivity], forms[mineaction.TypeHazard]
	for _, c := range []struct {
		spec      *formSpec
		path      string
		key, rest string
	}{
		{hazard, "feature.properties.status", "status", ""},
		{hazard, "feature.geometry.coordinates[0][3]", "geometry", "coordinates[0][3]"},
		{hazard, "feature.geometry", "geometry", ""},
		{hazard, "feature.properties.eo_suspected[1]", "eo_suspected", ""},
		{activity, "feature.properties.outcomes[0].kind", "outcomes.0.kind", ""},
		{activity, "feature.properties.outcomes[2].geometry.coordinates[0][1]", "outcomes.2.geometry", "coordinates[0][1]"},
		{activity, "feature.properties.finds[1].quantity", "finds.1.quantity", ""},
		{forms[mineaction.TypeVictim], "feature.properties.personal.date_of_birth", "personal.date_of_birth", ""},
		{forms[mineaction.TypeEducation], "feature.properties.beneficiaries[3].count", "beneficiaries", ""},
		{hazard, "record_id", "", "record_id"},
	} {
		key, rest := c.spec.errorKey(c.path, nil)
		if key != c.key || rest != c.rest {
			t.Errorf("%s: key %q rest %q, want %q %q", c.path, key, rest, c.key, c.rest)
		}
	}
}

// TestGeometryInput reads positions in every format and a traverse, and
// names the line of a position it cannot read.
func TestGeometryInput(t *testing.T) {
	fe := formErrors{}
	v := url.Values{"geom_mode": {"coords"}, "geom_coords": {"40.2111, 46.8139\n40°12'40\"N 46°49'50\"E\n38T 569000 4451000\n38TNK6900050000"}}
	g := geometryInput("polygon", v, fe, positions{})
	if len(fe) > 0 {
		t.Fatalf("errors: %v", fe)
	}
	if !strings.HasPrefix(string(g), `{"coordinates":[[[46.8139,40.2111],`) || strings.Count(string(g), "],[") != 4 {
		t.Errorf("polygon %s: want 4 corners and the closing one", g)
	}
	fe = formErrors{}
	v = url.Values{"geom_mode": {"coords"}, "geom_coords": {"40.2111, 46.8139\nnot a place\n40.21, 46.82"}}
	if g := geometryInput("polygon", v, fe, positions{}); g != nil || len(fe["geom_coords"]) != 1 || !strings.HasPrefix(fe["geom_coords"][0], "line 2:") {
		t.Errorf("bad line: geometry %s, errors %v", g, fe)
	}
	// Longitude first, where the form asks for latitude first: the line is
	// named, with what was probably meant.
	fe = formErrors{}
	azerbaijan := positions{area: geo.BBox{MinX: 44.7, MinY: 38.3, MaxX: 50.9, MaxY: 41.95}}
	v = url.Values{"geom_mode": {"coords"}, "geom_coords": {"39.70, 47.30\n47.301, 39.70\n39.701, 47.301"}}
	if g := geometryInput("polygon", v, fe, azerbaijan); g != nil || len(fe["geom_coords"]) != 1 ||
		!strings.HasPrefix(fe["geom_coords"][0], "line 2:") || !strings.Contains(fe["geom_coords"][0], "did you mean 39.7, 47.301?") {
		t.Errorf("swapped line: geometry %s, errors %v", g, fe)
	}
	fe = formErrors{}
	v = url.Values{"geom_mode": {"traverse"}, "geom_start": {"40.2111, 46.8139"}, "geom_legs": {"0 100\n90 100\n180 100\n270 100"}}
	g = geometryInput("polygon", v, fe, positions{})
	if len(fe) > 0 || !strings.Contains(string(g), `"Polygon"`) {
		t.Errorf("traverse: %s %v", g, fe)
	}
	fe = formErrors{}
	v = url.Values{"geom_mode": {"traverse"}, "geom_start": {"40.2111, 46.8139"}, "geom_legs": {"0 100\nninety 100"}}
	if g := geometryInput("polygon", v, fe, positions{}); g != nil || len(fe["geom_legs"]) == 0 {
		t.Errorf("bad leg: %s %v", g, fe)
	}
}

// TestFormRoundTrip turns stored properties into form values and back.
func TestFormRoundTrip(t *testing.T) {
	props := `{"organisation":"ANAMA","date_of_information":"2024-01-02","activity_type":"clearance","status":"completed",` +
		`"hazard":"HA-000001","methods":["manual","dogs"],"end_date":"2024-01-02",` +
		`"outcomes":[{"kind":"cleared","geometry":{"type":"Polygon","coordinates":[[[46.1,40.1],[46.2,40.1],[46.2,40.2],[46.1,40.1]]]}}],` +
		`"finds":[{"ordnance":"PMN-2","quantity":3}]}`
	spec := forms[mineaction.TypeActivity]
	v := spec.values([]byte(props))
	fe := formErrors{}
	got, _ := spec.properties(v, fe, positions{})
	if len(fe) > 0 {
		t.Fatal(fe)
	}
	if got["hazard"] != "HA-000001" || len(got["methods"].([]string)) != 2 {
		t.Errorf("scalars and lists: %v", got)
	}
	outs := got["outcomes"].([]any)
	o := outs[0].(map[string]any)
	if o["kind"] != "cleared" || o["geometry"].(map[string]any)["type"] != "Polygon" {
		t.Errorf("outcome: %v", o)
	}
	f := got["finds"].([]any)[0].(map[string]any)
	if f["ordnance"] != "PMN-2" || f["quantity"] != int64(3) {
		t.Errorf("find: %v", f)
	}
}
