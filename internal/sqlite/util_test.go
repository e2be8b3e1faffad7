package sqlite

import (
	"testing"
	"time"
)

// The shortcut for stored times reads what time.Parse reads, and leaves
// to it what it does not read itself.
func TestParseFixedTime(t *testing.T) {
	for _, s := range []string{"2026-11-29T06:33:00.462686Z", "2024-02-29T23:59:59.999999Z", "0001-01-01T00:00:00.000000Z",
		"2023-02-29T00:00:00.000000Z", "2024-04-31T00:00:00.000000Z", "2024-13-01T00:00:00.000000Z", "2024-01-01T24:00:00.000000Z",
		"2024-01-01T00:60:00.000000Z", "2024-01-01T00:00:60.000000Z", "2024-01-01 00:00:00.000000Z", "2024-01-01T00:00:00.00000aZ",
		"2024-01-01T00:00:00.000000+", "2024-01-01T00:00:00Z", ""} {
		want, werr := time.Parse(timeLayout, s)
		got, ok := parseFixedTime(s)
		if ok != (werr == nil) || ok && !got.Equal(want) || ok && got.Location() != time.UTC {
			t.Errorf("%q: got %v %v, time.Parse %v %v", s, got, ok, want, werr)
		}
	}
}
