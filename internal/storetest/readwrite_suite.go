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

// testReadYourWrites checks that a write transaction that locks records,
// reads them and their land release accounting, and then changes them,
// reads back what it wrote, every time; and that what it was given to read
// is its own to change. A store may answer reads of locked rows from what
// it read before (the PostgreSQL store does, and fetches ahead when told
// with mineaction.Prefetcher): this is what keeps it honest.
func testReadYourWrites(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	h1, _, a1, a2 := releaseWorld(t, s)
	rep := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusApproved, t0)
	update(t, s, func(tx mineaction.Tx) error { return tx.InsertReport(ctx, rep) })
	version := func(n int, props string) *mineaction.Version {
		v := &mineaction.Version{RecordID: h1.ID, RecordType: h1.Type, HID: h1.HID, Version: n, ReportID: rep.ID,
			DateOfInformation: "2024-01-15", Properties: json.RawMessage(props), Geometry: h1.Geometry, Applied: true,
			ApprovedBy: "vera", ApprovedAt: t0}
		v.Hash = v.ComputeHash()
		return v
	}
	r1 := release(h1, "cleared", "2024-03-01", 0, square(46.1, 39.6, 0.02))
	f1 := &mineaction.Figures{HazardID: h1.ID, Version: 1, OriginalM2: 100, ClearedM2: 10, RemainingM2: 90,
		Remaining: geo.MultiPolygon{square(46.12, 39.6, 0.05)}}
	c1 := mineaction.Credit{HazardID: h1.ID, Version: 1, ActivityID: a1.ID, Kind: "cleared", Date: "2024-03-01", Method: "manual", AreaM2: 10}
	update(t, s, func(tx mineaction.Tx) error {
		if err := tx.InsertVersion(ctx, version(1, `{"v":1}`)); err != nil {
			return err
		}
		if err := tx.ReplaceReleases(ctx, a1.ID, []*mineaction.Release{r1}); err != nil {
			return err
		}
		return tx.PutFigures(ctx, h1.ID, f1, []mineaction.Credit{c1})
	})

	// check fails the transaction if got is not want.
	check := func(what string, got, want any) error {
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
		}
		return nil
	}
	prefetch := func(tx mineaction.Tx, ids ...int64) {
		if p, ok := tx.(mineaction.Prefetcher); ok {
			p.Prefetch(ctx, ids...)
		}
	}
	// readAll reads what an approval reads of h1, twice (the second time
	// perhaps from what the store kept), scribbling on the first answers.
	type state struct {
		rec, byHID *mineaction.RecordState
		versions   []*mineaction.Version
		figures    *mineaction.Figures
		credits    []mineaction.Credit
		releases   []*mineaction.Release
	}
	read := func(tx mineaction.Tx) (*state, error) {
		var st state
		var err error
		if st.rec, err = tx.Record(ctx, h1.ID); err != nil {
			return nil, err
		}
		if st.byHID, err = tx.RecordByHID(ctx, st.rec.HID); err != nil {
			return nil, err
		}
		if st.versions, err = tx.Versions(ctx, h1.ID); err != nil {
			return nil, err
		}
		if st.figures, err = tx.Figures(ctx, h1.ID); err != nil {
			return nil, err
		}
		if st.credits, err = tx.CreditsOfHazard(ctx, h1.ID); err != nil {
			return nil, err
		}
		st.releases, err = tx.ReleasesOfHazard(ctx, h1.ID)
		return &st, err
	}
	// marks are the values scribble changes.
	marks := func(st *state) []any {
		return []any{st.rec.Version, len(st.rec.Links), string(st.rec.Properties), st.rec.Geometry.(geo.Polygon)[0][0].X,
			st.byHID.Version, st.versions[0].Version, st.versions[0].Geometry.(geo.Polygon)[0][1].Y,
			st.figures.RemainingM2, st.figures.Remaining[0][0][0].X, st.credits[0].AreaM2,
			st.releases[0].CreditedM2, st.releases[0].Geometry[0][0][0].Y}
	}
	scribble := func(st *state) {
		st.rec.Version, st.rec.Links, st.rec.Properties = 99, append(st.rec.Links, mineaction.Link{HID: "x"}), nil
		st.rec.Geometry.(geo.Polygon)[0][0].X = 0
		st.byHID.Version = 99
		st.versions[0].Version, st.versions[0].Geometry.(geo.Polygon)[0][1].Y = 99, 0
		st.figures.RemainingM2, st.figures.Remaining[0][0][0].X = 0, 0
		st.credits[0].AreaM2 = 0
		st.releases[0].CreditedM2, st.releases[0].Geometry[0][0][0].Y = 0, 0
	}
	twice := func(tx mineaction.Tx, what string) (*state, error) {
		first, err := read(tx)
		if err != nil {
			return nil, err
		}
		want := marks(first)
		scribble(first)
		again, err := read(tx)
		if err != nil {
			return nil, err
		}
		return again, check(what+": read again after changing what was returned", marks(again), want)
	}

	var moved *mineaction.RecordState
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.LockRecords(ctx, h1.ID, a1.ID); err != nil {
			return err
		}
		prefetch(tx, h1.ID)
		before, err := twice(tx, "before any change")
		if err != nil {
			return err
		}
		if err := check("hazard", before.rec.Properties, h1.Properties); err != nil {
			return err
		}
		// The record changes.
		moved = newRecord(mineaction.TypeHazard, 1, "OPB", square(46.2, 39.7, 0.05), `{"moved":true}`)
		moved.ID, moved.Version, moved.Index.Status = h1.ID, 2, "closed"
		if err := tx.UpdateRecord(ctx, moved); err != nil {
			return err
		}
		got, err := tx.Record(ctx, h1.ID)
		if err != nil {
			return err
		}
		if err := check("record after UpdateRecord", []any{got.Version, got.Organisation, got.Index.Status, string(got.Properties), got.Geometry},
			[]any{2, "OPB", "closed", `{"moved":true}`, moved.Geometry}); err != nil {
			return err
		}
		// Every answer from here on is scribbled on once checked: later
		// answers must not change with it.
		got.Version, got.Geometry.(geo.Polygon)[0][0].X = 99, 0
		// A version is added, then undone.
		if err := tx.InsertVersion(ctx, version(2, `{"v":2}`)); err != nil {
			return err
		}
		vs, err := tx.Versions(ctx, h1.ID)
		if err != nil {
			return err
		}
		if err := check("versions after InsertVersion", len(vs), 2); err != nil {
			return err
		}
		vs[0].Version, vs[1].UndoneBy = 99, "x"
		if err := tx.MarkVersionUndone(ctx, h1.ID, 2, "vera", t0.Add(time.Hour)); err != nil {
			return err
		}
		if vs, err = tx.Versions(ctx, h1.ID); err != nil {
			return err
		}
		if err := check("undone by, after MarkVersionUndone", vs[1].UndoneBy, "vera"); err != nil {
			return err
		}
		vs[0].Version, vs[1].UndoneBy = 99, "x"
		// The activity moves to the other organisation: its credits say so.
		act := newRecord(mineaction.TypeActivity, 1, "OPB", nil, `{}`)
		act.ID = a1.ID
		if err := tx.UpdateRecord(ctx, act); err != nil {
			return err
		}
		cs, err := tx.CreditsOfHazard(ctx, h1.ID)
		if err != nil {
			return err
		}
		if err := check("credit's organisation after UpdateRecord of its activity", cs[0].Organisation, "OPB"); err != nil {
			return err
		}
		cs[0].AreaM2 = 0
		// New releases, then new figures and credits.
		r2 := release(h1, "reduced", "2024-04-01", 0, square(46.15, 39.6, 0.01))
		if err := tx.ReplaceReleases(ctx, a2.ID, []*mineaction.Release{r2}); err != nil {
			return err
		}
		rs, err := tx.ReleasesOfHazard(ctx, h1.ID)
		if err != nil {
			return err
		}
		if err := check("releases after ReplaceReleases", len(rs), 2); err != nil {
			return err
		}
		rs[0].AreaM2, rs[1].Geometry[0][0][0].X = 0, 0
		f2 := *f1
		f2.Version, f2.ReducedM2, f2.RemainingM2 = 2, 5, 85
		c2 := mineaction.Credit{HazardID: h1.ID, Version: 2, ActivityID: a2.ID, Kind: "reduced", Date: "2024-04-01", Method: "manual", AreaM2: 5}
		if err := tx.PutFigures(ctx, h1.ID, &f2, []mineaction.Credit{c2}); err != nil {
			return err
		}
		after, err := twice(tx, "after the changes")
		if err != nil {
			return err
		}
		if err := check("after the changes", []any{after.rec.Version, after.rec.Geometry, after.byHID.Version, after.versions[0].Version,
			after.versions[1].UndoneBy, after.figures.RemainingM2, after.releases[0].AreaM2, after.releases[1].Geometry},
			[]any{2, moved.Geometry, 2, 1, "vera", 85.0, r1.AreaM2, r2.Geometry}); err != nil {
			return err
		}
		if err := check("credits after PutFigures", len(after.credits), 1); err != nil {
			return err
		}
		if err := check("credited area of the current version's release", after.releases[1].CreditedM2, 5.0); err != nil {
			return err
		}
		// A record created here, linking to the hazard, takes its human id.
		found := newRecord(mineaction.TypeFind, 1, "OPA", nil, `{}`)
		found.HID = "~1.1"
		found.Links = []mineaction.Link{{Rel: mineaction.RefHazard, Target: h1.ID, HID: h1.HID}}
		if err := tx.InsertRecord(ctx, found); err != nil {
			return err
		}
		if _, err := tx.Record(ctx, found.ID); err != nil {
			return err
		}
		if err := tx.SetHID(ctx, found.ID, "FD-000042", json.RawMessage(`{"n":42}`)); err != nil {
			return err
		}
		if got, err = tx.Record(ctx, found.ID); err != nil {
			return err
		}
		if err := check("record after SetHID", []any{got.HID, string(got.Properties)}, []any{"FD-000042", `{"n":42}`}); err != nil {
			return err
		}
		if got, err = tx.RecordByHID(ctx, "FD-000042"); err != nil {
			return err
		}
		if err := check("record by human id after SetHID", got.ID, found.ID); err != nil {
			return err
		}
		// Figures fetched ahead of a change made before they arrive are
		// not the answer.
		prefetch(tx, h1.ID)
		if err := tx.PutFigures(ctx, h1.ID, nil, nil); err != nil {
			return err
		}
		_, err = tx.Figures(ctx, h1.ID)
		if mineaction.ErrorKind(err) != mineaction.KindNotFound {
			return fmt.Errorf("figures after they were removed: %v, want not found", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.RecordState, error) { return tx.Record(ctx, h1.ID) })
	if string(got.Properties) != `{"moved":true}` || got.Organisation != "OPB" {
		t.Errorf("committed record %+v", got)
	}
}
