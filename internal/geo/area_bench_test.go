package geo

import (
	"math"
	"testing"
)

// hazardPolygon returns a 50-vertex ring about 150 m across near Aghdam, the
// size of a typical confirmed hazardous area.
func hazardPolygon() Ring {
	const n = 50
	r := make(Ring, 0, n+1)
	for i := range n {
		t := 2 * math.Pi * float64(i) / n
		rad := 1 + 0.3*math.Sin(3*t)
		r = append(r, Point{X: 46.93 + 0.0009*rad*math.Cos(t), Y: 39.99 + 0.0007*rad*math.Sin(t)})
	}
	return append(r, r[0])
}

func benchmarkArea(b *testing.B, g Geometry) {
	vertices := 0
	for _, r := range allRings(g) {
		vertices += len(r) - 1
	}
	var sink float64
	for b.Loop() {
		sink += Area(g)
	}
	if sink <= 0 {
		b.Fatal("no area")
	}
	b.ReportMetric(float64(vertices)*float64(b.N)/b.Elapsed().Seconds(), "vertices/s")
}

func BenchmarkAreaHazard50(b *testing.B) {
	benchmarkArea(b, Polygon{hazardPolygon()})
}

// BenchmarkAreaAzerbaijan measures the national outline: 6 polygons, 7 rings,
// 939 vertices.
func BenchmarkAreaAzerbaijan(b *testing.B) {
	var doc struct{ Cases []polygonCase }
	readGeodesicFixture(b, "polygons-azerbaijan.json", &doc)
	if len(doc.Cases) != 1 {
		b.Fatalf("want 1 case in polygons-azerbaijan.json, got %d", len(doc.Cases))
	}
	g, err := ParseGeoJSON(doc.Cases[0].Geometry)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkArea(b, g)
}

func BenchmarkInverse(b *testing.B) {
	p, q := Point{46.93, 39.99}, Point{49.87, 40.41}
	var sink float64
	for b.Loop() {
		d, _, _ := Inverse(p, q)
		sink += d
	}
	if sink <= 0 {
		b.Fatal("no distance")
	}
}

func BenchmarkDirect(b *testing.B) {
	p := Point{46.93, 39.99}
	var sink float64
	for b.Loop() {
		sink += Direct(p, 73.5, 255e3).X
	}
	if sink == 0 {
		b.Fatal("no position")
	}
}
