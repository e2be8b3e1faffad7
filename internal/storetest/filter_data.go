package storetest

import (
	"encoding/json"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// fr describes one record of the filter world.
type fr struct {
	typ     mineaction.RecordType
	org     string
	doi     mineaction.Date
	idx     mineaction.Index
	area    string
	updated time.Time
	g       geo.Geometry
	props   map[string]any
	deleted bool
	figures *mineaction.Figures
}

func props(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func figs(orig, canc, red, clr float64) *mineaction.Figures {
	return &mineaction.Figures{Version: 1, OriginalM2: orig, CancelledM2: canc, ReducedM2: red, ClearedM2: clr,
		RemainingM2: orig - canc - red - clr}
}

var holed = geo.Polygon{
	{{X: 46.7, Y: 40.1}, {X: 46.9, Y: 40.1}, {X: 46.9, Y: 40.3}, {X: 46.7, Y: 40.3}, {X: 46.7, Y: 40.1}},
	{{X: 46.75, Y: 40.15}, {X: 46.75, Y: 40.25}, {X: 46.85, Y: 40.25}, {X: 46.85, Y: 40.15}, {X: 46.75, Y: 40.15}},
}

// filterWorld is a set of records chosen to tell filters apart: names in
// Azerbaijani, German and decomposed forms; LIKE's and GLOB's special
// characters; NULLs of every kind; arrays in different orders and with
// duplicates; polygons that touch, contain and overlap; points on edges;
// dates and timestamps a microsecond apart.
func filterWorld() []fr {
	h := mineaction.TypeHazard
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	return []fr{
		{typ: h, org: "OPA", doi: "2023-01-10", idx: mineaction.Index{Status: "open", Category: "CHA"}, area: "W", updated: t0,
			g: square(46.10, 39.60, 0.05), figures: figs(1000.5, 0, 200, 300.25),
			props: props("name", "Bakı meadow", "place", "Bakı", "priority", "high", "evidence_reliability", "high",
				"eo_suspected", []string{"ap_mine", "at_mine"}, "eo_confirmed", []string{"ap_mine"}, "blockages", []string{"agriculture", "road"})},
		{typ: h, org: "OPB", doi: "2023-06-01", idx: mineaction.Index{Status: "worked_on", Category: "SHA"}, area: "E", updated: at(time.Microsecond),
			g: square(46.15, 39.60, 0.05), figures: figs(2500, 2500, 0, 0),
			props: props("name", "BAKI north", "place", "BAKI", "priority", "medium", "evidence_reliability", "low",
				"eo_suspected", []string{"at_mine", "ap_mine"}, "eo_confirmed", []string{})},
		{typ: h, org: "OPA", doi: "2024-02-29", idx: mineaction.Index{Category: "CHA"}, area: "W", updated: at(-24 * time.Hour),
			g: geo.MultiPolygon{square(46.30, 39.70, 0.02), square(46.40, 39.70, 0.02)}, figures: figs(1e6/3, 1, 2, 3),
			props: props("name", "İsmayıllı 100% cleared_zone", "place", "ismayilli", "eo_confirmed", []string{"uxo"}, "blockages", nil)},
		{typ: h, org: "NMAA", doi: "2024-03-01", idx: mineaction.Index{Status: "open", Category: "CHA"}, updated: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC),
			g: square(46.60, 40.00, 0.1),
			props: props("name", "Şəki forest", "place", "ŞƏKİ", "priority", "low", "evidence_reliability", "medium",
				"eo_suspected", []string{"ap_mine", "ap_mine"}, "blockages", []string{"school"})},
		{typ: h, org: "OPA", doi: "2023-06-02", idx: mineaction.Index{Status: "closed", Category: "SHA"}, area: "E", updated: at(time.Hour),
			g: holed, figures: figs(50, 10, 10, 30),
			props: props("name", `Gəncə\`, "place", "Gence", "priority", "high", "eo_suspected", []string{"uxo", "at_mine", "ap_mine"})},
		{typ: h, org: "OPA", doi: "2023-06-01", idx: mineaction.Index{Status: "open", Category: "CHA"}, area: "W", updated: at(2 * time.Hour),
			g:     square(46.12, 39.62, 0.01),
			props: props("name", "Straße 7", "place", "STRASSE", "priority", "medium", "eo_confirmed", []string{"at_mine"})},
		{typ: h, org: "OPB", doi: "2022-12-31", idx: mineaction.Index{Status: "open", Category: "SHA"}, area: "E", updated: at(3 * time.Hour),
			g: square(46.50, 39.90, 0.05), figures: figs(750, 0, 0, 0),
			props: props("name", "Füzuli_field", "place", "FÜZULİ", "priority", "low", "blockages", []string{"road", "school", "water"})},
		{typ: h, org: "OPA", doi: "2024-01-01", idx: mineaction.Index{Status: "worked_on", Category: "CHA"}, area: "W", updated: at(4 * time.Hour),
			g:     square(46.05, 39.55, 0.3),
			props: props("name", "Cafe\u0301 ruins", "place", "Café", "evidence_reliability", "high", "eo_suspected", []string{"ap_mine", "at_mine"})},
		{typ: h, org: "DONOR", doi: "2024-01-02", idx: mineaction.Index{Status: "open", Category: "CHA"}, updated: at(5 * time.Hour),
			g: square(46.9, 40.4, 0.05), props: props("eo_suspected", nil)},
		{typ: h, org: "OPA", doi: "2024-01-03", idx: mineaction.Index{Status: "closed", Category: "CHA"}, area: "W", updated: at(6 * time.Hour),
			g: square(46.2, 40.2, 0.01), props: props("name", "a*b?[c]", "place", "a*b?[c]", "priority", "high")},
		{typ: h, org: "OPA", doi: "2024-01-04", idx: mineaction.Index{Status: "open", Category: "CHA"}, area: "W", updated: at(7 * time.Hour),
			g: square(46.10, 39.60, 0.05), deleted: true, props: props("name", "Bakı removed", "place", "Bakı")},
		{typ: h, org: "OPA", doi: "2024-01-05", idx: mineaction.Index{Status: "open", Category: "SHA"}, area: "W", updated: at(8 * time.Hour),
			props: props("name", "no geometry", "place", "K", "eo_suspected", []string{})},
		{typ: h, org: "OPB", doi: "2024-01-06", idx: mineaction.Index{Status: "open", Category: "CHA"}, area: "E", updated: at(9 * time.Hour),
			g: square(46.80, 39.70, 0.05), props: props("name", "Kelvin \u212a", "place", "kelvin k", "priority", "medium")},

		activity(1, "2024-01-10", "2024-03-20", "clearance", "completed", []string{"manual", "mechanical"}, square(46.11, 39.61, 0.01)),
		activity(2, "2024-03-20", "2024-06-30", "survey_technical", "completed", []string{"manual"}, square(46.16, 39.61, 0.01)),
		activity(3, "2023-11-01", "", "clearance", "ongoing", []string{"dog"}, nil),
		activity(4, "2024-05-01", "2024-05-01", "survey_non_technical", "completed", []string{}, square(46.61, 40.01, 0.01)),
		activity(5, "", "2024-02-02", "clearance", "completed", nil, square(46.31, 39.71, 0.01)),

		victim("killed", "civilian", "2024-01-05", 30, "male"),
		victim("injured", "civilian", "2024-02-10", 7, "female"),
		victim("injured", "military", "2024-02-10", nil, "unknown"),
		victim("killed", "deminer", "2023-12-01", 45, "male"),
		victim("injured", "civilian", "", 12, "Female"),

		find(geo.Point{X: 46.2, Y: 39.7}, "PMN-2", "destroyed", "2024-01-15", 1, "intact"),
		find(geo.Point{X: 46.25, Y: 39.75}, "TM-62M", "removed", "2024-02-01", 12, "damaged"),
		find(geo.Point{X: 46.3, Y: 39.8}, "PMN-2", "", "", 250, "intact"),
		find(geo.Point{X: 46.2000000001, Y: 39.7}, "F-1", "destroyed", "2023-10-10", 3, nil),
	}
}

func activity(n int, start, end, typ, status string, methods []string, g geo.Geometry) fr {
	p := props("hazard", mineaction.FormatHID(mineaction.TypeHazard, int64(n%2+1)), "team", "T1", "activity_type", typ)
	if start != "" {
		p["start_date"] = start
	}
	if end != "" {
		p["end_date"] = end
	}
	if methods != nil {
		p["methods"] = methods
	}
	return fr{typ: mineaction.TypeActivity, org: "OPA", doi: "2024-07-01", updated: t0, g: g, props: p,
		idx: mineaction.Index{Status: status, Category: typ, EventDate: mineaction.Date(end)}, area: "W"}
}

func victim(outcome, typ, date string, age any, sex string) fr {
	return fr{typ: mineaction.TypeVictim, org: "NMAA", doi: "2024-07-01", updated: t0,
		idx:   mineaction.Index{Status: outcome, Category: typ, EventDate: mineaction.Date(date), Quantity: 1},
		props: props("accident", "AD-000001", "age", age, "sex", sex)}
}

func find(p geo.Point, ordnance, disposal, date string, qty int64, condition any) fr {
	return fr{typ: mineaction.TypeFind, org: "OPA", doi: "2024-07-01", updated: t0, g: p, area: "W",
		idx:   mineaction.Index{Status: disposal, Category: ordnance, EventDate: mineaction.Date(date), Quantity: qty},
		props: props("condition", condition, "activity", "AC-000001")}
}

// insertFilterWorld stores the filter world.
func insertFilterWorld(t testing.TB, s mineaction.Store) {
	t.Helper()
	counts := map[mineaction.RecordType]int{}
	update(t, s, func(tx mineaction.Tx) error {
		for _, x := range filterWorld() {
			counts[x.typ]++
			b, err := json.Marshal(x.props)
			if err != nil {
				return err
			}
			r := newRecord(x.typ, counts[x.typ], x.org, x.g, string(b))
			r.DateOfInformation, r.Index, r.AdminArea, r.UpdatedAt, r.Deleted = x.doi, x.idx, x.area, x.updated, x.deleted
			if err := tx.InsertRecord(ctx, r); err != nil {
				return err
			}
			if x.figures != nil {
				if err := tx.PutFigures(ctx, r.ID, x.figures, nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
