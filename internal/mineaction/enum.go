package mineaction

import (
	"fmt"
	"strings"
)

// Enum is a closed list of values with stable codes (stored and exchanged)
// and display labels (shown to people, translated later).
type Enum struct {
	Name   string
	Values []EnumValue
}

// EnumValue is one value of an Enum.
type EnumValue struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// newEnum builds an Enum from "code:Label" pairs.
func newEnum(name string, pairs ...string) *Enum {
	e := &Enum{Name: name}
	for _, p := range pairs {
		code, label, ok := strings.Cut(p, ":")
		if !ok {
			panic("enum " + name + ": value without label: " + p)
		}
		e.Values = append(e.Values, EnumValue{code, label})
	}
	return e
}

// Has reports whether code is a value of the enum.
func (e *Enum) Has(code string) bool {
	for _, v := range e.Values {
		if v.Code == code {
			return true
		}
	}
	return false
}

// Label returns the display label of code, or code itself if unknown.
func (e *Enum) Label(code string) string {
	for _, v := range e.Values {
		if v.Code == code {
			return v.Label
		}
	}
	return code
}

// Codes returns the codes in order.
func (e *Enum) Codes() []string {
	out := make([]string, len(e.Values))
	for i, v := range e.Values {
		out[i] = v.Code
	}
	return out
}

// check records a field error if code is not a value of e. An empty code is
// an error only when required.
func (e *Enum) check(fe *FieldErrors, field, code string, required bool) {
	if code == "" {
		if required {
			fe.Add(field, "required; one of %s", strings.Join(e.Codes(), ", "))
		}
		return
	}
	if !e.Has(code) {
		fe.Add(field, "unknown code %q; one of %s", code, strings.Join(e.Codes(), ", "))
	}
}

// checkAll checks every code of a list and rejects duplicates.
func (e *Enum) checkAll(fe *FieldErrors, field string, codes []string) {
	seen := map[string]bool{}
	for i, c := range codes {
		f := fmt.Sprintf("%s[%d]", field, i)
		if seen[c] {
			fe.Add(f, "duplicate code %q", c)
			continue
		}
		seen[c] = true
		e.check(fe, f, c, true)
	}
}

// The enumerations of the records. Codes never change once published; labels may.
var (
	HazardCategory = newEnum("hazard_category",
		"SHA:Suspected hazardous area", "CHA:Confirmed hazardous area")
	HazardStatus = newEnum("hazard_status",
		"open:Open", "worked_on:Worked on", "closed:Closed")
	HazardType = newEnum("hazard_type",
		"minefield:Minefield", "battle_area:Battle area", "cluster_strike:Cluster munition strike area",
		"ied_area:IED area", "ammunition_site:Abandoned ammunition site", "mixed:Mixed contamination")
	EOCategory = newEnum("eo_category",
		"ap_mine:Anti-personnel mines", "at_mine:Anti-tank mines", "cluster_munition:Cluster munitions",
		"uxo:Unexploded ordnance", "axo:Abandoned ordnance", "ied:Improvised explosive devices",
		"booby_trap:Booby traps")
	Evidence = newEnum("evidence",
		"accident:Accident or casualty", "eo_seen:Explosive ordnance seen", "informant:Local informant",
		"military_record:Military or minefield record", "fighting:Known fighting in the area",
		"survey_find:Found during survey", "other:Other")
	Reliability = newEnum("reliability", "high:High", "medium:Medium", "low:Low")
	Blockage    = newEnum("blockage",
		"roads:Roads and paths", "agriculture:Agricultural land", "grazing:Grazing land", "housing:Housing",
		"water:Water sources and irrigation", "infrastructure:Infrastructure", "forest:Forest", "other:Other")
	Priority = newEnum("priority", "high:High", "medium:Medium", "low:Low")

	ActivityType = newEnum("activity_type",
		"nts:Non-technical survey", "ts:Technical survey", "clearance:Clearance",
		"bac:Battle area clearance", "eod_spot:EOD spot task", "cancellation:Cancellation",
		"completion:Completion survey", "marking:Marking")
	ActivityStatus = newEnum("activity_status",
		"planned:Planned", "ongoing:Ongoing", "completed:Completed", "suspended:Suspended", "aborted:Aborted")
	Method = newEnum("method",
		"manual:Manual", "mechanical:Mechanical", "dogs:Mine detection dogs", "survey:Survey team")
	ReleaseKind = newEnum("release_kind",
		"cancelled:Cancelled (non-technical survey)", "reduced:Reduced (technical survey)", "cleared:Cleared")

	FindCondition = newEnum("find_condition",
		"armed:Armed", "unarmed:Unarmed", "damaged:Damaged", "unknown:Unknown")
	Disposal = newEnum("disposal",
		"destroyed_in_situ:Destroyed in situ", "removed_destroyed:Removed and destroyed",
		"rendered_safe:Rendered safe", "handed_over:Handed over", "pending:Awaiting disposal")

	AccidentType = newEnum("accident_type",
		"mine_erw:Mine or ERW accident", "demining:Demining accident")
	ActivityAtTime = newEnum("activity_at_time",
		"farming:Farming", "herding:Herding", "travelling:Travelling", "collecting:Collecting wood or scrap",
		"playing:Playing", "tampering:Handling or tampering", "demining:Demining", "military:Military duty",
		"construction:Construction or reconstruction", "returning:Returning home", "other:Other", "unknown:Unknown")
	VictimOutcome = newEnum("victim_outcome", "killed:Killed", "injured:Injured")
	Sex           = newEnum("sex", "female:Female", "male:Male", "unknown:Unknown")
	VictimType    = newEnum("victim_type", "civilian:Civilian", "military:Military", "deminer:Deminer")

	EducationMethod = newEnum("education_method",
		"presentation:Presentation", "community_meeting:Community meeting", "school:School session",
		"door_to_door:Door to door", "mass_media:Mass media", "digital:Digital", "training_of_trainers:Training of trainers")

	QMVisitType      = newEnum("qm_visit_type", "qa:Quality assurance", "qc:Quality control")
	QMResult         = newEnum("qm_result", "passed:Passed", "passed_with_remarks:Passed with remarks", "failed:Failed")
	QMSeverity       = newEnum("qm_severity", "minor:Minor", "major:Major", "critical:Critical")
	TaskStatus       = newEnum("task_status", "draft:Draft", "issued:Issued", "in_progress:In progress", "completed:Completed", "cancelled:Cancelled")
	OrganisationKind = newEnum("organisation_kind",
		"authority:National authority", "army:Army engineers", "ministry:Government ministry",
		"commercial:Commercial operator", "ngo:Non-governmental organisation", "other:Other")
)

// Enums lists every enumeration, for the reference data API and the forms.
func Enums() []*Enum {
	return []*Enum{HazardCategory, HazardStatus, HazardType, EOCategory, Evidence, Reliability, Blockage,
		Priority, ActivityType, ActivityStatus, Method, ReleaseKind, FindCondition, Disposal, AccidentType,
		ActivityAtTime, VictimOutcome, Sex, VictimType, EducationMethod, QMVisitType, QMResult, QMSeverity,
		TaskStatus, OrganisationKind}
}
