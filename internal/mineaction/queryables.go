package mineaction

import "mineaction/internal/cql2"

// Queryable is a property that API clients may filter on (OGC API Features
// Part 3). Column names a value the stores keep in a column of their own;
// Prop names a property kept in the record's JSON properties. Stores map
// both to SQL from this fixed table, never from client input.
type Queryable struct {
	Name   string
	Type   cql2.Type
	Title  string
	Column string // "hid", "organisation", "status", "category", "event_date", "quantity", "doi", "admin_area", "updated_at", "geometry", or a figure "original_m2" ...
	Prop   string
	Enum   *Enum
}

// The figure columns a hazard has.
var figureQueryables = []Queryable{
	{Name: "original_m2", Type: cql2.TypeNumber, Title: "Original area (m²)", Column: "original_m2"},
	{Name: "cancelled_m2", Type: cql2.TypeNumber, Title: "Cancelled (m²)", Column: "cancelled_m2"},
	{Name: "reduced_m2", Type: cql2.TypeNumber, Title: "Reduced (m²)", Column: "reduced_m2"},
	{Name: "cleared_m2", Type: cql2.TypeNumber, Title: "Cleared (m²)", Column: "cleared_m2"},
	{Name: "remaining_m2", Type: cql2.TypeNumber, Title: "Remaining (m²)", Column: "remaining_m2"},
}

func common(hasGeometry bool) []Queryable {
	qs := []Queryable{
		{Name: "hid", Type: cql2.TypeString, Title: "Human id", Column: "hid"},
		{Name: "organisation", Type: cql2.TypeString, Title: "Organisation code", Column: "organisation"},
		{Name: "date_of_information", Type: cql2.TypeDate, Title: "Date of information", Column: "doi"},
		{Name: "admin_area", Type: cql2.TypeString, Title: "Admin area code", Column: "admin_area"},
		{Name: "updated_at", Type: cql2.TypeTimestamp, Title: "Last approved change", Column: "updated_at"},
	}
	if hasGeometry {
		qs = append(qs, Queryable{Name: "geometry", Type: cql2.TypeGeometry, Title: "Geometry", Column: "geometry"})
	}
	return qs
}

// Queryables returns the queryable properties of a record type.
func Queryables(t RecordType) []Queryable {
	switch t {
	case TypeHazard:
		qs := append(common(true),
			Queryable{Name: "status", Type: cql2.TypeString, Title: "Status", Column: "status", Enum: HazardStatus},
			Queryable{Name: "category", Type: cql2.TypeString, Title: "SHA or CHA", Column: "category", Enum: HazardCategory},
			Queryable{Name: "hazard_type", Type: cql2.TypeString, Title: "Hazard type", Prop: "hazard_type", Enum: HazardType},
			Queryable{Name: "name", Type: cql2.TypeString, Title: "Name", Prop: "name"},
			Queryable{Name: "place", Type: cql2.TypeString, Title: "Place", Prop: "place"},
			Queryable{Name: "priority", Type: cql2.TypeString, Title: "Priority", Prop: "priority", Enum: Priority},
			Queryable{Name: "evidence_reliability", Type: cql2.TypeString, Title: "Evidence reliability", Prop: "evidence_reliability", Enum: Reliability},
			Queryable{Name: "eo_suspected", Type: cql2.TypeStringArray, Title: "EO suspected", Prop: "eo_suspected", Enum: EOCategory},
			Queryable{Name: "eo_confirmed", Type: cql2.TypeStringArray, Title: "EO confirmed", Prop: "eo_confirmed", Enum: EOCategory},
			Queryable{Name: "blockages", Type: cql2.TypeStringArray, Title: "Blockages", Prop: "blockages", Enum: Blockage},
		)
		return append(qs, figureQueryables...)
	case TypeActivity:
		return append(common(true),
			Queryable{Name: "activity_type", Type: cql2.TypeString, Title: "Activity type", Column: "category", Enum: ActivityType},
			Queryable{Name: "status", Type: cql2.TypeString, Title: "Status", Column: "status", Enum: ActivityStatus},
			Queryable{Name: "hazard", Type: cql2.TypeString, Title: "Hazard human id", Prop: "hazard"},
			Queryable{Name: "team", Type: cql2.TypeString, Title: "Team", Prop: "team"},
			Queryable{Name: "start_date", Type: cql2.TypeDate, Title: "Start date", Prop: "start_date"},
			Queryable{Name: "end_date", Type: cql2.TypeDate, Title: "End date", Prop: "end_date"},
			Queryable{Name: "methods", Type: cql2.TypeStringArray, Title: "Methods", Prop: "methods", Enum: Method},
		)
	case TypeFind:
		return append(common(true),
			Queryable{Name: "ordnance", Type: cql2.TypeString, Title: "Ordnance code", Column: "category"},
			Queryable{Name: "quantity", Type: cql2.TypeInteger, Title: "Quantity", Column: "quantity"},
			Queryable{Name: "found_date", Type: cql2.TypeDate, Title: "Found on", Column: "event_date"},
			Queryable{Name: "disposal", Type: cql2.TypeString, Title: "Disposal", Column: "status", Enum: Disposal},
			Queryable{Name: "condition", Type: cql2.TypeString, Title: "Condition", Prop: "condition", Enum: FindCondition},
			Queryable{Name: "activity", Type: cql2.TypeString, Title: "Activity human id", Prop: "activity"},
			Queryable{Name: "hazard", Type: cql2.TypeString, Title: "Hazard human id", Prop: "hazard"},
		)
	case TypeAccident:
		return append(common(true),
			Queryable{Name: "accident_type", Type: cql2.TypeString, Title: "Accident type", Column: "category", Enum: AccidentType},
			Queryable{Name: "date", Type: cql2.TypeDate, Title: "Date", Column: "event_date"},
			Queryable{Name: "victims", Type: cql2.TypeInteger, Title: "Victims reported", Column: "quantity"},
			Queryable{Name: "ordnance", Type: cql2.TypeString, Title: "Ordnance code", Prop: "ordnance"},
			Queryable{Name: "activity_at_time", Type: cql2.TypeString, Title: "Activity at the time", Prop: "activity_at_time", Enum: ActivityAtTime},
		)
	case TypeVictim:
		return append(common(false),
			Queryable{Name: "outcome", Type: cql2.TypeString, Title: "Killed or injured", Column: "status", Enum: VictimOutcome},
			Queryable{Name: "victim_type", Type: cql2.TypeString, Title: "Civilian, military or deminer", Column: "category", Enum: VictimType},
			Queryable{Name: "sex", Type: cql2.TypeString, Title: "Sex", Prop: "sex", Enum: Sex},
			Queryable{Name: "age", Type: cql2.TypeInteger, Title: "Age", Prop: "age"},
			Queryable{Name: "accident", Type: cql2.TypeString, Title: "Accident human id", Prop: "accident"},
		)
	case TypeEducation:
		return append(common(true),
			Queryable{Name: "date", Type: cql2.TypeDate, Title: "Date", Column: "event_date"},
			Queryable{Name: "method", Type: cql2.TypeString, Title: "Method", Column: "category", Enum: EducationMethod},
			Queryable{Name: "beneficiaries", Type: cql2.TypeInteger, Title: "Beneficiaries", Column: "quantity"},
		)
	case TypeQMVisit:
		return append(common(true),
			Queryable{Name: "visit_type", Type: cql2.TypeString, Title: "QA or QC", Column: "category", Enum: QMVisitType},
			Queryable{Name: "result", Type: cql2.TypeString, Title: "Result", Column: "status", Enum: QMResult},
			Queryable{Name: "date", Type: cql2.TypeDate, Title: "Date", Column: "event_date"},
			Queryable{Name: "activity", Type: cql2.TypeString, Title: "Activity human id", Prop: "activity"},
		)
	case TypeTask:
		return append(common(true),
			Queryable{Name: "status", Type: cql2.TypeString, Title: "Status", Column: "status", Enum: TaskStatus},
			Queryable{Name: "priority", Type: cql2.TypeString, Title: "Priority", Column: "category", Enum: Priority},
			Queryable{Name: "title", Type: cql2.TypeString, Title: "Title", Prop: "title"},
			Queryable{Name: "planned_end", Type: cql2.TypeDate, Title: "Planned end", Column: "event_date"},
		)
	}
	return nil
}

// QueryableTypes returns the queryables of t in the form the CQL2 checker takes.
func QueryableTypes(t RecordType) cql2.Queryables {
	out := cql2.Queryables{}
	for _, q := range Queryables(t) {
		out[q.Name] = q.Type
	}
	return out
}
