package sqlstore

import (
	"fmt"

	"mineaction/internal/geo"
)

// WKB is the value of a geometry column: its WKB, or NULL for no geometry.
func WKB(g geo.Geometry) any {
	if g == nil {
		return nil
	}
	return geo.MarshalWKB(g)
}

// FromWKB reads a geometry column; NULL is no geometry.
func FromWKB(b []byte) (geo.Geometry, error) {
	if b == nil {
		return nil, nil
	}
	g, err := geo.UnmarshalWKB(b)
	if err != nil {
		return nil, fmt.Errorf("stored geometry: %w", err)
	}
	return g, nil
}

// MultiPolygonFromWKB reads a polygonal geometry column.
func MultiPolygonFromWKB(b []byte) (geo.MultiPolygon, error) {
	g, err := FromWKB(b)
	if err != nil || g == nil {
		return nil, err
	}
	return geo.Polygons(g), nil
}

// BBoxArgs returns the four bounding box columns of g (NULLs for no
// geometry), in the order minx, miny, maxx, maxy.
func BBoxArgs(g geo.Geometry) []any {
	if g == nil || g.IsEmpty() {
		return []any{nil, nil, nil, nil}
	}
	b := g.Bounds()
	return []any{b.MinX, b.MinY, b.MaxX, b.MaxY}
}
