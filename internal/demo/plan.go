package demo

import (
	"fmt"
	"sort"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// The plan is the whole data set decided before anything is written:
// hazards with their shapes and attributes, the work done on each, tasks,
// accidents and victims, sessions and visits. Records are then generated
// from it in date order. Geometry is realised from the plan's polar shapes
// only after calibration has fixed their scale.

// hazardPlan is one hazardous area and its history.
type hazardPlan struct {
	district    int
	shape       *shape
	recorded    day
	org         string
	category    string
	hazardType  string
	eoSuspected []string
	eoConfirmed []string
	evidence    []string
	reliability string
	blockages   []string
	priority    string
	name        string
	place       string
	// resurvey is a second version from a re-survey (nil if none).
	resurvey *resurvey
	// status is the hazard's final status and statusDay the day it was
	// reported (0: still open, no update).
	status    string
	statusDay day
	acts      []int // activities on it, by index
	task      int   // its task, or -1
	hid       string
	version   int // current version once loaded
}

// resurvey is the second version of a re-surveyed hazard.
type resurvey struct {
	day   day
	shape *shape // nil: the polygon is unchanged
}

// shapeAt returns the hazard's polygon as of day d.
func (h *hazardPlan) shapeAt(d day) *shape {
	if h.resurvey != nil && h.resurvey.shape != nil && h.resurvey.day <= d {
		return h.resurvey.shape
	}
	return h.shape
}

// outcomePlan is one released polygon of an activity.
type outcomePlan struct {
	kind string
	q    sector
}

// findPlan is one line of an activity's find list.
type findPlan struct {
	ordnance  string
	quantity  int64
	condition string
	disposal  string
	depthCM   float64
	found     day
	q         sector     // where in the hazard, when the activity has one
	t         [3]float64 // position inside q
	point     geo.Point  // position of a find away from hazards
}

// activityPlan is one activity.
type activityPlan struct {
	hazard     int // -1 for an EOD spot task away from hazards
	typ        string
	status     string
	org, team  string
	methods    []string
	start, end day // 0 when not set
	doi        day
	depthCM    float64
	work       *sector // the area worked, as a sector of the hazard
	outcomes   []outcomePlan
	finds      []findPlan
	task       int
	hid        string
	note       string
}

// releaseDay is the day the activity's outcomes count from.
func (a *activityPlan) releaseDay() day {
	if a.end != 0 {
		return a.end
	}
	return a.doi
}

// taskPlan is an order to an operator to work on one hazard.
type taskPlan struct {
	hazard       int
	org          string
	title        string
	status       string
	priority     string
	plannedStart day
	plannedEnd   day
	doi          day
	hid          string
}

// plan is the whole data set.
type plan struct {
	seed      int64
	scale     Scale
	g         *gazetteer
	ordnance  map[string]*mineaction.Ordnance
	hazards   []*hazardPlan
	acts      []*activityPlan
	tasks     []*taskPlan
	accidents []*accidentPlan
	sessions  []*sessionPlan
	visits    []*visitPlan
	// shapeScale is the calibrated scale of every hazard polygon.
	shapeScale float64
}

// activityOrder returns the activities in the order they are entered:
// by release day (or date of information), then by hazard.
func (p *plan) activityOrder() []int {
	idx := make([]int, len(p.acts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := p.acts[idx[i]], p.acts[idx[j]]
		if a.doi != b.doi {
			return a.doi < b.doi
		}
		return a.hazard < b.hazard
	})
	return idx
}

// checkOrdnance fails if a code used by the plan is not in the catalogue.
func (p *plan) checkOrdnance(code string) error {
	if _, ok := p.ordnance[code]; !ok {
		return fmt.Errorf("demo plan: ordnance %q is not in the catalogue", code)
	}
	return nil
}
