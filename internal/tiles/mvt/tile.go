// Package mvt encodes and decodes Mapbox Vector Tiles (specification 2.1) in
// the OGC WebMercatorQuad tile matrix set, the tiles that OGC API - Tiles
// serves to MapLibre and QGIS.
//
// Encode takes features in WGS84 longitude/latitude, projects them to Web
// Mercator (EPSG:3857), transforms them to the integer grid of one tile,
// clips them to the tile plus a buffer, simplifies and quantises them, and
// writes the protobuf message by hand. The output depends only on the input,
// so that a tile's bytes (and the ETag made from them) are stable. Decode reads
// a tile back in tile coordinates, for tests and diagnostics.
//
// Polygons are clipped ring by ring (Sutherland-Hodgman) against the tile
// plus buffer, then simplified (Douglas-Peucker) and rounded to the grid.
// Where a ring leaves and re-enters the buffered square, or a hole crosses
// it, the clipped rings run along the square's edge: they may touch there
// or carry zero-width spurs, which lie outside the visible tile and fill no
// pixel. Rings left with fewer than three distinct vertices or no area are
// dropped, and a polygon whose shell is dropped goes with its holes; so a
// feature narrower than the tolerance disappears at low zooms.
//
// Tiles are addressed z/x/y with y counted from the top (north), as in the
// XYZ convention. OGC API - Tiles writes the same tile as
// {tileMatrix}/{tileRow}/{tileCol}, that is z/y/x.
package mvt

import (
	"math"

	"mineaction/internal/geo"
)

// MaxZoom is the deepest zoom level (tile matrix) the package accepts.
const MaxZoom = 30

// MaxLatitude is the latitude, in degrees, at which Web Mercator is cut off so
// that the world is a square; latitudes beyond it are clamped to it.
const MaxLatitude = 85.05112877980659

// EarthRadius is the radius, in metres, of the sphere used by Web Mercator.
const EarthRadius = 6378137.0

// originShift is half the width of the Web Mercator square, in metres.
const originShift = math.Pi * EarthRadius

// ToMercator projects a longitude/latitude point to Web Mercator (EPSG:3857)
// metres. Latitudes beyond ±MaxLatitude are clamped.
func ToMercator(p geo.Point) (x, y float64) {
	lat := clampLat(p.Y)
	x = p.X * math.Pi / 180 * EarthRadius
	y = math.Atanh(math.Sin(lat*math.Pi/180)) * EarthRadius
	return x, y
}

// FromMercator returns the longitude/latitude of a Web Mercator (EPSG:3857)
// position in metres.
func FromMercator(x, y float64) geo.Point {
	lon := x / EarthRadius * 180 / math.Pi
	lat := math.Atan(math.Sinh(y/EarthRadius)) * 180 / math.Pi
	return geo.Point{X: lon, Y: lat}
}

// ValidTile reports whether z/x/y names a tile of WebMercatorQuad:
// 0 <= z <= MaxZoom and 0 <= x, y < 2^z.
func ValidTile(z, x, y int) bool {
	if z < 0 || z > MaxZoom {
		return false
	}
	n := 1 << z
	return x >= 0 && x < n && y >= 0 && y < n
}

// TileBounds returns the longitude/latitude box covered by tile z/x/y (y from
// the top). The tile should satisfy ValidTile.
func TileBounds(z, x, y int) geo.BBox {
	minX, minY, maxX, maxY := MercatorBounds(z, x, y)
	sw, ne := FromMercator(minX, minY), FromMercator(maxX, maxY)
	return geo.BBox{MinX: sw.X, MinY: sw.Y, MaxX: ne.X, MaxY: ne.Y}
}

// MercatorBounds returns the Web Mercator box, in metres, covered by tile
// z/x/y (y from the top): minX, minY (south), maxX, maxY (north).
func MercatorBounds(z, x, y int) (minX, minY, maxX, maxY float64) {
	size := 2 * originShift / float64(uint64(1)<<z)
	minX = -originShift + float64(x)*size
	maxY = originShift - float64(y)*size
	return minX, maxY - size, minX + size, maxY
}

// Range is a rectangle of tiles at one zoom level, bounds included. It is
// empty when MaxX < MinX or MaxY < MinY.
type Range struct {
	Z, MinX, MinY, MaxX, MaxY int
}

// Empty reports whether the range holds no tile.
func (r Range) Empty() bool { return r.MaxX < r.MinX || r.MaxY < r.MinY }

// Count returns the number of tiles in the range.
func (r Range) Count() int {
	if r.Empty() {
		return 0
	}
	return (r.MaxX - r.MinX + 1) * (r.MaxY - r.MinY + 1)
}

// TileRange returns the tiles at zoom z that a longitude/latitude box
// overlaps. A box edge lying exactly on a tile edge does not pull in the
// neighbouring tile, unless the box is degenerate (a point or a line). Parts of
// the box beyond the Web Mercator square are ignored. An empty box, or a zoom
// outside 0..MaxZoom, gives an empty range.
func TileRange(b geo.BBox, z int) Range {
	empty := Range{Z: z, MaxX: -1, MaxY: -1}
	if b.IsEmpty() || z < 0 || z > MaxZoom || b.MaxX < -180 || b.MinX > 180 {
		return empty
	}
	n := float64(uint64(1) << z)
	minU, maxU := lonToUnit(math.Max(b.MinX, -180))*n, lonToUnit(math.Min(b.MaxX, 180))*n
	// Latitude grows north, rows grow south: the north edge gives the first row.
	minV, maxV := latToUnit(b.MaxY)*n, latToUnit(b.MinY)*n
	last := int(n) - 1
	return Range{
		Z:    z,
		MinX: clampInt(int(math.Floor(minU)), 0, last),
		MinY: clampInt(int(math.Floor(minV)), 0, last),
		MaxX: clampInt(lastCell(minU, maxU), 0, last),
		MaxY: clampInt(lastCell(minV, maxV), 0, last),
	}
}

// lastCell returns the last cell index an interval [lo, hi] in cell units
// overlaps with more than a boundary, or the cell of lo when it is degenerate.
func lastCell(lo, hi float64) int {
	c := int(math.Ceil(hi)) - 1
	if f := int(math.Floor(lo)); c < f {
		return f
	}
	return c
}

// lonToUnit maps a longitude to [0, 1] west to east.
func lonToUnit(lon float64) float64 { return (lon + 180) / 360 }

// latToUnit maps a latitude to [0, 1] north to south, as Web Mercator rows.
func latToUnit(lat float64) float64 {
	s := math.Sin(clampLat(lat) * math.Pi / 180)
	// atanh(s), written with Log, which is faster than Atanh on amd64.
	return 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
}

func clampLat(lat float64) float64 {
	switch {
	case lat > MaxLatitude:
		return MaxLatitude
	case lat < -MaxLatitude:
		return -MaxLatitude
	}
	return lat
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(hi, v))
}
