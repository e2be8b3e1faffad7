package mineaction

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an Error so that the HTTP layer can map it to a status in
// one place.
type Kind int

// The kinds of application error.
const (
	KindInternal     Kind = iota // a bug or a failure of a dependency
	KindInvalid                  // the input is wrong; FieldErrors say where
	KindNotFound                 // no such thing (or not visible to the caller)
	KindConflict                 // the state changed under the caller, or the action is not allowed in this state
	KindPrecondition             // an If-Match version did not match
	KindForbidden                // authenticated but not allowed
	KindUnauthorized             // not authenticated
	KindTooLarge                 // the request is over a size limit
	KindTooMany                  // rate limited
	KindUnavailable              // the server could not answer in time
)

var kindNames = map[Kind]string{
	KindInternal: "internal", KindInvalid: "invalid", KindNotFound: "not found",
	KindConflict: "conflict", KindPrecondition: "precondition failed", KindForbidden: "forbidden",
	KindUnauthorized: "unauthorized", KindTooLarge: "too large", KindTooMany: "too many requests",
	KindUnavailable: "unavailable",
}

func (k Kind) String() string { return kindNames[k] }

// FieldError names one faulty field of the input and why it is wrong. Field
// is a path such as "properties.status" or "geometry.coordinates[0][3]".
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func (f FieldError) String() string { return f.Field + ": " + f.Reason }

// Error is the application error. Msg is safe to show to a client; Err is the
// cause, for the log only.
type Error struct {
	Kind   Kind
	Msg    string
	Fields []FieldError
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Msg)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) and friends match on kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Msg == "" && t.Err == nil && t.Kind == e.Kind
}

// Sentinel errors that store implementations return (wrapped) and callers
// test with errors.Is.
var (
	ErrNotFound     = &Error{Kind: KindNotFound}
	ErrConflict     = &Error{Kind: KindConflict}
	ErrPrecondition = &Error{Kind: KindPrecondition}
	ErrForbidden    = &Error{Kind: KindForbidden}
	ErrInvalid      = &Error{Kind: KindInvalid}
)

// Errorf makes an Error of the given kind with a client-safe message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// NotFoundf makes a KindNotFound error.
func NotFoundf(format string, args ...any) *Error { return Errorf(KindNotFound, format, args...) }

// Conflictf makes a KindConflict error.
func Conflictf(format string, args ...any) *Error { return Errorf(KindConflict, format, args...) }

// Forbiddenf makes a KindForbidden error.
func Forbiddenf(format string, args ...any) *Error { return Errorf(KindForbidden, format, args...) }

// ErrorKind returns the kind of err, KindInternal if it is not an *Error.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// FieldErrors collects field faults found while validating input.
type FieldErrors []FieldError

// Add records a fault.
func (fe *FieldErrors) Add(field, format string, args ...any) {
	*fe = append(*fe, FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

// Err returns nil if no fault was recorded, otherwise a KindInvalid *Error
// carrying the faults sorted by field.
func (fe FieldErrors) Err(msg string) error {
	if len(fe) == 0 {
		return nil
	}
	out := append([]FieldError(nil), fe...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return &Error{Kind: KindInvalid, Msg: msg, Fields: out}
}

// Invalid returns a KindInvalid error for one field.
func Invalid(field, format string, args ...any) error {
	var fe FieldErrors
	fe.Add(field, format, args...)
	return fe.Err("invalid input")
}
