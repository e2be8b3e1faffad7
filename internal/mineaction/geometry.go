package mineaction

import (
	"fmt"
	"strings"

	"mineaction/internal/geo"
)

// geomRule says which geometry types a record accepts.
type geomRule struct {
	types    []string // accepted GeoJSON types
	required bool
}

var (
	areal    = geomRule{types: []string{"Polygon", "MultiPolygon"}, required: true}
	arealOpt = geomRule{types: []string{"Polygon", "MultiPolygon"}}
	point    = geomRule{types: []string{"Point"}, required: true}
	pointOpt = geomRule{types: []string{"Point"}}
	noGeom   = geomRule{}
)

// checkGeometry validates g against the rule: type, coordinate range, the
// swapped latitude/longitude heuristic, and OGC validity for polygons.
func checkGeometry(fe *FieldErrors, field string, g geo.Geometry, rule geomRule, r Rules) {
	if g == nil {
		if rule.required {
			fe.Add(field, "required; a GeoJSON %s", strings.Join(rule.types, " or "))
		}
		return
	}
	ok := false
	for _, t := range rule.types {
		ok = ok || t == g.Type()
	}
	if !ok {
		if len(rule.types) == 0 {
			fe.Add(field, "must be null for this record type")
		} else {
			fe.Add(field, "a %s is not accepted here; want %s", g.Type(), strings.Join(rule.types, " or "))
		}
		return
	}
	if g.IsEmpty() {
		fe.Add(field, "is empty")
		return
	}
	if p, swapped := swappedPoint(g, r.ServiceArea); swapped {
		fe.Add(field+".coordinates", "the position at longitude %g, latitude %g lies outside the service area but would lie inside with the two swapped: check their order (GeoJSON writes [longitude, latitude])", p.X, p.Y)
		return
	}
	for _, p := range geo.Validate(g) {
		fe.Add(problemField(field, g, p), "%s", p.Reason)
		if len(*fe) > 20 {
			return
		}
	}
}

// problemField turns the ring and vertex indices of a validity problem into a
// path into the GeoJSON coordinates array.
func problemField(field string, g geo.Geometry, p geo.Problem) string {
	var b strings.Builder
	b.WriteString(field)
	b.WriteString(".coordinates")
	if _, multi := g.(geo.MultiPolygon); multi {
		fmt.Fprintf(&b, "[%d]", p.Polygon)
	}
	if _, pt := g.(geo.Point); !pt && p.Ring >= 0 {
		if _, poly := g.(geo.Polygon); poly || g.Type() == "MultiPolygon" {
			fmt.Fprintf(&b, "[%d]", p.Ring)
		}
	}
	if p.Vertex >= 0 {
		if _, pt := g.(geo.Point); !pt {
			fmt.Fprintf(&b, "[%d]", p.Vertex)
		}
	}
	return b.String()
}

// swappedPoint reports the first position of g that lies outside the service
// area while its swapped form lies inside it.
func swappedPoint(g geo.Geometry, area geo.BBox) (geo.Point, bool) {
	if area.IsEmpty() {
		return geo.Point{}, false
	}
	var found geo.Point
	swapped := false
	visit := func(p geo.Point) bool {
		if !area.Contains(p) && area.Contains(geo.Point{X: p.Y, Y: p.X}) {
			found, swapped = p, true
			return false
		}
		return true
	}
	eachPoint(g, visit)
	return found, swapped
}

// eachPoint calls f for every position of g until f returns false.
func eachPoint(g geo.Geometry, f func(geo.Point) bool) {
	each := func(ps []geo.Point) bool {
		for _, p := range ps {
			if !f(p) {
				return false
			}
		}
		return true
	}
	switch g := g.(type) {
	case geo.Point:
		f(g)
	case geo.MultiPoint:
		each(g)
	case geo.LineString:
		each(g)
	case geo.Polygon:
		for _, r := range g {
			if !each(r) {
				return
			}
		}
	case geo.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				if !each(r) {
					return
				}
			}
		}
	}
}

// GeometryJSON is a GeoJSON geometry nested inside a record's properties
// (the outcome polygons of an activity, the position of a find), kept as
// received until it is parsed with its field path.
type GeometryJSON []byte

// MarshalJSON writes the geometry as it was received, or null.
func (g GeometryJSON) MarshalJSON() ([]byte, error) {
	if len(g) == 0 {
		return []byte("null"), nil
	}
	return g, nil
}

// UnmarshalJSON keeps a copy of the raw geometry.
func (g *GeometryJSON) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*g = nil
		return nil
	}
	*g = append((*g)[:0], b...)
	return nil
}

// GeometryJSONOf encodes g for a nested geometry field.
func GeometryJSONOf(g geo.Geometry) GeometryJSON {
	if g == nil {
		return nil
	}
	return GeometryJSON(geo.MarshalGeoJSON(g))
}

// parse decodes the geometry, recording a field error if it is malformed.
func (g GeometryJSON) parse(fe *FieldErrors, field string) geo.Geometry {
	if len(g) == 0 {
		return nil
	}
	parsed, err := geo.ParseGeoJSON(g)
	if err != nil {
		if pe, ok := err.(*geo.PathError); ok && pe.Path != "" {
			fe.Add(field+"."+pe.Path, "%s", pe.Reason)
		} else {
			fe.Add(field, "%v", err)
		}
		return nil
	}
	return parsed
}
