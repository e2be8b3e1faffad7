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
// in crediting order (see Sort). It walks the releases as a chain of steps
// (see step), the same steps Append takes for one new activity, so that a
// hazard's figures are the same to the last bit however they were reached.
func Account(hazard geo.Geometry, outs []Outcome) (*Result, error) {
	res := &Result{
		Clipped:   make([]geo.MultiPolygon, len(outs)),
		InsideM2:  make([]float64, len(outs)),
		OutsideM2: make([]float64, len(outs)),
		CreditM2:  make([]float64, len(outs)),
	}
	c := newChain(hazard)
	defer c.close()
	for i, o := range outs {
		var err error
		if res.Clipped[i], res.InsideM2[i], res.OutsideM2[i], res.CreditM2[i], err = c.step(o); err != nil {
			return nil, err
		}
	}
	res.Figures = c.figures()
	return res, nil
}

// chain is the state of a hazard's accounting between releases: the land
// not yet released and the running sums.
type chain struct {
	hazard    geo.Geometry
	prepared  *geos.Prepared // the hazard, for cheap containment tests
	remaining geo.MultiPolygon
	f         mineaction.Figures
}

// close frees the prepared hazard.
func (c *chain) close() {
	if c.prepared != nil {
		c.prepared.Close()
	}
}

// contains reports whether the hazard wholly contains g (most released
// polygons lie inside their hazard; clipping them is then the identity).
func (c *chain) contains(g geo.Geometry) (bool, error) {
	if c.prepared == nil {
		p, err := geos.Prepare(c.hazard)
		if err != nil {
			return false, err
		}
		c.prepared = p
	}
	return c.prepared.Contains(g)
}

func newChain(hazard geo.Geometry) *chain {
	c := &chain{hazard: hazard, remaining: geo.Polygons(geo.Normalize(hazard))}
	c.f.OriginalM2 = geo.StraightArea(hazard)
	return c
}

// step credits one release: its part inside the hazard (clip), the part of
// that not released before (fresh: clip ∩ remaining) counts for its kind,
// and the remaining land loses the clip.
func (c *chain) step(o Outcome) (clip geo.MultiPolygon, inside, outside, credit float64, err error) {
	within, err := c.contains(o.Geometry)
	if err != nil {
		return nil, 0, 0, 0, fmt.Errorf("clip %s outcome %d: %w", o.ActivityHID, o.Index, err)
	}
	if within {
		clip = geo.Polygons(o.Geometry)
	} else if clip, err = geos.Intersection(o.Geometry, c.hazard); err != nil {
		return nil, 0, 0, 0, fmt.Errorf("clip %s outcome %d: %w", o.ActivityHID, o.Index, err)
	}
	inside = geo.StraightArea(clip)
	outside = max(0, geo.StraightArea(o.Geometry)-inside)
	if clip.IsEmpty() || c.remaining.IsEmpty() {
		return clip, inside, outside, 0, nil
	}
	// Land no earlier release covered: all of the clip when it lies wholly
	// in the remaining land (the common case), else the intersection.
	fresh := clip
	untouched, err := geos.Within(clip, c.remaining)
	if err == nil && !untouched {
		fresh, err = geos.Intersection(clip, c.remaining)
	}
	if err != nil {
		return nil, 0, 0, 0, fmt.Errorf("credit %s outcome %d: %w", o.ActivityHID, o.Index, err)
	}
	credit = geo.StraightArea(fresh)
	switch o.Kind {
	case "cancelled":
		c.f.CancelledM2 += credit
	case "reduced":
		c.f.ReducedM2 += credit
	case "cleared":
		c.f.ClearedM2 += credit
	default:
		return nil, 0, 0, 0, fmt.Errorf("%s outcome %d: unknown release kind %q", o.ActivityHID, o.Index, o.Kind)
	}
	rest, err := geos.Difference(c.remaining, clip)
	if err != nil {
		return nil, 0, 0, 0, fmt.Errorf("remaining after %s outcome %d: %w", o.ActivityHID, o.Index, err)
	}
	c.remaining = geo.Polygons(geo.Normalize(rest))
	return clip, inside, outside, credit, nil
}

// figures returns the figures at the end of the chain.
func (c *chain) figures() mineaction.Figures {
	f := c.f
	f.Remaining = c.remaining
	f.RemainingM2 = geo.StraightArea(c.remaining)
	return f
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
