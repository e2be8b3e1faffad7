package demo

import (
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// sessionPlan is a risk education session.
type sessionPlan struct {
	day           day
	org           string
	method        string
	place         string
	point         geo.Point
	beneficiaries []mineaction.Beneficiary
}

// visitPlan is a quality management visit to an activity.
type visitPlan struct {
	activity int
	day      day
	typ      string
	result   string
	ncs      []mineaction.NonConformity
}

// planSessions draws n risk education sessions from December 2020 to the
// cut-off, more of them as people returned, in villages of the affected
// districts and their neighbours.
func planSessions(p *plan, n int) {
	r := newRNG(p.seed, "education")
	from := dayOf("2020-12-01")
	for i := 0; i < n; i++ {
		rr := r.fork(i)
		// Sessions grow over time: draw the day with a density rising
		// linearly from the start.
		d := from + day(math.Sqrt(rr.float())*float64(cutOff-from))
		v := p.g.places[rr.intn(len(p.g.places))]
		if !p.g.districts[v.district].affected && rr.chance(0.6) {
			v = p.g.places[p.g.byDistrict[v.district][0]]
		}
		s := &sessionPlan{day: d, place: v.name, point: nearPoint(p.g, v.point, rr),
			org:    rr.pick([]string{"ANAMA", "DRT", "DHM", "MES"}, []float64{3, 2, 2, 1}),
			method: rr.pick(mineaction.EducationMethod.Codes(), []float64{3, 3, 3, 2, 0.5, 0.5, 0.5})}
		scale := 1.0
		switch s.method {
		case "mass_media", "digital":
			scale = 20
		case "door_to_door":
			scale = 0.3
		case "training_of_trainers":
			scale = 0.2
		}
		for _, sex := range []string{"female", "male"} {
			for bi, band := range mineaction.DefaultAgeBands {
				base := []float64{6, 10, 9, 5}[bi]
				if s.method == "school" {
					base = []float64{12, 20, 2, 0.5}[bi]
				}
				c := int64(math.Round(rr.logNormal(math.Log(base*scale), 0.6)))
				s.beneficiaries = append(s.beneficiaries, mineaction.Beneficiary{Sex: sex, AgeBand: band, Count: c})
			}
		}
		p.sessions = append(p.sessions, s)
	}
}

// nonConformities are findings a quality visit may record.
var nonConformities = []string{
	"Marking of the worked lane incomplete",
	"Detector not checked against the test piece at the start of the shift",
	"Safety distance between deminers below the standard",
	"Medical evacuation plan not displayed at the site",
	"Clearance depth not verified in the sampled lane",
	"Daily worksheet not signed by the team leader",
}

// planVisits draws quality visits to completed clearance, battle area
// clearance and technical survey activities.
func planVisits(p *plan) {
	r := newRNG(p.seed, "qm")
	for i, a := range p.acts {
		if a.status != "completed" || a.hazard < 0 || !needsTask(a.typ) || !r.chance(0.08) {
			continue
		}
		rr := r.fork(i)
		v := &visitPlan{activity: i, typ: "qa", day: a.start + day(rr.intn(int(a.end-a.start)+1))}
		if rr.chance(0.4) {
			v.typ, v.day = "qc", min(cutOff, a.end+1+day(rr.intn(20)))
		}
		v.result = rr.pick([]string{"passed", "passed_with_remarks", "failed"}, []float64{80, 15, 5})
		switch v.result {
		case "passed_with_remarks":
			for k := 0; k <= rr.intn(2); k++ {
				v.ncs = append(v.ncs, mineaction.NonConformity{Severity: rr.pick([]string{"minor", "major"}, []float64{3, 1}),
					Description: nonConformities[rr.intn(len(nonConformities))]})
			}
		case "failed":
			v.ncs = append(v.ncs, mineaction.NonConformity{Severity: "critical", Description: "Item found in an area reported cleared"})
		}
		p.visits = append(p.visits, v)
	}
}
