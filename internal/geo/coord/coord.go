// Package coord reads and writes the position formats that mine action field
// teams record: decimal degrees, degrees-minutes-seconds (and degrees with
// decimal minutes), UTM and MGRS, all on the WGS84 ellipsoid.
//
// Parse detects the format; ParseDMS, ParseUTM and ParseMGRS accept one
// format each. FormatDMS, FormatUTM and FormatMGRS write a position back.
//
// UTM uses Krüger's series to order n⁶ (Karney 2011), accurate to a few
// nanometres within a zone, with the standard zones including the Norway and
// Svalbard exceptions. UTM and MGRS cover latitudes from 80°S up to (not
// including) 84°N; the polar regions, where UPS would be used instead, are
// not supported and are rejected with ErrPolar.
//
// Conventions, chosen to match GeographicLib's GeoConvert:
//   - Two numbers without hemisphere letters are latitude then longitude, as
//     people write them ("40.2111, 46.8139").
//   - In UTM, the letter after the zone number is a hemisphere, n or s (also
//     "north" or "south"), or an MGRS latitude band letter ("38T 567890
//     4456789" is band T, north). A small s is the southern hemisphere, as in
//     GeoConvert. A capital S is the southern hemisphere too, except where
//     the position fits band S (32°N to 40°N): there it is ambiguous, and
//     ParseIn takes the reading inside the service area (see ParseUTM).
//     FormatUTM writes "38n 567890 4456789".
//   - An MGRS reference stands for the centre of its square, as GeoConvert
//     reads it; FormatMGRS truncates (never rounds) to the requested
//     precision, so the square it names contains the point.
package coord

import (
	"errors"
	"strconv"
)

// ErrPolar reports a latitude outside the UTM range: south of 80°S or at or
// north of 84°N. UPS, which covers the polar caps, is not supported.
var ErrPolar = errors.New("latitude outside the UTM range 80°S to 84°N (polar regions need UPS, which is not supported)")

// ParseError describes input that could not be read as a position.
type ParseError struct {
	Input  string // the text as given
	Format string // the format it was read as, for example "MGRS"; empty if none could be recognised
	Reason string // what was wrong and what was expected
	Err    error  // the underlying error, such as one wrapping ErrPolar, or nil
}

// Unwrap returns the underlying error, so that errors.Is(err, ErrPolar)
// works on a ParseError.
func (e *ParseError) Unwrap() error { return e.Err }

// Error implements error.
func (e *ParseError) Error() string {
	in := e.Input
	if r := []rune(in); len(r) > 60 {
		in = string(r[:60]) + "…"
	}
	in = strconv.Quote(in)
	if e.Format == "" {
		return "cannot read " + in + " as a position: " + e.Reason
	}
	return "cannot read " + in + " as " + e.Format + ": " + e.Reason
}
