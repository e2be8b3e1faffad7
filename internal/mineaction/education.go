package mineaction

import (
	"fmt"
	"strings"

	"mineaction/internal/geo"
)

// Education is an explosive ordnance risk education (EORE) session.
type Education struct {
	Base
	Date          Date          `json:"date"`
	Method        string        `json:"method"`
	Place         string        `json:"place,omitempty"`
	Beneficiaries []Beneficiary `json:"beneficiaries"`
}

// Beneficiary counts people reached, by sex and age band.
type Beneficiary struct {
	Sex     string `json:"sex"`
	AgeBand string `json:"age_band"`
	Count   int64  `json:"count"`
}

// Type implements Record.
func (*Education) Type() RecordType { return TypeEducation }

// Total returns the number of beneficiaries.
func (e *Education) Total() int64 {
	var n int64
	for _, b := range e.Beneficiaries {
		n += b.Count
	}
	return n
}

func (e *Education) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	checkDate(fe, "properties.date", e.Date, true, r.Today)
	EducationMethod.check(fe, "properties.method", e.Method, true)
	checkText(fe, "properties.place", e.Place, 200, false)
	bands := r.AgeBands
	if len(bands) == 0 {
		bands = DefaultAgeBands
	}
	if len(e.Beneficiaries) == 0 {
		fe.Add("properties.beneficiaries", "required; counts by sex and age band")
	}
	seen := map[string]bool{}
	for i, b := range e.Beneficiaries {
		field := fmt.Sprintf("properties.beneficiaries[%d]", i)
		Sex.check(fe, field+".sex", b.Sex, true)
		if !contains(bands, b.AgeBand) {
			fe.Add(field+".age_band", "unknown age band %q; one of %s", b.AgeBand, strings.Join(bands, ", "))
		}
		if b.Count < 0 || b.Count > 1_000_000 {
			fe.Add(field+".count", "must be between 0 and 1000000")
		}
		key := b.Sex + "/" + b.AgeBand
		if seen[key] {
			fe.Add(field, "%s aged %s counted twice", b.Sex, b.AgeBand)
		}
		seen[key] = true
	}
	checkGeometry(fe, "geometry", g, point, r)
}

// Refs implements Record.
func (e *Education) Refs() []Ref {
	return refIf(nil, "properties.organisation", RefOrganisation, e.Organisation)
}

// Index implements Record.
func (e *Education) Index() Index {
	return Index{Category: e.Method, EventDate: e.Date, Quantity: e.Total()}
}
