package workflow_test

import (
	"context"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// benchHazard is the feature of the i-th hazard of a benchmark: a small
// square on a grid, like a surveyed field.
func benchHazard(i int) []byte {
	x, y := 46.01+float64(i%300)*0.003, 39.51+float64(i/300)*0.003
	return feature(square(x, y, 0.002), hazardProps("2024-01-01"))
}

// BenchmarkApprove measures one approval (a new hazard, with its land
// release figures and audit entry) in its own durable transaction, on each
// store. Reports are entered before the timer starts.
func BenchmarkApprove(b *testing.B) {
	for _, o := range storetest.Openers() {
		b.Run(o.Name, func(b *testing.B) {
			e := newEnv(b, o.Open)
			ids := make([]int64, b.N)
			for i := range ids {
				r, err := e.svc.CreateReport(e.ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Submit: true, Feature: benchHazard(i)})
				if err != nil {
					b.Fatal(err)
				}
				ids[i] = r.ID
			}
			b.ResetTimer()
			for _, id := range ids {
				if _, err := e.svc.Approve(e.ctx, storetest.Verifier, id, 0); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "approvals/s")
		})
	}
}

// BenchmarkActivityApprove measures the approval of an activity that
// releases part of a hazard already worked by others, reports arriving in
// date order as progress reports do: the incremental land release update
// of one hazard (landrelease.Append). A late report, dated before earlier
// releases, rebuilds the hazard instead (BenchmarkLateActivityApprove).
func BenchmarkActivityApprove(b *testing.B) {
	for _, o := range storetest.Openers() {
		b.Run(o.Name, func(b *testing.B) {
			e := newEnv(b, o.Open)
			hid := e.newHazard(square(46.1, 39.6, 0.05), "2021-01-01")
			in := func(i int) workflow.Input {
				x := 46.1 + float64(i%25)*0.002
				day := mineaction.DateOf(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i))
				return workflow.Input{RecordType: "activity", Submit: true, Feature: feature("null",
					activityProps(hid, "clearance", string(day), outcome("cleared", square2(x, 39.6+float64(i%20)*0.0025, 0.003, 0.003))))}
			}
			for i := 0; i < 10; i++ {
				e.approve(e.submit(storetest.Editor, in(i)))
			}
			ids := make([]int64, b.N)
			for i := range ids {
				r, err := e.svc.CreateReport(e.ctx, storetest.Editor, in(10+i))
				if err != nil {
					b.Fatal(err)
				}
				ids[i] = r.ID
			}
			b.ResetTimer()
			for _, id := range ids {
				if _, err := e.svc.Approve(e.ctx, storetest.Verifier, id, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRecordByHID measures reading one record by its human id among
// 2,000, as GET /api/v1/records/{id} does.
func BenchmarkRecordByHID(b *testing.B) {
	for _, o := range storetest.Openers() {
		b.Run(o.Name, func(b *testing.B) {
			e := newEnv(b, o.Open)
			ins := make([]workflow.Input, 2000)
			for i := range ins {
				ins[i] = workflow.Input{RecordType: "hazard", Feature: benchHazard(i)}
			}
			if _, err := e.svc.SubmitAndApprove(e.ctx, storetest.Editor, storetest.Admin, ins); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				hid := mineaction.FormatHID(mineaction.TypeHazard, int64(1+i%2000))
				err := e.store.View(ctx, func(tx mineaction.Tx) error {
					_, err := tx.RecordByHID(ctx, hid)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
