package web

import (
	"encoding/json"
	"fmt"
	"strings"

	"mineaction/internal/mineaction"
)

// column is one column of a record list.
type column struct {
	Key   string // message key suffix and sort key
	Num   bool
	Value func(r *mineaction.RecordState, p map[string]any) string
	// Sort returns a sortable value; nil columns are not sortable.
	Sort func(r *mineaction.RecordState, p map[string]any) any
}

func prop(name string) func(*mineaction.RecordState, map[string]any) string {
	return func(_ *mineaction.RecordState, p map[string]any) string { return propString(p[name]) }
}

func propEnum(name, enum string) func(*mineaction.RecordState, map[string]any) string {
	return func(_ *mineaction.RecordState, p map[string]any) string {
		return msgs.enumLabel(enum, propString(p[name]))
	}
}

func propString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return formatNumber(x, 0)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return msgs.T("yes")
		}
		return msgs.T("no")
	case []any:
		s := make([]string, len(x))
		for i, e := range x {
			s[i] = propString(e)
		}
		return strings.Join(s, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func sortProp(name string) func(*mineaction.RecordState, map[string]any) any {
	return func(_ *mineaction.RecordState, p map[string]any) any { return p[name] }
}

var hidColumn = column{Key: "hid", Value: func(r *mineaction.RecordState, _ map[string]any) string { return r.HID },
	Sort: func(r *mineaction.RecordState, _ map[string]any) any { return r.HID }}

var orgColumn = column{Key: "organisation", Value: func(r *mineaction.RecordState, _ map[string]any) string { return r.Organisation },
	Sort: func(r *mineaction.RecordState, _ map[string]any) any { return r.Organisation }}

var eventColumn = func(key string) column {
	return column{Key: key, Value: func(r *mineaction.RecordState, _ map[string]any) string { return string(r.Index.EventDate) },
		Sort: func(r *mineaction.RecordState, _ map[string]any) any { return string(r.Index.EventDate) }}
}

func figureColumn(key string, f func(*mineaction.Figures) float64) column {
	get := func(r *mineaction.RecordState) float64 {
		if r.Figures == nil {
			return 0
		}
		return f(r.Figures)
	}
	return column{Key: key, Num: true, Value: func(r *mineaction.RecordState, _ map[string]any) string { return formatArea(get(r)) },
		Sort: func(r *mineaction.RecordState, _ map[string]any) any { return get(r) }}
}

// columns are the list columns of each record type.
var columns = map[mineaction.RecordType][]column{
	mineaction.TypeHazard: {hidColumn, {Key: "name", Value: prop("name")},
		{Key: "category", Value: prop("category"), Sort: sortProp("category")},
		{Key: "status", Value: propEnum("status", "hazard_status"), Sort: sortProp("status")},
		{Key: "admin_area", Value: func(r *mineaction.RecordState, _ map[string]any) string { return r.AdminArea },
			Sort: func(r *mineaction.RecordState, _ map[string]any) any { return r.AdminArea }},
		orgColumn,
		figureColumn("original_m2", func(f *mineaction.Figures) float64 { return f.OriginalM2 }),
		figureColumn("remaining_m2", func(f *mineaction.Figures) float64 { return f.RemainingM2 }),
		eventColumn("date_of_information")},
	mineaction.TypeActivity: {hidColumn, {Key: "activity_type", Value: propEnum("activity_type", "activity_type"), Sort: sortProp("activity_type")},
		{Key: "status", Value: propEnum("status", "activity_status"), Sort: sortProp("status")},
		{Key: "hazard", Value: prop("hazard"), Sort: sortProp("hazard")}, orgColumn, eventColumn("end_date")},
	mineaction.TypeFind: {hidColumn, {Key: "ordnance", Value: prop("ordnance"), Sort: sortProp("ordnance")},
		{Key: "quantity", Num: true, Value: prop("quantity"), Sort: sortProp("quantity")},
		{Key: "disposal", Value: propEnum("disposal", "disposal"), Sort: sortProp("disposal")},
		{Key: "activity", Value: prop("activity")}, orgColumn, eventColumn("found_date")},
	mineaction.TypeAccident: {hidColumn, {Key: "accident_type", Value: propEnum("accident_type", "accident_type"), Sort: sortProp("accident_type")},
		eventColumn("date"), {Key: "place", Value: prop("place"), Sort: sortProp("place")},
		{Key: "activity_at_time", Value: propEnum("activity_at_time", "activity_at_time")}, orgColumn},
	mineaction.TypeVictim: {hidColumn, {Key: "accident", Value: prop("accident"), Sort: sortProp("accident")},
		{Key: "outcome", Value: propEnum("outcome", "victim_outcome"), Sort: sortProp("outcome")},
		{Key: "sex", Value: propEnum("sex", "sex"), Sort: sortProp("sex")},
		{Key: "age", Num: true, Value: prop("age"), Sort: sortProp("age")},
		{Key: "victim_type", Value: propEnum("victim_type", "victim_type"), Sort: sortProp("victim_type")}, eventColumn("date")},
	mineaction.TypeEducation: {hidColumn, eventColumn("date"), {Key: "method", Value: propEnum("method", "education_method"), Sort: sortProp("method")},
		{Key: "place", Value: prop("place"), Sort: sortProp("place")},
		{Key: "beneficiaries", Num: true, Value: func(r *mineaction.RecordState, _ map[string]any) string {
			return formatNumber(float64(r.Index.Quantity), 0)
		},
			Sort: func(r *mineaction.RecordState, _ map[string]any) any { return float64(r.Index.Quantity) }}, orgColumn},
	mineaction.TypeQMVisit: {hidColumn, {Key: "activity", Value: prop("activity"), Sort: sortProp("activity")},
		{Key: "visit_type", Value: propEnum("visit_type", "qm_visit_type")}, eventColumn("date"),
		{Key: "result", Value: propEnum("result", "qm_result"), Sort: sortProp("result")}, orgColumn},
	mineaction.TypeTask: {hidColumn, {Key: "title", Value: prop("title"), Sort: sortProp("title")},
		{Key: "status", Value: propEnum("status", "task_status"), Sort: sortProp("status")},
		{Key: "priority", Value: propEnum("priority", "priority"), Sort: sortProp("priority")}, orgColumn, eventColumn("planned_end")},
}

// statusEnums are the enums of each type's indexed status, for the filter.
var statusEnums = map[mineaction.RecordType]*mineaction.Enum{
	mineaction.TypeHazard: mineaction.HazardStatus, mineaction.TypeActivity: mineaction.ActivityStatus,
	mineaction.TypeFind: mineaction.Disposal, mineaction.TypeVictim: mineaction.VictimOutcome,
	mineaction.TypeQMVisit: mineaction.QMResult, mineaction.TypeTask: mineaction.TaskStatus,
}

// less orders two sort values of a column.
func less(a, b any) int {
	switch x := a.(type) {
	case float64:
		y, _ := b.(float64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case string:
		y, _ := b.(string)
		return strings.Compare(x, y)
	case nil:
		if b == nil {
			return 0
		}
		return -1
	}
	if b == nil {
		return 1
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}
