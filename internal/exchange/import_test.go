package exchange_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/exchange"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// importer is an administrator of the authority who also verifies: who
// loads a baseline.
var importer = auth.Caller{Principal: mineaction.Principal{User: "admin", Organisation: "NMAA",
	Roles: []mineaction.Role{mineaction.RoleAdmin, mineaction.RoleVerifier}}, OrgKind: "authority"}

func square(x, y, d float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}`, x, y, x+d, y, x+d, y+d, x, y+d, x, y)
}

// hazardsFile is a baseline in the form of the reference sets
// (bench/gen_hazards.py): id, hid, status, type, district, reported.
func hazardsFile(bad map[int]string) string {
	var fs []string
	for i := 1; i <= 5; i++ {
		props := fmt.Sprintf(`{"id":%d,"hid":"HA-%06d","status":"open","type":"%s","district":"%s","reported":"2021-0%d-10","colour":"red"}`,
			i, i, map[bool]string{true: "CHA", false: "SHA"}[i%2 == 0], map[bool]string{true: "west", false: "Nowhere"}[i < 3], i)
		if b, ok := bad[i-1]; ok {
			props = b
		}
		fs = append(fs, fmt.Sprintf(`{"type":"Feature","id":%d,"properties":%s,"geometry":%s}`, i, props, square(46.1+0.1*float64(i), 39.6, 0.02)))
	}
	return `{"type":"FeatureCollection","name":"hazards_test","features":[` + strings.Join(fs, ",\n") + `]}`
}

// releasesFile releases part of hazards 1 to 3: cancelled, reduced and
// cleared; the cleared polygon spills over its hazard's edge.
const releasesFile = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":1,"properties":{"id":1,"rid":"RL-0000001","hazard_id":1,"kind":"cancelled","released":"2022-01-05"},"geometry":` +
	`{"type":"Polygon","coordinates":[[[46.2,39.6],[46.21,39.6],[46.21,39.62],[46.2,39.62],[46.2,39.6]]]}},
{"type":"Feature","id":2,"properties":{"id":2,"hazard_id":2,"kind":"reduced","released":"2022-02-05"},"geometry":` +
	`{"type":"Polygon","coordinates":[[[46.3,39.6],[46.32,39.6],[46.32,39.61],[46.3,39.61],[46.3,39.6]]]}},
{"type":"Feature","id":3,"properties":{"id":3,"hazard_id":3,"kind":"cleared","released":"2022-03-05"},"geometry":` +
	`{"type":"Polygon","coordinates":[[[46.41,39.61],[46.43,39.61],[46.43,39.63],[46.41,39.63],[46.41,39.61]]]}}
]}`

func options(t *testing.T, s mineaction.Store) exchange.Options {
	t.Helper()
	ctx := context.Background()
	opt := exchange.Options{Organisation: "NMAA", Rules: mineaction.Rules{ServiceArea: storetest.Country.Bounds(), Today: "2026-11-01"}}
	err := s.View(ctx, func(tx mineaction.Tx) error {
		var err error
		opt.AdminAreas, err = tx.AdminAreas(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return opt
}

func newStore(t *testing.T, open func(testing.TB) mineaction.Store) (mineaction.Store, *workflow.Service) {
	s := open(t)
	storetest.Seed(t, s)
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	return s, workflow.New(s, workflow.Config{Now: func() time.Time { return clock }})
}

// TestImport loads a baseline with releases, approved, on every store, and
// checks the records, the activities and the land release figures.
func TestImport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		s, wf := newStore(t, open)
		b, err := exchange.ReadBaseline(strings.NewReader(hazardsFile(nil)), strings.NewReader(releasesFile), options(t, s))
		if err != nil {
			t.Fatal(err)
		}
		if b.Ignored["colour"] != 5 || b.Ignored["rid"] != 0 {
			t.Errorf("ignored %v", b.Ignored)
		}
		var calls []int
		res, err := exchange.Import(context.Background(), wf, importer, importer, true, b, func(done, total int) {
			calls = append(calls, done)
			if total != 8 {
				t.Errorf("total %d", total)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Hazards != 5 || res.Activities != 3 || res.FirstHID != "HA-000001" || res.LastHID != "HA-000005" {
			t.Errorf("result %+v", res)
		}
		if len(calls) == 0 || calls[len(calls)-1] != 8 {
			t.Errorf("progress %v", calls)
		}
		ctx := context.Background()
		err = s.View(ctx, func(tx mineaction.Tx) error {
			kinds := map[string]string{"HA-000001": "cancelled", "HA-000002": "reduced", "HA-000003": "cleared"}
			for i := 1; i <= 5; i++ {
				hid := fmt.Sprintf("HA-%06d", i)
				rec, err := tx.RecordByHID(ctx, hid)
				if err != nil {
					return err
				}
				var h mineaction.Hazard
				if err := jsonUnmarshal(rec.Properties, &h); err != nil {
					return err
				}
				if (i < 3) != (h.AdminArea == "W") || rec.AdminArea == "" || h.Status != "open" || h.HazardType != "mixed" || !strings.Contains(h.Notes, fmt.Sprintf("legacy id HA-%06d", i)) {
					t.Errorf("%s: %+v in %s", hid, h, rec.AdminArea)
				}
				if h.Category == "CHA" && (len(h.Evidence) != 1 || h.Evidence[0] != "other") {
					t.Errorf("%s: a CHA without evidence got %v", hid, h.Evidence)
				}
				f, err := tx.Figures(ctx, rec.ID)
				if err != nil {
					return err
				}
				released := map[string]float64{"cancelled": f.CancelledM2, "reduced": f.ReducedM2, "cleared": f.ClearedM2}
				for k, v := range released {
					if (kinds[hid] == k) != (v > 0) {
						t.Errorf("%s: %s %v m²", hid, k, v)
					}
				}
				if math.Abs(f.CancelledM2+f.ReducedM2+f.ClearedM2+f.RemainingM2-f.OriginalM2) > 0.01 {
					t.Errorf("%s: figures do not reconcile: %+v", hid, f)
				}
			}
			// The spilling release counts only inside its hazard.
			rec, _ := tx.RecordByHID(ctx, "HA-000003")
			f, _ := tx.Figures(ctx, rec.ID)
			inside := geo.StraightArea(geo.Polygon{{{X: 46.41, Y: 39.61}, {X: 46.42, Y: 39.61}, {X: 46.42, Y: 39.62}, {X: 46.41, Y: 39.62}, {X: 46.41, Y: 39.61}}})
			if math.Abs(f.ClearedM2-inside) > 1 {
				t.Errorf("cleared %v m², the part inside the hazard is %v", f.ClearedM2, inside)
			}
			acts, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeActivity})
			if err != nil {
				return err
			}
			var types []string
			for _, a := range acts {
				types = append(types, a.Index.Category)
			}
			if strings.Join(types, ",") != "nts,ts,clearance" {
				t.Errorf("activity types %v", types)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestImportAllOrNothing: bad features are reported by index and reason,
// all of them, and a fault at approval leaves nothing behind.
func TestImportAllOrNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		s, wf := newStore(t, open)
		_, err := exchange.ReadBaseline(strings.NewReader(hazardsFile(map[int]string{
			2: `{"id":3,"type":"SHA","reported":"2021-01-01","status":"finished"}`,
			4: `{"id":5,"status":"open","reported":"2021-01-01"}`,
		})), nil, options(t, s))
		var fe exchange.FeatureErrors
		if !errors.As(err, &fe) || len(fe) != 2 || fe[0].Index != 2 || fe[1].Index != 4 ||
			!strings.Contains(fe[0].Reason, "properties.status") || !strings.Contains(fe[1].Reason, "properties.category") {
			t.Fatalf("errors %v", err)
		}
		// A release naming a hazard the database does not have fails at
		// approval: the hazards entered before it are rolled back.
		rel := strings.Replace(releasesFile, `"hazard_id":3`, `"hazard_id":"HA-000999"`, 1)
		b, err := exchange.ReadBaseline(strings.NewReader(hazardsFile(nil)), strings.NewReader(rel), options(t, s))
		if err != nil {
			t.Fatal(err)
		}
		_, err = exchange.Import(context.Background(), wf, importer, importer, true, b, nil)
		if !errors.As(err, &fe) || len(fe) != 1 || fe[0].File != "releases" || fe[0].Index != 2 {
			t.Fatalf("error %v", err)
		}
		ctx := context.Background()
		s.View(ctx, func(tx mineaction.Tx) error {
			n, _ := tx.CountRecords(ctx, mineaction.RecordQuery{IncludeDeleted: true})
			r, _ := tx.CountReports(ctx, mineaction.ReportFilter{})
			if n != 0 || r != 0 {
				t.Errorf("%d records and %d reports after a failed import", n, r)
			}
			return nil
		})
		// Without approval: hazards are submitted for review, releases refused.
		if _, err := exchange.Import(ctx, wf, importer, importer, false, b, nil); err == nil {
			t.Fatal("releases imported without approval")
		}
		b.Releases = nil
		res, err := exchange.Import(ctx, wf, importer, importer, false, b, nil)
		if err != nil || res.Hazards != 5 {
			t.Fatalf("%v %v", res, err)
		}
		s.View(ctx, func(tx mineaction.Tx) error {
			n, _ := tx.CountRecords(ctx, mineaction.RecordQuery{})
			r, _ := tx.CountReports(ctx, mineaction.ReportFilter{Status: []mineaction.ReportStatus{mineaction.StatusSubmitted}})
			if n != 0 || r != 5 {
				t.Errorf("%d records and %d submitted reports", n, r)
			}
			return nil
		})
		// Only an administrator approves in bulk.
		if _, err := exchange.Import(ctx, wf, storetest.Verifier, storetest.Verifier, true, b, nil); mineaction.ErrorKind(err) != mineaction.KindForbidden {
			t.Errorf("a verifier approved in bulk: %v", err)
		}
	})
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
