package demo

import (
	"fmt"
	"sort"

	"mineaction/internal/geo"
)

// casualtyPeriod is a period with the exact number of victims and killed
// the data set records in it.
type casualtyPeriod struct {
	from, to       day // inclusive
	victims, dead  int
	yearWeights    map[int]float64
	demining, kids float64
}

// The casualty list is decided first, by period, so that the counts come
// out exactly; then the victims are grouped into accidents and spread over
// the period. The first two periods reproduce the published figures; the
// third continues the trend to the cut-off.
func casualtyPeriods() []casualtyPeriod {
	return []casualtyPeriod{
		{from: ceasefire, to: calibrationDay, victims: CasualtiesJune, dead: KilledJune,
			yearWeights: map[int]float64{2020: 0.6, 2021: 3.4, 2022: 2.7, 2023: 2.2, 2024: 1.0}, demining: 0.08, kids: 0.1},
		{from: calibrationDay + 1, to: laterDay, victims: CasualtiesSeptember - CasualtiesJune, dead: KilledSeptember - KilledJune,
			yearWeights: map[int]float64{2024: 1}, demining: 0.08, kids: 0.1},
		{from: laterDay + 1, to: cutOff, victims: 21, dead: 4,
			yearWeights: map[int]float64{2024: 1, 2025: 1}, demining: 0.08, kids: 0.1},
	}
}

// accidentPlan is one accident and its victims.
type accidentPlan struct {
	day        day
	time       string
	typ        string
	org        string
	hazard     int        // -1 if none
	point      geo.Point  // away from hazards
	t          [3]float64 // position inside the hazard
	place      string
	ordnance   string
	activity   string
	victims    []victimPlan
	standalone int // victims reported later in their own reports (the last ones)
	hid        string
}

// victimPlan is one person killed or injured.
type victimPlan struct {
	killed     bool
	sex        string
	age        int
	victimType string
	activity   string
	consentA   bool
	consentN   bool
	serial     int
}

// planCasualties draws the accidents and victims. The numbers depend only
// on the seed, not on the scale: every scale carries the full list.
func planCasualties(p *plan) error {
	r := newRNG(p.seed, "casualties")
	serial := 0
	for pi, per := range casualtyPeriods() {
		rr := r.fork(pi)
		// Exactly per.dead of the victims are killed.
		killed := make([]bool, per.victims)
		for i := range per.dead {
			killed[i] = true
		}
		for i := len(killed) - 1; i > 0; i-- {
			j := rr.intn(i + 1)
			killed[i], killed[j] = killed[j], killed[i]
		}
		var accs []*accidentPlan
		for v := 0; v < per.victims; {
			k := 1 + rr.weighted([]float64{0, 0.62, 0.22, 0.1, 0.04, 0.02})
			k = min(k, per.victims-v)
			a := &accidentPlan{day: drawDay(rr, per), typ: "mine_erw", org: "ANAMA", hazard: -1,
				time: fmt.Sprintf("%02d:%02d", 7+rr.intn(12), rr.intn(60))}
			if rr.chance(per.demining) {
				a.typ = "demining"
				a.org = rr.pick(clearanceOrgs, clearanceOrgW)
				a.activity = "demining"
			} else {
				a.activity = rr.pick([]string{"farming", "herding", "travelling", "collecting", "construction", "returning", "tampering", "military", "unknown"},
					[]float64{3, 3, 2, 2, 3, 1.5, 1, 2, 0.5})
			}
			for j := 0; j < k; j++ {
				serial++
				a.victims = append(a.victims, drawVictim(rr, a, per, killed[v+j], serial))
			}
			if k >= 2 && rr.chance(0.08) {
				a.standalone = 1
			}
			v += k
			accs = append(accs, a)
		}
		sort.SliceStable(accs, func(i, j int) bool { return accs[i].day < accs[j].day })
		p.accidents = append(p.accidents, accs...)
	}
	return placeAccidents(p, newRNG(p.seed, "accident places"))
}

// position returns where the accident happened.
func (a *accidentPlan) position(p *plan) geo.Point {
	if a.hazard < 0 {
		return a.point
	}
	h := p.hazards[a.hazard]
	return h.shapeAt(a.day).point(sector{u0: 0, u1: 0.9, a: 0, b: h.shape.n()}, a.t[0], a.t[1], a.t[2])
}

func drawDay(r *rng, per casualtyPeriod) day {
	years := make([]int, 0, len(per.yearWeights))
	for y := range per.yearWeights {
		years = append(years, y)
	}
	sort.Ints(years)
	w := make([]float64, len(years))
	for i, y := range years {
		w[i] = per.yearWeights[y]
	}
	y := years[r.weighted(w)]
	from := max(per.from, dayOf(fmt.Sprintf("%d-01-01", y)))
	to := min(per.to, dayOf(fmt.Sprintf("%d-12-31", y)))
	return from + day(r.intn(int(to-from)+1))
}

func drawVictim(r *rng, a *accidentPlan, per casualtyPeriod, killed bool, serial int) victimPlan {
	v := victimPlan{killed: killed, sex: "male", activity: a.activity, serial: serial,
		consentA: r.chance(0.85), consentN: r.chance(0.5)}
	if r.chance(0.1) {
		v.sex = "female"
	}
	switch {
	case a.typ == "demining":
		v.victimType, v.age = "deminer", 22+r.intn(30)
	case a.activity == "military":
		v.victimType, v.age = "military", 19+r.intn(25)
	case r.chance(per.kids):
		v.victimType, v.age, v.activity = "civilian", 8+r.intn(10), "playing"
	default:
		v.victimType, v.age = "civilian", 18+r.intn(58)
	}
	return v
}

// placeAccidents puts each accident in a hazard recorded before it when
// there is one (victims are usually hurt in known or later-recorded
// hazards), else near a village of an affected district.
func placeAccidents(p *plan, r *rng) error {
	for i, a := range p.accidents {
		rr := r.fork(i)
		var candidates []int
		for try := 0; try < 40 && len(candidates) == 0; try++ {
			hi := rr.intn(len(p.hazards))
			if h := p.hazards[hi]; h.recorded < a.day {
				candidates = append(candidates, hi)
			}
		}
		if len(candidates) > 0 && rr.chance(0.8) {
			a.hazard = candidates[0]
			h := p.hazards[a.hazard]
			a.t = [3]float64{rr.float(), rr.float(), rr.float()}
			a.place = h.place
			a.ordnance = mixOf(h.hazardType)[0].draw(rr)
		} else {
			var ds []int
			for j, d := range p.g.districts {
				if d.affected {
					ds = append(ds, j)
				}
			}
			vs := p.g.byDistrict[ds[rr.intn(len(ds))]]
			v := p.g.places[vs[rr.intn(len(vs))]]
			a.point = nearPoint(p.g, v.point, rr)
			a.place = v.name
			a.ordnance = mineMix.draw(rr)
		}
		if err := p.checkOrdnance(a.ordnance); err != nil {
			return err
		}
	}
	return nil
}
