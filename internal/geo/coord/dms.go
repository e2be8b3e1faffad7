package coord

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mineaction/internal/geo"
)

// dmsKind is the kind of a token of a geographic position.
type dmsKind int

const (
	dmsNum   dmsKind = iota // a number, possibly signed
	dmsDeg                  // ° º ˚ d
	dmsMin                  // ' ′ ’ ‘
	dmsSec                  // " ″ ” “ or two single quotes
	dmsHemi                 // N S E W
	dmsColon                // : between components
	dmsSep                  // , or ; between latitude and longitude
)

type dmsToken struct {
	kind dmsKind
	text string // the number, the minute mark, or the hemisphere letter (upper case)
	pos  int    // character position in the input, from 1, for messages
	end  int    // byte offset just after the token
}

const geoExamples = `decimal degrees ("40.2111, 46.8139", "N40.2111 E46.8139") or degrees, minutes and seconds (40°12'40"N 46°48'50"E)`

// dmsTokens splits s into tokens, rejecting any character that has no
// place in a geographic position.
func dmsTokens(s string) ([]dmsToken, error) {
	var toks []dmsToken
	char := 0 // characters before s[i]
	for i := 0; i < len(s); char++ {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		tok := func(k dmsKind, text string) dmsToken {
			return dmsToken{kind: k, text: text, pos: char + 1, end: i + size}
		}
		switch {
		case unicode.IsSpace(r):
		case r == '+' || r == '-' || r == '−' || r == '.' || (r >= '0' && r <= '9'):
			sign, k := "", i
			if r == '+' || r == '-' || r == '−' {
				sign, k = "-", i+size
				if r == '+' {
					sign = "+"
				}
			}
			start := k
			digits, dot := 0, false
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == '.' && !dot) {
				if s[k] == '.' {
					dot = true
				} else {
					digits++
				}
				k++
			}
			if digits == 0 {
				return nil, fmt.Errorf("expected a number at position %d", char+1)
			}
			toks = append(toks, dmsToken{kind: dmsNum, text: sign + s[start:k], pos: char + 1, end: k})
			char += utf8.RuneCountInString(s[i:k]) - 1
			i = k
			continue
		case r == '°' || r == 'º' || r == '˚' || r == 'd' || r == 'D':
			toks = append(toks, tok(dmsDeg, ""))
		case r == '\'' || r == '′' || r == '’' || r == '‘':
			if n := len(toks); n > 0 && toks[n-1].kind == dmsMin && toks[n-1].end == i {
				toks[n-1].kind = dmsSec // two single quotes stand for a double one
				toks[n-1].end = i + size
				break
			}
			toks = append(toks, tok(dmsMin, ""))
		case r == '"' || r == '″' || r == '”' || r == '“':
			toks = append(toks, tok(dmsSec, ""))
		case strings.ContainsRune("NSEWnsew", r):
			toks = append(toks, tok(dmsHemi, string(unicode.ToUpper(r))))
		case r == ':':
			toks = append(toks, tok(dmsColon, ""))
		case r == ',' || r == ';':
			toks = append(toks, tok(dmsSep, ""))
		default:
			return nil, fmt.Errorf("unexpected %q at position %d", r, char+1)
		}
		i += size
	}
	return toks, nil
}

// ParseDMS reads a latitude and longitude in decimal degrees, degrees and
// decimal minutes, or degrees, minutes and seconds: for example
// "40.2111, 46.8139", "46.8139E 40.2111N", "N40.2111 E46.8139",
// 40°12'40"N 46°48'50"E, "40 12 40 N 46 48 50 E" or N 40°12.667' E 46°48.833'.
// Degrees may be marked ° º ˚ or d, minutes ' ′ or ’, seconds " ″ ” or two
// single quotes; components may also be separated by colons or spaces.
// Without hemisphere letters N, S, E, W the latitude comes first and a
// minus sign means south or west; a minus sign and a hemisphere letter
// together are refused as contradictory. A comma or semicolon may separate
// the two coordinates (decimal commas are not accepted).
func ParseDMS(s string) (geo.Point, error) {
	fail := func(reason string) (geo.Point, error) {
		return geo.Point{}, &ParseError{Input: s, Format: "degrees", Reason: reason}
	}
	toks, err := dmsTokens(s)
	if err != nil {
		return fail(err.Error() + "; expected " + geoExamples)
	}
	if len(toks) == 0 {
		return fail("empty; expected " + geoExamples)
	}
	groups, err := dmsGroups(toks)
	if err != nil {
		return fail(err.Error())
	}
	var vals [2]float64
	var hemis [2]string
	for i, g := range groups {
		if vals[i], hemis[i], err = dmsValue(g); err != nil {
			return fail(err.Error())
		}
	}
	latFirst := true
	switch {
	case hemis[0] != "" && hemis[1] != "":
		a, b := isLatHemi(hemis[0]), isLatHemi(hemis[1])
		if a == b {
			return fail(fmt.Sprintf("hemisphere letters %s and %s name the same axis; expected one of N/S and one of E/W", hemis[0], hemis[1]))
		}
		latFirst = a
	case hemis[0] != "":
		latFirst = isLatHemi(hemis[0])
	case hemis[1] != "":
		latFirst = !isLatHemi(hemis[1])
	}
	lat, lon := vals[0], vals[1]
	if !latFirst {
		lat, lon = lon, lat
	}
	if lat < -90 || lat > 90 {
		return fail(fmt.Sprintf("latitude %v is outside -90 to 90", lat))
	}
	if lon < -180 || lon > 180 {
		return fail(fmt.Sprintf("longitude %v is outside -180 to 180", lon))
	}
	return geo.Point{X: lon, Y: lat}, nil
}

func isLatHemi(h string) bool { return h == "N" || h == "S" }

// dmsGroups splits the tokens into the two coordinates.
func dmsGroups(toks []dmsToken) ([][]dmsToken, error) {
	var groups [][]dmsToken
	count := func(k dmsKind) int {
		n := 0
		for _, t := range toks {
			if t.kind == k {
				n++
			}
		}
		return n
	}
	switch {
	case count(dmsSep) > 1:
		return nil, fmt.Errorf("more than one comma or semicolon; expected one between latitude and longitude (use a point for decimals)")
	case count(dmsSep) == 1:
		for i, t := range toks {
			if t.kind == dmsSep {
				groups = [][]dmsToken{toks[:i], toks[i+1:]}
			}
		}
	case count(dmsHemi) > 0:
		prefix := toks[0].kind == dmsHemi
		var cur []dmsToken
		for _, t := range toks {
			switch {
			case t.kind == dmsHemi && prefix:
				if len(cur) > 0 {
					groups = append(groups, cur)
				}
				cur = []dmsToken{t}
			case t.kind == dmsHemi:
				groups = append(groups, append(cur, t))
				cur = nil
			default:
				cur = append(cur, t)
			}
		}
		if len(cur) > 0 {
			groups = append(groups, cur)
		}
	case count(dmsDeg) > 0:
		var cur []dmsToken
		for i, t := range toks {
			if t.kind == dmsNum && i+1 < len(toks) && toks[i+1].kind == dmsDeg && len(cur) > 0 {
				groups = append(groups, cur)
				cur = nil
			}
			cur = append(cur, t)
		}
		groups = append(groups, cur)
	default:
		// Only numbers and colons: "40:12:40 46:48:50" or "40 12 40 46 48 50".
		var chains [][]dmsToken
		long := false
		for i, t := range toks {
			if t.kind == dmsNum && (i == 0 || toks[i-1].kind != dmsColon) {
				chains = append(chains, nil)
			}
			if len(chains) == 0 {
				return nil, fmt.Errorf("unexpected colon at position %d", t.pos)
			}
			chains[len(chains)-1] = append(chains[len(chains)-1], t)
			long = long || len(chains[len(chains)-1]) > 1
		}
		switch {
		case long:
			groups = chains
		case len(chains)%2 == 0 && len(chains) <= 6:
			h := len(chains) / 2
			groups = [][]dmsToken{flatten(chains[:h]), flatten(chains[h:])}
		default:
			return nil, fmt.Errorf("%d numbers without units or hemisphere letters; expected two coordinates, such as \"40.2111, 46.8139\" or \"40 12 40 N 46 48 50 E\"", len(chains))
		}
	}
	if len(groups) != 2 || len(groups[0]) == 0 || len(groups[1]) == 0 {
		return nil, fmt.Errorf("expected two coordinates, a latitude and a longitude, as %s", geoExamples)
	}
	return groups, nil
}

func flatten(chains [][]dmsToken) []dmsToken {
	var out []dmsToken
	for _, c := range chains {
		out = append(out, c...)
	}
	return out
}

var dmsUnitNames = [...]string{"degrees", "minutes", "seconds"}

// dmsValue reads one coordinate: an optional hemisphere letter before or
// after up to three components, degrees then minutes then seconds.
func dmsValue(g []dmsToken) (float64, string, error) {
	hemi := ""
	if g[0].kind == dmsHemi {
		hemi, g = g[0].text, g[1:]
	} else if g[len(g)-1].kind == dmsHemi {
		hemi, g = g[len(g)-1].text, g[:len(g)-1]
	}
	type comp struct {
		text string
		unit int
	}
	var comps []comp
	for i := 0; i < len(g); i++ {
		t := g[i]
		switch t.kind {
		case dmsNum:
			unit := 0
			if len(comps) > 0 {
				unit = comps[len(comps)-1].unit + 1
			}
			if i+1 < len(g) && g[i+1].kind >= dmsDeg && g[i+1].kind <= dmsSec {
				mark := int(g[i+1].kind - dmsDeg)
				if mark < unit || (len(comps) == 0 && mark != 0) {
					return 0, "", fmt.Errorf("%s at position %d out of order; expected degrees, then minutes, then seconds", dmsUnitNames[mark], g[i+1].pos)
				}
				unit = mark
				i++
			}
			if unit > 2 {
				return 0, "", fmt.Errorf("too many components at position %d; expected at most degrees, minutes and seconds", t.pos)
			}
			comps = append(comps, comp{t.text, unit})
		case dmsColon:
			if i == 0 || i+1 >= len(g) || g[i+1].kind != dmsNum || len(comps) == 0 {
				return 0, "", fmt.Errorf("misplaced colon at position %d", t.pos)
			}
		case dmsHemi:
			return 0, "", fmt.Errorf("hemisphere letter %s at position %d; expected it before or after its coordinate", t.text, t.pos)
		default:
			return 0, "", fmt.Errorf("unit mark at position %d without a number before it", t.pos)
		}
	}
	if len(comps) == 0 {
		return 0, "", fmt.Errorf("hemisphere %s without a number", hemi)
	}
	v := 0.0
	neg := false
	for i, c := range comps {
		text := c.text
		if text[0] == '+' || text[0] == '-' {
			if i > 0 {
				return 0, "", fmt.Errorf("sign on the %s %s; only the degrees may carry a sign", dmsUnitNames[c.unit], text)
			}
			neg = text[0] == '-'
			text = text[1:]
		}
		if strings.Contains(text, ".") && i < len(comps)-1 {
			return 0, "", fmt.Errorf("decimal %s %s followed by more components; only the last component may have decimals", dmsUnitNames[c.unit], text)
		}
		x, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(x, 0) {
			return 0, "", fmt.Errorf("number %s is out of range", text)
		}
		if c.unit > 0 && x >= 60 {
			return 0, "", fmt.Errorf("%s %s; expected less than 60", dmsUnitNames[c.unit], text)
		}
		v += x / math.Pow(60, float64(c.unit))
	}
	if neg && hemi != "" {
		return 0, "", fmt.Errorf("both a minus sign and hemisphere %s; use one or the other", hemi)
	}
	if neg != (hemi == "S" || hemi == "W") {
		v = -v
	}
	return v, hemi, nil
}

// FormatDMS writes p as degrees, minutes and seconds, latitude first, with
// seconds to 0.0001″ (3 mm) and trailing zeros dropped:
// 40°12'40"N 46°48'50.5"E.
func FormatDMS(p geo.Point) string {
	if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
		return fmt.Sprintf("%v %v", p.Y, p.X)
	}
	return dmsOne(p.Y, "N", "S") + " " + dmsOne(p.X, "E", "W")
}

func dmsOne(v float64, pos, neg string) string {
	h := pos
	if v < 0 {
		h, v = neg, -v
	}
	const perSec = 10000
	t := int64(math.Round(v * 3600 * perSec))
	if t == 0 {
		h = pos
	}
	deg := t / (3600 * perSec)
	mins := t / (60 * perSec) % 60
	sec := float64(t%(60*perSec)) / perSec
	return fmt.Sprintf("%d°%d'%s\"%s", deg, mins, trimFixed(sec, 4), h)
}
