package ogctest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// hazardSpec is a hazard of the fixture. Hazards are axis-aligned squares
// (one is two squares), so a test can tell which ones meet a box without
// any of the code under test.
type hazardSpec struct {
	squares  [][3]float64 // lower-left x, y and side, degrees
	hole     *[3]float64  // a square hole in the first square
	category string
	status   string
	doi      string
	name     string
	eo       []string
	priority string
	hid      string
}

// box returns the hazard's bounding box.
func (h *hazardSpec) box() geo.BBox {
	b := geo.EmptyBBox()
	for _, s := range h.squares {
		b = b.Union(geo.BBox{MinX: s[0], MinY: s[1], MaxX: s[0] + s[2], MaxY: s[1] + s[2]})
	}
	return b
}

// meets reports whether the hazard shares a point with box b.
func (h *hazardSpec) meets(b geo.BBox) bool {
	for _, s := range h.squares {
		if (geo.BBox{MinX: s[0], MinY: s[1], MaxX: s[0] + s[2], MaxY: s[1] + s[2]}).Intersects(b) {
			return true
		}
	}
	return false
}

func (h *hazardSpec) geometry() geo.Geometry {
	var mp geo.MultiPolygon
	for _, s := range h.squares {
		mp = append(mp, square(s[0], s[1], s[2]))
	}
	if h.hole != nil {
		mp[0] = append(mp[0], square(h.hole[0], h.hole[1], h.hole[2])[0])
	}
	if len(mp) == 1 {
		return mp[0]
	}
	return mp
}

func square(x, y, d float64) geo.Polygon {
	return geo.Polygon{{{X: x, Y: y}, {X: x + d, Y: y}, {X: x + d, Y: y + d}, {X: x, Y: y + d}, {X: x, Y: y}}}
}

// fixture is what the test data set holds, as the tests need to know it.
type fixture struct {
	hazards    []*hazardSpec
	activities []string // human ids
	releases   int
	finds      []string
	accidents  []string
	education  []string
	tasks      []string
}

// numHazards is the size of the fixture's hazard set: enough for several
// pages at small limits.
const numHazards = 48

func hazardSpecs() []*hazardSpec {
	var out []*hazardSpec
	statuses := []string{"open", "open", "worked_on", "closed"}
	priorities := []string{"high", "medium", "low", ""}
	day0 := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	for i := 0; i < numHazards; i++ {
		x, y := 46.05+float64(i%8)*0.11, 39.55+float64(i/8)*0.11
		d := 0.01 + 0.005*float64(i%4)
		h := &hazardSpec{squares: [][3]float64{{x, y, d}}, category: "SHA", status: statuses[i%4],
			doi: day0.AddDate(0, 0, 20*i).Format("2006-01-02"), name: fmt.Sprintf("Area %02d", i), priority: priorities[i%4]}
		if i%3 == 0 {
			h.category = "CHA"
		}
		if i%10 == 0 {
			h.name = fmt.Sprintf("Ağdam field %d", i)
		}
		if i%2 == 0 {
			h.eo = []string{"ap_mine"}
		} else {
			h.eo = []string{"uxo", "at_mine"}
		}
		if i == numHazards-1 {
			h.squares = append(h.squares, [3]float64{x + 0.05, y + 0.05, 0.01})
		}
		if i == numHazards-2 {
			h.hole = &[3]float64{x + d/4, y + d/4, d / 2}
		}
		out = append(out, h)
	}
	return out
}

func featureJSON(g geo.Geometry, props map[string]any) json.RawMessage {
	p, _ := json.Marshal(props)
	return json.RawMessage(`{"type":"Feature","geometry":` + string(geo.AppendGeoJSON(nil, g)) + `,"properties":` + string(p) + `}`)
}

func (h *hazardSpec) props() map[string]any {
	p := map[string]any{"organisation": "OPA", "date_of_information": h.doi, "category": h.category, "status": h.status,
		"hazard_type": "minefield", "name": h.name, "eo_suspected": h.eo}
	if h.priority != "" {
		p["priority"] = h.priority
	}
	if h.category == "CHA" {
		p["eo_confirmed"] = []string{"ap_mine"}
	}
	return p
}

func geoJSON(g geo.Geometry) json.RawMessage { return json.RawMessage(geo.AppendGeoJSON(nil, g)) }

// loadFixture enters the fixture through the workflow, approved in bulk:
// hazards, activities releasing part of the first twelve (with finds),
// standalone finds, accidents with victims whose personal data must never
// show, risk education sessions and tasks.
func loadFixture(t testing.TB, wf *workflow.Service) *fixture {
	t.Helper()
	ctx := context.Background()
	fx := &fixture{hazards: hazardSpecs()}
	approve := func(ins []workflow.Input) []*mineaction.Report {
		t.Helper()
		reps, err := wf.SubmitAndApprove(ctx, storetest.Editor, storetest.Admin, ins)
		if err != nil {
			t.Fatalf("load fixture: %v", err)
		}
		return reps
	}
	var ins []workflow.Input
	for _, h := range fx.hazards {
		ins = append(ins, workflow.Input{RecordType: "hazard", Feature: featureJSON(h.geometry(), h.props())})
	}
	for i, r := range approve(ins) {
		fx.hazards[i].hid = r.RecordHID
	}
	ins = nil
	kinds := []struct{ typ, kind string }{{"nts", "cancelled"}, {"ts", "reduced"}, {"clearance", "cleared"}}
	for i := 0; i < 12; i++ {
		h := fx.hazards[i]
		s := h.squares[0]
		end, _ := time.Parse("2006-01-02", h.doi)
		endS := end.AddDate(0, 0, 100).Format("2006-01-02")
		k := kinds[i%3]
		var released geo.Polygon
		switch k.kind {
		case "cancelled":
			released = geo.Polygon{{{X: s[0], Y: s[1]}, {X: s[0] + s[2]/2, Y: s[1]}, {X: s[0] + s[2]/2, Y: s[1] + s[2]}, {X: s[0], Y: s[1] + s[2]}, {X: s[0], Y: s[1]}}}
		case "reduced":
			released = geo.Polygon{{{X: s[0], Y: s[1]}, {X: s[0] + s[2], Y: s[1]}, {X: s[0] + s[2], Y: s[1] + s[2]/2}, {X: s[0], Y: s[1] + s[2]/2}, {X: s[0], Y: s[1]}}}
		default:
			released = square(s[0], s[1], s[2]/2)
		}
		p := map[string]any{"organisation": "OPA", "date_of_information": endS, "activity_type": k.typ, "status": "completed",
			"hazard": h.hid, "start_date": h.doi, "end_date": endS, "methods": []string{"manual"},
			"outcomes": []map[string]any{{"kind": k.kind, "geometry": geoJSON(released)}}}
		if k.kind == "cleared" {
			p["finds"] = []map[string]any{{"ordnance": "PMN-2", "quantity": 2, "disposal": "destroyed_in_situ", "found_date": endS,
				"geometry": geoJSON(geo.Point{X: s[0] + s[2]/4, Y: s[1] + s[2]/4})}}
		}
		ins = append(ins, workflow.Input{RecordType: "activity", Feature: featureJSON(nil, p)})
	}
	for _, r := range approve(ins) {
		fx.activities = append(fx.activities, r.RecordHID)
		fx.releases++
	}
	ins = nil
	for i := 0; i < 2; i++ {
		p := map[string]any{"organisation": "OPA", "date_of_information": "2024-03-0" + fmt.Sprint(i+1), "ordnance": "TM-62M",
			"quantity": 1 + i, "found_date": "2024-03-0" + fmt.Sprint(i+1), "disposal": "removed_destroyed"}
		ins = append(ins, workflow.Input{RecordType: "find", Feature: featureJSON(geo.Point{X: 46.9 + 0.01*float64(i), Y: 40.4}, p)})
	}
	for i := 0; i < 3; i++ {
		victims := []map[string]any{{"outcome": "killed", "sex": "male", "victim_type": "civilian", "consent_authorities": true, "consent_ngos": true,
			"personal": map[string]any{"name": fmt.Sprintf("Secret Person %d", i), "address": "Nowhere Street 1"}}}
		if i > 0 {
			victims = append(victims, map[string]any{"outcome": "injured", "sex": "female", "victim_type": "civilian", "consent_authorities": false, "consent_ngos": false})
		}
		p := map[string]any{"organisation": "OPA", "date_of_information": "2023-0" + fmt.Sprint(i+4) + "-10", "accident_type": "mine_erw",
			"date": "2023-0" + fmt.Sprint(i+4) + "-10", "victims": victims}
		ins = append(ins, workflow.Input{RecordType: "accident", Feature: featureJSON(geo.Point{X: 46.3 + 0.1*float64(i), Y: 40.3}, p)})
	}
	for i := 0; i < 4; i++ {
		d := fmt.Sprintf("2022-0%d-01", i+1)
		p := map[string]any{"organisation": "OPA", "date_of_information": d, "date": d, "method": "school",
			"beneficiaries": []map[string]any{{"sex": "female", "age_band": "10-17", "count": 10 + i}}}
		ins = append(ins, workflow.Input{RecordType: "education", Feature: featureJSON(geo.Point{X: 46.1 + 0.1*float64(i), Y: 40.45}, p)})
	}
	for _, r := range approve(ins) {
		switch r.RecordType {
		case "find":
			fx.finds = append(fx.finds, r.RecordHID)
		case "accident":
			fx.accidents = append(fx.accidents, r.RecordHID)
		case "education":
			fx.education = append(fx.education, r.RecordHID)
		}
	}
	for i := 0; i < 2; i++ {
		p := map[string]any{"organisation": "OPA", "date_of_information": "2024-01-01", "title": fmt.Sprintf("Clear block %d", i),
			"hazards": []string{fx.hazards[i].hid}, "status": "issued", "priority": "high", "planned_end": "2025-06-30"}
		r, err := wf.CreateReport(ctx, storetest.Verifier, workflow.Input{RecordType: "task", Submit: true, Feature: featureJSON(nil, p)})
		if err != nil {
			t.Fatalf("task: %v", err)
		}
		if r, err = wf.Approve(ctx, storetest.Verifier2, r.ID, 0); err != nil {
			t.Fatalf("approve task: %v", err)
		}
		fx.tasks = append(fx.tasks, r.RecordHID)
	}
	return fx
}

// hazardIDs returns the human ids of the hazards for which keep is true, in
// the order they were created (which is the API's order).
func (fx *fixture) hazardIDs(keep func(*hazardSpec) bool) []string {
	var out []string
	for _, h := range fx.hazards {
		if keep == nil || keep(h) {
			out = append(out, h.hid)
		}
	}
	return out
}
