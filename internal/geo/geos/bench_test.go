package geos_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// The benchmarks run the same work through this package and through PostGIS
// on the local server (one SQL round trip per operation, WKB in and out), so
// one run gives both figures and their ratio. Besides ns/op (wall time) each
// reports cpu-ns/op: the CPU time of this process plus, for PostGIS, of its
// backend process, which stays meaningful on a machine shared with other work.

// cpuMeter measures the CPU time of this process and of a PostgreSQL backend.
type cpuMeter struct {
	backend  int // process id of the PostgreSQL backend, 0 for none
	start    time.Duration
	readable bool
}

// processCPU returns the user and system CPU time of this process.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// backendCPU returns the CPU time of process pid from /proc (in clock ticks
// of 10 ms, Linux's USER_HZ).
func backendCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// Fields after the parenthesised command name; utime and stime are the 14th and 15th.
	f := bytes.Fields(b[bytes.LastIndexByte(b, ')')+1:])
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	s, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+s) * 10 * time.Millisecond, true
}

func (m *cpuMeter) now() time.Duration {
	t := processCPU()
	if m.backend != 0 {
		bt, ok := backendCPU(m.backend)
		m.readable = m.readable && ok
		t += bt
	}
	return t
}

func startCPU(backend int) *cpuMeter {
	m := &cpuMeter{backend: backend, readable: true}
	m.start = m.now()
	return m
}

// report adds cpu-ns/op to b, unless the backend's CPU time could not be read.
func (m *cpuMeter) report(b *testing.B, ops int) {
	d := m.now() - m.start
	if m.readable && ops > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(ops), "cpu-ns/op")
	}
}

// backendPID returns the process id of the PostgreSQL backend serving conn.
func backendPID(b *testing.B, conn *pgx.Conn) int {
	var pid int
	if err := conn.QueryRow(context.Background(), "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		b.Fatal(err)
	}
	return pid
}

// benchHazard returns a 30-vertex hazard near Aghdam with 3 releases: two
// inside, one spilling over the edge.
func benchHazard() (geo.Polygon, []geo.Geometry) {
	rng := rand.New(rand.NewPCG(1, 2))
	const cx, cy, r = 46.93, 39.99, 0.01
	h := geo.Polygon{star(rng, cx, cy, r, 30, 0.6)}
	rel := []geo.Geometry{
		geo.Polygon{star(rng, cx-0.003, cy, 0.004, 16, 0.7)},
		geo.Polygon{star(rng, cx+0.002, cy+0.002, 0.004, 16, 0.7)},
		geo.Polygon{star(rng, cx, cy-0.009, 0.004, 16, 0.7)},
	}
	return h, rel
}

// benchReleases returns 50 overlapping releases of 16-24 vertices.
func benchReleases() []geo.Geometry {
	rng := rand.New(rand.NewPCG(3, 4))
	var out []geo.Geometry
	for range 50 {
		out = append(out, geo.Polygon{star(rng, 46.93+0.02*rng.Float64(), 39.99+0.02*rng.Float64(), 0.003, 16+rng.IntN(9), 0.7)})
	}
	return out
}

func wkbAll(gs []geo.Geometry) [][]byte {
	out := make([][]byte, len(gs))
	for i, g := range gs {
		out[i] = geo.MarshalWKB(g)
	}
	return out
}

// sqlBench runs query with args b.N times and decodes the WKB it returns.
func sqlBench(b *testing.B, conn *pgx.Conn, query string, args ...any) {
	ctx := context.Background()
	m := startCPU(backendPID(b, conn))
	defer func() { m.report(b, b.N) }()
	for b.Loop() {
		var out []byte
		if err := conn.QueryRow(ctx, query, args...).Scan(&out); err != nil {
			b.Fatal(err)
		}
		if _, err := geo.UnmarshalWKB(out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRemaining(b *testing.B) {
	h, rel := benchHazard()
	pg := newPostGIS(b)
	b.Run("engine=geos", func(b *testing.B) {
		m := startCPU(0)
		defer func() { m.report(b, b.N) }()
		for b.Loop() {
			if _, err := geos.Remaining(h, rel); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine=postgis", func(b *testing.B) {
		sqlBench(b, pg.conn, `SELECT ST_AsBinary(ST_Difference(ST_GeomFromWKB($1), ST_Union(ST_GeomFromWKB(x))))
			FROM unnest($2::bytea[]) AS x`, geo.MarshalWKB(h), wkbAll(rel))
	})
}

func BenchmarkUnion50(b *testing.B) {
	rel := benchReleases()
	pg := newPostGIS(b)
	b.Run("engine=geos", func(b *testing.B) {
		m := startCPU(0)
		defer func() { m.report(b, b.N) }()
		for b.Loop() {
			if _, err := geos.Union(rel); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine=postgis", func(b *testing.B) {
		sqlBench(b, pg.conn, `SELECT ST_AsBinary(ST_Union(ST_GeomFromWKB(x))) FROM unnest($1::bytea[]) AS x`, wkbAll(rel))
	})
}

// BenchmarkNational computes the remaining area of every hazard of the
// national reference set: here one call per hazard, in PostGIS one query
// over tables (as in shared/research/overlay-probe.md).
func BenchmarkNational(b *testing.B) {
	set := nationalSet(b)
	pg := newPostGIS(b)
	pg.load(set)
	b.Run("engine=geos", func(b *testing.B) {
		m := startCPU(0)
		defer func() { m.report(b, b.N) }()
		for b.Loop() {
			for i, id := range set.ids {
				if _, err := geos.Remaining(set.hazards[i], set.releases[id]); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(set.ids))*float64(b.N)/b.Elapsed().Seconds(), "hazards/s")
	})
	b.Run("engine=postgis", func(b *testing.B) {
		ctx := context.Background()
		m := startCPU(backendPID(b, pg.conn))
		defer func() { m.report(b, b.N) }()
		for b.Loop() {
			var sum float64
			if err := pg.conn.QueryRow(ctx, `SELECT sum(ST_Area(geom)) FROM (`+remainingNationalSQL+`) AS r`).Scan(&sum); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(set.ids))*float64(b.N)/b.Elapsed().Seconds(), "hazards/s")
	})
}
