package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// square is a polygon with lower-left corner (x, y) and side d degrees.
func square(x, y, d float64) geo.Polygon {
	return geo.Polygon{{{X: x, Y: y}, {X: x + d, Y: y}, {X: x + d, Y: y + d}, {X: x, Y: y + d}, {X: x, Y: y}}}
}

// newRecord returns a record state ready to insert.
func newRecord(typ mineaction.RecordType, n int, org string, g geo.Geometry, props string) *mineaction.RecordState {
	return &mineaction.RecordState{
		Type: typ, HID: mineaction.FormatHID(typ, int64(n)), Organisation: org, Version: 1, DateOfInformation: "2024-01-15",
		Properties: json.RawMessage(props), Geometry: g, UpdatedAt: t0, AdminArea: "W",
	}
}

func insertRecords(t testing.TB, s mineaction.Store, rs ...*mineaction.RecordState) {
	t.Helper()
	update(t, s, func(tx mineaction.Tx) error {
		for _, r := range rs {
			if err := tx.InsertRecord(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

func recordIDs(rs []*mineaction.RecordState) []int64 {
	out := []int64{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testRecords(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	h1 := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.01), `{"name":"one"}`)
	h1.Index = mineaction.Index{Status: "open", Category: "CHA"}
	h2 := newRecord(mineaction.TypeHazard, 2, "OPB", square(46.6, 39.6, 0.01), `{"name":"two"}`)
	h2.Index = mineaction.Index{Status: "closed", Category: "SHA"}
	h2.AdminArea = "E"
	a1 := newRecord(mineaction.TypeActivity, 1, "OPA", nil, `{"hazard":"HA-000001"}`)
	a1.Index = mineaction.Index{Status: "completed", Category: "clearance", EventDate: "2024-02-01", Quantity: 3}
	a1.AdminArea = ""
	insertRecords(t, s, h1, h2, a1)
	a1.Links = []mineaction.Link{{Rel: mineaction.RefHazard, Target: h1.ID, HID: h1.HID}, {Rel: mineaction.RefHazard, Target: h2.ID, HID: h2.HID}}
	update(t, s, func(tx mineaction.Tx) error { return tx.UpdateRecord(ctx, a1) })

	got := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.Record(ctx, a1.ID) })
	if !reflect.DeepEqual(got, a1) {
		t.Errorf("record round trip:\n got %+v\nwant %+v", got, a1)
	}
	byHID := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.RecordByHID(ctx, "HA-000002") })
	if !reflect.DeepEqual(byHID, h2) {
		t.Errorf("record by hid:\n got %+v\nwant %+v", byHID, h2)
	}
	deps := get(t, s, func(tx mineaction.Tx) ([]mineaction.Link, error) { return tx.Dependents(ctx, h1.ID) })
	if want := []mineaction.Link{{Rel: mineaction.RefHazard, Target: a1.ID, HID: a1.HID}}; !reflect.DeepEqual(deps, want) {
		t.Errorf("dependents %+v, want %+v", deps, want)
	}

	q := func(q mineaction.RecordQuery) []int64 {
		t.Helper()
		rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
		n := get(t, s, func(tx mineaction.Tx) (int, error) { q.Limit = 0; return tx.CountRecords(ctx, q) })
		if q.AfterID == 0 && q.BeforeID == 0 && n < len(rs) {
			t.Errorf("%+v: CountRecords %d < %d records", q, n, len(rs))
		}
		return recordIDs(rs)
	}
	cases := []struct {
		q    mineaction.RecordQuery
		want []int64
	}{
		{mineaction.RecordQuery{}, []int64{h1.ID, h2.ID, a1.ID}},
		{mineaction.RecordQuery{Type: mineaction.TypeHazard}, []int64{h1.ID, h2.ID}},
		{mineaction.RecordQuery{Organisation: "OPB"}, []int64{h2.ID}},
		{mineaction.RecordQuery{Status: []string{"open", "completed"}}, []int64{h1.ID, a1.ID}},
		{mineaction.RecordQuery{DateFrom: "2024-02-01"}, []int64{a1.ID}},
		{mineaction.RecordQuery{DateTo: "2024-01-31"}, []int64{}},
		{mineaction.RecordQuery{DateFrom: "2024-01-01", DateTo: "2024-02-01"}, []int64{a1.ID}},
		{mineaction.RecordQuery{LinkedTo: h2.ID}, []int64{a1.ID}},
		{mineaction.RecordQuery{AfterID: h1.ID}, []int64{h2.ID, a1.ID}},
		{mineaction.RecordQuery{BeforeID: a1.ID, Limit: 1}, []int64{h2.ID}},
		{mineaction.RecordQuery{Limit: 2}, []int64{h1.ID, h2.ID}},
	}
	for _, c := range cases {
		if got := q(c.q); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("records %+v: %v, want %v", c.q, got, c.want)
		}
	}

	// Removal: a removed record keeps no links and leaves the current view.
	a1.Deleted, a1.Version, a1.UpdatedAt = true, 2, t0.Add(time.Minute)
	update(t, s, func(tx mineaction.Tx) error { return tx.UpdateRecord(ctx, a1) })
	if got := q(mineaction.RecordQuery{}); fmt.Sprint(got) != fmt.Sprint([]int64{h1.ID, h2.ID}) {
		t.Errorf("after removal %v", got)
	}
	if got := q(mineaction.RecordQuery{IncludeDeleted: true, Type: mineaction.TypeActivity}); fmt.Sprint(got) != fmt.Sprint([]int64{a1.ID}) {
		t.Errorf("with removed %v", got)
	}
	if deps := get(t, s, func(tx mineaction.Tx) ([]mineaction.Link, error) { return tx.Dependents(ctx, h1.ID) }); len(deps) != 0 {
		t.Errorf("dependents of a removed record: %v", deps)
	}

	// WithFigures fills the figures of hazards that have them.
	update(t, s, func(tx mineaction.Tx) error {
		return tx.PutFigures(ctx, h1.ID, &mineaction.Figures{Version: 1, OriginalM2: 10, RemainingM2: 10}, nil)
	})
	rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) {
		return tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, WithFigures: true})
	})
	if len(rs) != 2 || rs[0].Figures == nil || rs[0].Figures.RemainingM2 != 10 || rs[0].Figures.HazardID != h1.ID || rs[1].Figures != nil {
		t.Errorf("records with figures: %+v", rs)
	}

	// IndexOnly reads the same records without their properties document
	// and links, in a box too (the two ways a page of a box is read); the
	// organisation, admin area, date of information and update time are
	// either left out or the same.
	for _, q := range []mineaction.RecordQuery{
		{IncludeDeleted: true},
		{Type: mineaction.TypeHazard, WithFigures: true},
		{Type: mineaction.TypeHazard, BBox: &geo.BBox{MinX: 46, MinY: 39, MaxX: 47, MaxY: 40}, Limit: 1, WithFigures: true},
	} {
		full := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
		q.IndexOnly = true
		lean := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
		if len(lean) != len(full) || len(full) == 0 {
			t.Fatalf("%+v: %d records, want %d", q, len(lean), len(full))
		}
		for i, r := range full {
			if lean[i].Properties != nil || lean[i].Links != nil {
				t.Errorf("%+v: %s has properties %s and links %v", q, lean[i].HID, lean[i].Properties, lean[i].Links)
			}
			want := *r
			want.Properties, want.Links = nil, nil
			l := lean[i]
			if l.Organisation == "" && l.AdminArea == "" && l.DateOfInformation == "" && l.UpdatedAt.IsZero() {
				want.Organisation, want.AdminArea, want.DateOfInformation, want.UpdatedAt = "", "", "", time.Time{}
			}
			if !reflect.DeepEqual(lean[i], &want) {
				t.Errorf("%+v:\n got %+v\nwant %+v", q, lean[i], &want)
			}
		}
		// WithoutLinks reads the same records, their links left out or not.
		q.IndexOnly, q.WithoutLinks = false, true
		bare := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
		if len(bare) != len(full) {
			t.Fatalf("%+v: %d records, want %d", q, len(bare), len(full))
		}
		for i, r := range full {
			want := *r
			if bare[i].Links == nil {
				want.Links = nil
			}
			if !reflect.DeepEqual(bare[i], &want) {
				t.Errorf("%+v:\n got %+v\nwant %+v", q, bare[i], &want)
			}
		}
		// ForPage reads the same records, each of their organisation, date
		// of information and indexed columns but the status left out or not.
		q.WithoutLinks, q.ForPage = false, true
		page := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
		if len(page) != len(full) {
			t.Fatalf("%+v: %d records, want %d", q, len(page), len(full))
		}
		for i, r := range full {
			if !reflect.DeepEqual(page[i], forPage(r, page[i])) {
				t.Errorf("%+v:\n got %+v\nwant %+v", q, page[i], forPage(r, page[i]))
			}
		}
	}
}

// forPage returns want, a record as a query reads it, as a query with
// mineaction.RecordQuery.ForPage may read it: with what got leaves out,
// of what may be left out, left out too.
func forPage(want, got *mineaction.RecordState) *mineaction.RecordState {
	w := *want
	if got.Organisation == "" {
		w.Organisation = ""
	}
	if got.DateOfInformation == "" {
		w.DateOfInformation = ""
	}
	if got.Index.Category == "" {
		w.Index.Category = ""
	}
	if got.Index.EventDate == "" {
		w.Index.EventDate = ""
	}
	if got.Index.Quantity == 0 {
		w.Index.Quantity = 0
	}
	return &w
}

func testVersions(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	h := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.01), `{"name":"one"}`)
	f := newRecord(mineaction.TypeFind, 1, "OPA", geo.Point{X: 46.105, Y: 39.605}, `{"quantity":2}`)
	r1 := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusApproved, t0)
	r2 := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusApproved, t0)
	update(t, s, func(tx mineaction.Tx) error {
		for _, r := range []*mineaction.Report{r1, r2} {
			if err := tx.InsertReport(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	insertRecords(t, s, h, f)
	undone := t0.Add(time.Hour)
	vs := []*mineaction.Version{
		{RecordID: h.ID, RecordType: h.Type, HID: h.HID, Version: 1, ReportID: r1.ID, DateOfInformation: "2024-01-15",
			Properties: h.Properties, Geometry: h.Geometry, Applied: true, ApprovedBy: "vera", ApprovedAt: t0},
		{RecordID: f.ID, RecordType: f.Type, HID: f.HID, Version: 1, ReportID: r1.ID, DateOfInformation: "2024-01-15",
			Properties: f.Properties, Geometry: f.Geometry, Applied: true, ApprovedBy: "vera", ApprovedAt: t0},
		{RecordID: h.ID, RecordType: h.Type, HID: h.HID, Version: 2, ReportID: r2.ID, DateOfInformation: "2023-12-01",
			Properties: json.RawMessage(`{"name":"older"}`), Applied: false, ApprovedBy: "victor", ApprovedAt: t0.Add(time.Minute),
			Deleted: true},
	}
	update(t, s, func(tx mineaction.Tx) error {
		for _, v := range vs {
			v.Hash = v.ComputeHash()
			if err := tx.InsertVersion(ctx, v); err != nil {
				return err
			}
		}
		return nil
	})
	got := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Version, error) { return tx.Versions(ctx, h.ID) })
	if want := []*mineaction.Version{vs[0], vs[2]}; !reflect.DeepEqual(got, want) {
		t.Errorf("versions:\n got %+v\nwant %+v", got, want)
	}
	for _, v := range got {
		if v.ComputeHash() != v.Hash {
			t.Errorf("version %d: stored content no longer matches its hash", v.Version)
		}
	}
	update(t, s, func(tx mineaction.Tx) error { return tx.MarkVersionUndone(ctx, h.ID, 2, "vera", undone) })
	err := s.Update(ctx, func(tx mineaction.Tx) error { return tx.MarkVersionUndone(ctx, h.ID, 2, "vera", undone) })
	wantKind(t, "undoing twice", err, mineaction.KindNotFound)
	err = s.Update(ctx, func(tx mineaction.Tx) error { return tx.MarkVersionUndone(ctx, h.ID, 9, "vera", undone) })
	wantKind(t, "undoing a version that does not exist", err, mineaction.KindNotFound)
	got = get(t, s, func(tx mineaction.Tx) ([]*mineaction.Version, error) { return tx.Versions(ctx, h.ID) })
	if got[1].UndoneBy != "vera" || got[1].UndoneAt == nil || !got[1].UndoneAt.Equal(undone) || got[0].UndoneAt != nil {
		t.Errorf("after undo: %+v %+v", got[0], got[1])
	}
	err = s.Update(ctx, func(tx mineaction.Tx) error { return tx.InsertVersion(ctx, vs[0]) })
	wantKind(t, "inserting a version twice", err, mineaction.KindConflict)

	created := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.RecordsCreatedBy(ctx, r1.ID) })
	if fmt.Sprint(recordIDs(created)) != fmt.Sprint([]int64{h.ID, f.ID}) {
		t.Errorf("records created by report %d: %v", r1.ID, recordIDs(created))
	}
	if created := get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.RecordsCreatedBy(ctx, r2.ID) }); len(created) != 0 {
		t.Errorf("report %d created no record (only version 2), got %v", r2.ID, recordIDs(created))
	}
	// An undone approval no longer counts as having created its records:
	// approved again, the report creates new ones, and undoing that must
	// find those only.
	update(t, s, func(tx mineaction.Tx) error { return tx.MarkVersionUndone(ctx, f.ID, 1, "vera", undone) })
	created = get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.RecordsCreatedBy(ctx, r1.ID) })
	if fmt.Sprint(recordIDs(created)) != fmt.Sprint([]int64{h.ID}) {
		t.Errorf("records created by report %d after the find's version 1 was undone: %v, want only %d", r1.ID, recordIDs(created), h.ID)
	}
}

func testHIDNumbers(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	var got []int64
	update(t, s, func(tx mineaction.Tx) error {
		got = nil // the store may run this again
		for _, typ := range []mineaction.RecordType{mineaction.TypeHazard, mineaction.TypeHazard, mineaction.TypeFind, mineaction.TypeHazard} {
			n, err := tx.NextHIDNumber(ctx, typ)
			if err != nil {
				return err
			}
			got = append(got, n)
		}
		return nil
	})
	// A failed transaction gives its numbers back.
	_ = s.Update(ctx, func(tx mineaction.Tx) error {
		if _, err := tx.NextHIDNumber(ctx, mineaction.TypeFind); err != nil {
			return err
		}
		return mineaction.Conflictf("roll back")
	})
	var last int64
	update(t, s, func(tx mineaction.Tx) error {
		var err error
		last, err = tx.NextHIDNumber(ctx, mineaction.TypeFind)
		return err
	})
	got = append(got, last)
	if want := []int64{1, 2, 1, 3, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("human id numbers %v, want %v", got, want)
	}
}
