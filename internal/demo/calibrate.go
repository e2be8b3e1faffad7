package demo

import (
	"errors"
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// Calibration. The plan fixes every hazard's shape up to one common scale
// and every release as a polar sector of its hazard, so the contaminated
// land on the calibration date (the hazards recorded by then, as they
// stood, minus the land released by then, counted once) grows as the
// square of the scale. calibrate measures it and solves for the scale that
// gives the target share of the national territory; the hazards only
// shrink (scale at most 1), so they stay inside their cells and apart.
func calibrate(p *plan) error {
	k := 1.0
	p.setScale(k)
	target := TargetShare * p.g.areaM2
	for range 4 {
		rem, err := p.remainingAt(calibrationDay)
		if err != nil {
			return err
		}
		if math.Abs(rem-target) < 1e-6*target {
			break
		}
		next := k * math.Sqrt(target/rem)
		if next > 1 {
			return fmt.Errorf("%w: %.2f%% of the territory contaminated on %s at full size, less than the target %.1f%%",
				errTooSparse, 100*rem/(k*k)/p.g.areaM2, CalibrationDate, 100*TargetShare)
		}
		k = next
		p.setScale(k)
	}
	p.shapeScale = k
	return nil
}

// errTooSparse says the hazard layout cannot reach the target share.
var errTooSparse = errors.New("demo calibration: the hazard layout is too sparse")

// setScale sets the calibrated factor of every hazard polygon.
func (p *plan) setScale(k float64) {
	for _, h := range p.hazards {
		h.shape.scale = h.shape.fit * k
		if h.resurvey != nil && h.resurvey.shape != nil {
			h.resurvey.shape.scale = h.resurvey.shape.fit * k
		}
	}
}

// remainingAt returns the planned contaminated land on day d: for every
// hazard recorded by then, its polygon as it stood minus the land released
// by then, in square metres.
func (p *plan) remainingAt(d day) (float64, error) {
	total := 0.0
	for _, h := range p.hazards {
		if h.recorded > d {
			continue
		}
		s := h.shapeAt(d)
		var qs []sector
		for _, ai := range h.acts {
			a := p.acts[ai]
			if a.status != "completed" || a.releaseDay() > d {
				continue
			}
			for _, o := range a.outcomes {
				qs = append(qs, o.q)
			}
		}
		area := geo.Area(s.polygon())
		if len(qs) == 0 {
			total += area
			continue
		}
		if s != h.shape {
			// A redrawn polygon is not made of the original's cells: measure
			// exactly as the accounting will.
			rem, err := redrawnRemaining(h, s, qs)
			if err != nil {
				return 0, err
			}
			total += rem
			continue
		}
		g := newGrid(s.n(), qs)
		for _, q := range qs {
			g.mark(q)
		}
		total += area * (1 - g.share(s))
	}
	return total, nil
}

func redrawnRemaining(h *hazardPlan, s *shape, qs []sector) (float64, error) {
	gs := make([]geo.Geometry, len(qs))
	for i, q := range qs {
		gs[i] = h.shape.sector(q)
	}
	rem, err := geos.Remaining(s.polygon(), gs)
	if err != nil {
		return 0, fmt.Errorf("demo calibration: %w", err)
	}
	return geo.Area(rem), nil
}
