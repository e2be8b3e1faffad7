package mineaction

import (
	"fmt"

	"mineaction/internal/geo"
)

// Task is an order from the authority to an operator to work on areas. The
// tasked operator is the record's organisation.
type Task struct {
	Base
	Title        string   `json:"title"`
	Hazards      []string `json:"hazards,omitempty"` // human ids
	Status       string   `json:"status"`
	Priority     string   `json:"priority,omitempty"`
	PlannedStart Date     `json:"planned_start,omitempty"`
	PlannedEnd   Date     `json:"planned_end,omitempty"`
	TargetM2     *float64 `json:"target_m2,omitempty"`
}

// Type implements Record.
func (*Task) Type() RecordType { return TypeTask }

func (t *Task) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	checkText(fe, "properties.title", t.Title, 200, true)
	TaskStatus.check(fe, "properties.status", t.Status, true)
	Priority.check(fe, "properties.priority", t.Priority, false)
	// Planned dates may lie in the future.
	checkDate(fe, "properties.planned_start", t.PlannedStart, false, "")
	checkDate(fe, "properties.planned_end", t.PlannedEnd, false, "")
	if t.PlannedStart != "" && t.PlannedEnd != "" && t.PlannedEnd < t.PlannedStart {
		fe.Add("properties.planned_end", "%s is before the planned start %s", t.PlannedEnd, t.PlannedStart)
	}
	if t.TargetM2 != nil && *t.TargetM2 < 0 {
		fe.Add("properties.target_m2", "must not be negative")
	}
	seen := map[string]bool{}
	for i, h := range t.Hazards {
		field := fmt.Sprintf("properties.hazards[%d]", i)
		checkHID(fe, field, h, TypeHazard, true)
		if seen[h] {
			fe.Add(field, "%s listed twice", h)
		}
		seen[h] = true
	}
	checkGeometry(fe, "geometry", g, arealOpt, r)
}

// Refs implements Record.
func (t *Task) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, t.Organisation)
	for i, h := range t.Hazards {
		refs = refIf(refs, fmt.Sprintf("properties.hazards[%d]", i), RefHazard, h)
	}
	return refs
}

// Index implements Record.
func (t *Task) Index() Index {
	return Index{Status: t.Status, Category: t.Priority, EventDate: t.PlannedEnd}
}
