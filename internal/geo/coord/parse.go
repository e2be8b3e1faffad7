package coord

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mineaction/internal/geo"
)

// Parse reads a position written in any of the formats field teams use and
// returns it as longitude X and latitude Y in degrees. It recognises:
//   - MGRS: a zone number and three letters, then digits, spaces allowed
//     ("38TNK6789056789", "38T NK 67890 56789"); see ParseMGRS.
//   - UTM: a zone with its hemisphere or band letter and two numbers, the
//     easting with at least five digits before any decimal point
//     ("38T 567890 4456789", "38n 567890 4456789"), or anything else that
//     starts with a zone number and a band letter other than N, S, E, W;
//     see ParseUTM.
//   - anything else as decimal degrees or degrees, minutes and seconds; see
//     ParseDMS.
//
// The error, a *ParseError, says what was expected.
func Parse(s string) (geo.Point, error) {
	switch {
	case looksUTM(s):
		return ParseUTM(s)
	case looksMGRS(s):
		return ParseMGRS(s)
	case startsWithBand(s):
		return ParseUTM(s)
	}
	p, err := ParseDMS(s)
	if err != nil {
		if pe, ok := err.(*ParseError); ok && !strings.ContainsAny(s, "0123456789") {
			pe.Format = ""
			pe.Reason = "expected "
			if strings.TrimSpace(s) == "" {
				pe.Reason = "empty; expected "
			}
			pe.Reason += geoExamples + `, UTM ("38T 567890 4456789") or MGRS ("38TNK6789056789")`
		}
		return geo.Point{}, err
	}
	return p, nil
}

// looksMGRS reports whether s, without spaces, starts with a zone number
// and three letters.
func looksMGRS(s string) bool {
	t := strings.Join(strings.Fields(s), "")
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i < 1 || i > 2 || len(t) < i+3 {
		return false
	}
	for _, c := range t[i : i+3] {
		if !isASCIILetter(c) {
			return false
		}
	}
	return true
}

func isASCIILetter(c rune) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// looksUTM reports whether s is a zone designator and two plain numbers
// (in either order), the easting with at least five integer digits.
func looksUTM(s string) bool {
	f := utmFields(s)
	if len(f) != 3 {
		return false
	}
	e, n := f[1], f[2]
	if !isZoneToken(f[0]) {
		if !isZoneToken(f[2]) {
			return false
		}
		e, n = f[0], f[1]
	}
	_, errE := utmNumber(e)
	_, errN := utmNumber(n)
	if errE != nil || errN != nil {
		return false
	}
	whole, _, _ := strings.Cut(strings.TrimLeft(stripMetres(e), "+"), ".")
	return len(whole) >= 5
}

// startsWithBand reports whether s starts with a zone number and a letter
// that is not N, S, E or W: "38T ...", which no geographic position does.
func startsWithBand(s string) bool {
	f := utmFields(s)
	return len(f) > 0 && isZoneToken(f[0]) && !strings.ContainsAny(strings.ToUpper(f[0]), "NSEW")
}

func utmFields(s string) []string { return strings.Fields(strings.ReplaceAll(s, ",", " ")) }

// isZoneToken reports whether t is one or two digits followed by one
// letter or by "north" or "south".
func isZoneToken(t string) bool {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i < 1 || i > 2 {
		return false
	}
	d := strings.ToLower(t[i:])
	return len(d) == 1 && isASCIILetter(rune(d[0])) || d == "north" || d == "south"
}

// stripMetres removes a unit suffix m, mE or mN.
func stripMetres(t string) string {
	l := strings.ToLower(t)
	for _, suf := range []string{"me", "mn", "m"} {
		if strings.HasSuffix(l, suf) {
			return t[:len(t)-len(suf)]
		}
	}
	return t
}

// utmNumber reads a plain decimal number of metres, optionally suffixed m,
// mE or mN.
func utmNumber(t string) (float64, error) {
	t = stripMetres(t)
	digits := 0
	for i, c := range t {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || (i == 0 && (c == '+' || c == '-')):
		default:
			return 0, fmt.Errorf("%q is not a number of metres", t)
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if digits == 0 || err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number of metres", t)
	}
	return v, nil
}

// ParseUTM reads a UTM position: zone designator, easting and northing in
// metres ("38T 567890 4456789", "38n 567890.5 4456789.25", or with the zone
// last, "567890 4456789 38n"); numbers may end in m, mE or mN. The
// designator is the zone number 1 to 60 followed by n or s (or "north",
// "south") for the hemisphere, or by an MGRS latitude band letter. A band
// letter must agree with the latitude found (within 0.05°).
//
// A capital S is both GeoConvert's letter for the southern hemisphere and
// the band from 32°N to 40°N that field teams in the Caucasus, the Middle
// East and North Africa write: "38S 697194 4396990" is 39.70°N 47.30°E in
// band S, and 50.55°S 47.78°E in the southern hemisphere. Where the
// position fits band S, the error is a *ParseError wrapping an *Ambiguity
// with both readings, which ParseIn resolves with the service area;
// elsewhere a capital S is the southern hemisphere. A small s is always the
// hemisphere, as GeoConvert and FormatUTM write it.
func ParseUTM(s string) (geo.Point, error) {
	fail := func(format string, args ...any) (geo.Point, error) {
		return geo.Point{}, &ParseError{Input: s, Format: "UTM", Reason: fmt.Sprintf(format, args...)}
	}
	f := utmFields(s)
	if len(f) != 3 {
		return fail("expected a zone, an easting and a northing, as in \"38T 567890 4456789\"")
	}
	z, e, n := f[0], f[1], f[2]
	if !isZoneToken(z) {
		if !isZoneToken(f[2]) {
			return fail("expected a zone designator such as 38n, 38s or 38T first or last, got %q", f[0])
		}
		z, e, n = f[2], f[0], f[1]
	}
	i := 0
	for z[i] >= '0' && z[i] <= '9' {
		i++
	}
	zone, _ := strconv.Atoi(z[:i])
	if zone < 1 || zone > 60 {
		return fail("zone %d is outside 1 to 60", zone)
	}
	east, err := utmNumber(e)
	if err != nil {
		return fail("easting: %v", err)
	}
	northing, err := utmNumber(n)
	if err != nil {
		return fail("northing: %v", err)
	}
	u := UTM{Zone: zone, Easting: east, Northing: northing}
	switch d := strings.ToUpper(z[i:]); {
	case d == "N" || d == "NORTH":
		u.North = true
		return utmPoint(s, u, noBand)
	case z[i:] == "S":
		inBand, err := utmPoint(s, UTM{Zone: zone, North: true, Easting: east, Northing: northing}, bandS)
		if err != nil {
			return utmPoint(s, u, noBand)
		}
		south, err := utmPoint(s, u, noBand)
		if err != nil {
			return inBand, nil
		}
		amb := &Ambiguity{Band: inBand, South: south}
		return geo.Point{}, &ParseError{Input: s, Format: "UTM", Reason: amb.Error(), Err: amb}
	case d == "S" || d == "SOUTH":
		return utmPoint(s, u, noBand)
	case len(d) == 1 && strings.Contains(mgrsBands, d):
		band := strings.Index(mgrsBands, d) - 10
		u.North = band >= 0
		return utmPoint(s, u, band)
	default:
		return fail("%q after the zone number is neither a hemisphere (n, s, north, south) nor a latitude band letter (C to X)", z[i:])
	}
}

// noBand and bandS are utmPoint's band arguments: no band letter, and band
// S (32°N to 40°N).
const (
	noBand = -99
	bandS  = 4
)

// utmPoint converts u, read from s, checking that it lies in MGRS latitude
// band (-10 for C to 9 for X) unless band is noBand.
func utmPoint(s string, u UTM, band int) (geo.Point, error) {
	p, err := u.Point()
	if err != nil {
		return geo.Point{}, &ParseError{Input: s, Format: "UTM", Reason: err.Error(), Err: err}
	}
	if band != noBand {
		lat0 := float64(8 * band)
		lat1 := lat0 + 8
		if band == 9 {
			lat1 = 84
		}
		const tol = 0.05
		if p.Y < lat0-tol || p.Y > lat1+tol {
			return geo.Point{}, &ParseError{Input: s, Format: "UTM", Reason: fmt.Sprintf(
				"latitude %.4f is not in band %c (%v° to %v°); check the band letter or the northing", p.Y, mgrsBands[band+10], lat0, lat1)}
		}
	}
	return p, nil
}

// Ambiguity is why a UTM position written with a capital S was not read:
// it lies at Band in latitude band S (32°N to 40°N), and at South in the
// southern hemisphere.
type Ambiguity struct {
	Band, South geo.Point
}

func (a *Ambiguity) Error() string {
	return fmt.Sprintf("S may be the latitude band S (%s) or the southern hemisphere (%s): "+
		"write n for the northern hemisphere, as in 38n, or s for the southern, as in 38s", FormatDMS(a.Band), FormatDMS(a.South))
}

// ParseIn reads a position as Parse does, and resolves a capital S in UTM
// (see ParseUTM) to the one of its two readings that inArea accepts, when
// exactly one does.
func ParseIn(s string, inArea func(geo.Point) bool) (geo.Point, error) {
	p, err := Parse(s)
	var amb *Ambiguity
	if err == nil || !errors.As(err, &amb) {
		return p, err
	}
	switch in, south := inArea(amb.Band), inArea(amb.South); {
	case in && !south:
		return amb.Band, nil
	case south && !in:
		return amb.South, nil
	}
	return geo.Point{}, err
}
