package demo

import (
	"sort"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// The work on a hazard follows land release practice: non-technical survey
// cancels the outer land where there is no evidence, technical survey
// reduces a band further in, and clearance (or battle area clearance)
// clears the core sector by sector; a completion survey closes the area.
// Released polygons are sectors of the hazard's polar shape.

var (
	surveyOrgs    = []string{"ANAMA", "DRT", "DHM", "MES", "DSO"}
	surveyOrgW    = []float64{5, 2, 2, 1, 1}
	clearanceOrgs = []string{"ANAMA", "ARMY", "MES", "DCS", "DSO", "DRT", "DHM"}
	clearanceOrgW = []float64{4, 2, 1, 2, 1, 1.5, 1.5}
)

// step is an activity being planned, before its dates say whether it was
// completed by the end of 2024, is ongoing or is only planned.
type step struct {
	typ      string
	org      string
	methods  []string
	work     sector
	outcomes []outcomePlan
	days     int // duration
	gap      int // days since the previous step ended
}

// planWork plans the activities of every hazard.
func planWork(p *plan) error {
	r := newRNG(p.seed, "work")
	rank := sizeRanks(p.hazards)
	for i, h := range p.hazards {
		if err := planHazardWork(p, i, h, r.fork(i), rank[i]); err != nil {
			return err
		}
	}
	return nil
}

// sizeRanks returns each hazard's rank by area, from 0 (smallest) to 1.
func sizeRanks(hs []*hazardPlan) []float64 {
	idx := make([]int, len(hs))
	area := make([]float64, len(hs))
	for i, h := range hs {
		idx[i], area[i] = i, geo.Area(h.shape.polygon())
	}
	sort.SliceStable(idx, func(a, b int) bool { return area[idx[a]] < area[idx[b]] })
	out := make([]float64, len(hs))
	for k, i := range idx {
		out[i] = float64(k) / float64(max(1, len(hs)-1))
	}
	return out
}

func planHazardWork(p *plan, hi int, h *hazardPlan, r *rng, size float64) error {
	n := h.shape.n()
	whole := sector{u0: 0, u1: 1, a: 0, b: n}
	var steps []step
	if r.chance(0.12) {
		steps = append(steps, step{typ: "marking", org: r.pick([]string{"ANAMA", "ARMY"}, []float64{2, 1}), methods: []string{"survey"},
			work: whole, days: 1 + r.intn(5), gap: 20 + r.intn(200)})
	}
	if r.chance(0.7 - 0.35*size) {
		steps = append(steps, releaseSteps(h, r, n, size)...)
	}
	if len(steps) == 0 {
		return nil
	}
	// Dates: one step after another from soon after the area was recorded.
	// Work done by the end of 2024 is completed; the first step after it
	// is ongoing or planned; later steps are not yet planned.
	cover := newGrid(n, sectorsOf(steps))
	w := &work{p: p, hi: hi, h: h, r: r, task: -1}
	t := h.recorded + 5
	for k := range steps {
		s := &steps[k]
		start := t + day(s.gap)
		if len(s.outcomes) > 0 && start+10 <= endOfReporting && r.chance(0.01) {
			// An attempt abandoned before the real work.
			ab := w.activity(s, "aborted")
			ab.start = start
			ab.end = start + day(r.intn(5))
			ab.doi = ab.end
			w.add(ab)
			start = ab.end + day(10+r.intn(60))
		}
		end := start + day(s.days)
		a := w.activity(s, "completed")
		switch {
		case end <= endOfReporting:
			a.start, a.end, a.doi = start, end, end
			a.outcomes = s.outcomes
		case start <= cutOff:
			a.status, a.start = "ongoing", start
			a.doi = min(cutOff, start+day(s.days/2))
			if r.chance(0.05) {
				a.status = "suspended"
			}
		default:
			a.status = "planned"
			a.doi = min(cutOff, max(h.recorded+1, cutOff-day(r.intn(60))))
		}
		w.add(a)
		if a.status != "completed" {
			break
		}
		for _, o := range a.outcomes {
			cover.mark(o.q)
		}
		w.lastDone = a.end
		t = end
	}
	w.finish(cover)
	return nil
}

// work is the planning state of one hazard.
type work struct {
	p                 *plan
	hi                int
	h                 *hazardPlan
	r                 *rng
	task              int
	lastDone, lastAny day
}

// activity starts an activity of a step.
func (w *work) activity(s *step, status string) *activityPlan {
	a := &activityPlan{hazard: w.hi, typ: s.typ, status: status, org: s.org, methods: s.methods, work: &s.work, task: -1, note: syntheticNote}
	a.team = pickTeam(w.r, s.org, s.methods[0])
	a.depthCM = depthOf(s.typ, w.r)
	if needsTask(s.typ) {
		if w.task < 0 {
			w.task = len(w.p.tasks)
			w.p.tasks = append(w.p.tasks, &taskPlan{hazard: w.hi, org: s.org, priority: w.h.priority, title: taskTitle(s.typ, w.h.name)})
			w.h.task = w.task
		}
		if w.p.tasks[w.task].org == s.org {
			a.task = w.task
		}
	}
	return a
}

// add appends an activity to the plan.
func (w *work) add(a *activityPlan) {
	w.p.acts = append(w.p.acts, a)
	w.h.acts = append(w.h.acts, len(w.p.acts)-1)
	w.lastAny = max(w.lastAny, a.doi)
	if a.task >= 0 {
		t := w.p.tasks[a.task]
		first := a.start
		if first == 0 {
			first = a.doi
		}
		if t.plannedStart == 0 {
			t.plannedStart = first - day(w.r.intn(20))
			t.doi = max(w.h.recorded, min(a.doi, first-day(5+w.r.intn(20))))
		}
	}
}

// finish completes the plan of a worked hazard: a completion survey when
// all its land was released, its task's status and its final status.
func (w *work) finish(cover *grid) {
	p, h, r := w.p, w.h, w.r
	released := false
	for _, ai := range h.acts {
		a := p.acts[ai]
		released = released || (a.status == "completed" && len(a.outcomes) > 0) || a.status == "ongoing"
	}
	switch {
	case cover.full() && w.lastDone > 0:
		h.status = "closed"
		h.statusDay = w.lastDone + 1 + day(r.intn(10))
		if end := w.lastDone + 3 + day(r.intn(10)); end <= endOfReporting && r.chance(0.7) {
			s := &step{typ: "completion", org: "ANAMA", methods: []string{"survey"}, work: sector{u0: 0, u1: 1, a: 0, b: h.shape.n()}}
			c := w.activity(s, "completed")
			c.start, c.end, c.doi = w.lastDone+3, end, end
			w.add(c)
			h.statusDay = end + 1
		}
	case released:
		h.status = "worked_on"
		h.statusDay = min(cutOff, w.lastAny+1+day(r.intn(5)))
	}
	if w.task < 0 {
		return
	}
	t := p.tasks[w.task]
	t.plannedEnd = max(t.plannedStart, w.lastAny) + day(30+r.intn(90))
	switch {
	case h.status == "closed":
		t.status, t.doi = "completed", max(t.doi, w.lastDone)
	case w.lastDone > 0 || w.lastAny > endOfReporting:
		t.status, t.doi = "in_progress", max(t.doi, w.lastAny)
	default:
		t.status = "issued"
	}
	t.doi = min(t.doi, cutOff)
}

// releaseSteps plans the release of a hazard: cancellation of all of it,
// or survey of the outer band, technical survey of a middle band and
// clearance of the core in sectors. Small areas are often released whole;
// the largest, recorded from military records, mostly keep their core for
// years, with only corridors cleared (size is the area's rank among all,
// from 0 for the smallest to 1 for the largest).
func releaseSteps(h *hazardPlan, r *rng, n int, size float64) []step {
	survey := r.pick(surveyOrgs, surveyOrgW)
	if h.category == "SHA" && size < 0.6 && r.chance(0.12) {
		typ := r.pick([]string{"cancellation", "nts"}, []float64{1, 1})
		all := sector{u0: 0, u1: 1, a: 0, b: n}
		return []step{{typ: typ, org: survey, methods: []string{"survey"}, work: all,
			outcomes: []outcomePlan{{"cancelled", all}}, days: 1 + r.intn(10), gap: 10 + r.intn(150)}}
	}
	var steps []step
	outer := 1.0
	if r.chance(0.75) {
		outer = r.between(0.8, 0.95)
		if size > 0.6 {
			outer = r.between(0.95, 0.99)
		}
		band := sector{u0: outer, u1: 1, a: 0, b: n}
		if r.chance(0.3) {
			a := r.intn(n)
			band.a, band.b = a, a+max(1, n*(4+r.intn(5))/10)
		}
		if r.chance(0.06) {
			band.u1 = r.between(1.02, 1.05) // drawn a little beyond the edge
		}
		steps = append(steps, step{typ: "nts", org: survey, methods: []string{"survey"},
			work: sector{u0: 0, u1: 1, a: 0, b: n}, outcomes: []outcomePlan{{"cancelled", band}},
			days: 1 + r.intn(10), gap: 10 + r.intn(150)})
	}
	operator := r.pick(clearanceOrgs, clearanceOrgW)
	core := outer
	if outer > 0.45 && r.chance(0.5) {
		core = r.between(0.3, outer-0.1)
		if size > 0.6 {
			core = outer - r.between(0.02, 0.06)
		}
		for _, arc := range arcs(r, n, 1+r.intn(3)) {
			q := sector{u0: core, u1: outer, a: arc[0], b: arc[1]}
			outs := []outcomePlan{{"reduced", q}}
			if r.chance(0.15) {
				outs = append(outs, outcomePlan{"cleared", sector{u0: 0, u1: core / 2, a: arc[0], b: arc[1]}})
			}
			steps = append(steps, step{typ: "ts", org: operator, methods: []string{r.pick([]string{"mechanical", "manual"}, []float64{1, 1})},
				work: sector{u0: 0, u1: outer, a: arc[0], b: arc[1]}, outcomes: outs, days: 5 + r.intn(40), gap: 15 + r.intn(120)})
		}
	}
	if r.chance(0.65) {
		typ := "clearance"
		if h.hazardType == "battle_area" || h.hazardType == "cluster_strike" || h.hazardType == "ammunition_site" {
			typ = "bac"
		}
		method := teamMethod(r, operator, typ)
		k := min(n/2, 2+r.intn(8))
		sectors := arcs(r, n, k)
		if size > 0.6 {
			// Corridors and village sites in a large area: a few narrow
			// sectors of many.
			sectors = arcs(r, n, min(n, 10+r.intn(10)))[:1+r.intn(2)]
		} else if size > 0.3 && r.chance(0.5) {
			sectors = sectors[:1+r.intn(len(sectors))]
		}
		for i, arc := range sectors {
			if i > 0 && arc[1]-arc[0] >= 2 && r.chance(0.15) {
				arc[0]-- // overlaps the sector cleared before
			}
			q := sector{u0: 0, u1: core, a: arc[0], b: arc[1]}
			steps = append(steps, step{typ: typ, org: operator, methods: method, work: q,
				outcomes: []outcomePlan{{"cleared", q}}, days: 10 + r.intn(110), gap: 5 + r.intn(90)})
		}
	}
	return steps
}

// arcs splits the n vertex spans of a shape into k contiguous arcs from a
// random start, as [a, b) pairs.
func arcs(r *rng, n, k int) [][2]int {
	k = max(1, min(k, n))
	start := r.intn(n)
	out := make([][2]int, 0, k)
	a := start
	for i := 0; i < k; i++ {
		b := start + n*(i+1)/k
		if i < k-1 {
			b = max(a+1, min(start+n-(k-1-i), b+r.intn(3)-1))
		}
		out = append(out, [2]int{a, b})
		a = b
	}
	return out
}

func sectorsOf(steps []step) []sector {
	var out []sector
	for _, s := range steps {
		for _, o := range s.outcomes {
			out = append(out, o.q)
		}
	}
	return out
}

func needsTask(typ string) bool { return typ == "clearance" || typ == "bac" || typ == "ts" }

func taskTitle(typ, hazard string) string {
	return mineaction.ActivityType.Label(typ) + " of " + hazard
}

// teamMethod returns the methods a clearance operator uses.
func teamMethod(r *rng, org, typ string) []string {
	if typ == "bac" {
		return []string{"manual"}
	}
	var ms []string
	for _, o := range organisations {
		if o.Code != org {
			continue
		}
		for _, t := range o.Teams {
			if t.Method != "survey" && !contains(ms, t.Method) {
				ms = append(ms, t.Method)
			}
		}
	}
	m := ms[r.intn(len(ms))]
	if m == "mechanical" {
		return []string{"mechanical", "manual"}
	}
	return []string{m}
}

// pickTeam returns a team of org using method, or any of its teams.
func pickTeam(r *rng, org, method string) string {
	var all, match []string
	for _, o := range organisations {
		if o.Code != org {
			continue
		}
		for _, t := range o.Teams {
			all = append(all, t.Code)
			if t.Method == method {
				match = append(match, t.Code)
			}
		}
	}
	if len(match) > 0 {
		return match[r.intn(len(match))]
	}
	return all[r.intn(len(all))]
}

func depthOf(typ string, r *rng) float64 {
	switch typ {
	case "clearance":
		return float64(13 + 5*r.intn(2))
	case "bac":
		return float64(30 + 10*r.intn(3))
	case "ts":
		return 13
	}
	return 0
}
