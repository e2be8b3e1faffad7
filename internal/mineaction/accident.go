package mineaction

import (
	"fmt"
	"regexp"

	"mineaction/internal/geo"
)

// Accident is an explosion or incident that hurt people. Its victims are
// separate records; an accident report may carry them, as a find list rides
// in an activity report.
type Accident struct {
	Base
	AccidentType   string       `json:"accident_type"`
	Date           Date         `json:"date"`
	Time           string       `json:"time,omitempty"` // HH:MM local time
	Ordnance       string       `json:"ordnance,omitempty"`
	ActivityAtTime string       `json:"activity_at_time,omitempty"`
	Hazard         string       `json:"hazard,omitempty"`
	Place          string       `json:"place,omitempty"`
	Victims        []VictimItem `json:"victims,omitempty"`
}

// VictimItem is a victim reported inside an accident report.
type VictimItem struct {
	VictimFacts
}

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// Type implements Record.
func (*Accident) Type() RecordType { return TypeAccident }

func (a *Accident) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	AccidentType.check(fe, "properties.accident_type", a.AccidentType, true)
	checkDate(fe, "properties.date", a.Date, true, r.Today)
	if a.Time != "" && !hhmm.MatchString(a.Time) {
		fe.Add("properties.time", "%q is not a time HH:MM", a.Time)
	}
	checkText(fe, "properties.ordnance", a.Ordnance, 100, false)
	ActivityAtTime.check(fe, "properties.activity_at_time", a.ActivityAtTime, false)
	checkHID(fe, "properties.hazard", a.Hazard, TypeHazard, false)
	checkText(fe, "properties.place", a.Place, 200, false)
	if len(a.Victims) > 1000 {
		fe.Add("properties.victims", "more than 1000 victims in one report")
	}
	for i := range a.Victims {
		a.Victims[i].check(fe, fmt.Sprintf("properties.victims[%d]", i), r)
	}
	checkGeometry(fe, "geometry", g, point, r)
}

// Refs implements Record.
func (a *Accident) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, a.Organisation)
	refs = refIf(refs, "properties.ordnance", RefOrdnance, a.Ordnance)
	return refIf(refs, "properties.hazard", RefHazard, a.Hazard)
}

// Index implements Record.
func (a *Accident) Index() Index {
	return Index{Category: a.AccidentType, EventDate: a.Date, Quantity: int64(len(a.Victims))}
}
