package accounting

import (
	"context"
	"math"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
)

// BenchmarkGeodesicArea: the geodesic area of every hazard of the national
// reference set, in Go (Karney, geo.Area) and in PostGIS (ST_Area on
// geography, GeographicLib inside), same polygons, same run.
func BenchmarkGeodesicArea(b *testing.B) {
	set, err := loadOnce()
	if err != nil {
		b.Fatal(err)
	}
	conn := postgis(b, set)
	var goSum, pgSum float64
	b.Run("go", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			goSum = 0
			for _, g := range set.hazards {
				goSum += geo.Area(g)
			}
		}
		b.ReportMetric(float64(len(set.hazards)*b.N)/b.Elapsed().Seconds(), "polygons/s")
	})
	b.Run("postgis", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := conn.QueryRow(context.Background(), "SELECT sum(ST_Area(geom::geography)) FROM h").Scan(&pgSum); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(set.hazards)*b.N)/b.Elapsed().Seconds(), "polygons/s")
	})
	if math.Abs(goSum-pgSum) > 1e-6*pgSum {
		b.Fatalf("total areas differ: Go %.3f m², PostGIS %.3f m²", goSum, pgSum)
	}
}

// BenchmarkRemaining: the land release accounting of every hazard of the
// national reference set with releases — in Go the whole chain
// (landrelease.Account: clip, credit and remaining land per release, with
// areas), in PostGIS the remaining polygon ST_Difference(hazard,
// ST_Union(releases)) and its ST_Area on geography.
func BenchmarkRemaining(b *testing.B) {
	set, err := loadOnce()
	if err != nil {
		b.Fatal(err)
	}
	conn := postgis(b, set)
	n := 0
	for _, id := range set.ids {
		if len(set.releases[id]) > 0 {
			n++
		}
	}
	b.Run("go", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for k, g := range set.hazards {
				outs := set.releases[set.ids[k]]
				if len(outs) == 0 {
					continue
				}
				if _, err := landrelease.Account(g, outs); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "hazards/s")
	})
	b.Run("postgis", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var total float64
			err := conn.QueryRow(context.Background(), `SELECT sum(ST_Area(ST_Difference(h.geom, u.g)::geography))
				FROM h JOIN (SELECT hazard_id, ST_Union(geom) AS g FROM r GROUP BY hazard_id) u ON u.hazard_id = h.id`).Scan(&total)
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "hazards/s")
	})
}
