package mineaction

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"mineaction/internal/geo"
)

// RecordType names a kind of record. The codes are part of the API contract.
type RecordType string

// The record types.
const (
	TypeHazard    RecordType = "hazard"
	TypeActivity  RecordType = "activity"
	TypeFind      RecordType = "find"
	TypeAccident  RecordType = "accident"
	TypeVictim    RecordType = "victim"
	TypeEducation RecordType = "education"
	TypeQMVisit   RecordType = "qm_visit"
	TypeTask      RecordType = "task"
)

// RecordTypes lists every record type in display order.
var RecordTypes = []RecordType{TypeHazard, TypeActivity, TypeFind, TypeAccident, TypeVictim, TypeEducation, TypeQMVisit, TypeTask}

var hidPrefixes = map[RecordType]string{
	TypeHazard: "HA", TypeActivity: "AC", TypeFind: "FD", TypeAccident: "AD",
	TypeVictim: "VC", TypeEducation: "ED", TypeQMVisit: "QM", TypeTask: "TK",
}

// Valid reports whether t is a known record type.
func (t RecordType) Valid() bool { _, ok := hidPrefixes[t]; return ok }

// HIDPrefix returns the prefix of human ids of this type, for example "HA".
func (t RecordType) HIDPrefix() string { return hidPrefixes[t] }

// FormatHID returns the human id of the n-th record of type t, e.g. HA-000123.
func FormatHID(t RecordType, n int64) string { return fmt.Sprintf("%s-%06d", t.HIDPrefix(), n) }

// TypeOfHID returns the record type a human id belongs to.
func TypeOfHID(hid string) (RecordType, bool) {
	prefix, _, ok := strings.Cut(hid, "-")
	if !ok {
		return "", false
	}
	for t, p := range hidPrefixes {
		if p == prefix {
			return t, true
		}
	}
	return "", false
}

// Base holds what every record carries.
type Base struct {
	// HID is the human id, assigned when the record is first approved.
	HID string `json:"hid,omitempty"`
	// Organisation is the code of the organisation that owns the record.
	Organisation string `json:"organisation"`
	// DateOfInformation is when the reported facts were true. A report only
	// changes the current view if it is later than the data it updates.
	DateOfInformation Date   `json:"date_of_information"`
	Notes             string `json:"notes,omitempty"`
}

func (b *Base) base() *Base { return b }

// Record is one of the record types. Records are plain structs; the geometry
// is carried beside the properties, as in a GeoJSON feature.
type Record interface {
	Type() RecordType
	base() *Base
	// check validates the properties and geometry without looking anything
	// up; references are checked by the workflow through Refs.
	check(fe *FieldErrors, g geo.Geometry, r Rules)
	// Refs lists the reference data and records this record points at.
	Refs() []Ref
	// Index returns what a store indexes for queries and figures.
	Index() Index
}

// BaseOf returns the common fields of a record.
func BaseOf(r Record) *Base { return r.base() }

// Ref is a pointer from a record to reference data or to another record.
type Ref struct {
	Field string  // the property that holds it, e.g. "properties.hazard"
	Kind  RefKind // what it points at
	Code  string  // the code or human id
	Org   string  // for teams: the organisation code
}

// RefKind says what a Ref points at.
type RefKind string

// The kinds of reference.
const (
	RefOrganisation RefKind = "organisation"
	RefTeam         RefKind = "team"
	RefOrdnance     RefKind = "ordnance"
	RefAdminArea    RefKind = "admin_area"
	RefHazard       RefKind = "hazard"
	RefActivity     RefKind = "activity"
	RefAccident     RefKind = "accident"
	RefTask         RefKind = "task"
)

// RecordType returns the record type a record reference points at, or "" for
// reference data.
func (k RefKind) RecordType() RecordType {
	switch k {
	case RefHazard:
		return TypeHazard
	case RefActivity:
		return TypeActivity
	case RefAccident:
		return TypeAccident
	case RefTask:
		return TypeTask
	}
	return ""
}

// Index is what stores index about a record's current version, the same for
// every store. Fields that do not apply are empty.
type Index struct {
	Status    string // hazard or activity or task status; victim outcome
	Category  string // SHA/CHA, activity type, victim type, accident type, ...
	EventDate Date   // when it happened: find, accident, session, activity end
	Quantity  int64  // items found; beneficiaries; victims
}

// Rules are the settings validation depends on.
type Rules struct {
	// ServiceArea is the box the programme works in. A position outside it
	// whose swapped coordinates fall inside is reported as swapped.
	ServiceArea geo.BBox
	// AgeBands are the beneficiary age bands of risk education reports.
	AgeBands []string
	// Today is the current date; dates after it are rejected.
	Today Date
}

// DefaultAgeBands are the age bands one national risk education form uses.
var DefaultAgeBands = []string{"0-9", "10-17", "18-45", "46+"}

// NewRecord returns an empty record of type t.
func NewRecord(t RecordType) (Record, error) {
	switch t {
	case TypeHazard:
		return &Hazard{}, nil
	case TypeActivity:
		return &Activity{}, nil
	case TypeFind:
		return &Find{}, nil
	case TypeAccident:
		return &Accident{}, nil
	case TypeVictim:
		return &Victim{}, nil
	case TypeEducation:
		return &Education{}, nil
	case TypeQMVisit:
		return &QMVisit{}, nil
	case TypeTask:
		return &Task{}, nil
	}
	return nil, Invalid("record_type", "unknown record type %q; one of %s", t, joinTypes())
}

func joinTypes() string {
	s := make([]string, len(RecordTypes))
	for i, t := range RecordTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// DecodeProperties decodes the properties of a record of type t strictly:
// unknown fields and wrong JSON types are field errors under "properties".
func DecodeProperties(t RecordType, props []byte) (Record, error) {
	rec, err := NewRecord(t)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(props)) == 0 || string(bytes.TrimSpace(props)) == "null" {
		return nil, Invalid("properties", "required")
	}
	dec := json.NewDecoder(bytes.NewReader(props))
	dec.DisallowUnknownFields()
	if err := dec.Decode(rec); err != nil {
		return nil, propertiesError(err)
	}
	if dec.More() {
		return nil, Invalid("properties", "trailing data after the object")
	}
	return rec, nil
}

func propertiesError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := "properties"
		if te.Field != "" {
			field += "." + te.Field
		}
		return Invalid(field, "expected %s, got a JSON %s", JSONTypeName(te.Type), te.Value)
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return Invalid("properties."+strings.Trim(f, `"`), "unknown field")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return Invalid("properties", "malformed JSON at byte %d", se.Offset)
	}
	return Invalid("properties", "%s", strings.TrimPrefix(msg, "json: "))
}

// JSONTypeName names, for an error message, the JSON that decodes into a
// Go value of type t: "a string", "a number", "an object"... (never the Go
// type's name, which means nothing to the sender).
func JSONTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer, reflect.Interface:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a JSON value"
}

// Check validates a record and its geometry. It returns a KindInvalid *Error
// listing every fault, or nil.
func Check(rec Record, g geo.Geometry, r Rules) error {
	var fe FieldErrors
	b := rec.base()
	if b.Organisation == "" {
		fe.Add("properties.organisation", "required")
	}
	checkDate(&fe, "properties.date_of_information", b.DateOfInformation, true, r.Today)
	if len(b.Notes) > 10000 {
		fe.Add("properties.notes", "longer than 10000 characters")
	}
	rec.check(&fe, g, r)
	return fe.Err("the " + string(rec.Type()) + " report is not valid")
}

func checkText(fe *FieldErrors, field, s string, max int, required bool) {
	if s == "" && required {
		fe.Add(field, "required")
	}
	if len(s) > max {
		fe.Add(field, "longer than %d characters", max)
	}
}

func checkHID(fe *FieldErrors, field, hid string, want RecordType, required bool) {
	if hid == "" {
		if required {
			fe.Add(field, "required; the human id of a %s, e.g. %s", want, FormatHID(want, 1))
		}
		return
	}
	if t, ok := TypeOfHID(hid); !ok || t != want {
		fe.Add(field, "%q is not the human id of a %s (e.g. %s)", hid, want, FormatHID(want, 1))
	}
}

func refIf(refs []Ref, field string, kind RefKind, code string) []Ref {
	if code == "" {
		return refs
	}
	return append(refs, Ref{Field: field, Kind: kind, Code: code})
}
