package mvt

import (
	"math"
	"testing"

	"mineaction/internal/geo"
)

// gdalFixture is a tile over the dense area: hazards (some with holes, some
// multipolygons, many crossing the tile edges), finds and a track.
func gdalFixture() []Layer {
	tb := TileBounds(tz, tx, ty)
	margin := 0.02
	around := geo.BBox{MinX: tb.MinX - margin, MinY: tb.MinY - margin, MaxX: tb.MaxX + margin, MaxY: tb.MaxY + margin}
	var finds []Feature
	for i, h := range hazards(5, 60, around) {
		c := h.Geometry.Bounds()
		finds = append(finds, Feature{ID: uint64(i + 1), Geometry: geo.Point{X: (c.MinX + c.MaxX) / 2, Y: (c.MinY + c.MaxY) / 2},
			Properties: map[string]any{"kind": []string{"AP", "AT", "UXO"}[i%3], "depth_cm": int64(i % 40), "fuzed": i%2 == 0}})
	}
	track := geo.LineString{at(-300, 100), at(500, 900), at(2000, 1100), at(4500, 3000), at(3000, 4400)}
	return []Layer{
		{Name: "hazards", Features: hazards(3, 400, around)},
		{Name: "finds", Features: finds},
		{Name: "tracks", Features: []Feature{{ID: 9, Geometry: track, Properties: map[string]any{"team": "MDD-2"}}}},
	}
}

// In tile coordinates GDAL must see exactly what we decode: the same
// features, ids, properties, polygons (grouped by GDAL's own reading of the
// winding) and vertices.
func TestGDALReadsTileCoordinates(t *testing.T) {
	requireGDAL(t)
	tile, err := Encode(tz, tx, ty, gdalFixture(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ours, err := Decode(tile)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := writeTile(t, tile, tz, tx, ty)
	flip := func(p TilePoint) [2]float64 { return [2]float64{float64(p.X), float64(DefaultExtent - p.Y)} }
	holes := 0
	for _, l := range ours {
		gdal := ogrFeatures(t, plain, l.Name)
		if len(gdal) != len(l.Features) || len(gdal) == 0 {
			t.Fatalf("%s: GDAL reads %d features, we wrote %d", l.Name, len(gdal), len(l.Features))
		}
		for i, f := range l.Features {
			g := gdal[i]
			if id, _ := g.Properties["mvt_id"].(float64); uint64(id) != f.ID {
				t.Errorf("%s feature %d: GDAL id %v, ours %d", l.Name, i, g.Properties["mvt_id"], f.ID)
			}
			if err := sameProperties(f.Properties, g.Properties); err != nil {
				t.Errorf("%s feature %d: %v", l.Name, i, err)
			}
			var want any
			var got any
			if f.Type == GeomPolygon {
				polys, err := f.Polygons()
				if err != nil {
					t.Fatal(err)
				}
				var w [][][][2]float64
				for _, p := range polys {
					var rings [][][2]float64
					for _, r := range p {
						var ring [][2]float64
						for _, v := range r {
							ring = append(ring, flip(v))
						}
						rings = append(rings, append(ring, flip(r[0])))
					}
					holes += len(rings) - 1
					w = append(w, rings)
				}
				want, got = w, g.polygons(t)
			} else {
				var w [][][2]float64
				for _, part := range f.Geometry {
					var pts [][2]float64
					for _, v := range part {
						pts = append(pts, flip(v))
					}
					w = append(w, pts)
				}
				want, got = w, g.parts(t)
			}
			if jsonBytes(want) != jsonBytes(got) {
				t.Errorf("%s feature %d (id %d):\nGDAL %s ours %s", l.Name, i, f.ID, jsonBytes(got), jsonBytes(want))
			}
		}
	}
	t.Logf("GDAL agrees on %d layers, %d holes", len(ours), holes)
	if holes == 0 {
		t.Error("the fixture has no hole in the tile; the winding is not exercised")
	}
}

// Georeferenced, GDAL (and PROJ behind it) must put every vertex within the
// rounding of a tile unit of an input vertex, keep every input vertex within
// the simplification tolerance of the outline, and measure the area we
// encoded.
func TestGDALReadsTileGeoreferenced(t *testing.T) {
	requireGDAL(t)
	layers := gdalFixture()
	tile, err := Encode(tz, tx, ty, layers, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ours, err := Decode(tile)
	if err != nil {
		t.Fatal(err)
	}
	_, zxy := writeTile(t, tile, tz, tx, ty)
	tb := TileBounds(tz, tx, ty)
	minX, _, maxX, _ := MercatorBounds(tz, tx, ty)
	unitM := (maxX - minX) / DefaultExtent
	// Degrees of longitude per tile unit; a unit of latitude is cos(lat)
	// times that in Web Mercator.
	unitLon := 360 / math.Exp2(tz) / DefaultExtent
	dist := func(a, b geo.Point) (dx, dy float64) {
		return (a.X - b.X) / unitLon, (a.Y - b.Y) / (unitLon * math.Cos(a.Y*math.Pi/180))
	}

	in := map[uint64]geo.MultiPolygon{}
	for _, f := range layers[0].Features {
		in[f.ID] = geo.Polygons(f.Geometry)
	}
	gdal := ogrFeatures(t, zxy, "hazards", "-t_srs", "EPSG:4326")
	areas := ogrAreas(t, zxy, "hazards")
	checked := 0
	for i, f := range ours[0].Features {
		// Our area in square metres from the decoded rings.
		var ourArea float64
		for _, r := range f.Geometry {
			ourArea += RingArea(r) * unitM * unitM
		}
		if math.Abs(areas[i]-ourArea) > 1e-6*ourArea {
			t.Errorf("hazard %d: GDAL area %.3f m², ours %.3f m²", f.ID, areas[i], ourArea)
		}
		src := in[f.ID]
		b := src.Bounds()
		if b.MinX < tb.MinX || b.MaxX > tb.MaxX || b.MinY < tb.MinY || b.MaxY > tb.MaxY {
			continue // clipped: vertices and area differ from the input by design
		}
		checked++
		var srcPts []geo.Point
		var inArea, perimeter float64
		for _, p := range src {
			for j, r := range p {
				srcPts = append(srcPts, r...)
				a, per := mercatorArea(r)
				if j > 0 {
					a = -a
				}
				inArea, perimeter = inArea+a, perimeter+per
			}
		}
		var outPts []geo.Point
		var segs [][2]geo.Point
		for _, p := range gdal[i].polygons(t) {
			for _, r := range p {
				for j, v := range r {
					outPts = append(outPts, geo.Point{X: v[0], Y: v[1]})
					if j > 0 {
						segs = append(segs, [2]geo.Point{{X: r[j-1][0], Y: r[j-1][1]}, {X: v[0], Y: v[1]}})
					}
				}
			}
		}
		// Each output vertex is an input vertex rounded to the grid.
		for _, o := range outPts {
			best := math.Inf(1)
			for _, s := range srcPts {
				dx, dy := dist(o, s)
				best = math.Min(best, math.Hypot(dx, dy))
			}
			if best > 0.71 {
				t.Errorf("hazard %d: GDAL vertex %v is %.2f units from any input vertex", f.ID, o, best)
			}
		}
		// Each input vertex is within the tolerance (1) plus rounding of the
		// outline GDAL reads.
		for _, s := range srcPts {
			best := math.Inf(1)
			for _, sg := range segs {
				best = math.Min(best, segUnits(s, sg, dist))
			}
			if best > 1.72 {
				t.Errorf("hazard %d: input vertex %v is %.2f units from the outline", f.ID, s, best)
			}
		}
		// And so the areas differ by at most that band along the perimeter.
		if d := math.Abs(areas[i] - inArea); d > perimeter*1.72*unitM {
			t.Errorf("hazard %d: GDAL area %.1f m², input %.1f m², perimeter %.1f m", f.ID, areas[i], inArea, perimeter)
		}
	}
	t.Logf("%d hazards in the tile, %d wholly inside it checked against the input", len(ours[0].Features), checked)
	if checked < 50 {
		t.Errorf("only %d hazards wholly inside the tile were checked", checked)
	}
}

// mercatorArea returns the planar area, in EPSG:3857 square metres, and the
// perimeter of a ring, unsigned.
func mercatorArea(r geo.Ring) (area, perimeter float64) {
	for i := 0; i+1 < len(r); i++ {
		x0, y0 := ToMercator(r[i])
		x1, y1 := ToMercator(r[i+1])
		area += x0*y1 - x1*y0
		perimeter += math.Hypot(x1-x0, y1-y0)
	}
	return math.Abs(area) / 2, perimeter
}

// segUnits returns the distance, in tile units, from p to a segment, using a
// local flat measure around p.
func segUnits(p geo.Point, s [2]geo.Point, dist func(a, b geo.Point) (float64, float64)) float64 {
	ax, ay := dist(s[0], p)
	bx, by := dist(s[1], p)
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}

// GDAL tells shells from holes by their winding, as the specification says:
// a hole wound like a shell comes out as a second polygon, and the same
// rings from our encoder come out as one polygon with a hole, whatever their
// input orientation.
func TestGDALWindingIsObserved(t *testing.T) {
	requireGDAL(t)
	wrong := tileOf(feature(GeomPolygon, []uint32{
		9, 200, 200, 26, 1600, 0, 0, 1600, 1599, 0, 15, // (100,100)-(900,900), positive area
		9, 200, 1399, 26, 400, 0, 0, 400, 399, 0, 15, // (200,200)-(400,400), positive area too
	}))
	path, _ := writeTile(t, wrong, tz, tx, ty)
	if got := ogrFeatures(t, path, "l")[0].polygons(t); len(got) != 2 {
		t.Fatalf("GDAL reads a hole wound as a shell as %d polygons, want 2", len(got))
	}
	shell, hole := rect(100, 100, 900, 900), rect(200, 200, 400, 400)
	for _, p := range []geo.Polygon{{shell, hole}, {reversed(shell), hole}, {shell, reversed(hole)}} {
		tile, err := Encode(tz, tx, ty, []Layer{{Name: "l", Features: []Feature{{Geometry: p}}}}, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		path, _ := writeTile(t, tile, tz, tx, ty)
		got := ogrFeatures(t, path, "l")[0].polygons(t)
		if len(got) != 1 || len(got[0]) != 2 {
			t.Errorf("GDAL reads %d polygons (%s), want 1 with a hole", len(got), jsonBytes(got))
		}
	}
}
