// Package landrelease is the land release accounting. For every hazardous
// area, in square metres on the WGS84 ellipsoid:
//
//	original = cancelled + reduced + cleared + remaining
//
// The remaining land is the hazard polygon minus the union of the released
// polygons, computed with GEOS; areas are computed in Go on the WGS84
// ellipsoid with geo.StraightArea, for the edge model the overlay uses
// (edges straight in longitude/latitude, as GeoJSON defines them), so
// that the pieces the overlay cuts add up to the whole to rounding. A
// released polygon counts only inside its hazard, and land released twice
// counts once, under the first release by date (ties broken by activity
// and then by outcome order): each release is credited with the part of it
// that no earlier release had covered.
package landrelease

import (
	"cmp"
	"fmt"
	"slices"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
)

// Outcome is a released polygon of an approved activity, as reported.
type Outcome struct {
	ActivityID  int64
	ActivityHID string
	Index       int // position in the activity's outcomes
	Kind        string
	Method      string
	Date        mineaction.Date
	Geometry    geo.Geometry
}

// Sort orders outcomes by the crediting rule: date, then activity, then
// position in the activity.
func Sort(outs []Outcome) {
	slices.SortStableFunc(outs, func(a, b Outcome) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ActivityID, b.ActivityID), cmp.Compare(a.Index, b.Index))
	})
}

// Result is the accounting of one hazard polygon.
type Result struct {
	Figures mineaction.Figures
	// Per outcome, in the order given: the part inside the hazard, its
	// area, the area outside the hazard, and the new land it counts for.
	Clipped   []geo.MultiPolygon
	InsideM2  []float64
	OutsideM2 []float64
	CreditM2  []float64
}

// Account computes the figures of hazard given its releases, which must be
// in crediting order (see Sort).
func Account(hazard geo.Geometry, outs []Outcome) (*Result, error) {
	res := &Result{
		Clipped:   make([]geo.MultiPolygon, len(outs)),
		InsideM2:  make([]float64, len(outs)),
		OutsideM2: make([]float64, len(outs)),
		CreditM2:  make([]float64, len(outs)),
	}
	f := &res.Figures
	f.OriginalM2 = geo.StraightArea(hazard)
	var released geo.MultiPolygon // union of the releases so far
	for i, o := range outs {
		clip, err := geos.Intersection(o.Geometry, hazard)
		if err != nil {
			return nil, fmt.Errorf("clip %s outcome %d: %w", o.ActivityHID, o.Index, err)
		}
		res.Clipped[i] = clip
		res.InsideM2[i] = geo.StraightArea(clip)
		res.OutsideM2[i] = max(0, geo.StraightArea(o.Geometry)-res.InsideM2[i])
		if clip.IsEmpty() {
			continue
		}
		fresh := clip
		if !released.IsEmpty() {
			if fresh, err = geos.Difference(clip, released); err != nil {
				return nil, fmt.Errorf("credit %s outcome %d: %w", o.ActivityHID, o.Index, err)
			}
		}
		credit := geo.StraightArea(fresh)
		res.CreditM2[i] = credit
		switch o.Kind {
		case "cancelled":
			f.CancelledM2 += credit
		case "reduced":
			f.ReducedM2 += credit
		case "cleared":
			f.ClearedM2 += credit
		default:
			return nil, fmt.Errorf("%s outcome %d: unknown release kind %q", o.ActivityHID, o.Index, o.Kind)
		}
		if released.IsEmpty() {
			released = clip
		} else if released, err = geos.Union([]geo.Geometry{released, clip}); err != nil {
			return nil, fmt.Errorf("union after %s outcome %d: %w", o.ActivityHID, o.Index, err)
		}
	}
	remaining := geo.Polygons(hazard)
	if !released.IsEmpty() {
		var err error
		if remaining, err = geos.Difference(hazard, released); err != nil {
			return nil, fmt.Errorf("remaining land: %w", err)
		}
	}
	f.Remaining = geo.Polygons(geo.Normalize(remaining))
	f.RemainingM2 = geo.StraightArea(f.Remaining)
	return res, nil
}

// Tolerance is how far the identity original = cancelled + reduced +
// cleared + remaining may miss for an area of a square metres: 0.01 m² plus
// one part in a billion, the rounding of the overlay and the area sums.
func Tolerance(a float64) float64 { return 0.01 + 1e-9*a }

// Balanced reports whether the figures satisfy the identity.
func Balanced(f *mineaction.Figures) bool {
	sum := f.CancelledM2 + f.ReducedM2 + f.ClearedM2 + f.RemainingM2
	d := f.OriginalM2 - sum
	return d <= Tolerance(f.OriginalM2) && -d <= Tolerance(f.OriginalM2)
}
