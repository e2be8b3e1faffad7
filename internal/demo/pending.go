package demo

import (
	"context"
	"fmt"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// loadPending enters the reports that are still in the works when the
// data set ends, so that the review queue has something to review: a
// status update of an open hazard and a new hazard reported inside an
// existing one (which the overlap check warns about), both submitted, and
// a new hazard its editor has staged but not yet submitted. They change
// no record and no figure. They are chosen from the last hazards of the
// plan that are still open at version 1, the same for the same seed.
func (p *plan) loadPending(ctx context.Context, l *loader) (int, error) {
	var open []*hazardPlan
	for i := len(p.hazards) - 1; i >= 0 && len(open) < 3; i-- {
		if h := p.hazards[i]; h.statusDay == 0 && h.resurvey == nil && h.version == 1 && h.recorded.date() < CutOff {
			open = append(open, h)
		}
	}
	if len(open) < 3 {
		return 0, nil // a data set too small to have three: nothing pending
	}
	enter := func(h *hazardPlan, rec *mineaction.Hazard, ring float64, update, submit bool) error {
		id, version := "", 0
		if update {
			id, version = h.hid, h.version
		}
		rec.DateOfInformation = CutOff
		in, err := featureInput(rec, h.shape.polygon(), id, version)
		if !update {
			in, err = featureInput(rec, newHazardShape(h, ring), "", 0)
		}
		if err != nil {
			return err
		}
		in.Submit = submit
		if _, err := l.svc.CreateReport(ctx, l.callers[editorName(h.org)], in); err != nil {
			return fmt.Errorf("pending report on %s: %w", h.hid, err)
		}
		return nil
	}

	worked, _ := open[0].record(p, "recorded")
	worked.Status = "worked_on"
	worked.Notes = syntheticNote + " Clearance began; waiting for review."
	if err := enter(open[0], worked, 1, true, true); err != nil {
		return 0, err
	}
	again, _ := open[1].record(p, "recorded")
	again.Name += " (reported again by the community)"
	again.Category, again.EOConfirmed, again.Evidence = "SHA", nil, []string{"informant"}
	again.Notes = syntheticNote + " Reported by villagers; overlaps a recorded hazard: waiting for review."
	if err := enter(open[1], again, 0.5, false, true); err != nil {
		return 0, err
	}
	staged, _ := open[2].record(p, "recorded")
	staged.Name += " (north part)"
	staged.Category, staged.EOConfirmed, staged.Evidence = "SHA", nil, []string{"informant"}
	staged.Notes = syntheticNote + " Being entered by the operator: staged, not yet submitted."
	if err := enter(open[2], staged, 0.4, false, false); err != nil {
		return 0, err
	}
	return 3, nil
}

// newHazardShape is a smaller copy of h's polygon, inside it: where a new
// report of the same hazard would be drawn.
func newHazardShape(h *hazardPlan, u float64) geo.Geometry {
	return geo.Polygon{h.shape.ring(u)}
}
