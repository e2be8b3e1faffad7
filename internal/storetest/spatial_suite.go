package storetest

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

func testAggregate(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	mk := func(n int, org, area, status, date string, qty int64) *mineaction.RecordState {
		r := newRecord(mineaction.TypeFind, n, org, geo.Point{X: 46.2, Y: 39.7}, `{}`)
		r.AdminArea, r.Index = area, mineaction.Index{Status: status, Category: "PMN-2", EventDate: mineaction.Date(date), Quantity: qty}
		return r
	}
	insertRecords(t, s,
		mk(1, "OPA", "W", "destroyed", "2023-12-31", 2),
		mk(2, "OPA", "W", "destroyed", "2024-01-05", 3),
		mk(3, "OPB", "E", "removed", "2024-01-20", 10),
		mk(4, "OPB", "", "destroyed", "2024-02-01", 1),
		mk(5, "OPA", "W", "destroyed", "", 100),
	)
	for _, c := range []struct {
		q    mineaction.AggregateQuery
		want string
	}{
		{mineaction.AggregateQuery{Type: mineaction.TypeFind}, "[{[] 5 116}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeFind, GroupBy: []string{"admin_area"}}, "[{[] 1 1} {[E] 1 10} {[W] 3 105}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeFind, GroupBy: []string{"organisation", "status"}},
			"[{[OPA destroyed] 3 105} {[OPB destroyed] 1 1} {[OPB removed] 1 10}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeFind, GroupBy: []string{"year"}}, "[{[] 1 100} {[2023] 1 2} {[2024] 3 14}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeFind, GroupBy: []string{"month", "category"}},
			"[{[ PMN-2] 1 100} {[2023-12 PMN-2] 1 2} {[2024-01 PMN-2] 2 13} {[2024-02 PMN-2] 1 1}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeFind, DateFrom: "2024-01-01", DateTo: "2024-01-31", GroupBy: []string{"month"}},
			"[{[2024-01] 2 13}]"},
		{mineaction.AggregateQuery{Type: mineaction.TypeHazard, GroupBy: []string{"status"}}, "[]"},
	} {
		rows := get(t, s, func(tx mineaction.Tx) ([]mineaction.AggregateRow, error) { return tx.Aggregate(ctx, c.q) })
		if got := fmt.Sprint(append([]mineaction.AggregateRow{}, rows...)); got != c.want {
			t.Errorf("aggregate %+v:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
	_, err := getErr(s, func(tx mineaction.Tx) ([]mineaction.AggregateRow, error) {
		return tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeFind, GroupBy: []string{"name; DROP TABLE records"}})
	})
	if err == nil {
		t.Error("an unknown group key was accepted")
	}
}

// testBBox checks that bounding box queries find exactly the records whose
// box meets the query box, touching included, a hair outside excluded.
func testBBox(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	box := geo.BBox{MinX: 46.3, MinY: 39.8, MaxX: 46.4, MaxY: 39.9}
	up := math.Nextafter(46.4, 47) // the smallest float64 above MaxX
	var records []*mineaction.RecordState
	add := func(g geo.Geometry, want bool) {
		r := newRecord(mineaction.TypeHazard, len(records)+1, "OPA", g, `{}`)
		records = append(records, r)
		if want {
			r.Index.Status = "in"
		}
	}
	add(square(46.32, 39.82, 0.01), true)                                           // inside
	add(square(46.2, 39.7, 0.1), true)                                              // touches the lower-left corner
	add(square(46.4, 39.85, 0.1), true)                                             // touches the right edge
	add(square(up, 39.85, 0.1), false)                                              // a hair to the right
	add(geo.Point{X: 46.4, Y: 39.9}, true)                                          // the upper-right corner
	add(geo.Point{X: 46.35, Y: math.Nextafter(39.8, 39)}, false)                    // a hair below
	add(geo.LineString{{X: 46.0, Y: 39.85}, {X: 47.0, Y: 39.86}}, true)             // crosses the box
	add(square(46.0, 39.5, 0.9), true)                                              // contains the box
	add(geo.MultiPolygon{square(46.0, 39.5, 0.01), square(46.9, 40.4, 0.01)}, true) // its box contains the box
	add(nil, false)                                                                 // no geometry
	removed := newRecord(mineaction.TypeHazard, 99, "OPA", square(46.33, 39.83, 0.01), `{}`)
	removed.Deleted = true
	insertRecords(t, s, append(records, removed)...)
	var want []int64
	for _, r := range records {
		if r.Index.Status == "in" {
			want = append(want, r.ID)
		}
	}
	got := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) {
		return tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box})
	})
	if fmt.Sprint(recordIDs(got)) != fmt.Sprint(want) {
		t.Errorf("bbox %+v: %v, want %v", box, recordIDs(got), want)
	}
	n := get(t, s, func(tx mineaction.Tx) (int, error) {
		return tx.CountRecords(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box})
	})
	if n != len(want) {
		t.Errorf("count in bbox %d, want %d", n, len(want))
	}
	withRemoved := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) {
		return tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box, IncludeDeleted: true})
	})
	if len(withRemoved) != len(want)+1 || withRemoved[len(withRemoved)-1].ID != removed.ID {
		t.Errorf("bbox with removed records: %v", recordIDs(withRemoved))
	}
	// Moving a record moves it in the index.
	moved := records[0]
	moved.Geometry, moved.Version = square(46.6, 40.1, 0.01), 2
	update(t, s, func(tx mineaction.Tx) error { return tx.UpdateRecord(ctx, moved) })
	got = get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) {
		return tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &box})
	})
	if fmt.Sprint(recordIDs(got)) != fmt.Sprint(want[1:]) {
		t.Errorf("after moving %d out of the box: %v, want %v", moved.ID, recordIDs(got), want[1:])
	}
}

// awkward are coordinates whose decimal forms are long or not exact, and
// extreme values: they must come back bit for bit.
var awkward = []float64{
	46.123456789012345, 0.1 + 0.2, 1.0 / 3, math.Nextafter(40, 41), math.Nextafter(40, 39),
	-179.99999999999997, 89.99999999999999, 5e-324, math.Copysign(0, -1), math.Pi * 10,
}

func testRoundTrip(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	var ring geo.Ring
	for i, x := range awkward {
		ring = append(ring, geo.Point{X: x, Y: awkward[(i+3)%len(awkward)]})
	}
	ring = append(ring, ring[0])
	geoms := []geo.Geometry{
		geo.Point{X: awkward[0], Y: awkward[1]},
		geo.MultiPoint{{X: awkward[2], Y: awkward[3]}, {X: awkward[4], Y: awkward[5]}},
		geo.LineString(ring[:4]),
		geo.Polygon{ring},
		geo.MultiPolygon{{ring}, square(46.1, 39.6, 1.0/7)},
	}
	var rs []*mineaction.RecordState
	for i, g := range geoms {
		rs = append(rs, newRecord(mineaction.TypeHazard, i+1, "OPA", g, `{"x":0.30000000000000004, "y" : "ə\u0000\\"}`))
	}
	insertRecords(t, s, rs...)
	fig := &mineaction.Figures{Version: 1, OriginalM2: awkward[0] * 1e6, CancelledM2: awkward[2], ReducedM2: 5e-324,
		ClearedM2: math.MaxFloat64, RemainingM2: 1e-310, Remaining: geo.MultiPolygon{{ring}}}
	update(t, s, func(tx mineaction.Tx) error { return tx.PutFigures(ctx, rs[0].ID, fig, nil) })
	for i, r := range rs {
		got := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.Record(ctx, r.ID) })
		if !reflect.DeepEqual(geo.MarshalWKB(got.Geometry), geo.MarshalWKB(geoms[i])) {
			t.Errorf("%s: geometry %v came back as %v", geoms[i].Type(), geoms[i], got.Geometry)
		}
		if string(got.Properties) != string(r.Properties) {
			t.Errorf("properties %s came back as %s", r.Properties, got.Properties)
		}
	}
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.Figures, error) { return tx.Figures(ctx, rs[0].ID) })
	for i, pair := range [][2]float64{{got.OriginalM2, fig.OriginalM2}, {got.CancelledM2, fig.CancelledM2},
		{got.ReducedM2, fig.ReducedM2}, {got.ClearedM2, fig.ClearedM2}, {got.RemainingM2, fig.RemainingM2}} {
		if math.Float64bits(pair[0]) != math.Float64bits(pair[1]) {
			t.Errorf("figure %d: %v came back as %v", i, pair[1], pair[0])
		}
	}
	if !reflect.DeepEqual(geo.MarshalWKB(got.Remaining), geo.MarshalWKB(fig.Remaining)) {
		t.Errorf("remaining polygon came back as %v", got.Remaining)
	}
}
