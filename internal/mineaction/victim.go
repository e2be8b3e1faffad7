package mineaction

import (
	"mineaction/internal/geo"
)

// Victim is a person killed or injured in an accident. Personal holds the
// data that identifies the person; only the victim assistance role may read
// it, and then only as the consent flags allow.
type Victim struct {
	Base
	Accident string `json:"accident"` // human id
	VictimFacts
}

// VictimFacts are the facts about a victim, shared by the Victim record and
// the victims listed inside an accident report.
type VictimFacts struct {
	Outcome            string          `json:"outcome"` // VictimOutcome
	Sex                string          `json:"sex"`
	Age                *int            `json:"age,omitempty"`
	VictimType         string          `json:"victim_type"`
	ActivityAtTime     string          `json:"activity_at_time,omitempty"`
	ConsentAuthorities bool            `json:"consent_authorities"`
	ConsentNGOs        bool            `json:"consent_ngos"`
	Personal           *VictimPersonal `json:"personal,omitempty"`
}

// VictimPersonal is personal data: never in exports, tiles, OGC items, logs
// or error messages for anyone without the victim assistance role.
type VictimPersonal struct {
	Name        string `json:"name,omitempty"`
	Address     string `json:"address,omitempty"`
	DateOfBirth Date   `json:"date_of_birth,omitempty"`
	Medical     string `json:"medical,omitempty"`
}

// Type implements Record.
func (*Victim) Type() RecordType { return TypeVictim }

func (v *Victim) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	checkHID(fe, "properties.accident", v.Accident, TypeAccident, true)
	v.VictimFacts.check(fe, "properties", r)
	checkGeometry(fe, "geometry", g, noGeom, r)
}

func (v *VictimFacts) check(fe *FieldErrors, field string, r Rules) {
	VictimOutcome.check(fe, field+".outcome", v.Outcome, true)
	Sex.check(fe, field+".sex", v.Sex, true)
	if v.Age != nil && (*v.Age < 0 || *v.Age > 120) {
		fe.Add(field+".age", "%d is outside 0-120", *v.Age)
	}
	VictimType.check(fe, field+".victim_type", v.VictimType, true)
	ActivityAtTime.check(fe, field+".activity_at_time", v.ActivityAtTime, false)
	if p := v.Personal; p != nil {
		// Reasons must not echo personal data back.
		checkText(fe, field+".personal.name", p.Name, 200, false)
		checkText(fe, field+".personal.address", p.Address, 500, false)
		checkText(fe, field+".personal.medical", p.Medical, 5000, false)
		if p.DateOfBirth != "" && !p.DateOfBirth.Valid() {
			fe.Add(field+".personal.date_of_birth", "not a date YYYY-MM-DD")
		}
	}
}

// Refs implements Record.
func (v *Victim) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, v.Organisation)
	return refIf(refs, "properties.accident", RefAccident, v.Accident)
}

// Index implements Record.
func (v *Victim) Index() Index {
	return Index{Status: v.Outcome, Category: v.VictimType, Quantity: 1}
}

// Redacted returns a copy of the facts without personal data.
func (v VictimFacts) Redacted() VictimFacts {
	v.Personal = nil
	return v
}
