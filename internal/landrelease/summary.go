package landrelease

import (
	"context"

	"mineaction/internal/mineaction"
)

// Summary is the national figures as they stood on a day (GET
// /api/v1/summary). Every area is in square metres on the WGS84 ellipsoid
// and comes from the same ledger as the per-hazard figures.
type Summary struct {
	AsOf              mineaction.Date `json:"as_of"`
	TerritoryM2       float64         `json:"territory_m2"`
	Hazards           HazardTotals    `json:"hazards"`
	ContaminatedShare float64         `json:"contaminated_share"`
	Casualties        Casualties      `json:"casualties"`
	Finds             FindTotals      `json:"finds"`
	Education         EducationTotals `json:"education"`
}

// HazardTotals sums hazard figures.
type HazardTotals struct {
	Count       int     `json:"count"`
	Open        int     `json:"open"` // not closed
	SHA         int     `json:"sha"`
	CHA         int     `json:"cha"`
	OriginalM2  float64 `json:"original_m2"`
	CancelledM2 float64 `json:"cancelled_m2"`
	ReducedM2   float64 `json:"reduced_m2"`
	ClearedM2   float64 `json:"cleared_m2"`
	RemainingM2 float64 `json:"remaining_m2"`
}

func (t *HazardTotals) add(h HazardAsOf) {
	t.Count++
	if h.Status != "closed" {
		t.Open++
	}
	switch h.Category {
	case "SHA":
		t.SHA++
	case "CHA":
		t.CHA++
	}
	t.OriginalM2 += h.OriginalM2
	t.CancelledM2 += h.CancelledM2
	t.ReducedM2 += h.ReducedM2
	t.ClearedM2 += h.ClearedM2
	t.RemainingM2 += h.RemainingM2
}

// Casualties counts victims of accidents dated in [Since, as of].
type Casualties struct {
	Since   mineaction.Date `json:"since,omitempty"`
	Total   int64           `json:"total"`
	Killed  int64           `json:"killed"`
	Injured int64           `json:"injured"`
}

// FindTotals counts explosive ordnance found on or before the day.
type FindTotals struct {
	Records int64 `json:"records"`
	Items   int64 `json:"items"`
}

// EducationTotals counts risk education sessions and people reached.
type EducationTotals struct {
	Sessions      int64 `json:"sessions"`
	Beneficiaries int64 `json:"beneficiaries"`
}

// ComputeSummary returns the national figures as of day asOf, counting
// casualties from day since (empty: all).
func ComputeSummary(ctx context.Context, tx mineaction.Tx, asOf, since mineaction.Date) (*Summary, error) {
	l, err := LoadLedger(ctx, tx)
	if err != nil {
		return nil, err
	}
	return SummaryOf(ctx, tx, l, asOf, since)
}

// SummaryOf is ComputeSummary with the ledger given (see LedgerCache).
func SummaryOf(ctx context.Context, tx mineaction.Tx, l *Ledger, asOf, since mineaction.Date) (*Summary, error) {
	s := &Summary{AsOf: asOf, Casualties: Casualties{Since: since}}
	if c, err := tx.Country(ctx); err == nil {
		s.TerritoryM2 = c.AreaM2
	} else if mineaction.ErrorKind(err) != mineaction.KindNotFound {
		return nil, err
	}
	for _, h := range l.AsOf(asOf) {
		s.Hazards.add(h)
	}
	if s.TerritoryM2 > 0 {
		s.ContaminatedShare = s.Hazards.RemainingM2 / s.TerritoryM2
	}
	victims, err := tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeVictim, DateFrom: since, DateTo: asOf, GroupBy: []string{"status"}})
	if err != nil {
		return nil, err
	}
	for _, r := range victims {
		s.Casualties.Total += r.Count
		switch r.Keys[0] {
		case "killed":
			s.Casualties.Killed += r.Count
		case "injured":
			s.Casualties.Injured += r.Count
		}
	}
	finds, err := tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeFind, DateTo: asOf})
	if err != nil {
		return nil, err
	}
	for _, r := range finds {
		s.Finds.Records += r.Count
		s.Finds.Items += r.Quantity
	}
	edu, err := tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeEducation, DateTo: asOf})
	if err != nil {
		return nil, err
	}
	for _, r := range edu {
		s.Education.Sessions += r.Count
		s.Education.Beneficiaries += r.Quantity
	}
	return s, nil
}
