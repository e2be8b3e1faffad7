package demo

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// BenchmarkBuild measures a whole build at each scale: wall time (ns/op),
// CPU time, the process's peak resident memory and the reports entered.
// Run one scale at a time for a meaningful peak:
//
//	go test ./internal/demo -run '^$' -bench 'Build/national' -benchtime 1x
//
// The large scale runs only with DEMO_LARGE=1 set (it takes minutes).
func BenchmarkBuild(b *testing.B) {
	scales := []Scale{Small, National}
	if os.Getenv("DEMO_LARGE") != "" {
		scales = append(scales, Large)
	}
	for _, sc := range scales {
		b.Run(string(sc), func(b *testing.B) {
			var cpu time.Duration
			reports := 0
			for b.Loop() {
				s := storetest.SQLite(b)
				svc := workflow.New(s, workflow.Config{Now: func() time.Time { return demoClock }})
				c0 := cpuTime()
				sum, err := Build(context.Background(), s, svc, Options{Seed: 1, Scale: sc})
				cpu += cpuTime() - c0
				if err != nil {
					b.Fatal(err)
				}
				reports = sum.Reports
			}
			var ru syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(ru.Maxrss)/1024, "peak-MiB")
			b.ReportMetric(float64(reports), "reports")
		})
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
