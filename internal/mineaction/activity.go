package mineaction

import (
	"fmt"

	"mineaction/internal/geo"
)

// Activity is work done on land: survey, clearance, marking. Its outcomes are
// the polygons it released, each tagged cancelled, reduced or cleared, and
// its finds are the explosive ordnance items it found.
type Activity struct {
	Base
	ActivityType     string     `json:"activity_type"` // ActivityType
	Status           string     `json:"status"`        // ActivityStatus
	Hazard           string     `json:"hazard,omitempty"`
	Task             string     `json:"task,omitempty"`
	Team             string     `json:"team,omitempty"` // team code within the organisation
	Methods          []string   `json:"methods,omitempty"`
	StartDate        Date       `json:"start_date,omitempty"`
	EndDate          Date       `json:"end_date,omitempty"`
	ClearanceDepthCM *float64   `json:"clearance_depth_cm,omitempty"`
	Outcomes         []Outcome  `json:"outcomes,omitempty"`
	Finds            []FindItem `json:"finds,omitempty"`
}

// Outcome is one released polygon of an activity.
type Outcome struct {
	Kind     string       `json:"kind"` // ReleaseKind
	Geometry GeometryJSON `json:"geometry"`
	Parsed   geo.Geometry `json:"-"`
}

// FindItem is an explosive ordnance item reported inside an activity report,
// as IMSMA's device lists. On approval each becomes a Find record.
type FindItem struct {
	Ordnance  string       `json:"ordnance"`
	Quantity  int64        `json:"quantity"`
	Condition string       `json:"condition,omitempty"`
	DepthCM   *float64     `json:"depth_cm,omitempty"`
	Disposal  string       `json:"disposal,omitempty"`
	FoundDate Date         `json:"found_date,omitempty"`
	Geometry  GeometryJSON `json:"geometry,omitempty"`
	Parsed    geo.Geometry `json:"-"`
}

// releaseKinds says which kinds of release an activity type can produce.
var releaseKinds = map[string][]string{
	"nts":          {"cancelled"},
	"cancellation": {"cancelled"},
	"ts":           {"reduced", "cleared"},
	"clearance":    {"cleared"},
	"bac":          {"cleared"},
}

// Type implements Record.
func (*Activity) Type() RecordType { return TypeActivity }

// ReleaseDate is the date the activity's outcomes count from: its end date,
// or its date of information when it has none.
func (a *Activity) ReleaseDate() Date {
	if a.EndDate != "" {
		return a.EndDate
	}
	return a.DateOfInformation
}

func (a *Activity) check(fe *FieldErrors, g geo.Geometry, r Rules) {
	ActivityType.check(fe, "properties.activity_type", a.ActivityType, true)
	ActivityStatus.check(fe, "properties.status", a.Status, true)
	if a.ActivityType != "eod_spot" {
		checkHID(fe, "properties.hazard", a.Hazard, TypeHazard, true)
	} else {
		checkHID(fe, "properties.hazard", a.Hazard, TypeHazard, false)
	}
	checkHID(fe, "properties.task", a.Task, TypeTask, false)
	checkText(fe, "properties.team", a.Team, 50, false)
	Method.checkAll(fe, "properties.methods", a.Methods)
	checkDate(fe, "properties.start_date", a.StartDate, false, r.Today)
	checkDate(fe, "properties.end_date", a.EndDate, a.Status == "completed", r.Today)
	if a.StartDate != "" && a.EndDate != "" && a.EndDate < a.StartDate {
		fe.Add("properties.end_date", "%s is before the start date %s", a.EndDate, a.StartDate)
	}
	if d := a.ClearanceDepthCM; d != nil && (*d < 0 || *d > 1000) {
		fe.Add("properties.clearance_depth_cm", "%g is outside 0-1000 cm", *d)
	}
	if len(a.Outcomes) > 0 && (a.Status == "planned" || a.Status == "aborted") {
		fe.Add("properties.outcomes", "a %s activity cannot release land", a.Status)
	}
	allowed := releaseKinds[a.ActivityType]
	for i := range a.Outcomes {
		o := &a.Outcomes[i]
		field := fmt.Sprintf("properties.outcomes[%d]", i)
		ReleaseKind.check(fe, field+".kind", o.Kind, true)
		if o.Kind != "" && ReleaseKind.Has(o.Kind) && !contains(allowed, o.Kind) {
			fe.Add(field+".kind", "a %s activity cannot produce %s land", ActivityType.Label(a.ActivityType), o.Kind)
		}
		o.Parsed = o.Geometry.parse(fe, field+".geometry")
		checkGeometry(fe, field+".geometry", o.Parsed, areal, r)
	}
	if len(a.Outcomes) > 500 {
		fe.Add("properties.outcomes", "more than 500 outcome polygons in one report")
	}
	if len(a.Finds) > 5000 {
		fe.Add("properties.finds", "more than 5000 items in one report")
	}
	for i := range a.Finds {
		a.Finds[i].check(fe, fmt.Sprintf("properties.finds[%d]", i), r)
	}
	checkGeometry(fe, "geometry", g, arealOpt, r)
}

func (f *FindItem) check(fe *FieldErrors, field string, r Rules) {
	checkText(fe, field+".ordnance", f.Ordnance, 100, true)
	if f.Quantity < 1 || f.Quantity > 1_000_000 {
		fe.Add(field+".quantity", "must be between 1 and 1000000")
	}
	FindCondition.check(fe, field+".condition", f.Condition, false)
	Disposal.check(fe, field+".disposal", f.Disposal, false)
	if d := f.DepthCM; d != nil && (*d < 0 || *d > 1000) {
		fe.Add(field+".depth_cm", "%g is outside 0-1000 cm", *d)
	}
	checkDate(fe, field+".found_date", f.FoundDate, false, r.Today)
	f.Parsed = f.Geometry.parse(fe, field+".geometry")
	checkGeometry(fe, field+".geometry", f.Parsed, pointOpt, r)
}

// Refs implements Record.
func (a *Activity) Refs() []Ref {
	refs := refIf(nil, "properties.organisation", RefOrganisation, a.Organisation)
	refs = refIf(refs, "properties.hazard", RefHazard, a.Hazard)
	refs = refIf(refs, "properties.task", RefTask, a.Task)
	if a.Team != "" {
		refs = append(refs, Ref{Field: "properties.team", Kind: RefTeam, Code: a.Team, Org: a.Organisation})
	}
	for i, f := range a.Finds {
		refs = refIf(refs, fmt.Sprintf("properties.finds[%d].ordnance", i), RefOrdnance, f.Ordnance)
	}
	return refs
}

// Index implements Record.
func (a *Activity) Index() Index {
	return Index{Status: a.Status, Category: a.ActivityType, EventDate: a.ReleaseDate()}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
