package sqlite_test

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

var (
	benchOnce  sync.Once
	benchWorld *world
)

// BenchmarkRecords reads record pages and tile-sized selections from 5,000
// hazards laid out as the national reference set, the way the OGC API asks
// (limit 100 asks for 101 rows, one more than the page, and with a box
// for 109, a margin for the exact box test; a tile reads its records
// without their properties documents), with a fresh read transaction per
// operation. On a
// shared machine the process's CPU time per operation (cpu-ns/op) is
// steadier than the wall time:
//
//	go test ./internal/sqlite -run '^$' -bench Records -count 6
func BenchmarkRecords(b *testing.B) {
	benchOnce.Do(func() { benchWorld = newWorld(b, 5000, 20240610) })
	s := benchWorld.store
	filter, err := cql2.ParseText("status = 'open' AND category = 'CHA'")
	if err != nil {
		b.Fatal(err)
	}
	sparse := geo.BBox{MinX: 45.95, MinY: 38.95, MaxX: 46.05, MaxY: 39.05}
	// The z10 tile 10/388/645 of the OGC API benchmark with its buffer.
	tile := geo.BBox{MinX: 46.7358, MinY: 39.6227, MaxX: 47.1313, MaxY: 39.9266}
	hazards := mineaction.TypeHazard
	for _, c := range []struct {
		name string
		q    mineaction.RecordQuery
	}{
		{"page", mineaction.RecordQuery{Type: hazards, Limit: 101, WithFigures: true}},
		{"page-bbox", mineaction.RecordQuery{Type: hazards, BBox: &denseBox, Limit: 109, WithFigures: true}},
		{"page-bbox-after", mineaction.RecordQuery{Type: hazards, BBox: &denseBox, AfterID: 3000, Limit: 109, WithFigures: true}},
		{"page-bbox-before", mineaction.RecordQuery{Type: hazards, BBox: &denseBox, BeforeID: 3000, Limit: 109, WithFigures: true}},
		{"page-bbox-sparse", mineaction.RecordQuery{Type: hazards, BBox: &sparse, Limit: 109, WithFigures: true}},
		{"page-bbox-cql2", mineaction.RecordQuery{Type: hazards, BBox: &denseBox, Filter: filter, Limit: 109, WithFigures: true}},
		{"page-1000-bbox", mineaction.RecordQuery{Type: hazards, BBox: &denseBox, Limit: 1065, WithFigures: true}},
		{"tile-z10", mineaction.RecordQuery{Type: hazards, BBox: &tile, WithFigures: true, IndexOnly: true}},
		{"tile-z6", mineaction.RecordQuery{Type: hazards, BBox: &region, WithFigures: true, IndexOnly: true}},
		{"page-datetime", mineaction.RecordQuery{Type: mineaction.TypeActivity, DateFrom: "2024-03-01", DateTo: "2024-10-31", Limit: 134}},
		{"all-activities", mineaction.RecordQuery{Type: mineaction.TypeActivity}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			rows := 0
			c0 := cpuTime()
			for b.Loop() {
				err := s.View(ctx, func(tx mineaction.Tx) error {
					rs, err := tx.Records(ctx, c.q)
					rows = len(rs)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
