package mineaction

import "mineaction/internal/geo"

// Hazard is a hazardous area: land suspected (SHA, indirect evidence) or
// confirmed (CHA, direct evidence) to contain explosive ordnance. Its polygon
// is the original area from which release is accounted.
type Hazard struct {
	Base
	Name                string   `json:"name,omitempty"`
	Category            string   `json:"category"` // HazardCategory
	Status              string   `json:"status"`   // HazardStatus
	HazardType          string   `json:"hazard_type"`
	EOSuspected         []string `json:"eo_suspected,omitempty"` // EOCategory
	EOConfirmed         []string `json:"eo_confirmed,omitempty"` // EOCategory
	Evidence            []string `json:"evidence,omitempty"`
	EvidenceReliability string   `json:"evidence_reliability,omitempty"`
	Blockages           []string `json:"blockages,omitempty"`
	Priority            string   `json:"priority,omitempty"`
	AdminArea           string   `json:"admin_area,omitempty"` // code; derived from the polygon when empty
	Place               string   `json:"place,omitempty"`      // nearest village or town, free text
}

// Type implements Record.
func (*Hazard) Type() RecordType { return TypeHazard }

func (h *Hazard) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	checkText(fe, "properties.name", h.Name, 200, false)
	HazardCategory.check(fe, "properties.category", h.Category, true)
	HazardStatus.check(fe, "properties.status", h.Status, true)
	HazardType.check(fe, "properties.hazard_type", h.HazardType, true)
	EOCategory.checkAll(fe, "properties.eo_suspected", h.EOSuspected)
	EOCategory.checkAll(fe, "properties.eo_confirmed", h.EOConfirmed)
	Evidence.checkAll(fe, "properties.evidence", h.Evidence)
	Reliability.check(fe, "properties.evidence_reliability", h.EvidenceReliability, false)
	Blockage.checkAll(fe, "properties.blockages", h.Blockages)
	Priority.check(fe, "properties.priority", h.Priority, false)
	checkText(fe, "properties.place", h.Place, 200, false)
	if h.Category == "CHA" && len(h.EOConfirmed) == 0 && len(h.Evidence) == 0 {
		fe.Add("properties.eo_confirmed", "a confirmed hazardous area (CHA) needs direct evidence: list the confirmed EO categories")
	}
	checkGeometry(fe, "geometry", g, areal, r)
}

// Refs implements Record.
func (h *Hazard) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, h.Organisation)
	return refIf(refs, "properties.admin_area", RefAdminArea, h.AdminArea)
}

// Index implements Record.
func (h *Hazard) Index() Index {
	return Index{Status: h.Status, Category: h.Category, EventDate: h.DateOfInformation}
}
