package accounting

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"mineaction/internal/demo"
	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/workflow"
)

// nationalDemo opens the national demo database, building it (seed 1)
// into the user cache the first time. MINEACTION_BENCH_NATIONAL names an
// existing data directory instead.
func nationalDemo(b *testing.B) mineaction.Store {
	ctx := context.Background()
	dir := os.Getenv("MINEACTION_BENCH_NATIONAL")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir = filepath.Join(cache, "mineaction", "demo-national-seed1")
	}
	fresh := false
	if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
		fresh = true
	}
	s, err := sqlite.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if fresh {
		b.Logf("building the national demo into %s (once)", dir)
		wf := workflow.New(s, workflow.Config{Now: func() time.Time { return time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC) }})
		if _, err := demo.Build(ctx, s, wf, demo.Options{Seed: 1, Scale: demo.National}); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

type hazardInput struct {
	geom geo.Geometry
	outs []landrelease.Outcome
}

// BenchmarkRecomputeNational recomputes the land release accounting of
// every hazard of the national demo from its polygon and its activities'
// outcomes (inputs read before the timer), on one core and on all of them.
// The target: under 2 s.
func BenchmarkRecomputeNational(b *testing.B) {
	s := nationalDemo(b)
	ctx := context.Background()
	var in []hazardInput
	releases := 0
	err := s.View(ctx, func(tx mineaction.Tx) error {
		hs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard})
		if err != nil {
			return err
		}
		for _, h := range hs {
			outs, _, err := landrelease.Outcomes(ctx, tx, h.ID)
			if err != nil {
				return err
			}
			releases += len(outs)
			in = append(in, hazardInput{h.Geometry, outs})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d hazards, %d released polygons", len(in), releases)
	run := func(b *testing.B, workers int) {
		for i := 0; i < b.N; i++ {
			next := make(chan hazardInput)
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for h := range next {
						if _, err := landrelease.Account(h.geom, h.outs); err != nil {
							b.Error(err)
						}
					}
				}()
			}
			for _, h := range in {
				next <- h
			}
			close(next)
			wg.Wait()
		}
		b.ReportMetric(float64(len(in)*b.N)/b.Elapsed().Seconds(), "hazards/s")
	}
	b.Run("1-core", func(b *testing.B) { run(b, 1) })
	b.Run("all-cores", func(b *testing.B) { run(b, runtime.GOMAXPROCS(0)) })
}
