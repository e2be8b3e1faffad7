package cql2

import "fmt"

// Limits that keep hostile filters from exhausting the stack or memory.
const (
	// MaxInputBytes is the longest filter accepted, in bytes.
	MaxInputBytes = 1 << 20
	// MaxDepth is the deepest nesting of operators and parentheses.
	MaxDepth = 64
	// MaxNodes is the largest number of nodes in one expression.
	MaxNodes = 10000
	// MaxStringBytes is the longest string literal or property name.
	MaxStringBytes = 64 << 10
	// MaxPoints is the largest number of positions in all geometry literals
	// of one expression together.
	MaxPoints = 100000
)

// Error is a syntax error in a filter, located by the byte offset where the
// parser stopped (0 for the first byte).
type Error struct {
	Offset int
	Msg    string
}

// Error reports the position counting from 1, as a person counts characters
// in an ASCII filter.
func (e *Error) Error() string {
	return fmt.Sprintf("at position %d: %s", e.Offset+1, e.Msg)
}

func errAt(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// CheckError is a filter that is well formed but does not fit the
// collection: an unknown property or a type mismatch. Property names the
// offending property when there is one.
type CheckError struct {
	Property string
	Msg      string
}

// Error returns the message, fit to show the client as it is.
func (e *CheckError) Error() string { return e.Msg }
