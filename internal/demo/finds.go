package demo

import (
	"math"
	"sort"

	"mineaction/internal/geo"
)

// ordnanceMix is what is found in an area, by model designation and
// weight: mostly the mines and UXO reported found in Karabakh.
type ordnanceMix map[string]float64

var (
	mineMix = ordnanceMix{
		"PMN-2": 20, "PMN": 8, "PMN-E": 6, "PMN-4": 3, "POMZ-2M": 8, "POMZ-2": 4, "OZM-72": 5, "OZM-4": 2, "OZM-3": 1,
		"MON-50": 4, "MON-90": 2, "MON-100": 1, "PMD-6": 1, "PFM-1": 1, "TM-62M": 10, "TM-62P": 3, "TM-62P3": 2,
		"TM-57": 3, "TM-46": 2, "TMK-2": 1, "Fuze (unspecified)": 2,
	}
	uxoMix = ordnanceMix{
		"122 mm HE projectile": 8, "152 mm HE projectile": 5, "82 mm mortar bomb": 10, "120 mm mortar bomb": 6,
		"122 mm rocket (BM-21)": 4, "OFAB-250": 0.5, "F-1": 6, "RGD-5": 5, "VOG-17": 8, "PG-7V": 6,
		"Fuze (unspecified)": 5, "Small arms ammunition (mixed)": 3, "Abandoned ammunition (mixed)": 1,
	}
	clusterMix = ordnanceMix{"9N235": 15, "9N210": 8, "M095 DPICM": 6, "122 mm rocket (BM-21)": 2, "Fuze (unspecified)": 1}
	axoMix     = ordnanceMix{"Abandoned ammunition (mixed)": 10, "Small arms ammunition (mixed)": 5, "122 mm HE projectile": 3, "82 mm mortar bomb": 3, "PG-7V": 2}
	iedMix     = ordnanceMix{"IED (victim-operated)": 5, "Booby trap (unspecified)": 5, "F-1": 3, "RGD-5": 2, "MON-50": 1}
)

// mixOf returns the ordnance found in a hazard of the given type.
func mixOf(hazardType string) []ordnanceMix {
	switch hazardType {
	case "minefield":
		return []ordnanceMix{mineMix}
	case "battle_area":
		return []ordnanceMix{uxoMix}
	case "cluster_strike":
		return []ordnanceMix{clusterMix, uxoMix}
	case "ammunition_site":
		return []ordnanceMix{axoMix}
	case "ied_area":
		return []ordnanceMix{iedMix}
	}
	return []ordnanceMix{mineMix, uxoMix}
}

// draw picks a model from a mix (in a stable order) and returns its code.
func (m ordnanceMix) draw(r *rng) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	w := make([]float64, len(names))
	for i, k := range names {
		w[i] = m[k]
	}
	return ordnanceCode(names[r.weighted(w)])
}

// isMine reports whether a code is a landmine of the catalogue.
func (p *plan) isMine(code string) bool {
	o, ok := p.ordnance[code]
	return ok && o.Category == "Landmine"
}

// planFinds draws the find lists of the activities: clearance and battle
// area clearance find most, technical survey some, non-technical survey
// rarely. Quantities are drawn per line, so a line can count many items
// of one type.
func planFinds(p *plan) error {
	r := newRNG(p.seed, "finds")
	for i, a := range p.acts {
		if a.hazard < 0 || a.status != "completed" || len(a.outcomes) == 0 {
			continue
		}
		rr := r.fork(i)
		h := p.hazards[a.hazard]
		var lines int
		switch a.typ {
		case "clearance", "bac":
			lines = 1
			if rr.chance(0.35) {
				lines = 2
			}
		case "ts":
			if rr.chance(0.4) {
				lines = 1
			}
		case "nts":
			if rr.chance(0.05) {
				lines = 1
			}
		}
		mixes := mixOf(h.hazardType)
		for k := 0; k < lines; k++ {
			code := mixes[rr.intn(len(mixes))].draw(rr)
			if err := p.checkOrdnance(code); err != nil {
				return err
			}
			q := a.outcomes[rr.intn(len(a.outcomes))].q
			if a.typ == "nts" {
				q = sector{u0: 0, u1: q.u0, a: 0, b: h.shape.n()} // found in the land that stays
			}
			f := findPlan{ordnance: code, q: q, t: [3]float64{rr.float(), rr.float(), rr.float()}}
			f.quantity = quantity(p, code, rr)
			f.condition = rr.pick([]string{"armed", "unarmed", "damaged", "unknown"}, []float64{6, 1.5, 1.5, 1})
			f.disposal = rr.pick([]string{"destroyed_in_situ", "removed_destroyed", "rendered_safe", "handed_over"}, []float64{6, 3, 0.5, 0.5})
			if p.isMine(code) {
				f.depthCM = float64(2 + rr.intn(19))
			} else {
				f.depthCM = float64(rr.intn(61))
			}
			f.found = a.start + day(rr.intn(int(a.end-a.start)+1))
			a.finds = append(a.finds, f)
		}
	}
	return nil
}

// quantity draws how many items of a type one line counts.
func quantity(p *plan, code string, r *rng) int64 {
	switch {
	case code == "Small-arms-ammunition-mixed":
		return int64(20 + r.intn(400))
	case code == "Abandoned-ammunition-mixed":
		return int64(5 + r.intn(60))
	case p.isMine(code):
		return int64(math.Max(1, math.Round(r.logNormal(math.Log(6), 1.0))))
	}
	return int64(math.Max(1, math.Round(r.logNormal(math.Log(3.5), 0.9))))
}

// planSpotTasks adds EOD spot tasks: call-outs to single items or small
// caches reported by people, mostly near villages, some in known hazards.
func planSpotTasks(p *plan, n int) error {
	r := newRNG(p.seed, "eod")
	var affected []int
	for i, d := range p.g.districts {
		if d.affected {
			affected = append(affected, i)
		}
	}
	from, to := dayOf("2020-11-20"), endOfReporting
	for i := 0; i < n; i++ {
		rr := r.fork(i)
		start := from + day(rr.intn(int(to-from)+1))
		org := rr.pick([]string{"ANAMA", "MES", "ARMY"}, []float64{5, 3, 1})
		a := &activityPlan{hazard: -1, typ: "eod_spot", status: "completed", org: org, methods: []string{"manual"},
			start: start, end: start + day(rr.intn(2)), task: -1, note: syntheticNote}
		a.doi, a.team = a.end, pickTeam(rr, org, "manual")
		var at geo.Point
		if hi := rr.intn(len(p.hazards)); rr.chance(0.2) && p.hazards[hi].recorded < start {
			a.hazard = hi
		} else {
			d := p.g.districts[affected[rr.intn(len(affected))]]
			vs := p.g.byDistrict[d.index]
			v := p.g.places[vs[rr.intn(len(vs))]]
			at = nearPoint(p.g, v.point, rr)
		}
		lines := 1
		if rr.chance(0.2) {
			lines = 2
		}
		for k := 0; k < lines; k++ {
			code := uxoMix.draw(rr)
			if rr.chance(0.2) {
				code = mineMix.draw(rr)
			}
			f := findPlan{ordnance: code, quantity: max(1, quantity(p, code, rr)/3), condition: "unknown",
				disposal: rr.pick([]string{"destroyed_in_situ", "removed_destroyed"}, []float64{1, 2}), found: a.start, point: at,
				q: sector{u0: 0, u1: 1, a: 0, b: 1}, t: [3]float64{rr.float(), rr.float(), rr.float()}}
			if a.hazard >= 0 {
				f.q.b = p.hazards[a.hazard].shape.n()
			}
			a.finds = append(a.finds, f)
		}
		p.acts = append(p.acts, a)
		if a.hazard >= 0 {
			p.hazards[a.hazard].acts = append(p.hazards[a.hazard].acts, len(p.acts)-1)
		}
	}
	return nil
}

// nearPoint returns a point within about 3 km of p that lies in the
// country.
func nearPoint(g *gazetteer, p geo.Point, r *rng) geo.Point {
	for try := 0; try < 50; try++ {
		q := kmPlane(p)
		q.x += r.between(-3, 3)
		q.y += r.between(-3, 3)
		c := kmPoint(q)
		c = geo.Point{X: round7(c.X), Y: round7(c.Y)}
		if g.districtOf(c) >= 0 {
			return c
		}
	}
	return geo.Point{X: round7(p.X), Y: round7(p.Y)}
}
