package landrelease

import (
	"fmt"
	"math"

	"mineaction/internal/mineaction"
)

// Baseline is the roll-forward of remaining contaminated land over a period:
//
//	remaining(end) = remaining(start) + newly recorded - released +/- adjustments
//
// Every adjustment is listed by record with the reason, so the table always
// balances and says why.
type Baseline struct {
	From           mineaction.Date `json:"from"`
	To             mineaction.Date `json:"to"`
	StartCount     int             `json:"start_count"`
	StartM2        float64         `json:"remaining_start_m2"`
	NewCount       int             `json:"new_count"`
	NewM2          float64         `json:"newly_recorded_m2"`
	ReleasedM2     float64         `json:"released_m2"`
	AdjustmentM2   float64         `json:"adjustments_m2"`
	EndCount       int             `json:"end_count"`
	EndM2          float64         `json:"remaining_end_m2"`
	Adjustments    []Adjustment    `json:"adjustments"`
	RemovedCount   int             `json:"removed_count"`
	BalanceErrorM2 float64         `json:"balance_error_m2"` // end - (start + new - released + adjustments); zero up to rounding
}

// Adjustment is a change of remaining land that is neither new land nor
// release: a re-surveyed boundary, a record removed by data audit.
type Adjustment struct {
	HID    string          `json:"hazard"`
	Reason string          `json:"reason"`
	Date   mineaction.Date `json:"date"`
	AreaM2 float64         `json:"area_m2"`
}

// RollForward computes the baseline roll-forward for (from, to].
func (l *Ledger) RollForward(from, to mineaction.Date) *Baseline {
	b := &Baseline{From: from, To: to}
	start := map[int64]HazardAsOf{}
	for _, h := range l.AsOf(from) {
		start[h.HazardID] = h
		b.StartCount++
		b.StartM2 += h.RemainingM2
	}
	end := map[int64]HazardAsOf{}
	for _, h := range l.AsOf(to) {
		end[h.HazardID] = h
		b.EndCount++
		b.EndM2 += h.RemainingM2
	}
	released := map[int64]float64{}
	for _, c := range l.Released(from, to) {
		released[c.HazardID] += c.AreaM2
		b.ReleasedM2 += c.AreaM2
	}
	for _, id := range l.order {
		s, inStart := start[id]
		e, inEnd := end[id]
		var expected float64
		switch {
		case inStart:
			expected = s.RemainingM2 - released[id]
		case inEnd:
			// New in the period: its area net of what was released before the
			// period began (a late report of earlier work).
			v, _ := l.versionAt(id, to)
			var before float64
			for _, c := range l.creditsOf(v) {
				if c.Date <= from {
					before += c.AreaM2
				}
			}
			b.NewCount++
			b.NewM2 += v.OriginalM2 - before
			expected = v.OriginalM2 - before - released[id]
		default:
			expected = -released[id]
		}
		actual := 0.0
		if inEnd {
			actual = e.RemainingM2
		}
		diff := actual - expected
		if math.Abs(diff) <= Tolerance(math.Max(s.OriginalM2, e.OriginalM2)) {
			continue
		}
		b.Adjustments = append(b.Adjustments, l.explain(id, from, to, diff, inStart, inEnd))
		b.AdjustmentM2 += diff
	}
	for _, a := range b.Adjustments {
		if a.Reason == reasonRemoved {
			b.RemovedCount++
		}
	}
	b.BalanceErrorM2 = b.EndM2 - (b.StartM2 + b.NewM2 - b.ReleasedM2 + b.AdjustmentM2)
	return b
}

const reasonRemoved = "removed by data audit"

// explain names why a hazard's remaining land changed by more than its new
// land and releases explain.
func (l *Ledger) explain(id int64, from, to mineaction.Date, diff float64, inStart, inEnd bool) Adjustment {
	vs := l.versions[id]
	a := Adjustment{HID: vs[0].HID, AreaM2: diff}
	for _, v := range vs {
		if v.DateOfInformation <= from || v.DateOfInformation > to {
			continue
		}
		a.Date = v.DateOfInformation
		switch {
		case v.Deleted:
			a.Reason = reasonRemoved
		case inStart:
			a.Reason = fmt.Sprintf("re-surveyed: boundary changed in version %d", v.Version)
		default:
			a.Reason = fmt.Sprintf("recorded in version %d", v.Version)
		}
	}
	if a.Reason == "" {
		a.Reason = "release credits recomputed against a changed boundary"
	}
	return a
}
