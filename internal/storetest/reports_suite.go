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

// t0 is a time with microseconds, the precision stores keep.
var t0 = time.Date(2024, 3, 1, 10, 0, 0, 123456000, time.UTC)

func newReport(typ mineaction.RecordType, org, by string, status mineaction.ReportStatus, at time.Time) *mineaction.Report {
	return &mineaction.Report{
		RecordType: typ, Status: status, Organisation: org, CreatedBy: by, Authors: []string{by}, CreatedAt: at, UpdatedAt: at,
		// Key order and spacing as written: stores keep the bytes.
		Properties:        json.RawMessage(`{"organisation": "` + org + `","date_of_information":"2024-01-02", "z":1,"a":[1.5e300,"ı"]}`),
		Geometry:          geo.Point{X: 46.1, Y: 39.7},
		DateOfInformation: "2024-01-02", Revision: 1,
	}
}

func testReports(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	sub := t0.Add(time.Hour)
	r := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusSubmitted, t0)
	r.SubmittedAt = &sub
	r.Issues = []mineaction.Issue{{Field: "properties.hazard", Reason: "unknown"}}
	r.Warnings = []mineaction.Warning{{Field: "geometry", Code: "long_edge", Reason: "an edge is 6 km long"}}
	update(t, s, func(tx mineaction.Tx) error { return tx.InsertReport(ctx, r) })
	if r.ID == 0 {
		t.Fatal("InsertReport did not set the id")
	}
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.Report, error) { return tx.Report(ctx, r.ID) })
	if !reflect.DeepEqual(got, r) {
		t.Errorf("report round trip:\n got %+v\nwant %+v", got, r)
	}

	// Decided: the decision, reason, and no issues.
	dec := t0.Add(2 * time.Hour)
	r.Status, r.DecidedBy, r.DecidedAt, r.Reason = mineaction.StatusRejected, "vera", &dec, "wrong polygon"
	r.Issues, r.Warnings, r.Revision = nil, nil, 2
	r.Geometry = nil
	r.Authors = []string{"eddie", "victor"} // a colleague changed it
	update(t, s, func(tx mineaction.Tx) error { return tx.UpdateReport(ctx, r) })
	got = get(t, s, func(tx mineaction.Tx) (*mineaction.Report, error) { return tx.Report(ctx, r.ID) })
	if got.Status != mineaction.StatusRejected || got.DecidedBy != "vera" || !got.DecidedAt.Equal(dec) || got.Reason != "wrong polygon" ||
		got.Geometry != nil || len(got.Issues) != 0 || len(got.Warnings) != 0 || got.Revision != 2 ||
		!reflect.DeepEqual(got.Authors, r.Authors) {
		t.Errorf("updated report %+v", got)
	}
	if got.DecidedAt.Location() != time.UTC || got.CreatedAt.Location() != time.UTC {
		t.Errorf("times not in UTC: %v %v", got.DecidedAt, got.CreatedAt)
	}

	// Filters.
	more := []*mineaction.Report{
		newReport(mineaction.TypeHazard, "OPB", "erin", mineaction.StatusStaged, t0),
		newReport(mineaction.TypeActivity, "OPA", "eddie", mineaction.StatusSubmitted, t0),
		newReport(mineaction.TypeFind, "OPA", "vera", mineaction.StatusApproved, t0),
	}
	update(t, s, func(tx mineaction.Tx) error {
		for _, x := range more {
			if err := tx.InsertReport(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	ids := func(f mineaction.ReportFilter) []int64 {
		rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Report, error) { return tx.Reports(ctx, f) })
		n := get(t, s, func(tx mineaction.Tx) (int, error) { return tx.CountReports(ctx, f) })
		out := []int64{}
		for _, x := range rs {
			out = append(out, x.ID)
		}
		if f.Limit == 0 && n != len(out) {
			t.Errorf("%+v: CountReports %d, Reports %d", f, n, len(out))
		}
		return out
	}
	a, b, c, d := r.ID, more[0].ID, more[1].ID, more[2].ID
	for _, tc := range []struct {
		f    mineaction.ReportFilter
		want []int64
	}{
		{mineaction.ReportFilter{}, []int64{a, b, c, d}},
		{mineaction.ReportFilter{Status: []mineaction.ReportStatus{mineaction.StatusSubmitted, mineaction.StatusStaged}}, []int64{b, c}},
		{mineaction.ReportFilter{RecordType: mineaction.TypeHazard}, []int64{a, b}},
		{mineaction.ReportFilter{Organisation: "OPA"}, []int64{a, c, d}},
		{mineaction.ReportFilter{CreatedBy: "eddie"}, []int64{a, c}},
		{mineaction.ReportFilter{Organisation: "OPA", RecordType: mineaction.TypeActivity}, []int64{c}},
		{mineaction.ReportFilter{AfterID: b}, []int64{c, d}},
		{mineaction.ReportFilter{Limit: 2}, []int64{a, b}},
		{mineaction.ReportFilter{Status: []mineaction.ReportStatus{mineaction.StatusApproved}, AfterID: d}, []int64{}},
	} {
		if got := ids(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("reports %+v: %v, want %v", tc.f, got, tc.want)
		}
	}

	update(t, s, func(tx mineaction.Tx) error { return tx.DeleteReport(ctx, b) })
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Report, error) { return tx.Report(ctx, b) })
	wantKind(t, "deleted report", err, mineaction.KindNotFound)
	err = s.Update(ctx, func(tx mineaction.Tx) error { return tx.DeleteReport(ctx, b) })
	wantKind(t, "deleting it again", err, mineaction.KindNotFound)
	err = s.Update(ctx, func(tx mineaction.Tx) error { r := *more[0]; return tx.UpdateReport(ctx, &r) })
	wantKind(t, "updating a deleted report", err, mineaction.KindNotFound)
}

// testReportPaging pages through reports with keyset paging.
func testReportPaging(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	var want []int64
	update(t, s, func(tx mineaction.Tx) error {
		for i := range 7 {
			r := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusSubmitted, t0.Add(time.Duration(i)*time.Second))
			if err := tx.InsertReport(ctx, r); err != nil {
				return err
			}
			want = append(want, r.ID)
		}
		return nil
	})
	var got []int64
	after := int64(0)
	for page := 0; ; page++ {
		rs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Report, error) {
			return tx.Reports(ctx, mineaction.ReportFilter{AfterID: after, Limit: 3})
		})
		if len(rs) == 0 {
			break
		}
		if page > 3 {
			t.Fatal("paging does not end")
		}
		for _, r := range rs {
			got = append(got, r.ID)
		}
		after = rs[len(rs)-1].ID
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pages %v, want %v", got, want)
	}
}
