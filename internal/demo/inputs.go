package demo

import (
	"encoding/json"
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// syntheticNote is the note every demo record carries.
const syntheticNote = "Synthetic demo record."

// featureInput returns a report input carrying rec as a GeoJSON feature.
func featureInput(rec mineaction.Record, g geo.Geometry, recordID string, version int) (workflow.Input, error) {
	props, err := json.Marshal(rec)
	if err != nil {
		return workflow.Input{}, fmt.Errorf("encode %s: %w", rec.Type(), err)
	}
	b := make([]byte, 0, len(props)+256)
	b = append(b, `{"type":"Feature","geometry":`...)
	b = geo.AppendGeoJSON(b, g)
	b = append(b, `,"properties":`...)
	b = append(b, props...)
	b = append(b, '}')
	return workflow.Input{RecordType: rec.Type(), RecordID: recordID, Version: version, Feature: b}, nil
}

// activityInput returns the report of an activity. Hazards and tasks must
// have their human ids.
func (p *plan) activityInput(a *activityPlan) (workflow.Input, error) {
	rec := &mineaction.Activity{
		Base:         mineaction.Base{Organisation: a.org, DateOfInformation: a.doi.date(), Notes: a.note},
		ActivityType: a.typ, Status: a.status, Team: a.team, Methods: a.methods,
	}
	if a.start != 0 {
		rec.StartDate = a.start.date()
	}
	if a.end != 0 {
		rec.EndDate = a.end.date()
	}
	if a.depthCM > 0 {
		d := a.depthCM
		rec.ClearanceDepthCM = &d
	}
	if a.task >= 0 {
		rec.Task = p.tasks[a.task].hid
	}
	var g geo.Geometry
	var h *hazardPlan
	if a.hazard >= 0 {
		h = p.hazards[a.hazard]
		rec.Hazard = h.hid
		if a.work != nil {
			g = h.shape.sector(*a.work)
		}
	}
	for _, o := range a.outcomes {
		rec.Outcomes = append(rec.Outcomes, mineaction.Outcome{Kind: o.kind, Geometry: mineaction.GeometryJSONOf(h.shape.sector(o.q))})
	}
	for _, f := range a.finds {
		pt := f.point
		if h != nil {
			pt = h.shape.point(f.q, f.t[0], f.t[1], f.t[2])
		}
		item := mineaction.FindItem{Ordnance: f.ordnance, Quantity: f.quantity, Condition: f.condition, Disposal: f.disposal,
			FoundDate: f.found.date(), Geometry: mineaction.GeometryJSONOf(pt)}
		if a.typ != "eod_spot" {
			d := f.depthCM
			item.DepthCM = &d
		}
		rec.Finds = append(rec.Finds, item)
	}
	return featureInput(rec, g, "", 0)
}

// taskInput returns the report of a task.
func (p *plan) taskInput(t *taskPlan) (workflow.Input, error) {
	h := p.hazards[t.hazard]
	target := math.Round(geo.Area(h.shape.polygon()))
	rec := &mineaction.Task{
		Base:  mineaction.Base{Organisation: t.org, DateOfInformation: t.doi.date(), Notes: syntheticNote},
		Title: t.title, Hazards: []string{h.hid}, Status: t.status, Priority: t.priority,
		PlannedStart: t.plannedStart.date(), PlannedEnd: t.plannedEnd.date(), TargetM2: &target,
	}
	return featureInput(rec, nil, "", 0)
}

// accidentInput returns the report of an accident with the victims it
// lists (all but those reported later on their own).
func (p *plan) accidentInput(a *accidentPlan) (workflow.Input, error) {
	rec := &mineaction.Accident{
		Base:         mineaction.Base{Organisation: a.org, DateOfInformation: a.reported().date(), Notes: syntheticNote},
		AccidentType: a.typ, Date: a.day.date(), Time: a.time, Ordnance: a.ordnance, ActivityAtTime: a.activity, Place: a.place,
	}
	if a.hazard >= 0 {
		rec.Hazard = p.hazards[a.hazard].hid
	}
	for _, v := range a.victims[:len(a.victims)-a.standalone] {
		rec.Victims = append(rec.Victims, mineaction.VictimItem{VictimFacts: v.facts(a)})
	}
	return featureInput(rec, a.position(p), "", 0)
}

// reported is the day an accident report's information dates from.
func (a *accidentPlan) reported() day { return min(cutOff, a.day+day(a.victims[0].serial%7)) }

// victimInputs returns the victims of an accident reported on their own.
func (p *plan) victimInputs(a *accidentPlan) ([]workflow.Input, error) {
	var out []workflow.Input
	for _, v := range a.victims[len(a.victims)-a.standalone:] {
		rec := &mineaction.Victim{
			Base:        mineaction.Base{Organisation: a.org, DateOfInformation: min(cutOff, a.reported()+day(10+v.serial%40)).date(), Notes: syntheticNote + " Reported after the accident."},
			Accident:    a.hid,
			VictimFacts: v.facts(a),
		}
		in, err := featureInput(rec, nil, "", 0)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

var injuries = []string{
	"Synthetic: lower limb injury", "Synthetic: upper limb injury", "Synthetic: fragment wounds",
	"Synthetic: eye injury", "Synthetic: lower limb amputation", "Synthetic: hearing loss",
}

// facts returns what a victim report says, with obviously fake personal data.
func (v victimPlan) facts(a *accidentPlan) mineaction.VictimFacts {
	age := v.age
	f := mineaction.VictimFacts{Outcome: "injured", Sex: v.sex, Age: &age, VictimType: v.victimType, ActivityAtTime: v.activity,
		ConsentAuthorities: v.consentA, ConsentNGOs: v.consentN,
		Personal: &mineaction.VictimPersonal{
			Name:        fmt.Sprintf("Demo Person %04d", v.serial),
			Address:     a.place + " (synthetic address)",
			DateOfBirth: (a.day - day(age*365+30+v.serial%300)).date(),
		}}
	if v.killed {
		f.Outcome = "killed"
	} else {
		f.Personal.Medical = injuries[v.serial%len(injuries)]
	}
	return f
}

// sessionInput returns the report of a risk education session.
func (s *sessionPlan) input() (workflow.Input, error) {
	rec := &mineaction.Education{
		Base: mineaction.Base{Organisation: s.org, DateOfInformation: s.day.date(), Notes: syntheticNote},
		Date: s.day.date(), Method: s.method, Place: s.place, Beneficiaries: s.beneficiaries,
	}
	return featureInput(rec, s.point, "", 0)
}

// visitInput returns the report of a quality management visit.
func (p *plan) visitInput(v *visitPlan) (workflow.Input, error) {
	a := p.acts[v.activity]
	h := p.hazards[a.hazard]
	rec := &mineaction.QMVisit{
		Base:     mineaction.Base{Organisation: "ANAMA", DateOfInformation: v.day.date(), Notes: syntheticNote},
		Activity: a.hid, Inspector: "ANAMA", VisitType: v.typ, Date: v.day.date(), NonConformities: v.ncs, Result: v.result,
	}
	return featureInput(rec, h.shape.point(*a.work, 0.5, 0.5, 0.5), "", 0)
}
