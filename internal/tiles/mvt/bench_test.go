package mvt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
)

// denseArea is the densest part of the project's reference data.
var denseArea = geo.BBox{MinX: 46.6, MinY: 39.6, MaxX: 47.1, MaxY: 40.0}

// hazards generates n seeded hazard polygons of 8 to 60 vertices in the box:
// star-shaped shells 30 to 600 m across, a quarter of them with a hole, one
// in ten a multipolygon of two parts, with typical properties.
func hazards(seed uint64, n int, b geo.BBox) []Feature {
	rng := rand.New(rand.NewPCG(seed, 1))
	statuses := []string{"suspected", "confirmed", "cancelled", "reduced", "cleared"}
	fs := make([]Feature, 0, n)
	for i := 0; i < n; i++ {
		c := geo.Point{X: b.MinX + rng.Float64()*(b.MaxX-b.MinX), Y: b.MinY + rng.Float64()*(b.MaxY-b.MinY)}
		radius := 15 + rng.Float64()*285
		poly := geo.Polygon{starRing(rng, c, radius, 8+rng.IntN(53), 0.6)}
		if rng.IntN(4) == 0 {
			poly = append(poly, starRing(rng, c, radius*0.3, 8, 1))
		}
		var g geo.Geometry = poly
		if rng.IntN(10) == 0 {
			c2 := geo.Point{X: c.X + 3*radius/metresPerDegree(c.Y), Y: c.Y}
			g = geo.MultiPolygon{poly, {starRing(rng, c2, radius/2, 8+rng.IntN(20), 0.6)}}
		}
		fs = append(fs, Feature{ID: uint64(i + 1), Geometry: g, Properties: map[string]any{
			"name":    fmt.Sprintf("SHA-%04d", i+1),
			"status":  statuses[rng.IntN(len(statuses))],
			"area_m2": math.Round(math.Pi*radius*radius*100) / 100,
			"devices": int64(rng.IntN(5)),
			"cleared": rng.IntN(2) == 0,
		}})
	}
	return fs
}

func metresPerDegree(lat float64) float64 { return 111320 * math.Cos(lat*math.Pi/180) }

// starRing returns a ring of n vertices around c whose distance from c
// varies between minFrac*radius and radius metres, so it never crosses
// itself.
func starRing(rng *rand.Rand, c geo.Point, radius float64, n int, minFrac float64) geo.Ring {
	r := make(geo.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		d := radius * (minFrac + (1-minFrac)*rng.Float64())
		r = append(r, geo.Point{
			X: c.X + d*math.Cos(a)/metresPerDegree(c.Y),
			Y: c.Y + d*math.Sin(a)/111320,
		})
	}
	return append(r, r[0])
}

// BenchmarkEncodeDenseZ10 encodes the z10 tile over the middle of the dense
// area holding 2000 hazard polygons, the load the server's 20 ms target is
// set for.
func BenchmarkEncodeDenseZ10(b *testing.B) {
	tr := TileRange(geo.BBox{MinX: 46.85, MinY: 39.8, MaxX: 46.85, MaxY: 39.8}, 10)
	tb := TileBounds(10, tr.MinX, tr.MinY)
	layers := []Layer{{Name: "hazards", Features: hazards(1, 2000, tb)}}
	opt := DefaultOptions()
	var size int
	b.ReportAllocs()
	for b.Loop() {
		tile, err := Encode(10, tr.MinX, tr.MinY, layers, opt)
		if err != nil {
			b.Fatal(err)
		}
		size = len(tile)
	}
	b.ReportMetric(float64(size), "bytes/tile")
}

// BenchmarkEncodeDenseZ8 encodes a z8 tile holding the whole dense area, where
// clipping is rare and simplification does most of the work.
func BenchmarkEncodeDenseZ8(b *testing.B) {
	tr := TileRange(geo.BBox{MinX: 46.85, MinY: 39.8, MaxX: 46.85, MaxY: 39.8}, 8)
	layers := []Layer{{Name: "hazards", Features: hazards(1, 2000, denseArea)}}
	opt := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(8, tr.MinX, tr.MinY, layers, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode reads back the dense z10 tile.
func BenchmarkDecode(b *testing.B) {
	tr := TileRange(geo.BBox{MinX: 46.85, MinY: 39.8, MaxX: 46.85, MaxY: 39.8}, 10)
	tb := TileBounds(10, tr.MinX, tr.MinY)
	tile, err := Encode(10, tr.MinX, tr.MinY, []Layer{{Name: "hazards", Features: hazards(1, 2000, tb)}}, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(tile); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncoderDenseZ10 is BenchmarkEncodeDenseZ10 with one Encoder
// reused from tile to tile, as a server would keep them in a pool.
func BenchmarkEncoderDenseZ10(b *testing.B) {
	tr := TileRange(geo.BBox{MinX: 46.85, MinY: 39.8, MaxX: 46.85, MaxY: 39.8}, 10)
	tb := TileBounds(10, tr.MinX, tr.MinY)
	layers := []Layer{{Name: "hazards", Features: hazards(1, 2000, tb)}}
	opt := DefaultOptions()
	var enc Encoder
	b.ReportAllocs()
	for b.Loop() {
		if _, err := enc.Encode(10, tr.MinX, tr.MinY, layers, opt); err != nil {
			b.Fatal(err)
		}
	}
}
