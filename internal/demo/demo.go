// Package demo builds the synthetic national database for Azerbaijan that a
// newcomer can open and understand: a demo gazetteer, organisations and
// users, hazardous areas in the affected districts, the survey and
// clearance that released part of them from November 2020, finds,
// accidents and victims, risk education, quality visits and tasks.
//
// Every report goes through the review workflow, entered by the operators'
// editors and approved in bulk by the administrator, so every figure comes
// out of the records through the normal computation. The data set is
// reproducible from a seed and calibrated on published figures: on
// 2024-06-10 about 12% of the territory is contaminated, and 361 people
// were killed or injured since the ceasefire, 68 of them killed (377 and
// 69 by 2024-09-30). All of it is synthetic.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// Notice says what the data set is; every page of a demo should show it.
const Notice = "Synthetic demonstration data. The hazardous areas, activities, finds, accidents, victims, " +
	"sessions and organisations other than the national authority are invented; district boundaries are " +
	"approximate demo boundaries, not official ones. Only the headline figures are calibrated on published ones."

// Scale is the size of the data set.
type Scale string

// The scales.
const (
	// Small builds in seconds, for tests: a few hundred hazards, about a
	// thousand activities, the full casualty list.
	Small Scale = "small"
	// National is the default: thousands of hazards, tens of thousands of
	// activities, about a hundred thousand items found.
	National Scale = "national"
	// Large is ten times national, for benchmarks.
	Large Scale = "large"
)

// sizes are the counts that make a scale; the rest follows from them.
type sizes struct {
	hazards, villages, spotTasks, sessions int
	batch                                  int
}

var scaleSizes = map[Scale]sizes{
	Small:    {hazards: 280, villages: 60, spotTasks: 200, sessions: 150, batch: 1000},
	National: {hazards: 5000, villages: 300, spotTasks: 5000, sessions: 2500, batch: 2500},
	Large:    {hazards: 50000, villages: 1000, spotTasks: 50000, sessions: 25000, batch: 5000},
}

// Options set how the demo is built.
type Options struct {
	// Seed makes the data set: the same seed gives the same records.
	Seed int64
	// Scale is small, national (the default) or large.
	Scale Scale
	// HashPassword hashes the demo users' password; when nil the users get
	// an unusable hash ("-") and cannot sign in.
	HashPassword func(password string) (string, error)
	// Progress, if set, is called as each stage advances, with done and
	// total counted in reports. The stages, in order: plan, reference,
	// hazards, tasks, activities, hazard updates, accidents, victims,
	// education, qm visits, check.
	Progress func(stage string, done, total int)
}

// Summary describes the data set built.
type Summary struct {
	Notice string `json:"notice"`
	Seed   int64  `json:"seed"`
	Scale  Scale  `json:"scale"`
	// Users are the demo accounts; all share Password.
	Users    []User `json:"users"`
	Password string `json:"password"`
	// Counts are the records in the database.
	Counts Counts `json:"counts"`
	// TerritoryM2 is the geodesic area of the national outline.
	TerritoryM2 float64 `json:"territory_m2"`
	// HazardScale is the factor calibration applied to the hazard layout.
	HazardScale float64 `json:"hazard_scale"`
	// Figures are computed from the stored records as of the calibration
	// date, the second published date and the cut-off.
	Figures []Figures `json:"figures"`
	// Reports is the number of reports entered and approved.
	Reports int `json:"reports"`
	// Pending is the number of reports left in the works for the review
	// queue: submitted, or staged by their editor.
	Pending int           `json:"pending"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// Counts are the numbers of current records and reference entries.
type Counts struct {
	AdminAreas     int   `json:"admin_areas"`
	Places         int   `json:"places"`
	Organisations  int   `json:"organisations"`
	Ordnance       int   `json:"ordnance"`
	Hazards        int   `json:"hazards"`
	HazardVersions int   `json:"hazard_versions"`
	Activities     int   `json:"activities"`
	Finds          int   `json:"finds"`
	FindItems      int64 `json:"find_items"`
	Accidents      int   `json:"accidents"`
	Victims        int   `json:"victims"`
	Sessions       int   `json:"education_sessions"`
	Beneficiaries  int64 `json:"beneficiaries"`
	QMVisits       int   `json:"qm_visits"`
	Tasks          int   `json:"tasks"`
}

// Figures are national figures as they stood on a day, computed from the
// stored hazard versions, credits and victims.
type Figures struct {
	AsOf              mineaction.Date `json:"as_of"`
	Hazards           int             `json:"hazards"`
	OriginalM2        float64         `json:"original_m2"`
	CancelledM2       float64         `json:"cancelled_m2"`
	ReducedM2         float64         `json:"reduced_m2"`
	ClearedM2         float64         `json:"cleared_m2"`
	RemainingM2       float64         `json:"remaining_m2"`
	ContaminatedShare float64         `json:"contaminated_share"`
	// Casualties and Killed count victims of accidents dated from
	// CasualtiesFrom to AsOf.
	Casualties int `json:"casualties"`
	Killed     int `json:"killed"`
}

// Build creates the demo data set in an empty store through svc, which
// must work on the same store and whose clock must not be before CutOff.
// The whole data set is planned (and calibrated) before anything is
// written. After loading, Build computes the figures from the stored
// records; if they miss the calibration targets it returns the summary
// together with an error.
func Build(ctx context.Context, store mineaction.Store, svc *workflow.Service, opt Options) (*Summary, error) {
	began := time.Now()
	if opt.Scale == "" {
		opt.Scale = National
	}
	sz, ok := scaleSizes[opt.Scale]
	if !ok {
		return nil, mineaction.Invalid("scale", "unknown scale %q; one of small, national, large", opt.Scale)
	}
	progress := func(stage string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(stage, done, total)
		}
	}
	progress("plan", 0, 1)
	g, err := buildGazetteer(opt.Seed, sz.villages)
	if err != nil {
		return nil, err
	}
	defer g.close()
	ord, err := catalogue()
	if err != nil {
		return nil, err
	}
	p, err := makePlan(opt.Seed, opt.Scale, sz, g, ord)
	if err != nil {
		return nil, err
	}
	progress("plan", 1, 1)

	progress("reference", 0, 1)
	users := demoUsers()
	if err := writeReference(ctx, store, g, ord, users, opt.HashPassword); err != nil {
		return nil, fmt.Errorf("demo reference data: %w", err)
	}
	svc.ForgetReference()
	progress("reference", 1, 1)

	l := newLoader(svc, users, opt.Progress)
	if err := p.load(ctx, l, sz.batch); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}

	progress("check", 0, 1)
	sum := &Summary{Notice: Notice, Seed: opt.Seed, Scale: opt.Scale, Users: users, Password: Password,
		TerritoryM2: g.areaM2, HazardScale: p.shapeScale, Reports: l.reports}
	if err := check(ctx, store, sum); err != nil {
		return sum, err
	}
	progress("check", 1, 1)
	// Last, and after the check: they change no record.
	if sum.Pending, err = p.loadPending(ctx, l); err != nil {
		return sum, fmt.Errorf("demo: %w", err)
	}
	sum.Elapsed = time.Since(began)
	return sum, nil
}

// makePlan decides the whole data set. Should a layout leave too little
// land to reach the target share (a few very large cells falling on the
// border can do that at small scale), the layout is drawn again from the
// next stream of the same seed, so the result still depends on the seed
// alone.
func makePlan(seed int64, scale Scale, sz sizes, g *gazetteer, ord []*mineaction.Ordnance) (*plan, error) {
	var err error
	for attempt := range 5 {
		var p *plan
		if p, err = tryPlan(seed, attempt, scale, sz, g, ord); err == nil {
			return p, nil
		}
		if !errors.Is(err, errTooSparse) {
			return nil, err
		}
	}
	return nil, err
}

func tryPlan(seed int64, attempt int, scale Scale, sz sizes, g *gazetteer, ord []*mineaction.Ordnance) (*plan, error) {
	p := &plan{seed: seed, scale: scale, g: g, ordnance: map[string]*mineaction.Ordnance{}}
	for _, o := range ord {
		p.ordnance[o.Code] = o
	}
	if err := makeHazards(p, planLeaves(g, sz.hazards, seed+int64(attempt)*7919)); err != nil {
		return nil, err
	}
	if err := planWork(p); err != nil {
		return nil, err
	}
	if err := planSpotTasks(p, sz.spotTasks); err != nil {
		return nil, err
	}
	planResurveys(p)
	if err := calibrate(p); err != nil {
		return nil, err
	}
	if err := planFinds(p); err != nil {
		return nil, err
	}
	if err := planCasualties(p); err != nil {
		return nil, err
	}
	planSessions(p, sz.sessions)
	planVisits(p)
	return p, nil
}
