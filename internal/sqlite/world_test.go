package sqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// world is a database of hazards laid out as bench/gen_hazards.py lays out
// the national reference set (a quarter spread over the region, the rest
// clustered around district centres and a dense area), with activities
// linking to some hazards and land release figures on some, and the
// records as they were written, to check what the store returns.
type world struct {
	store   mineaction.Store
	records []*mineaction.RecordState // in id order
	byID    map[int64]*mineaction.RecordState
	figures map[int64]*mineaction.Figures
}

// The region and dense area of bench/gen_hazards.py, and its benchmark box.
var (
	region   = geo.BBox{MinX: 45.9, MinY: 38.9, MaxX: 47.6, MaxY: 40.5}
	denseBox = geo.BBox{MinX: 46.6875, MinY: 39.6, MaxX: 47.1125, MaxY: 40.0}
	centres  = [][2]float64{{46.93, 39.99}, {46.81, 40.21}, {47.15, 39.60}, {46.58, 39.34}, {47.03, 39.40},
		{46.04, 40.11}, {46.75, 39.82}, {46.79, 39.91}, {47.11, 39.79}, {46.55, 39.64}, {46.75, 39.76}, {46.93, 40.34}, {46.65, 39.09}}
)

// newWorld writes n hazards (ids 1 to n, as an import gives them), then an
// activity for about every second hazard. A few hazards are removed, a few
// have no geometry and a few are points.
func newWorld(tb testing.TB, n int, seed uint64) *world {
	tb.Helper()
	s := storetest.SQLite(tb)
	storetest.Seed(tb, s)
	rng := rand.New(rand.NewPCG(seed, 1))
	w := &world{store: s, byID: map[int64]*mineaction.RecordState{}, figures: map[int64]*mineaction.Figures{}}
	at := time.Date(2024, 6, 10, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		for i := 1; i <= n; i++ {
			r := &mineaction.RecordState{Type: mineaction.TypeHazard, HID: mineaction.FormatHID(mineaction.TypeHazard, int64(i)),
				Organisation: []string{"OPA", "OPB"}[i%2], Version: 1, DateOfInformation: "2024-01-15", UpdatedAt: at,
				AdminArea: []string{"W", "E", ""}[i%3], Deleted: rng.IntN(50) == 0,
				Index: mineaction.Index{Status: pickOne(rng, "open", "open", "open", "worked_on", "closed"), Category: pickOne(rng, "SHA", "CHA")}}
			r.Geometry = hazardShape(rng)
			r.Properties = json.RawMessage(fmt.Sprintf(`{"hid":%q,"status":%q,"hazard_type":%q,"district":"District %d","reported":"2022-%02d-%02d","evidence":"Local information and a survey of the area","contamination":["AP mines"]}`,
				r.HID, r.Index.Status, r.Index.Category, i%13, 1+i%12, 1+i%28))
			if err := tx.InsertRecord(ctx, r); err != nil {
				return err
			}
			w.records = append(w.records, r)
			if rng.IntN(5) < 2 {
				orig := 1000 + rng.Float64()*1e6
				f := &mineaction.Figures{HazardID: r.ID, Version: 1, OriginalM2: orig, CancelledM2: orig / 4, ClearedM2: orig / 8, RemainingM2: orig * 5 / 8}
				if err := tx.PutFigures(ctx, r.ID, f, nil); err != nil {
					return err
				}
				w.figures[r.ID] = f
			}
		}
		for i, h := range w.records[:n] {
			if i%2 == 1 || h.Deleted {
				continue
			}
			a := &mineaction.RecordState{Type: mineaction.TypeActivity, HID: mineaction.FormatHID(mineaction.TypeActivity, int64(i+1)),
				Organisation: "OPA", Version: 1, DateOfInformation: "2024-02-01", UpdatedAt: at, AdminArea: "W",
				Index:      mineaction.Index{Status: "completed", Category: "clearance", EventDate: mineaction.Date(fmt.Sprintf("2024-%02d-15", 1+i%12))},
				Properties: json.RawMessage(fmt.Sprintf(`{"hid":%q,"hazard":%q}`, mineaction.FormatHID(mineaction.TypeActivity, int64(i+1)), h.HID)),
				Links:      []mineaction.Link{{Rel: mineaction.RefHazard, Target: h.ID, HID: h.HID}}}
			if err := tx.InsertRecord(ctx, a); err != nil {
				return err
			}
			w.records = append(w.records, a)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range w.records {
		w.byID[r.ID] = r
	}
	return w
}

func pickOne(rng *rand.Rand, vs ...string) string { return vs[rng.IntN(len(vs))] }

// hazardShape returns a star-shaped polygon of 8 to 60 vertices with an
// area between about 1,000 m² and 30 km² (log-uniform), or now and then a
// point or nothing.
func hazardShape(rng *rand.Rand) geo.Geometry {
	var cx, cy float64
	switch u := rng.Float64(); {
	case u < 0.01:
		return nil
	case u < 0.25:
		cx, cy = region.MinX+rng.Float64()*(region.MaxX-region.MinX), region.MinY+rng.Float64()*(region.MaxY-region.MinY)
	case u < 0.70:
		c := centres[rng.IntN(len(centres))]
		cx, cy = c[0]+rng.NormFloat64()*0.08, c[1]+rng.NormFloat64()*0.08
	default:
		cx, cy = 46.9+rng.NormFloat64()*0.1, 39.8+rng.NormFloat64()*0.1
	}
	if rng.IntN(50) == 0 {
		return geo.Point{X: cx, Y: cy}
	}
	area := math.Exp(math.Log(1e3) + rng.Float64()*(math.Log(3e7)-math.Log(1e3)))
	r := math.Sqrt(area/math.Pi) / 111_320 // degrees, roughly
	nv := 8 + rng.IntN(53)
	ring := make(geo.Ring, 0, nv+1)
	for k := range nv {
		a := (float64(k) + rng.Float64()*0.8) * 2 * math.Pi / float64(nv)
		d := r * (0.55 + rng.Float64()*0.45)
		ring = append(ring, geo.Point{X: cx + d*math.Cos(a)/math.Cos(cy*math.Pi/180), Y: cy + d*math.Sin(a)})
	}
	return geo.Polygon{append(ring, ring[0])}
}
