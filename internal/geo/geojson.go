package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// PathError is a fault in outside input, located by a JSON-style path
// relative to the geometry (for example "coordinates[0][3]").
type PathError struct {
	Path   string
	Reason string
}

func (e *PathError) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + ": " + e.Reason
}

// MaxGeoJSONPoints bounds the number of positions one geometry may carry.
const MaxGeoJSONPoints = 1_000_000

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// ParseGeoJSON decodes a GeoJSON geometry object (RFC 7946) of type Point,
// MultiPoint, LineString, Polygon or MultiPolygon. Positions must be finite
// numbers; a third (altitude) value is accepted and dropped. Range and
// topology are not checked here: see Validate.
func ParseGeoJSON(data []byte) (Geometry, error) {
	var raw rawGeometry
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		// Only the object itself and its "type" are typed here.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return nil, &PathError{Reason: "not a GeoJSON geometry object: expected an object, got a JSON " + te.Value}
			}
			return nil, &PathError{Path: te.Field, Reason: "expected a string, got a JSON " + te.Value}
		}
		return nil, &PathError{Reason: "not a GeoJSON geometry object: " + jsonReason(err)}
	}
	if raw.Coordinates == nil {
		if raw.Type == "" {
			return nil, &PathError{Path: "type", Reason: "missing"}
		}
		return nil, &PathError{Path: "coordinates", Reason: "missing"}
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw.Coordinates))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, &PathError{Path: "coordinates", Reason: jsonReason(err)}
	}
	p := &coordParser{}
	var g Geometry
	var err error
	switch raw.Type {
	case "Point":
		g, err = p.position(v, "coordinates")
	case "MultiPoint":
		var ps []Point
		ps, err = p.positions(v, "coordinates")
		g = MultiPoint(ps)
	case "LineString":
		var ps []Point
		ps, err = p.positions(v, "coordinates")
		g = LineString(ps)
	case "Polygon":
		g, err = p.polygon(v, "coordinates")
	case "MultiPolygon":
		arr, ok := v.([]any)
		if !ok {
			return nil, &PathError{Path: "coordinates", Reason: "must be an array of polygons"}
		}
		mp := make(MultiPolygon, len(arr))
		for i, pv := range arr {
			if mp[i], err = p.polygon(pv, fmt.Sprintf("coordinates[%d]", i)); err != nil {
				return nil, err
			}
		}
		g = mp
	case "":
		return nil, &PathError{Path: "type", Reason: "missing"}
	default:
		return nil, &PathError{Path: "type", Reason: fmt.Sprintf("unsupported geometry type %q (want Point, MultiPoint, LineString, Polygon or MultiPolygon)", raw.Type)}
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

func jsonReason(err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)
	}
	return err.Error()
}

type coordParser struct{ n int }

func (p *coordParser) position(v any, path string) (Point, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) < 2 || len(arr) > 4 {
		return Point{}, &PathError{Path: path, Reason: "a position must be an array of 2 or 3 numbers [longitude, latitude]"}
	}
	var c [2]float64
	for i := range arr {
		n, ok := arr[i].(json.Number)
		if !ok {
			return Point{}, &PathError{Path: fmt.Sprintf("%s[%d]", path, i), Reason: "not a number"}
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return Point{}, &PathError{Path: fmt.Sprintf("%s[%d]", path, i), Reason: "not a finite number"}
		}
		if i < 2 {
			c[i] = f
		}
	}
	p.n++
	if p.n > MaxGeoJSONPoints {
		return Point{}, &PathError{Path: path, Reason: fmt.Sprintf("more than %d positions", MaxGeoJSONPoints)}
	}
	return Point{c[0], c[1]}, nil
}

func (p *coordParser) positions(v any, path string) ([]Point, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, &PathError{Path: path, Reason: "must be an array of positions"}
	}
	ps := make([]Point, len(arr))
	for i, pv := range arr {
		pt, err := p.position(pv, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		ps[i] = pt
	}
	return ps, nil
}

func (p *coordParser) polygon(v any, path string) (Polygon, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, &PathError{Path: path, Reason: "a polygon must be an array of rings"}
	}
	if len(arr) == 0 {
		return nil, &PathError{Path: path, Reason: "a polygon needs at least one ring"}
	}
	poly := make(Polygon, len(arr))
	for i, rv := range arr {
		ps, err := p.positions(rv, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		poly[i] = Ring(ps)
	}
	return poly, nil
}

// MarshalGeoJSON encodes g as a GeoJSON geometry object. Coordinates are
// written with the shortest representation that round-trips.
func MarshalGeoJSON(g Geometry) []byte {
	return AppendGeoJSON(nil, g)
}

// AppendGeoJSON appends the GeoJSON encoding of g to b.
func AppendGeoJSON(b []byte, g Geometry) []byte {
	if g == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"type":"`...)
	b = append(b, g.Type()...)
	b = append(b, `","coordinates":`...)
	switch g := g.(type) {
	case Point:
		b = appendPos(b, g)
	case MultiPoint:
		b = appendPositions(b, g)
	case LineString:
		b = appendPositions(b, g)
	case Polygon:
		b = appendPolygon(b, g)
	case MultiPolygon:
		b = append(b, '[')
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendPos(b []byte, p Point) []byte {
	b = append(b, '[')
	b = AppendCoord(b, p.X)
	b = append(b, ',')
	b = AppendCoord(b, p.Y)
	return append(b, ']')
}

func appendPositions(b []byte, ps []Point) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPos(b, p)
	}
	return append(b, ']')
}

func appendPolygon(b []byte, p Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPositions(b, r)
	}
	return append(b, ']')
}
