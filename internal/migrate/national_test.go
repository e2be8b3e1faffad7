package migrate_test

import (
	"testing"

	"mineaction/internal/demo"
	"mineaction/internal/landrelease"
	"mineaction/internal/migrate"
	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestMigrateNationalDemo is the migration a national authority makes when
// it outgrows the laptop, at full size: the national demo (about 5,000
// hazards, 15,000 activities, 12,000 finds, every one approved through the
// workflow) is built on SQLite, copied into an empty PostgreSQL database and
// checked (verify passes on the copy; row counts, every version hash, the
// audit chain head and the figures at each year's end are the same). The
// headline figures of the demo, read from the copy, are the ones the demo
// is built to give: 361 casualties since the 2020 ceasefire, 68 of them
// killed, by 2024-06-10, and a contaminated share of about 12%.
//
// It takes a minute or two, and runs in every test run, -short or not: the
// national scale is what the README's first command serves.
func TestMigrateNationalDemo(t *testing.T) {
	src := storetest.SQLite(t).(*sqlite.Store)
	wf := workflow.New(src, workflow.Config{})
	if _, err := demo.Build(ctx, src, wf, demo.Options{Seed: 1, Scale: demo.National}); err != nil {
		t.Fatal(err)
	}
	dst := storetest.Postgres(t).(*postgres.Store)
	if err := migrate.Copy(ctx, src, dst, nil); err != nil {
		t.Fatal(err)
	}
	rep, err := migrate.Check(ctx, src, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("the copy differs: %v", rep.Differences)
	}
	if !rep.Verify.OK() || rep.Verify.Hazards < 4000 || rep.Rows["records"] < 30000 {
		t.Fatalf("check of the national copy: rows %v, verify %+v", rep.Rows, rep.Verify)
	}
	for _, d := range []mineaction.Date{"2024-06-10", "2024-09-30"} {
		if a, b := summary(t, src, d), summary(t, dst, d); a != b {
			t.Errorf("summary as of %s:\n SQLite     %s\n PostgreSQL %s", d, a, b)
		}
	}
	var s *landrelease.Summary
	err = dst.View(ctx, func(tx mineaction.Tx) (err error) {
		s, err = landreleaseSummary(tx, "2024-06-10")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	share := s.ContaminatedShare
	if s.Casualties.Total != 361 || s.Casualties.Killed != 68 || share < 0.115 || share > 0.13 {
		t.Errorf("the copy's figures as of 2024-06-10: %d casualties, %d killed, %.4f contaminated; want 361, 68, about 12%%",
			s.Casualties.Total, s.Casualties.Killed, share)
	}
}
