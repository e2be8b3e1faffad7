package landrelease

import (
	"cmp"
	"slices"

	"mineaction/internal/mineaction"
)

// AreaFigures are hazard figures of one admin area (or the whole country) as
// of a day, with the share of its territory still contaminated.
type AreaFigures struct {
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	TerritoryM2 float64 `json:"territory_m2"`
	HazardTotals
	ContaminatedShare float64 `json:"contaminated_share"`
}

// ByAdminArea groups the hazards standing on day d by admin area. Hazards
// outside every admin area are under the code "".
func (l *Ledger) ByAdminArea(d mineaction.Date, areas []*mineaction.AdminArea) []AreaFigures {
	byCode := map[string]*AreaFigures{}
	for _, a := range areas {
		byCode[a.Code] = &AreaFigures{Code: a.Code, Name: a.Name, TerritoryM2: a.AreaM2}
	}
	for _, h := range l.AsOf(d) {
		f := byCode[h.AdminArea]
		if f == nil {
			f = &AreaFigures{Code: h.AdminArea, Name: "(no admin area)"}
			byCode[h.AdminArea] = f
		}
		f.add(h)
	}
	out := make([]AreaFigures, 0, len(byCode))
	for _, f := range byCode {
		if f.TerritoryM2 > 0 {
			f.ContaminatedShare = f.RemainingM2 / f.TerritoryM2
		}
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b AreaFigures) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

// ReleaseGroup is land released in a period, grouped by a key (an
// organisation, a method or a month), by kind.
type ReleaseGroup struct {
	Key         string  `json:"key"`
	CancelledM2 float64 `json:"cancelled_m2"`
	ReducedM2   float64 `json:"reduced_m2"`
	ClearedM2   float64 `json:"cleared_m2"`
	ReleasedM2  float64 `json:"released_m2"`
}

// ReleasedBy groups the land released in (from, to] by key, which is one
// of "organisation", "method", "month", "year" or "kind".
func (l *Ledger) ReleasedBy(from, to mineaction.Date, key string) []ReleaseGroup {
	groups := map[string]*ReleaseGroup{}
	for _, c := range l.Released(from, to) {
		var k string
		switch key {
		case "organisation":
			k = c.Organisation
		case "method":
			k = c.Method
		case "month":
			k = string(c.Date)[:7]
		case "year":
			k = string(c.Date)[:4]
		default:
			k = c.Kind
		}
		g := groups[k]
		if g == nil {
			g = &ReleaseGroup{Key: k}
			groups[k] = g
		}
		switch c.Kind {
		case "cancelled":
			g.CancelledM2 += c.AreaM2
		case "reduced":
			g.ReducedM2 += c.AreaM2
		case "cleared":
			g.ClearedM2 += c.AreaM2
		}
		g.ReleasedM2 += c.AreaM2
	}
	out := make([]ReleaseGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b ReleaseGroup) int { return cmp.Compare(a.Key, b.Key) })
	return out
}
