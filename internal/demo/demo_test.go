package demo

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// demoClock is the workflow clock of the tests: after the data set's
// cut-off, as Build requires.
var demoClock = time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)

// built is a demo build.
type built struct {
	store mineaction.Store
	sum   *Summary
	err   error
}

func buildSmall(t testing.TB, seed int64) built {
	s := storetest.SQLite(t)
	svc := workflow.New(s, workflow.Config{Now: func() time.Time { return demoClock }})
	sum, err := Build(context.Background(), s, svc, Options{Seed: seed, Scale: Small})
	return built{store: s, sum: sum, err: err}
}

// TestSmallDemo builds the small demo twice with the same seed, at the
// same time, and checks the data set and its reproducibility.
func TestSmallDemo(t *testing.T) {
	var a, b built
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = buildSmall(t, 1) }()
	go func() { defer wg.Done(); b = buildSmall(t, 1) }()
	wg.Wait()
	if a.err != nil || b.err != nil {
		t.Fatalf("small demo: %v / %v", a.err, b.err)
	}
	t.Run("calibration", func(t *testing.T) { testCalibration(t, a) })
	t.Run("reproducible", func(t *testing.T) { testReproducible(t, a, b) })
	t.Run("hazards", func(t *testing.T) { testHazards(t, a) })
	t.Run("identity", func(t *testing.T) { testIdentity(t, a) })
	t.Run("synthetic", func(t *testing.T) { testSynthetic(t, a) })
	t.Run("review queue", func(t *testing.T) { testPending(t, a) })
}

// testPending checks that the demo leaves reports for the review queue:
// two submitted (a hazard update, and a new hazard the overlap check warns
// about) and one staged, none of which changed a record.
func testPending(t *testing.T, a built) {
	if a.sum.Pending != 3 {
		t.Fatalf("%d pending reports, want 3", a.sum.Pending)
	}
	view(t, a.store, func(tx mineaction.Tx) error {
		byStatus := map[mineaction.ReportStatus][]*mineaction.Report{}
		for _, st := range []mineaction.ReportStatus{mineaction.StatusSubmitted, mineaction.StatusStaged} {
			rs, err := tx.Reports(context.Background(), mineaction.ReportFilter{Status: []mineaction.ReportStatus{st}})
			if err != nil {
				return err
			}
			byStatus[st] = rs
		}
		sub, staged := byStatus[mineaction.StatusSubmitted], byStatus[mineaction.StatusStaged]
		if len(sub) != 2 || len(staged) != 1 {
			t.Fatalf("%d submitted and %d staged reports, want 2 and 1", len(sub), len(staged))
		}
		warned := false
		for _, r := range sub {
			for _, w := range r.Warnings {
				warned = warned || w.Code == "overlap"
			}
		}
		if !warned {
			t.Errorf("no submitted report carries an overlap warning: %+v", sub)
		}
		return nil
	})
}

func view(t *testing.T, s mineaction.Store, f func(tx mineaction.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), f); err != nil {
		t.Fatal(err)
	}
}

func testCalibration(t *testing.T, a built) {
	june, sept := a.sum.Figures[0], a.sum.Figures[1]
	if june.AsOf != "2024-06-10" || sept.AsOf != "2024-09-30" {
		t.Fatalf("figures dated %s and %s", june.AsOf, sept.AsOf)
	}
	if june.ContaminatedShare < MinShare || june.ContaminatedShare > MaxShare {
		t.Errorf("contaminated share %.4f%%, want %.1f%%-%.1f%%", 100*june.ContaminatedShare, 100*MinShare, 100*MaxShare)
	}
	if d := june.ContaminatedShare - TargetShare; d > 0.0005 || d < -0.0005 {
		t.Errorf("contaminated share %.4f%%, aimed at %.1f%%", 100*june.ContaminatedShare, 100*TargetShare)
	}
	if june.Casualties != 361 || june.Killed != 68 || sept.Casualties != 377 || sept.Killed != 69 {
		t.Errorf("casualties %d (%d killed) and %d (%d killed), want 361 (68) and 377 (69)", june.Casualties, june.Killed, sept.Casualties, sept.Killed)
	}
	c := a.sum.Counts
	if c.Hazards < 150 || c.Hazards > 300 || c.Activities < 500 || c.FindItems < 3000 || c.Victims < 377 {
		t.Errorf("small counts out of range: %+v", c)
	}
	if c.HazardVersions <= c.Hazards {
		t.Errorf("%d hazard versions for %d hazards: no history", c.HazardVersions, c.Hazards)
	}
}

func testReproducible(t *testing.T, a, b built) {
	da, db := dump(t, a.store), dump(t, b.store)
	if len(da) != len(db) {
		t.Fatalf("%d and %d records", len(da), len(db))
	}
	for i := range da {
		if da[i] != db[i] {
			t.Fatalf("record %d differs:\n%s\n%s", i, da[i], db[i])
		}
	}
	// Another seed gives another data set; comparing the plans is enough.
	g, err := buildGazetteer(2, scaleSizes[Small].villages)
	if err != nil {
		t.Fatal(err)
	}
	defer g.close()
	ord, err := catalogue()
	if err != nil {
		t.Fatal(err)
	}
	p2, err := makePlan(2, Small, scaleSizes[Small], g, ord)
	if err != nil {
		t.Fatal(err)
	}
	rec, geom := p2.hazards[0].record(p2, "recorded")
	in, err := featureInput(rec, geom, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.Join(da, "\n"), string(geo.MarshalGeoJSON(geom))) {
		t.Errorf("seed 2 drew a hazard of seed 1: %s", in.Feature)
	}
}

// dump lists every record version with its properties and geometry.
func dump(t *testing.T, s mineaction.Store) []string {
	var out []string
	view(t, s, func(tx mineaction.Tx) error {
		for _, rt := range mineaction.RecordTypes {
			rs, err := tx.Records(context.Background(), mineaction.RecordQuery{Type: rt})
			if err != nil {
				return err
			}
			for _, r := range rs {
				vs, err := tx.Versions(context.Background(), r.ID)
				if err != nil {
					return err
				}
				for _, v := range vs {
					var wkb []byte
					if v.Geometry != nil {
						wkb = geo.MarshalWKB(v.Geometry)
					}
					out = append(out, fmt.Sprintf("%s v%d %s %s %x", v.HID, v.Version, v.DateOfInformation, v.Properties, wkb))
				}
			}
		}
		return nil
	})
	return out
}

func testHazards(t *testing.T, a built) {
	ctx := context.Background()
	view(t, a.store, func(tx mineaction.Tx) error {
		country, err := tx.Country(ctx)
		if err != nil {
			return err
		}
		outline, err := geos.Prepare(country.Geometry)
		if err != nil {
			return err
		}
		defer outline.Close()
		hs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard})
		if err != nil {
			return err
		}
		for _, h := range hs {
			if ps := geo.Validate(h.Geometry); len(ps) > 0 {
				t.Errorf("%s: invalid polygon: %v", h.HID, ps[0])
			}
			n := len(geo.Polygons(h.Geometry)[0][0]) - 1
			if n < 8 || n > 40 {
				t.Errorf("%s: %d vertices, want 8-40", h.HID, n)
			}
			if in, err := outline.Contains(h.Geometry); err != nil || !in {
				t.Errorf("%s: not inside the national outline (%v)", h.HID, err)
			}
			if !bytes.Contains(h.Properties, []byte("Synthetic demo record")) {
				t.Errorf("%s: no synthetic note", h.HID)
			}
			box := h.Geometry.Bounds()
			near, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box})
			if err != nil {
				return err
			}
			for _, o := range near {
				if o.ID <= h.ID {
					continue
				}
				inter, err := geos.Intersection(h.Geometry, o.Geometry)
				if err != nil {
					return err
				}
				if a := geo.Area(inter); a > 0 {
					t.Errorf("%s and %s overlap by %.3f m²", h.HID, o.HID, a)
				}
			}
		}
		return nil
	})
}

func testIdentity(t *testing.T, a built) {
	ctx := context.Background()
	view(t, a.store, func(tx mineaction.Tx) error {
		hs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard})
		if err != nil {
			return err
		}
		released := 0
		for _, h := range hs {
			f, err := tx.Figures(ctx, h.ID)
			if err != nil {
				return fmt.Errorf("%s: %w", h.HID, err)
			}
			sum := f.CancelledM2 + f.ReducedM2 + f.ClearedM2 + f.RemainingM2
			if d := f.OriginalM2 - sum; d > landrelease.Tolerance(f.OriginalM2) || -d > landrelease.Tolerance(f.OriginalM2) {
				t.Errorf("%s: original %.3f != %.3f cancelled+reduced+cleared+remaining", h.HID, f.OriginalM2, sum)
			}
			if f.RemainingM2 < f.OriginalM2 {
				released++
			}
			closed := h.Index.Status == "closed"
			if closed != (f.RemainingM2 <= landrelease.Tolerance(f.OriginalM2)) {
				t.Errorf("%s is %s with %.1f of %.1f m² remaining", h.HID, h.Index.Status, f.RemainingM2, f.OriginalM2)
			}
		}
		if released == 0 {
			t.Error("no hazard has released land")
		}
		return nil
	})
}

func testSynthetic(t *testing.T, a built) {
	if !strings.Contains(a.sum.Notice, "Synthetic") {
		t.Errorf("notice %q", a.sum.Notice)
	}
	ctx := context.Background()
	view(t, a.store, func(tx mineaction.Tx) error {
		// Finds and victims are made by the approval from the lists in
		// activity and accident reports; the workflow does not pass notes
		// on to them, so the reports they come from carry it.
		for _, rt := range []mineaction.RecordType{mineaction.TypeActivity, mineaction.TypeAccident, mineaction.TypeEducation,
			mineaction.TypeQMVisit, mineaction.TypeTask} {
			rs, err := tx.Records(ctx, mineaction.RecordQuery{Type: rt})
			if err != nil {
				return err
			}
			if len(rs) == 0 {
				t.Errorf("no %s records", rt)
			}
			for _, r := range rs {
				if !bytes.Contains(r.Properties, []byte("Synthetic demo record")) {
					t.Errorf("%s: no synthetic note", r.HID)
				}
			}
		}
		users, err := tx.Users(ctx)
		if err != nil {
			return err
		}
		if len(users) != len(a.sum.Users) {
			t.Errorf("%d users stored, %d documented", len(users), len(a.sum.Users))
		}
		return nil
	})
}
