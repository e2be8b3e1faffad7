package landrelease

import (
	"context"

	"mineaction/internal/mineaction"
)

// HazardAsOf is one hazard's figures as they stood on a day: the hazard
// version valid that day (the latest applied version whose date of
// information is on or before it) and the land credited to releases dated
// on or before it.
type HazardAsOf struct {
	mineaction.HazardVersionFigure
	CancelledM2, ReducedM2, ClearedM2, RemainingM2 float64
}

// Ledger holds what figures as of any date are computed from: every applied
// hazard version and every credit.
type Ledger struct {
	versions map[int64][]mineaction.HazardVersionFigure // by hazard, in version order
	credits  map[[2]int64][]mineaction.Credit           // by (hazard, version), in date order
	order    []int64
}

// LoadLedger reads the ledger inside tx.
func LoadLedger(ctx context.Context, tx mineaction.Tx) (*Ledger, error) {
	hist, err := tx.HazardHistory(ctx)
	if err != nil {
		return nil, err
	}
	credits, err := tx.AllCredits(ctx)
	if err != nil {
		return nil, err
	}
	l := &Ledger{versions: map[int64][]mineaction.HazardVersionFigure{}, credits: map[[2]int64][]mineaction.Credit{}}
	for _, h := range hist {
		if _, seen := l.versions[h.HazardID]; !seen {
			l.order = append(l.order, h.HazardID)
		}
		l.versions[h.HazardID] = append(l.versions[h.HazardID], h)
	}
	for _, c := range credits {
		k := [2]int64{c.HazardID, int64(c.Version)}
		l.credits[k] = append(l.credits[k], c)
	}
	return l, nil
}

// versionAt returns the version of hazard id valid on day d.
func (l *Ledger) versionAt(id int64, d mineaction.Date) (mineaction.HazardVersionFigure, bool) {
	var out mineaction.HazardVersionFigure
	found := false
	for _, v := range l.versions[id] {
		if v.DateOfInformation <= d && (!found || v.DateOfInformation >= out.DateOfInformation) {
			out, found = v, true
		}
	}
	return out, found
}

// creditsOf returns the credits of a hazard version.
func (l *Ledger) creditsOf(v mineaction.HazardVersionFigure) []mineaction.Credit {
	return l.credits[[2]int64{v.HazardID, int64(v.Version)}]
}

// AsOf returns every hazard recorded (and not removed) on day d with its
// figures on that day, in hazard order.
func (l *Ledger) AsOf(d mineaction.Date) []HazardAsOf {
	var out []HazardAsOf
	for _, id := range l.order {
		v, ok := l.versionAt(id, d)
		if !ok || v.Deleted {
			continue
		}
		h := HazardAsOf{HazardVersionFigure: v}
		for _, c := range l.creditsOf(v) {
			if c.Date > d {
				continue
			}
			switch c.Kind {
			case "cancelled":
				h.CancelledM2 += c.AreaM2
			case "reduced":
				h.ReducedM2 += c.AreaM2
			case "cleared":
				h.ClearedM2 += c.AreaM2
			}
		}
		h.RemainingM2 = v.OriginalM2 - h.CancelledM2 - h.ReducedM2 - h.ClearedM2
		out = append(out, h)
	}
	return out
}

// Released returns the credits dated in (from, to] of the hazard versions
// valid on day to (or, for hazards removed by then, the last version before
// the removal), which is the land released in that period.
func (l *Ledger) Released(from, to mineaction.Date) []mineaction.Credit {
	var out []mineaction.Credit
	for _, id := range l.order {
		v, ok := l.versionAt(id, to)
		if !ok {
			continue
		}
		if v.Deleted {
			if v, ok = l.lastLiveBefore(id, v.DateOfInformation); !ok {
				continue
			}
		}
		for _, c := range l.creditsOf(v) {
			if c.Date > from && c.Date <= to {
				out = append(out, c)
			}
		}
	}
	return out
}

func (l *Ledger) lastLiveBefore(id int64, d mineaction.Date) (mineaction.HazardVersionFigure, bool) {
	var out mineaction.HazardVersionFigure
	found := false
	for _, v := range l.versions[id] {
		if !v.Deleted && v.DateOfInformation < d {
			out, found = v, true
		}
	}
	return out, found
}
