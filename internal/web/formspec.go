package web

import (
	"strings"

	"mineaction/internal/mineaction"
)

// fieldSpec is one input of a report form. Name is the property's JSON
// name; a dotted name ("personal.name") is a nested object's property.
type fieldSpec struct {
	Name     string
	Kind     string // text, textarea, date, time, int, number, enum, enums, bool, hid, hids, org, admin, ordnance
	Enum     *mineaction.Enum
	Required bool
}

// groupSpec is a repeated group of inputs: a list of objects such as an
// activity's outcomes or an accident's victims.
type groupSpec struct {
	Name   string
	Fields []fieldSpec
	// Geometry is "polygon" or "point" when each row has a position,
	// typed as coordinates.
	Geometry string
	// Blank is the number of empty rows offered for new entries.
	Blank int
}

// formSpec is the form of one record type.
type formSpec struct {
	Type   mineaction.RecordType
	Fields []fieldSpec
	Groups []groupSpec
	// Beneficiaries asks for counts by sex and age band (risk education).
	Beneficiaries bool
	// Geometry is "polygon", "point" or "" (no position).
	Geometry         string
	GeometryRequired bool
}

// showsPersonal reports whether the form has inputs for victims' personal
// data.
func (s *formSpec) showsPersonal() bool {
	for _, f := range s.Fields {
		if strings.HasPrefix(f.Name, "personal.") {
			return true
		}
	}
	return false
}

func enum(name string, e *mineaction.Enum, required bool) fieldSpec {
	return fieldSpec{Name: name, Kind: "enum", Enum: e, Required: required}
}

func enums(name string, e *mineaction.Enum) fieldSpec {
	return fieldSpec{Name: name, Kind: "enums", Enum: e}
}

func text(name string, required bool) fieldSpec {
	return fieldSpec{Name: name, Kind: "text", Required: required}
}
func date(name string, required bool) fieldSpec {
	return fieldSpec{Name: name, Kind: "date", Required: required}
}
func hid(name string, required bool) fieldSpec {
	return fieldSpec{Name: name, Kind: "hid", Required: required}
}

var common = []fieldSpec{{Name: "organisation", Kind: "org", Required: true}, date("date_of_information", true)}
var notes = fieldSpec{Name: "notes", Kind: "textarea"}

var victimFacts = []fieldSpec{
	enum("outcome", mineaction.VictimOutcome, true), enum("sex", mineaction.Sex, true),
	{Name: "age", Kind: "int"}, enum("victim_type", mineaction.VictimType, true),
	enum("activity_at_time", mineaction.ActivityAtTime, false),
	{Name: "consent_authorities", Kind: "bool"}, {Name: "consent_ngos", Kind: "bool"},
}

// forms are the report forms, one per record type.
var forms = map[mineaction.RecordType]*formSpec{
	mineaction.TypeHazard: {Type: mineaction.TypeHazard, Geometry: "polygon", GeometryRequired: true,
		Fields: append(append([]fieldSpec{}, common...),
			text("name", false), enum("category", mineaction.HazardCategory, true), enum("status", mineaction.HazardStatus, true),
			enum("hazard_type", mineaction.HazardType, true), enums("eo_suspected", mineaction.EOCategory),
			enums("eo_confirmed", mineaction.EOCategory), enums("evidence", mineaction.Evidence),
			enum("evidence_reliability", mineaction.Reliability, false), enums("blockages", mineaction.Blockage),
			enum("priority", mineaction.Priority, false), fieldSpec{Name: "admin_area", Kind: "admin"}, text("place", false), notes)},
	mineaction.TypeActivity: {Type: mineaction.TypeActivity, Geometry: "polygon",
		Fields: append(append([]fieldSpec{}, common...),
			enum("activity_type", mineaction.ActivityType, true), enum("status", mineaction.ActivityStatus, true),
			hid("hazard", false), hid("task", false), text("team", false), enums("methods", mineaction.Method),
			date("start_date", false), date("end_date", false), fieldSpec{Name: "clearance_depth_cm", Kind: "number"}, notes),
		Groups: []groupSpec{
			{Name: "outcomes", Geometry: "polygon", Blank: 2, Fields: []fieldSpec{enum("kind", mineaction.ReleaseKind, true)}},
			{Name: "finds", Geometry: "point", Blank: 2, Fields: []fieldSpec{{Name: "ordnance", Kind: "ordnance", Required: true},
				{Name: "quantity", Kind: "int", Required: true}, enum("condition", mineaction.FindCondition, false),
				enum("disposal", mineaction.Disposal, false), date("found_date", false)}},
		}},
	mineaction.TypeFind: {Type: mineaction.TypeFind, Geometry: "point",
		Fields: append(append([]fieldSpec{}, common...),
			fieldSpec{Name: "ordnance", Kind: "ordnance", Required: true}, fieldSpec{Name: "quantity", Kind: "int", Required: true},
			enum("condition", mineaction.FindCondition, false), fieldSpec{Name: "depth_cm", Kind: "number"},
			enum("disposal", mineaction.Disposal, false), date("found_date", true), hid("activity", false), hid("hazard", false), notes)},
	mineaction.TypeAccident: {Type: mineaction.TypeAccident, Geometry: "point", GeometryRequired: true,
		Fields: append(append([]fieldSpec{}, common...),
			enum("accident_type", mineaction.AccidentType, true), date("date", true), fieldSpec{Name: "time", Kind: "time"},
			fieldSpec{Name: "ordnance", Kind: "ordnance"}, enum("activity_at_time", mineaction.ActivityAtTime, false),
			hid("hazard", false), text("place", false), notes),
		Groups: []groupSpec{{Name: "victims", Blank: 2, Fields: victimFacts}}},
	mineaction.TypeVictim: {Type: mineaction.TypeVictim,
		Fields: append(append(append(append([]fieldSpec{}, common...), hid("accident", true)), victimFacts...),
			text("personal.name", false), text("personal.address", false), date("personal.date_of_birth", false),
			fieldSpec{Name: "personal.medical", Kind: "textarea"}, notes)},
	mineaction.TypeEducation: {Type: mineaction.TypeEducation, Geometry: "point", GeometryRequired: true, Beneficiaries: true,
		Fields: append(append([]fieldSpec{}, common...),
			date("date", true), enum("method", mineaction.EducationMethod, true), text("place", false), notes)},
	mineaction.TypeQMVisit: {Type: mineaction.TypeQMVisit, Geometry: "point",
		Fields: append(append([]fieldSpec{}, common...),
			hid("activity", true), fieldSpec{Name: "inspecting_organisation", Kind: "org", Required: true},
			enum("visit_type", mineaction.QMVisitType, true), date("date", true), enum("result", mineaction.QMResult, true), notes),
		Groups: []groupSpec{{Name: "non_conformities", Blank: 2, Fields: []fieldSpec{enum("severity", mineaction.QMSeverity, true), text("description", true)}}}},
	mineaction.TypeTask: {Type: mineaction.TypeTask, Geometry: "polygon",
		Fields: append(append([]fieldSpec{}, common...),
			text("title", true), fieldSpec{Name: "hazards", Kind: "hids"}, enum("status", mineaction.TaskStatus, true),
			enum("priority", mineaction.Priority, false), date("planned_start", false), date("planned_end", false),
			fieldSpec{Name: "target_m2", Kind: "number"}, notes)},
}
