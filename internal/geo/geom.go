// Package geo holds the geometry of mine action: points, rings and polygons in
// WGS84 longitude/latitude degrees, their encodings (GeoJSON, WKB), their
// validity, and geodesic measures on the WGS84 ellipsoid.
//
// It is a leaf package: it imports nothing else of this module. Polygon overlay
// (union, difference, intersection) lives in the geos subpackage, which is the
// only place that uses cgo.
package geo

import "math"

// Point is a position in decimal degrees: X is longitude, Y is latitude.
type Point struct{ X, Y float64 }

// Ring is a closed sequence of points; the first and last point are equal.
type Ring []Point

// Polygon is a shell ring followed by zero or more hole rings.
type Polygon []Ring

// MultiPolygon is a set of polygons.
type MultiPolygon []Polygon

// LineString is an open sequence of points.
type LineString []Point

// MultiPoint is a set of points.
type MultiPoint []Point

// Geometry is one of Point, MultiPoint, LineString, Polygon or MultiPolygon.
type Geometry interface {
	// Type returns the GeoJSON type name, for example "Polygon".
	Type() string
	// Bounds returns the bounding box of the geometry.
	Bounds() BBox
	// IsEmpty reports whether the geometry has no points.
	IsEmpty() bool
}

// Type implements Geometry.
func (Point) Type() string { return "Point" }

// Type implements Geometry.
func (MultiPoint) Type() string { return "MultiPoint" }

// Type implements Geometry.
func (LineString) Type() string { return "LineString" }

// Type implements Geometry.
func (Polygon) Type() string { return "Polygon" }

// Type implements Geometry.
func (MultiPolygon) Type() string { return "MultiPolygon" }

// IsEmpty implements Geometry.
func (Point) IsEmpty() bool { return false }

// IsEmpty implements Geometry.
func (m MultiPoint) IsEmpty() bool { return len(m) == 0 }

// IsEmpty implements Geometry.
func (l LineString) IsEmpty() bool { return len(l) == 0 }

// IsEmpty implements Geometry.
func (p Polygon) IsEmpty() bool { return len(p) == 0 || len(p[0]) == 0 }

// IsEmpty implements Geometry.
func (m MultiPolygon) IsEmpty() bool {
	for _, p := range m {
		if !p.IsEmpty() {
			return false
		}
	}
	return true
}

// BBox is an axis-aligned bounding box in degrees.
type BBox struct{ MinX, MinY, MaxX, MaxY float64 }

// EmptyBBox returns a box that contains nothing; extending it with a point
// gives the box of that point.
func EmptyBBox() BBox {
	return BBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

// IsEmpty reports whether the box contains no point.
func (b BBox) IsEmpty() bool { return b.MinX > b.MaxX || b.MinY > b.MaxY }

// Extend returns the box grown to contain p. It uses the built-in min and
// max, compiled inline where math.Min and math.Max are calls (every page,
// tile and box test bounds thousands of points); they give the same
// results but for a NaN beside an infinity, which no stored coordinate is.
func (b BBox) Extend(p Point) BBox {
	b.MinX = min(b.MinX, p.X)
	b.MinY = min(b.MinY, p.Y)
	b.MaxX = max(b.MaxX, p.X)
	b.MaxY = max(b.MaxY, p.Y)
	return b
}

// Union returns the smallest box containing b and o.
func (b BBox) Union(o BBox) BBox {
	if o.IsEmpty() {
		return b
	}
	if b.IsEmpty() {
		return o
	}
	return BBox{min(b.MinX, o.MinX), min(b.MinY, o.MinY), max(b.MaxX, o.MaxX), max(b.MaxY, o.MaxY)}
}

// Intersects reports whether the two boxes share at least one point.
func (b BBox) Intersects(o BBox) bool {
	return !b.IsEmpty() && !o.IsEmpty() && b.MinX <= o.MaxX && o.MinX <= b.MaxX && b.MinY <= o.MaxY && o.MinY <= b.MaxY
}

// Contains reports whether p lies in the box (edges included).
func (b BBox) Contains(p Point) bool {
	return p.X >= b.MinX && p.X <= b.MaxX && p.Y >= b.MinY && p.Y <= b.MaxY
}

func boundsOf(pts []Point) BBox {
	b := EmptyBBox()
	for _, p := range pts {
		b = b.Extend(p)
	}
	return b
}

// Bounds implements Geometry.
func (p Point) Bounds() BBox { return BBox{p.X, p.Y, p.X, p.Y} }

// Bounds implements Geometry.
func (m MultiPoint) Bounds() BBox { return boundsOf(m) }

// Bounds implements Geometry.
func (l LineString) Bounds() BBox { return boundsOf(l) }

// Bounds implements Geometry.
func (p Polygon) Bounds() BBox {
	if len(p) == 0 {
		return EmptyBBox()
	}
	return boundsOf(p[0])
}

// Bounds implements Geometry.
func (m MultiPolygon) Bounds() BBox {
	b := EmptyBBox()
	for _, p := range m {
		b = b.Union(p.Bounds())
	}
	return b
}

// Polygons returns the polygons of an areal geometry: a Polygon as a
// one-element MultiPolygon, a MultiPolygon as itself, anything else as nil.
func Polygons(g Geometry) MultiPolygon {
	switch g := g.(type) {
	case Polygon:
		return MultiPolygon{g}
	case MultiPolygon:
		return g
	}
	return nil
}
