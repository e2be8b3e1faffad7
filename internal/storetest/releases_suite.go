package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// releaseWorld inserts two hazards and two activities.
func releaseWorld(t testing.TB, s mineaction.Store) (h1, h2, a1, a2 *mineaction.RecordState) {
	Seed(t, s)
	h1 = newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.1), `{}`)
	h2 = newRecord(mineaction.TypeHazard, 2, "OPA", square(46.6, 39.6, 0.1), `{}`)
	a1 = newRecord(mineaction.TypeActivity, 1, "OPA", nil, `{}`)
	a2 = newRecord(mineaction.TypeActivity, 2, "OPB", nil, `{}`)
	insertRecords(t, s, h1, h2, a1, a2)
	return
}

func release(h *mineaction.RecordState, kind string, date mineaction.Date, idx int, g geo.Polygon) *mineaction.Release {
	mp := geo.MultiPolygon{g}
	return &mineaction.Release{HazardID: h.ID, HazardHID: h.HID, Kind: kind, Date: date, Method: "manual", Index: idx,
		Geometry: mp, AreaM2: geo.Area(mp), OutsideM2: 0.25}
}

func testReleases(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	h1, h2, a1, a2 := releaseWorld(t, s)
	r1 := release(h1, "cleared", "2024-03-01", 0, square(46.1, 39.6, 0.02))
	r2 := release(h2, "reduced", "2024-02-01", 1, square(46.6, 39.6, 0.05))
	r3 := release(h1, "cancelled", "2024-01-01", 0, square(46.15, 39.65, 0.01))
	update(t, s, func(tx mineaction.Tx) error {
		if err := tx.ReplaceReleases(ctx, a1.ID, []*mineaction.Release{r1, r2}); err != nil {
			return err
		}
		return tx.ReplaceReleases(ctx, a2.ID, []*mineaction.Release{r3})
	})
	r1.ActivityHID, r2.ActivityHID, r3.ActivityHID = a1.HID, a1.HID, a2.HID
	if r1.ActivityID != a1.ID || r3.ActivityID != a2.ID || r1.ID == 0 || r2.ID == 0 || r3.ID == 0 {
		t.Fatalf("ReplaceReleases did not set ids: %+v %+v", r1, r3)
	}
	of := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Release, error) { return tx.ReleasesOfHazard(ctx, h1.ID) })
	if want := []*mineaction.Release{r3, r1}; !reflect.DeepEqual(of, want) {
		t.Errorf("releases of hazard by date:\n got %+v\nwant %+v", of, want)
	}
	ids := func(q mineaction.RecordQuery) string {
		rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Release, error) { return tx.Releases(ctx, q) })
		out := []int64{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return fmt.Sprint(out)
	}
	touch := geo.BBox{MinX: 46.65, MinY: 39.65, MaxX: 46.7, MaxY: 39.7} // touches r2's upper right corner
	for _, c := range []struct {
		q    mineaction.RecordQuery
		want []int64
	}{
		{mineaction.RecordQuery{}, []int64{r1.ID, r2.ID, r3.ID}},
		{mineaction.RecordQuery{LinkedTo: h1.ID}, []int64{r1.ID, r3.ID}},
		{mineaction.RecordQuery{LinkedTo: a1.ID}, []int64{r1.ID, r2.ID}},
		{mineaction.RecordQuery{DateFrom: "2024-02-01", DateTo: "2024-02-29"}, []int64{r2.ID}},
		{mineaction.RecordQuery{BBox: &touch}, []int64{r2.ID}},
		{mineaction.RecordQuery{AfterID: r1.ID, Limit: 1}, []int64{r2.ID}},
		{mineaction.RecordQuery{BeforeID: r3.ID, Limit: 1}, []int64{r2.ID}},
	} {
		if got := ids(c.q); got != fmt.Sprint(c.want) {
			t.Errorf("releases %+v: %s, want %v", c.q, got, c.want)
		}
	}
	// Replacing removes the old ones; nil removes all.
	update(t, s, func(tx mineaction.Tx) error { return tx.ReplaceReleases(ctx, a1.ID, nil) })
	if got := ids(mineaction.RecordQuery{}); got != fmt.Sprint([]int64{r3.ID}) {
		t.Errorf("after removing a1's releases: %s", got)
	}
}

func testFigures(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	h1, _, a1, a2 := releaseWorld(t, s)
	r1 := release(h1, "cleared", "2024-03-01", 0, square(46.1, 39.6, 0.02))
	r2 := release(h1, "reduced", "2024-03-01", 1, square(46.12, 39.6, 0.02))
	update(t, s, func(tx mineaction.Tx) error { return tx.ReplaceReleases(ctx, a1.ID, []*mineaction.Release{r1, r2}) })
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Figures, error) { return tx.Figures(ctx, h1.ID) })
	wantKind(t, "figures before any", err, mineaction.KindNotFound)

	remaining := geo.MultiPolygon{square(46.14, 39.62, 0.06)}
	f := &mineaction.Figures{HazardID: h1.ID, Version: 2, OriginalM2: 1e8 / 3, CancelledM2: 0, ReducedM2: 2.5, ClearedM2: 7.25,
		RemainingM2: 1e8/3 - 9.75, Remaining: remaining}
	credits := []mineaction.Credit{
		{HazardID: h1.ID, Version: 1, ActivityID: a1.ID, Outcome: 0, Kind: "cleared", Date: "2024-03-01", Method: "manual", AreaM2: 5},
		{HazardID: h1.ID, Version: 2, ActivityID: a1.ID, Outcome: 0, Kind: "cleared", Date: "2024-03-01", Method: "manual", AreaM2: 7.25},
		{HazardID: h1.ID, Version: 2, ActivityID: a1.ID, Outcome: 1, Kind: "reduced", Date: "2024-03-01", AreaM2: 2.5},
		{HazardID: h1.ID, Version: 2, ActivityID: a2.ID, Outcome: 0, Kind: "cancelled", Date: "2024-01-01", AreaM2: 0},
	}
	update(t, s, func(tx mineaction.Tx) error { return tx.PutFigures(ctx, h1.ID, f, credits) })
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.Figures, error) { return tx.Figures(ctx, h1.ID) })
	if !reflect.DeepEqual(got, f) {
		t.Errorf("figures:\n got %+v\nwant %+v", got, f)
	}
	all := get(t, s, func(tx mineaction.Tx) ([]mineaction.Credit, error) { return tx.AllCredits(ctx) })
	for i := range credits {
		credits[i].Organisation = "OPA"
	}
	credits[3].Organisation = "OPB"
	want := []mineaction.Credit{credits[0], credits[3], credits[1], credits[2]} // hazard, version, date, activity, outcome
	if !reflect.DeepEqual(all, want) {
		t.Errorf("credits:\n got %+v\nwant %+v", all, want)
	}
	of := get(t, s, func(tx mineaction.Tx) ([]mineaction.Credit, error) { return tx.CreditsOfHazard(ctx, h1.ID) })
	if !reflect.DeepEqual(of, want) {
		t.Errorf("credits of hazard %d:\n got %+v\nwant %+v", h1.ID, of, want)
	}
	if of := get(t, s, func(tx mineaction.Tx) ([]mineaction.Credit, error) { return tx.CreditsOfHazard(ctx, 12345) }); len(of) != 0 {
		t.Errorf("credits of a hazard that has none: %+v", of)
	}
	// Credits of the current version set what each release counts for.
	rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Release, error) { return tx.ReleasesOfHazard(ctx, h1.ID) })
	if len(rs) != 2 || rs[0].CreditedM2 != 7.25 || rs[1].CreditedM2 != 2.5 {
		t.Errorf("credited areas: %+v", rs)
	}
	// Nil figures remove figures and credits.
	update(t, s, func(tx mineaction.Tx) error { return tx.PutFigures(ctx, h1.ID, nil, nil) })
	_, err = getErr(s, func(tx mineaction.Tx) (*mineaction.Figures, error) { return tx.Figures(ctx, h1.ID) })
	wantKind(t, "removed figures", err, mineaction.KindNotFound)
	if all := get(t, s, func(tx mineaction.Tx) ([]mineaction.Credit, error) { return tx.AllCredits(ctx) }); len(all) != 0 {
		t.Errorf("credits after removal: %+v", all)
	}
}

func testHazardHistory(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	h1, h2, _, _ := releaseWorld(t, s)
	hv := []mineaction.HazardVersionFigure{
		{HazardID: h2.ID, HID: h2.HID, Version: 1, DateOfInformation: "2023-05-01", OriginalM2: 1.0 / 3, Organisation: "OPA", AdminArea: "E", Status: "open", Category: "SHA"},
		{HazardID: h1.ID, HID: h1.HID, Version: 2, DateOfInformation: "2024-05-01", Deleted: true, OriginalM2: 2, Organisation: "OPB"},
		{HazardID: h1.ID, HID: h1.HID, Version: 1, DateOfInformation: "2024-01-01", OriginalM2: 1e9 + 0.5, Organisation: "OPA", AdminArea: "W", Status: "open", Category: "CHA"},
	}
	update(t, s, func(tx mineaction.Tx) error {
		for _, h := range hv {
			if err := tx.PutHazardVersion(ctx, h); err != nil {
				return err
			}
		}
		return nil
	})
	got := get(t, s, func(tx mineaction.Tx) ([]mineaction.HazardVersionFigure, error) { return tx.HazardHistory(ctx) })
	if want := []mineaction.HazardVersionFigure{hv[2], hv[1], hv[0]}; !reflect.DeepEqual(got, want) {
		t.Errorf("hazard history:\n got %+v\nwant %+v", got, want)
	}
	err := s.Update(ctx, func(tx mineaction.Tx) error { return tx.PutHazardVersion(ctx, hv[0]) })
	wantKind(t, "a hazard version twice", err, mineaction.KindConflict)
	update(t, s, func(tx mineaction.Tx) error { return tx.DeleteHazardVersion(ctx, h1.ID, 2) })
	got = get(t, s, func(tx mineaction.Tx) ([]mineaction.HazardVersionFigure, error) { return tx.HazardHistory(ctx) })
	if want := []mineaction.HazardVersionFigure{hv[2], hv[0]}; !reflect.DeepEqual(got, want) {
		t.Errorf("after deleting version 2:\n got %+v\nwant %+v", got, want)
	}
}
