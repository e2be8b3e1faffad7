package mineaction

import "mineaction/internal/geo"

// Find is an explosive ordnance item (or a batch of one type) found, and its
// fate. Finds usually arrive inside an activity report; an EOD spot task can
// report one alone.
type Find struct {
	Base
	Ordnance  string   `json:"ordnance"` // ordnance catalogue code
	Quantity  int64    `json:"quantity"`
	Condition string   `json:"condition,omitempty"`
	DepthCM   *float64 `json:"depth_cm,omitempty"`
	Disposal  string   `json:"disposal,omitempty"`
	FoundDate Date     `json:"found_date"`
	Activity  string   `json:"activity,omitempty"` // human id
	Hazard    string   `json:"hazard,omitempty"`   // human id
}

// Type implements Record.
func (*Find) Type() RecordType { return TypeFind }

func (f *Find) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	item := FindItem{Ordnance: f.Ordnance, Quantity: f.Quantity, Condition: f.Condition, DepthCM: f.DepthCM, Disposal: f.Disposal, FoundDate: f.FoundDate}
	item.check(fe, "properties", r) // found_date too, when given
	if f.FoundDate == "" {
		fe.Add("properties.found_date", "required; a date YYYY-MM-DD")
	}
	checkHID(fe, "properties.activity", f.Activity, TypeActivity, false)
	checkHID(fe, "properties.hazard", f.Hazard, TypeHazard, false)
	checkGeometry(fe, "geometry", g, pointOpt, r)
}

// Refs implements Record.
func (f *Find) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, f.Organisation)
	refs = refIf(refs, "properties.ordnance", RefOrdnance, f.Ordnance)
	refs = refIf(refs, "properties.activity", RefActivity, f.Activity)
	return refIf(refs, "properties.hazard", RefHazard, f.Hazard)
}

// Index implements Record.
func (f *Find) Index() Index {
	return Index{Status: f.Disposal, Category: f.Ordnance, EventDate: f.FoundDate, Quantity: f.Quantity}
}
