package mineaction

import "time"

// Date is a calendar date written YYYY-MM-DD, as dates of information and of
// events are reported. The zero value is the empty string (no date).
type Date string

// DateLayout is the layout of a Date.
const DateLayout = "2006-01-02"

// Time returns the date at midnight UTC and whether it is a valid date.
func (d Date) Time() (time.Time, bool) {
	t, err := time.Parse(DateLayout, string(d))
	return t, err == nil
}

// Valid reports whether d is a well-formed calendar date.
func (d Date) Valid() bool {
	_, ok := d.Time()
	return ok
}

// DateOf returns the calendar date of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// checkDate records a field error if d is not a valid date (or is missing and
// required), or lies after today.
func checkDate(fe *FieldErrors, field string, d Date, required bool, today Date) {
	if d == "" {
		if required {
			fe.Add(field, "required; a date YYYY-MM-DD")
		}
		return
	}
	t, ok := d.Time()
	if !ok {
		fe.Add(field, "%q is not a date YYYY-MM-DD", string(d))
		return
	}
	if t.Year() < 1900 {
		fe.Add(field, "%s is before 1900", d)
	}
	if today != "" && d > today {
		fe.Add(field, "%s is in the future", d)
	}
}
