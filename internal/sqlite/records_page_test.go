package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
)

// A record query selects by the walk of the type index, the R*Tree, or
// both (boxpage.go): whichever way, the answer must be the one a plain
// reading of the query gives. Random queries over a few hundred hazards
// and activities are checked against the records as they were written.
func TestRecordsMatchOracle(t *testing.T) {
	w := newWorld(t, 700, 7)
	rng := rand.New(rand.NewPCG(11, 12))
	ctx := context.Background()
	filters := []struct {
		text string
		keep func(r *mineaction.RecordState, f *mineaction.Figures) bool
	}{
		{"status = 'open' AND category = 'CHA'", func(r *mineaction.RecordState, _ *mineaction.Figures) bool {
			return r.Index.Status == "open" && r.Index.Category == "CHA"
		}},
		{"remaining_m2 > 300000", func(_ *mineaction.RecordState, f *mineaction.Figures) bool { return f != nil && f.RemainingM2 > 300000 }},
		{"S_INTERSECTS(geometry, BBOX(46.8, 39.7, 47.0, 39.9))", func(r *mineaction.RecordState, _ *mineaction.Figures) bool {
			if r.Geometry == nil {
				return false
			}
			ok, err := geos.Spatial{}.Relate("intersects", r.Geometry, boxPolygon(geo.BBox{MinX: 46.8, MinY: 39.7, MaxX: 47.0, MaxY: 39.9}))
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}},
	}
	for i := range 1000 {
		q := mineaction.RecordQuery{Type: mineaction.TypeHazard, WithFigures: rng.IntN(2) == 0}
		if rng.IntN(5) == 0 {
			q.Type = mineaction.TypeActivity
		}
		q.BBox = randomBox(rng, w)
		q.Limit = []int{0, 1, 2, 5, 13, 50, 134}[rng.IntN(7)]
		switch rng.IntN(4) {
		case 0:
			q.AfterID = rng.Int64N(int64(len(w.records))) + 1
		case 1:
			q.BeforeID = rng.Int64N(int64(len(w.records))) + 1
		}
		q.IncludeDeleted = rng.IntN(8) == 0
		if rng.IntN(6) == 0 {
			q.Status = []string{"open", "closed"}
		}
		if rng.IntN(8) == 0 {
			q.Organisation = "OPB"
		}
		if q.Type == mineaction.TypeActivity && rng.IntN(2) == 0 {
			q.DateFrom = mineaction.Date(fmt.Sprintf("2024-%02d-01", 1+rng.IntN(12)))
			if rng.IntN(2) == 0 {
				q.DateTo = mineaction.Date(fmt.Sprintf("2024-%02d-20", 1+rng.IntN(12)))
			}
		}
		switch rng.IntN(5) {
		case 0:
			q.IndexOnly = true
		case 1:
			q.WithoutLinks = true
		case 2:
			q.WithoutLinks, q.ForPage = true, true // as the OGC API asks
		}
		var keep func(*mineaction.RecordState, *mineaction.Figures) bool
		if rng.IntN(4) == 0 {
			f := filters[rng.IntN(len(filters))]
			e, err := cql2.ParseText(f.text)
			if err != nil {
				t.Fatal(err)
			}
			q.Filter, keep = e, f.keep
		}
		if q.Type == mineaction.TypeActivity {
			q.Filter, keep = nil, nil // the filters name hazard queryables
		}
		want := w.oracle(q, keep)
		var got []*mineaction.RecordState
		var count int
		err := w.store.View(ctx, func(tx mineaction.Tx) error {
			var err error
			if got, err = tx.Records(ctx, q); err != nil {
				return err
			}
			all := q
			all.Limit, all.AfterID, all.BeforeID = 0, 0, 0
			count, err = tx.CountRecords(ctx, all)
			return err
		})
		if err != nil {
			t.Fatalf("query %d %s: %v", i, describe(q), err)
		}
		if ids := recordIDList(got); !slices.Equal(ids, want) {
			t.Fatalf("query %d %s:\n got %v\nwant %v", i, describe(q), ids, want)
		}
		all := q
		all.Limit, all.AfterID, all.BeforeID = 0, 0, 0
		if n := len(w.oracle(all, keep)); count != n {
			t.Errorf("query %d %s: count %d, want %d", i, describe(q), count, n)
		}
		for _, r := range got {
			w.checkRecord(t, r, q)
		}
	}
}

// randomBox returns no box, the whole region, the dense area, a small box
// somewhere, or a record's own box, exactly.
func randomBox(rng *rand.Rand, w *world) *geo.BBox {
	switch rng.IntN(6) {
	case 0:
		return nil
	case 1:
		return &region
	case 2:
		return &denseBox
	case 3:
		r := w.records[rng.IntN(len(w.records))]
		if r.Geometry == nil {
			return nil
		}
		b := r.Geometry.Bounds()
		return &b
	default:
		d := 0.01 + rng.Float64()*0.5
		x, y := region.MinX+rng.Float64()*(region.MaxX-region.MinX-d), region.MinY+rng.Float64()*(region.MaxY-region.MinY-d)
		return &geo.BBox{MinX: x, MinY: y, MaxX: x + d, MaxY: y + d}
	}
}

// oracle returns the ids q selects, read plainly from the written records.
func (w *world) oracle(q mineaction.RecordQuery, keep func(*mineaction.RecordState, *mineaction.Figures) bool) []int64 {
	var ids []int64
	for _, r := range w.records {
		switch {
		case q.Type != "" && r.Type != q.Type, r.Deleted && !q.IncludeDeleted,
			q.BBox != nil && (r.Geometry == nil || !r.Geometry.Bounds().Intersects(*q.BBox)),
			q.Organisation != "" && r.Organisation != q.Organisation,
			len(q.Status) > 0 && !slices.Contains(q.Status, r.Index.Status),
			q.AfterID != 0 && r.ID <= q.AfterID, q.BeforeID != 0 && r.ID >= q.BeforeID,
			q.DateFrom != "" && r.Index.EventDate < q.DateFrom, q.DateTo != "" && (r.Index.EventDate > q.DateTo || r.Index.EventDate == ""),
			keep != nil && !keep(r, w.figures[r.ID]):
			continue
		}
		ids = append(ids, r.ID)
	}
	if q.Limit > 0 && len(ids) > q.Limit {
		if q.BeforeID != 0 {
			return ids[len(ids)-q.Limit:]
		}
		return ids[:q.Limit]
	}
	return ids
}

// checkRecord compares a record read with the one written.
func (w *world) checkRecord(t *testing.T, r *mineaction.RecordState, q mineaction.RecordQuery) {
	t.Helper()
	want := *w.byID[r.ID]
	want.Figures = nil
	if f := w.figures[r.ID]; q.WithFigures && q.Type == mineaction.TypeHazard && f != nil {
		want.Figures = f
	}
	if want.Deleted || q.WithoutLinks || q.IndexOnly {
		want.Links = nil // a removed record's links are not kept
	}
	if q.IndexOnly { // what a map draws, no more
		want.Properties, want.Organisation, want.AdminArea, want.DateOfInformation, want.UpdatedAt = nil, "", "", "", time.Time{}
	}
	if q.ForPage && !q.IndexOnly && q.Type != "" && !q.IncludeDeleted { // what a page writes, no more
		want.Organisation, want.DateOfInformation = "", ""
		want.Index = mineaction.Index{Status: want.Index.Status}
	}
	if !reflect.DeepEqual(r, &want) {
		t.Errorf("record %d:\n got %+v\nwant %+v", r.ID, r, &want)
	}
}

func recordIDList(rs []*mineaction.RecordState) []int64 {
	ids := []int64{}
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return ids
}

func boxPolygon(b geo.BBox) geo.Polygon {
	return geo.Polygon{{{X: b.MinX, Y: b.MinY}, {X: b.MaxX, Y: b.MinY}, {X: b.MaxX, Y: b.MaxY}, {X: b.MinX, Y: b.MaxY}, {X: b.MinX, Y: b.MinY}}}
}

func describe(q mineaction.RecordQuery) string {
	s := fmt.Sprintf("type=%s limit=%d after=%d before=%d deleted=%v status=%v org=%q dates=%s/%s",
		q.Type, q.Limit, q.AfterID, q.BeforeID, q.IncludeDeleted, q.Status, q.Organisation, q.DateFrom, q.DateTo)
	if q.BBox != nil {
		s += fmt.Sprintf(" bbox=%v", *q.BBox)
	}
	if q.Filter != nil {
		s += fmt.Sprintf(" filter=%v", q.Filter)
	}
	return s
}
