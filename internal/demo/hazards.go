package demo

import (
	"fmt"
	"math"
	"sort"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// surveyWave is a period in which hazards were recorded, with its share.
type surveyWave struct {
	from, to day
	w        float64
}

// The survey waves: the baseline from military records and first surveys
// after the ceasefire, then yearly survey campaigns; a few hazards are
// recorded after the calibration date.
var surveyWaves = []surveyWave{
	{firstSurvey, dayOf("2021-03-31"), 0.30},
	{dayOf("2021-04-01"), dayOf("2021-12-31"), 0.22},
	{dayOf("2022-01-01"), dayOf("2022-12-31"), 0.18},
	{dayOf("2023-01-01"), dayOf("2023-12-31"), 0.15},
	{dayOf("2024-01-01"), calibrationDay, 0.08},
	{calibrationDay + 1, endOfReporting, 0.05},
	{endOfReporting + 1, cutOff, 0.02},
}

// hazardTypes and the explosive ordnance each suggests.
var (
	hazardTypes    = []string{"minefield", "battle_area", "cluster_strike", "mixed", "ammunition_site", "ied_area"}
	hazardTypeW    = []float64{0.45, 0.25, 0.10, 0.12, 0.05, 0.03}
	eoOfHazardType = map[string][]string{
		"minefield":       {"ap_mine", "at_mine"},
		"battle_area":     {"uxo", "axo"},
		"cluster_strike":  {"cluster_munition", "uxo"},
		"mixed":           {"ap_mine", "at_mine", "uxo"},
		"ammunition_site": {"axo", "uxo"},
		"ied_area":        {"ied", "booby_trap"},
	}
	typeLabel = map[string]string{
		"minefield": "minefield", "battle_area": "battle area", "cluster_strike": "cluster strike area",
		"mixed": "mixed contamination area", "ammunition_site": "ammunition site", "ied_area": "IED area",
	}
)

// makeHazards draws the hazards in the leaves and their attributes. The
// order is by date of information, as they are entered.
func makeHazards(p *plan, ls []leaf) error {
	r := newRNG(p.seed, "hazards")
	for i, l := range ls {
		cell, convex, err := cellOf(p.g, l)
		if err != nil {
			return fmt.Errorf("hazard cell %d: %w", i, err)
		}
		s, err := starIn(cell, l, convex)
		if err != nil {
			return err
		}
		if s == nil {
			continue
		}
		h := &hazardPlan{district: l.district, shape: s, task: -1}
		if d := p.g.districtOf(s.c); d >= 0 {
			h.district = d // the district of its centre
		}
		drawAttributes(h, r.fork(i), geo.Area(s.polygon()))
		p.hazards = append(p.hazards, h)
	}
	sort.SliceStable(p.hazards, func(i, j int) bool { return p.hazards[i].recorded < p.hazards[j].recorded })
	counts := map[string]int{}
	for _, h := range p.hazards {
		v := p.g.nearestPlace(h.district, h.shape.c)
		h.place = v.name
		counts[v.name+h.hazardType]++
		h.name = fmt.Sprintf("%s %s %d", v.name, typeLabel[h.hazardType], counts[v.name+h.hazardType])
	}
	return nil
}

// drawAttributes draws what a hazard record says: when it was recorded and
// by whom, its category, type, evidence and the land it blocks.
func drawAttributes(h *hazardPlan, r *rng, areaM2 float64) {
	w := make([]float64, len(surveyWaves))
	for i, sw := range surveyWaves {
		w[i] = sw.w
	}
	// Large areas were mostly recorded in the first months, from military
	// records; later surveys find smaller ones.
	if areaM2 > 5e6 {
		w[0] *= 3
	}
	wave := surveyWaves[r.weighted(w)]
	h.recorded = wave.from + day(r.intn(int(wave.to-wave.from)+1))
	h.org = "ANAMA"
	if h.recorded > dayOf("2021-06-30") && r.chance(0.35) {
		h.org = r.pick([]string{"DRT", "DHM", "DSO", "MES"}, []float64{3, 3, 2, 1})
	}
	h.hazardType = r.pick(hazardTypes, hazardTypeW)
	eo := eoOfHazardType[h.hazardType]
	h.category = "SHA"
	if r.chance(0.35 + 0.1*float64(min(int(h.recorded-firstSurvey)/365, 3))) {
		h.category = "CHA"
	}
	h.eoSuspected = r.some(eo, 0.7)
	if h.category == "CHA" {
		h.eoConfirmed = h.eoSuspected[:1+r.intn(len(h.eoSuspected))]
		h.evidence = r.some([]string{"eo_seen", "survey_find", "accident", "informant"}, 0.4)
		h.reliability = r.pick([]string{"high", "medium"}, []float64{3, 1})
	} else {
		h.evidence = r.some([]string{"military_record", "informant", "fighting", "other"}, 0.35)
		h.reliability = r.pick([]string{"high", "medium", "low"}, []float64{1, 3, 2})
	}
	h.blockages = r.some(mineaction.Blockage.Codes(), 0.2)
	h.priority = r.pick([]string{"high", "medium", "low"}, []float64{1, 2, 1.3})
	h.status = "open"
}

// planResurveys gives a few hazards a second version: a re-survey confirms
// the evidence and redraws part of the boundary. It runs after the work is
// planned, so that the re-survey comes before any work on the area.
func planResurveys(p *plan) {
	r := newRNG(p.seed, "resurvey")
	for i, h := range p.hazards {
		if !r.chance(0.02) {
			continue
		}
		rr := r.fork(i)
		last := cutOff
		for _, ai := range h.acts {
			a := p.acts[ai]
			first := a.doi
			if a.start != 0 {
				first = a.start
			}
			last = min(last, first-1)
		}
		if last-h.recorded < 10 {
			continue
		}
		rs := &resurvey{day: h.recorded + 5 + day(rr.intn(int(last-h.recorded)-5))}
		if rr.chance(0.6) {
			n := h.shape.n()
			k := 2 + rr.intn(max(1, n/3))
			g := make([]float64, k)
			for j := range g {
				g[j] = 1 - rr.between(0.01, 0.08)*math.Sin(math.Pi*float64(j+1)/float64(k+1))
			}
			rs.shape = h.shape.shrunk(rr.intn(n), g)
		}
		h.resurvey = rs
	}
}

// hazardRecord returns the hazard as of version v: 1 as recorded, 2 after
// a re-survey, and the final status update (which keeps the polygon).
func (h *hazardPlan) record(p *plan, stage string) (*mineaction.Hazard, geo.Geometry) {
	rec := &mineaction.Hazard{
		Base:     mineaction.Base{Organisation: h.org, DateOfInformation: h.recorded.date(), Notes: syntheticNote},
		Name:     h.name,
		Category: h.category, Status: "open", HazardType: h.hazardType,
		EOSuspected: h.eoSuspected, EOConfirmed: h.eoConfirmed, Evidence: h.evidence, EvidenceReliability: h.reliability,
		Blockages: h.blockages, Priority: h.priority, AdminArea: p.g.districts[h.district].code, Place: h.place,
	}
	s := h.shape
	if stage != "recorded" && h.resurvey != nil {
		rec.DateOfInformation = h.resurvey.day.date()
		rec.Category = "CHA"
		if len(rec.EOConfirmed) == 0 {
			rec.EOConfirmed = rec.EOSuspected[:1]
		}
		if !contains(rec.Evidence, "survey_find") {
			rec.Evidence = append(append([]string(nil), rec.Evidence...), "survey_find")
		}
		rec.EvidenceReliability = "high"
		rec.Notes = syntheticNote + " Re-surveyed: evidence confirmed"
		if h.resurvey.shape != nil {
			s = h.resurvey.shape
			rec.Notes += " and boundary redrawn"
		}
		rec.Notes += "."
	}
	if stage == "status" {
		rec.DateOfInformation = h.statusDay.date()
		rec.Status = h.status
	}
	return rec, s.polygon()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
