package mvt

import (
	"math"
	"testing"

	"mineaction/internal/geo"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestTileBounds(t *testing.T) {
	for _, tc := range []struct {
		z, x, y int
		want    geo.BBox
	}{
		{0, 0, 0, geo.BBox{MinX: -180, MinY: -MaxLatitude, MaxX: 180, MaxY: MaxLatitude}},
		{1, 0, 0, geo.BBox{MinX: -180, MinY: 0, MaxX: 0, MaxY: MaxLatitude}},
		{1, 1, 1, geo.BBox{MinX: 0, MinY: -MaxLatitude, MaxX: 180, MaxY: 0}},
		// z2 row 1 spans from the equator to the latitude whose Mercator y is
		// a quarter of the world: atan(sinh(pi/2)).
		{2, 3, 1, geo.BBox{MinX: 90, MinY: 0, MaxX: 180, MaxY: math.Atan(math.Sinh(math.Pi/2)) * 180 / math.Pi}},
	} {
		got := TileBounds(tc.z, tc.x, tc.y)
		if !near(got.MinX, tc.want.MinX, 1e-9) || !near(got.MinY, tc.want.MinY, 1e-9) ||
			!near(got.MaxX, tc.want.MaxX, 1e-9) || !near(got.MaxY, tc.want.MaxY, 1e-9) {
			t.Errorf("TileBounds(%d,%d,%d) = %+v, want %+v", tc.z, tc.x, tc.y, got, tc.want)
		}
	}
}

func TestMercatorRoundTrip(t *testing.T) {
	for _, p := range []geo.Point{{X: 0, Y: 0}, {X: 46.8, Y: 39.8}, {X: -179.9, Y: -84}, {X: 180, Y: 85}} {
		x, y := ToMercator(p)
		q := FromMercator(x, y)
		if !near(p.X, q.X, 1e-9) || !near(p.Y, q.Y, 1e-9) {
			t.Errorf("round trip %v -> (%v, %v) -> %v", p, x, y, q)
		}
	}
	// The world square: the antimeridian at ±pi*R, the cut-off latitude too.
	x, y := ToMercator(geo.Point{X: 180, Y: 90})
	if !near(x, originShift, 1e-6) || !near(y, originShift, 1e-6) {
		t.Errorf("corner at (%v, %v), want ±%v", x, y, originShift)
	}
}

func TestValidTile(t *testing.T) {
	for _, tc := range []struct {
		z, x, y int
		want    bool
	}{
		{0, 0, 0, true}, {0, 1, 0, false}, {10, 1023, 1023, true}, {10, 1024, 0, false},
		{-1, 0, 0, false}, {MaxZoom, 0, 0, true}, {MaxZoom + 1, 0, 0, false}, {3, -1, 0, false},
	} {
		if got := ValidTile(tc.z, tc.x, tc.y); got != tc.want {
			t.Errorf("ValidTile(%d,%d,%d) = %v", tc.z, tc.x, tc.y, got)
		}
	}
}

func TestTileRange(t *testing.T) {
	dense := geo.BBox{MinX: 46.6, MinY: 39.6, MaxX: 47.1, MaxY: 40.0}
	for _, tc := range []struct {
		name string
		b    geo.BBox
		z    int
		want Range
	}{
		{"world", geo.BBox{MinX: -180, MinY: -90, MaxX: 180, MaxY: 90}, 2, Range{2, 0, 0, 3, 3}},
		{"dense area z10", dense, 10, Range{10, 644, 387, 645, 389}},
		{"one tile exactly", TileBounds(10, 645, 388), 10, Range{10, 645, 388, 645, 388}},
		{"point on a corner", geo.BBox{MinX: 0, MinY: 0, MaxX: 0, MaxY: 0}, 1, Range{1, 1, 1, 1, 1}},
		{"beyond the antimeridian", geo.BBox{MinX: 170, MinY: -10, MaxX: 200, MaxY: 10}, 1, Range{1, 1, 0, 1, 1}},
		{"empty box", geo.EmptyBBox(), 5, Range{5, 0, 0, -1, -1}},
		{"zoom too deep", dense, MaxZoom + 1, Range{MaxZoom + 1, 0, 0, -1, -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TileRange(tc.b, tc.z); got != tc.want {
				t.Errorf("TileRange = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// Every tile of a range overlaps the box with some area, and the ring of
// tiles around the range does not.
func TestTileRangeCoversBox(t *testing.T) {
	b := geo.BBox{MinX: 46.61, MinY: 39.62, MaxX: 47.07, MaxY: 39.98}
	for z := 6; z <= 13; z++ {
		r := TileRange(b, z)
		if r.Count() == 0 {
			t.Fatalf("z%d: empty range", z)
		}
		for x := r.MinX - 1; x <= r.MaxX+1; x++ {
			for y := r.MinY - 1; y <= r.MaxY+1; y++ {
				tb := TileBounds(z, x, y)
				overlaps := tb.MinX < b.MaxX && b.MinX < tb.MaxX && tb.MinY < b.MaxY && b.MinY < tb.MaxY
				in := x >= r.MinX && x <= r.MaxX && y >= r.MinY && y <= r.MaxY
				if overlaps != in {
					t.Errorf("z%d tile %d/%d: overlaps %v, in range %v", z, x, y, overlaps, in)
				}
			}
		}
	}
}
