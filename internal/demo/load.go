package demo

import (
	"context"
	"errors"
	"fmt"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// entry is one report to load: who enters it, what it says, and what to
// remember of its approval.
type entry struct {
	user string
	in   workflow.Input
	done func(r *mineaction.Report)
}

// loader enters reports through the workflow in batches: each batch is
// entered by the operators' editors and approved by the administrator in
// one transaction per author, through the same validation and approval
// code as a single report.
type loader struct {
	svc      *workflow.Service
	callers  map[string]auth.Caller
	approver auth.Caller
	progress func(stage string, done, total int)
	reports  int
}

func newLoader(svc *workflow.Service, users []User, progress func(string, int, int)) *loader {
	l := &loader{svc: svc, callers: map[string]auth.Caller{}, progress: progress}
	for _, u := range users {
		l.callers[u.Name] = caller(u)
		if u.Name == "admin" {
			l.approver = caller(u)
		}
	}
	return l
}

// run loads n reports made by gen, batch at a time, reporting progress.
func (l *loader) run(ctx context.Context, stage string, n, batch int, gen func(i int) (entry, error)) error {
	l.report(stage, 0, n)
	for start := 0; start < n; start += batch {
		end := min(n, start+batch)
		var users []string
		byUser := map[string][]int{}
		entries := make([]entry, end-start)
		for i := start; i < end; i++ {
			e, err := gen(i)
			if err != nil {
				return fmt.Errorf("%s %d: %w", stage, i, err)
			}
			entries[i-start] = e
			if _, ok := byUser[e.user]; !ok {
				users = append(users, e.user)
			}
			byUser[e.user] = append(byUser[e.user], i-start)
		}
		// Reports of different authors do not depend on each other within a
		// batch; those of one author keep their order.
		for _, u := range users {
			idx := byUser[u]
			ins := make([]workflow.Input, len(idx))
			for k, i := range idx {
				ins[k] = entries[i].in
			}
			author, ok := l.callers[u]
			if !ok {
				return fmt.Errorf("%s: no demo user %q", stage, u)
			}
			reps, err := l.svc.SubmitAndApprove(ctx, author, l.approver, ins)
			if err != nil {
				var be *workflow.BatchError
				if errors.As(err, &be) && be.Index < len(idx) {
					i := idx[be.Index]
					f := entries[i].in.Feature
					if len(f) > 400 {
						f = f[:400]
					}
					return fmt.Errorf("%s report %d (%s by %s): %w; feature %s", stage, start+i, entries[i].in.RecordType, u, be.Err, f)
				}
				return fmt.Errorf("%s: %w", stage, err)
			}
			for k, i := range idx {
				if entries[i].done != nil {
					entries[i].done(reps[k])
				}
			}
			l.reports += len(reps)
		}
		l.report(stage, end, n)
	}
	return nil
}

func (l *loader) report(stage string, done, total int) {
	if l.progress != nil {
		l.progress(stage, done, total)
	}
}
