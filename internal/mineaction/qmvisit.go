package mineaction

import (
	"fmt"

	"mineaction/internal/geo"
)

// QMVisit is a quality assurance or quality control visit to an activity.
type QMVisit struct {
	Base
	Activity        string          `json:"activity"` // human id
	Inspector       string          `json:"inspecting_organisation"`
	VisitType       string          `json:"visit_type"`
	Date            Date            `json:"date"`
	NonConformities []NonConformity `json:"non_conformities,omitempty"`
	Result          string          `json:"result"`
}

// NonConformity is one finding of a QM visit.
type NonConformity struct {
	Severity    string `json:"severity"`
	Description string `json:"description"`
}

// Type implements Record.
func (*QMVisit) Type() RecordType { return TypeQMVisit }

func (q *QMVisit) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	checkHID(fe, "properties.activity", q.Activity, TypeActivity, true)
	checkText(fe, "properties.inspecting_organisation", q.Inspector, 50, true)
	QMVisitType.check(fe, "properties.visit_type", q.VisitType, true)
	checkDate(fe, "properties.date", q.Date, true, r.Today)
	QMResult.check(fe, "properties.result", q.Result, true)
	for i, n := range q.NonConformities {
		field := fmt.Sprintf("properties.non_conformities[%d]", i)
		QMSeverity.check(fe, field+".severity", n.Severity, true)
		checkText(fe, field+".description", n.Description, 2000, true)
	}
	if q.Result == "passed" {
		for _, n := range q.NonConformities {
			if n.Severity == "critical" {
				fe.Add("properties.result", "a visit with a critical non-conformity cannot pass")
				break
			}
		}
	}
	checkGeometry(fe, "geometry", g, pointOpt, r)
}

// Refs implements Record.
func (q *QMVisit) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, q.Organisation)
	refs = refIf(refs, "properties.inspecting_organisation", RefOrganisation, q.Inspector)
	return refIf(refs, "properties.activity", RefActivity, q.Activity)
}

// Index implements Record.
func (q *QMVisit) Index() Index {
	return Index{Status: q.Result, Category: q.VisitType, EventDate: q.Date, Quantity: int64(len(q.NonConformities))}
}
