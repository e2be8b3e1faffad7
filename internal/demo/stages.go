package demo

import (
	"context"
	"sort"

	"mineaction/internal/mineaction"
)

// load enters the plan through the workflow, in an order that respects the
// references between records: hazards, then the tasks on them, the
// activities (by date), the hazards' later versions, accidents and the
// victims reported after them, risk education and quality visits.
func (p *plan) load(ctx context.Context, l *loader, batch int) error {
	err := l.run(ctx, "hazards", len(p.hazards), batch, func(i int) (entry, error) {
		h := p.hazards[i]
		rec, g := h.record(p, "recorded")
		in, err := featureInput(rec, g, "", 0)
		return entry{user: editorName(h.org), in: in, done: func(r *mineaction.Report) { h.hid, h.version = r.RecordHID, 1 }}, err
	})
	if err != nil {
		return err
	}
	tasks := make([]*taskPlan, len(p.tasks))
	copy(tasks, p.tasks)
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].doi < tasks[j].doi })
	err = l.run(ctx, "tasks", len(tasks), batch, func(i int) (entry, error) {
		t := tasks[i]
		in, err := p.taskInput(t)
		return entry{user: "verifier", in: in, done: func(r *mineaction.Report) { t.hid = r.RecordHID }}, err
	})
	if err != nil {
		return err
	}
	order := p.activityOrder()
	err = l.run(ctx, "activities", len(order), batch, func(i int) (entry, error) {
		a := p.acts[order[i]]
		in, err := p.activityInput(a)
		return entry{user: editorName(a.org), in: in, done: func(r *mineaction.Report) { a.hid = r.RecordHID }}, err
	})
	if err != nil {
		return err
	}
	if err := p.loadHazardUpdates(ctx, l, batch); err != nil {
		return err
	}
	err = l.run(ctx, "accidents", len(p.accidents), batch, func(i int) (entry, error) {
		a := p.accidents[i]
		in, err := p.accidentInput(a)
		return entry{user: editorName(a.org), in: in, done: func(r *mineaction.Report) { a.hid = r.RecordHID }}, err
	})
	if err != nil {
		return err
	}
	var later []entry
	for _, a := range p.accidents {
		ins, err := p.victimInputs(a)
		if err != nil {
			return err
		}
		for _, in := range ins {
			later = append(later, entry{user: editorName(a.org), in: in})
		}
	}
	err = l.run(ctx, "victims", len(later), batch, func(i int) (entry, error) { return later[i], nil })
	if err != nil {
		return err
	}
	err = l.run(ctx, "education", len(p.sessions), batch, func(i int) (entry, error) {
		s := p.sessions[i]
		in, err := s.input()
		return entry{user: editorName(s.org), in: in}, err
	})
	if err != nil {
		return err
	}
	return l.run(ctx, "qm visits", len(p.visits), batch, func(i int) (entry, error) {
		in, err := p.visitInput(p.visits[i])
		return entry{user: editorName("ANAMA"), in: in}, err
	})
}

// loadHazardUpdates enters the later versions of hazards in date order:
// re-surveys, then the status each hazard reached (worked on, closed).
func (p *plan) loadHazardUpdates(ctx context.Context, l *loader, batch int) error {
	type update struct {
		h     *hazardPlan
		stage string
		day   day
	}
	var ups []update
	for _, h := range p.hazards {
		if h.resurvey != nil {
			ups = append(ups, update{h, "resurvey", h.resurvey.day})
		}
		if h.statusDay != 0 {
			ups = append(ups, update{h, "status", h.statusDay})
		}
	}
	sort.SliceStable(ups, func(i, j int) bool { return ups[i].day < ups[j].day })
	return l.run(ctx, "hazard updates", len(ups), batch, func(i int) (entry, error) {
		u := ups[i]
		rec, g := u.h.record(p, u.stage)
		// Version 1 as recorded, 2 after a re-survey.
		base := 1
		if u.stage == "status" && u.h.resurvey != nil {
			base = 2
		}
		in, err := featureInput(rec, g, u.h.hid, base)
		return entry{user: editorName(u.h.org), in: in, done: func(r *mineaction.Report) { u.h.version = r.ResultVersion }}, err
	})
}
