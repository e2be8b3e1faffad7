package coord

import (
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
// "south") for the hemisphere, or by an MGRS latitude band letter other than
// N and S, which are always hemispheres as in GeoConvert. A band letter must
// agree with the latitude found (within 0.05°).
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
	band := -99
	var north bool
	switch d := strings.ToUpper(z[i:]); {
	case d == "N" || d == "NORTH":
		north = true
	case d == "S" || d == "SOUTH":
	case len(d) == 1 && strings.Contains(mgrsBands, d):
		band = strings.Index(mgrsBands, d) - 10
		north = band >= 0
	default:
		return fail("%q after the zone number is neither a hemisphere (n, s, north, south) nor a latitude band letter (C to X)", z[i:])
	}
	east, err := utmNumber(e)
	if err != nil {
		return fail("easting: %v", err)
	}
	northing, err := utmNumber(n)
	if err != nil {
		return fail("northing: %v", err)
	}
	p, err := UTM{Zone: zone, North: north, Easting: east, Northing: northing}.Point()
	if err != nil {
		return geo.Point{}, &ParseError{Input: s, Format: "UTM", Reason: err.Error(), Err: err}
	}
	if band != -99 {
		lat0 := float64(8 * band)
		lat1 := lat0 + 8
		if band == 9 {
			lat1 = 84
		}
		const tol = 0.05
		if p.Y < lat0-tol || p.Y > lat1+tol {
			return fail("latitude %.4f is not in band %c (%v° to %v°); check the band letter or the northing", p.Y, mgrsBands[band+10], lat0, lat1)
		}
	}
	return p, nil
}
