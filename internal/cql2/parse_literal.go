package cql2

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"mineaction/internal/geo"
)

// parseNumber reads a numeric literal: integers that fit in an int64 stay
// exact, anything else becomes a float64. msg is empty on success.
func parseNumber(s string) (NumberLit, string) {
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return Int(n), ""
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return NumberLit{}, fmt.Sprintf("the number %s is out of range", s)
	}
	return Float(f), ""
}

func (p *parser) number(s string, off int) NumberLit {
	n, msg := parseNumber(s)
	if msg != "" {
		p.fail(off, "%s", msg)
	}
	return n
}

// parseInstant reads 'YYYY-MM-DD' as a DateLit or 'YYYY-MM-DDThh:mm:ss[.f]Z'
// as a TimestampLit. want is "DATE", "TIMESTAMP" or "" (either). msg is
// empty on success.
func parseInstant(s, want string) (Expr, string) {
	if len(s) == 10 && want != "TIMESTAMP" && digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2) {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, fmt.Sprintf("'%s' is not a valid date", s)
		}
		return DateLit{Value: t.UTC()}, ""
	}
	if want != "DATE" && isTimestampForm(s) {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Sprintf("'%s' is not a valid timestamp", shorten(s))
		}
		return TimestampLit{Value: t.UTC()}, ""
	}
	switch want {
	case "DATE":
		return nil, fmt.Sprintf("DATE needs a date written YYYY-MM-DD, not '%s'", shorten(s))
	case "TIMESTAMP":
		return nil, fmt.Sprintf("TIMESTAMP needs a UTC instant written YYYY-MM-DDThh:mm:ssZ, not '%s'", shorten(s))
	}
	return nil, fmt.Sprintf("expected a date (YYYY-MM-DD), a UTC timestamp (YYYY-MM-DDThh:mm:ssZ) or '..', not '%s'", shorten(s))
}

// isTimestampForm matches fullDate "T" hh:mm:ss[.digits] "Z" of the BNF.
func isTimestampForm(s string) bool {
	if len(s) < 20 || len(s) > 30 || s[len(s)-1] != 'Z' {
		return false
	}
	if !(digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2) &&
		s[10] == 'T' && digitsAt(s, 11, 2) && s[13] == ':' && digitsAt(s, 14, 2) && s[16] == ':' && digitsAt(s, 17, 2)) {
		return false
	}
	frac := s[19 : len(s)-1]
	if frac == "" {
		return true
	}
	return len(frac) >= 2 && len(frac) <= 10 && frac[0] == '.' && digitsAt(frac, 1, len(frac)-1)
}

func digitsAt(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (p *parser) instant(t token, want string) Expr {
	e, msg := parseInstant(t.text, want)
	if msg != "" {
		p.fail(t.pos, "%s", msg)
	}
	return e
}

// signed reads a coordinate: an optional sign and a number.
func (p *parser) signed(what string) float64 {
	t := p.next()
	sign := ""
	if isPunct(t, "-") || isPunct(t, "+") {
		sign = t.text
		t = p.next()
	}
	if t.kind != tNumber {
		p.fail(t.pos, "expected %s (a number) but found %s", what, t.describe())
	}
	return p.number(sign+t.text, t.pos).Value
}

func startsNumber(t token) bool { return t.kind == tNumber || isPunct(t, "-") || isPunct(t, "+") }

// bbox parses the inside of BBOX(...): 4 numbers, or 6 with elevations,
// which are dropped.
func (p *parser) bbox(off int) Expr {
	var v []float64
	for {
		v = append(v, p.signed("a BBOX coordinate"))
		if !isPunct(p.peek(), ",") || len(v) == 6 {
			break
		}
		p.next()
	}
	var b BBoxLit
	switch len(v) {
	case 4:
		b = BBoxLit{West: v[0], South: v[1], East: v[2], North: v[3]}
	case 6:
		b = BBoxLit{West: v[0], South: v[1], East: v[3], North: v[4]}
	default:
		p.fail(off, "BBOX needs 4 numbers (west, south, east, north) or 6 with elevations, found %d", len(v))
	}
	if msg := checkBBox(b); msg != "" {
		p.fail(off, "%s", msg)
	}
	return b
}

func checkBBox(b BBoxLit) string {
	if b.South > b.North {
		return fmt.Sprintf("BBOX south %s is greater than north %s", formatFloat(b.South), formatFloat(b.North))
	}
	return ""
}

// wkt parses a WKT geometry literal: POINT, LINESTRING, POLYGON, MULTIPOINT
// or MULTIPOLYGON, with an optional Z whose values are dropped.
func (p *parser) wkt() Expr {
	tag := p.next()
	u := strings.ToUpper(tag.text)
	switch u {
	case "MULTILINESTRING":
		p.fail(tag.pos, "MULTILINESTRING literals are not supported: this server's geometry model has no multi-linestrings; combine LINESTRING literals with OR instead")
	case "GEOMETRYCOLLECTION":
		p.fail(tag.pos, "GEOMETRYCOLLECTION literals are not supported; combine the geometries' predicates with OR instead")
	}
	z := false
	if isKeyword(p.peek(), "Z") {
		p.next()
		z = true
	}
	if isKeyword(p.peek(), "EMPTY") {
		p.fail(p.peek().pos, "EMPTY geometries are not supported")
	}
	open := p.expectPunct("(", "after "+u)
	p.enter(open.pos)
	defer p.leave()
	var g geo.Geometry
	switch u {
	case "POINT":
		g = p.position(z)
	case "LINESTRING":
		g = geo.LineString(p.positions(z, open.pos))
	case "POLYGON":
		g = p.polygonBody(z, open.pos)
	case "MULTIPOINT":
		var mp geo.MultiPoint
		for {
			if isPunct(p.peek(), "(") {
				p.next()
				mp = append(mp, p.position(z))
				p.expectPunct(")", "after a MULTIPOINT position")
			} else {
				mp = append(mp, p.position(z))
			}
			if !isPunct(p.peek(), ",") {
				break
			}
			p.next()
		}
		g = mp
	case "MULTIPOLYGON":
		var mp geo.MultiPolygon
		for {
			o := p.expectPunct("(", "to open a polygon of the MULTIPOLYGON")
			mp = append(mp, p.polygonBody(z, o.pos))
			p.expectPunct(")", "to close a polygon of the MULTIPOLYGON")
			if !isPunct(p.peek(), ",") {
				break
			}
			p.next()
		}
		g = mp
	}
	p.expectPunct(")", "to close "+u+"(...)")
	p.count()
	return GeometryLit{Geometry: g}
}

func (p *parser) position(z bool) geo.Point {
	pt := geo.Point{X: p.signed("an x coordinate"), Y: p.signed("a y coordinate")}
	if z || startsNumber(p.peek()) {
		p.signed("a z coordinate")
	}
	p.points++
	if p.points > MaxPoints {
		p.fail(p.peek().pos, "the geometry literals have more than %d positions", MaxPoints)
	}
	return pt
}

// positions parses "x y, x y, ..." up to the closing parenthesis.
func (p *parser) positions(z bool, off int) []geo.Point {
	var ps []geo.Point
	for {
		ps = append(ps, p.position(z))
		if !isPunct(p.peek(), ",") {
			break
		}
		p.next()
	}
	if len(ps) < 2 {
		p.fail(off, "a LINESTRING needs at least 2 positions, found %d", len(ps))
	}
	return ps
}

// polygonBody parses the rings of a polygon, after its opening parenthesis.
func (p *parser) polygonBody(z bool, off int) geo.Polygon {
	var poly geo.Polygon
	for {
		o := p.expectPunct("(", "to open a polygon ring")
		ring := geo.Ring(p.positions(z, o.pos))
		if msg := checkRing(ring); msg != "" {
			p.fail(o.pos, "%s", msg)
		}
		poly = append(poly, ring)
		p.expectPunct(")", "to close a polygon ring")
		if !isPunct(p.peek(), ",") {
			return poly
		}
		p.next()
	}
}

func checkRing(r geo.Ring) string {
	if len(r) < 4 {
		return fmt.Sprintf("a polygon ring needs at least 4 positions (the last repeating the first), found %d", len(r))
	}
	if a, b := r[0], r[len(r)-1]; a != b {
		return fmt.Sprintf("polygon ring is not closed: it starts at (%s %s) but ends at (%s %s)",
			formatFloat(a.X), formatFloat(a.Y), formatFloat(b.X), formatFloat(b.Y))
	}
	return ""
}
