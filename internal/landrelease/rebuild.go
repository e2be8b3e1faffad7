package landrelease

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Rebuild recomputes, inside tx, the releases, credits and figures of one
// hazard from its approved versions and the approved activities that link to
// it. It is called whenever an approval (or its undo) changes the hazard or
// one of its activities, so the accounting is always current and is
// recomputed only where something changed.
func Rebuild(ctx context.Context, tx mineaction.Tx, hazardID int64) error {
	h, err := tx.Record(ctx, hazardID)
	if err != nil {
		return err
	}
	outs, byActivity, err := Outcomes(ctx, tx, hazardID)
	if err != nil {
		return err
	}
	// Activities that released land here before but no longer link to the
	// hazard (moved, removed, undone) lose those releases.
	old, err := tx.ReleasesOfHazard(ctx, hazardID)
	if err != nil {
		return err
	}
	for _, r := range old {
		if !byActivity[r.ActivityID] {
			byActivity[r.ActivityID] = false
		}
	}
	if h.Deleted || h.Geometry == nil {
		for act := range byActivity {
			if err := tx.ReplaceReleases(ctx, act, nil); err != nil {
				return err
			}
		}
		return tx.PutFigures(ctx, hazardID, nil, nil)
	}
	cur, err := Account(h.Geometry, outs)
	if err != nil {
		return fmt.Errorf("%s: %w", h.HID, err)
	}
	releases := map[int64][]*mineaction.Release{}
	for act := range byActivity {
		releases[act] = nil // cleared unless it still releases land here
	}
	for i, o := range outs {
		if cur.Clipped[i].IsEmpty() {
			continue
		}
		releases[o.ActivityID] = append(releases[o.ActivityID], &mineaction.Release{
			HazardID: hazardID, Kind: o.Kind, Date: o.Date, Method: o.Method, Index: o.Index,
			Geometry: cur.Clipped[i], AreaM2: cur.InsideM2[i], OutsideM2: cur.OutsideM2[i], CreditedM2: cur.CreditM2[i],
		})
	}
	for _, act := range slices.Sorted(maps.Keys(releases)) {
		if err := tx.ReplaceReleases(ctx, act, releases[act]); err != nil {
			return err
		}
	}
	// Credits for every applied version, so figures as of any date use the
	// polygon as it stood then.
	var credits []mineaction.Credit
	versions, err := tx.Versions(ctx, hazardID)
	if err != nil {
		return err
	}
	// Versions that only changed attributes share their polygon's accounting.
	byShape := map[string]*Result{string(geo.MarshalWKB(h.Geometry)): cur}
	for _, v := range versions {
		if !v.Applied || v.UndoneAt != nil || v.Deleted || v.Geometry == nil {
			continue
		}
		shape := string(geo.MarshalWKB(v.Geometry))
		res, ok := byShape[shape]
		if !ok {
			if res, err = Account(v.Geometry, outs); err != nil {
				return fmt.Errorf("%s version %d: %w", h.HID, v.Version, err)
			}
			byShape[shape] = res
		}
		for i, o := range outs {
			if res.CreditM2[i] > 0 {
				credits = append(credits, mineaction.Credit{HazardID: hazardID, Version: v.Version, ActivityID: o.ActivityID,
					Outcome: o.Index, Kind: o.Kind, Date: o.Date, Method: o.Method, AreaM2: res.CreditM2[i]})
			}
		}
	}
	cur.Figures.HazardID, cur.Figures.Version = hazardID, h.Version
	return tx.PutFigures(ctx, hazardID, &cur.Figures, credits)
}

// Outcomes returns the released polygons of every current activity linked
// to the hazard, in crediting order, and the set of those activities.
func Outcomes(ctx context.Context, tx mineaction.Tx, hazardID int64) ([]Outcome, map[int64]bool, error) {
	acts, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeActivity, LinkedTo: hazardID})
	if err != nil {
		return nil, nil, err
	}
	var outs []Outcome
	set := map[int64]bool{}
	for _, st := range acts {
		linked := false
		for _, l := range st.Links {
			linked = linked || (l.Rel == mineaction.RefHazard && l.Target == hazardID)
		}
		if !linked {
			continue
		}
		set[st.ID] = true
		rec, err := mineaction.DecodeProperties(mineaction.TypeActivity, st.Properties)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", st.HID, err)
		}
		a := rec.(*mineaction.Activity)
		method := ""
		if len(a.Methods) > 0 {
			method = a.Methods[0]
		}
		for i, o := range a.Outcomes {
			g, err := geo.ParseGeoJSON(o.Geometry)
			if err != nil {
				return nil, nil, fmt.Errorf("%s outcome %d: %w", st.HID, i, err)
			}
			outs = append(outs, Outcome{ActivityID: st.ID, ActivityHID: st.HID, Index: i, Kind: o.Kind,
				Method: method, Date: a.ReleaseDate(), Geometry: g})
		}
	}
	Sort(outs)
	return outs, set, nil
}

// Append updates a hazard's accounting for one newly approved activity
// without recomputing its earlier releases, when that gives exactly what
// Rebuild would: the hazard has one applied version and the activity's
// releases come after every earlier one in crediting order (a later date,
// or the same date: a new activity has the largest id). It reports whether
// it applied; if not, the caller rebuilds.
func Append(ctx context.Context, tx mineaction.Tx, hazardID int64, activity *mineaction.RecordState) (bool, error) {
	h, err := tx.Record(ctx, hazardID)
	if err != nil || h.Deleted || h.Geometry == nil {
		return false, err
	}
	versions, err := tx.Versions(ctx, hazardID)
	if err != nil {
		return false, err
	}
	// Every applied version must have the current polygon (versions that
	// changed only attributes): they all take the same credits.
	shape := string(geo.MarshalWKB(h.Geometry))
	var same []int
	for _, v := range versions {
		if !v.Applied || v.UndoneAt != nil || v.Deleted {
			continue
		}
		if v.Geometry == nil || string(geo.MarshalWKB(v.Geometry)) != shape {
			return false, nil // another polygon's credits need a rebuild
		}
		same = append(same, v.Version)
	}
	f, err := tx.Figures(ctx, hazardID)
	if err != nil || f.Version != h.Version {
		return false, nil
	}
	credits, err := tx.CreditsOfHazard(ctx, hazardID)
	if err != nil {
		return false, err
	}
	rec, err := mineaction.DecodeProperties(mineaction.TypeActivity, activity.Properties)
	if err != nil {
		return false, err
	}
	a := rec.(*mineaction.Activity)
	date := a.ReleaseDate()
	old, err := tx.ReleasesOfHazard(ctx, hazardID)
	if err != nil {
		return false, err
	}
	for _, r := range old {
		if r.Date > date || r.ActivityID > activity.ID {
			return false, nil // the new releases do not come last
		}
	}
	method := ""
	if len(a.Methods) > 0 {
		method = a.Methods[0]
	}
	c := &chain{hazard: h.Geometry, remaining: f.Remaining, f: *f}
	defer c.close()
	var releases []*mineaction.Release
	for i, o := range a.Outcomes {
		g, err := geo.ParseGeoJSON(o.Geometry)
		if err != nil {
			return false, fmt.Errorf("%s outcome %d: %w", activity.HID, i, err)
		}
		out := Outcome{ActivityID: activity.ID, ActivityHID: activity.HID, Index: i, Kind: o.Kind, Method: method, Date: date, Geometry: g}
		clip, inside, outside, credit, err := c.step(out)
		if err != nil {
			return false, err
		}
		if clip.IsEmpty() {
			continue
		}
		releases = append(releases, &mineaction.Release{HazardID: hazardID, Kind: o.Kind, Date: date, Method: method, Index: i,
			Geometry: clip, AreaM2: inside, OutsideM2: outside, CreditedM2: credit})
		if credit > 0 {
			for _, v := range same {
				credits = append(credits, mineaction.Credit{HazardID: hazardID, Version: v, ActivityID: activity.ID,
					Outcome: i, Kind: o.Kind, Date: date, Method: method, AreaM2: credit})
			}
		}
	}
	if err := tx.ReplaceReleases(ctx, activity.ID, releases); err != nil {
		return false, err
	}
	figs := c.figures()
	figs.HazardID, figs.Version = hazardID, h.Version
	return true, tx.PutFigures(ctx, hazardID, &figs, credits)
}
