package api

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// DefaultSmallCount is the casualty count below which a cell is shown as
// "<3" to callers without the victim assistance role: a count of one or two
// victims in a district and year can identify a person.
const DefaultSmallCount = 3

// Dashboard serves the figures of the dashboard that the land release
// roll-ups do not: casualties by year (or district) and type, finds by
// ordnance category, and risk education beneficiaries by sex and age band.
// The web dashboard calls the same methods.
type Dashboard struct {
	store mineaction.Store
	now   func() time.Time
	small int64
}

// NewDashboard returns the dashboard figures on a store; small is the
// suppression threshold (DefaultSmallCount when 0).
func NewDashboard(store mineaction.Store, now func() time.Time, small int) *Dashboard {
	if now == nil {
		now = time.Now
	}
	if small <= 0 {
		small = DefaultSmallCount
	}
	return &Dashboard{store: store, now: now, small: int64(small)}
}

// Count is a count that may be suppressed: it encodes as a number, as
// "<N" when it is small enough to identify a person (primary suppression),
// or as "x" when it is withheld so that a "<N" beside it cannot be worked
// out from the table's sums (complementary suppression, Below is 0).
type Count struct {
	N          int64
	Suppressed bool
	Below      int64
}

// Withheld is how a count withheld by complementary suppression is shown.
const Withheld = "x"

// MarshalJSON implements json.Marshaler.
func (c Count) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return json.Marshal(c.String())
	}
	return []byte(strconv.FormatInt(c.N, 10)), nil
}

// String is the count as shown: the number, "<N" or "x".
func (c Count) String() string {
	if c.Suppressed && c.Below == 0 {
		return Withheld
	}
	if c.Suppressed {
		return "<" + strconv.FormatInt(c.Below, 10)
	}
	return strconv.FormatInt(c.N, 10)
}

// CasualtyRow counts victims of one group (a year or an admin area).
type CasualtyRow struct {
	Key      string `json:"key"`
	Killed   Count  `json:"killed"`
	Injured  Count  `json:"injured"`
	Civilian Count  `json:"civilian"`
	Military Count  `json:"military"`
	Deminer  Count  `json:"deminer"`
	Total    Count  `json:"total"`
}

// CasualtyFigures are victims of accidents dated in [From, To], grouped.
type CasualtyFigures struct {
	From       mineaction.Date `json:"from,omitempty"`
	To         mineaction.Date `json:"to"`
	By         string          `json:"by"`
	Suppressed bool            `json:"suppressed"`
	Threshold  int64           `json:"threshold"`
	Rows       []CasualtyRow   `json:"rows"`
	Total      CasualtyRow     `json:"total"`
}

// Casualties counts victims by year or admin_area, killed and injured,
// civilian, military and deminer. For callers without the victim
// assistance role, counts from 1 to the threshold less one are suppressed,
// and enough other cells are withheld that none of them can be worked out
// from the table's sums (see suppressTable).
func (d *Dashboard) Casualties(ctx context.Context, tx mineaction.Tx, c auth.Caller, from, to mineaction.Date, by string) (*CasualtyFigures, error) {
	if by == "" {
		by = "year"
	}
	if by != "year" && by != "admin_area" {
		return nil, mineaction.Invalid("by", "one of year, admin_area")
	}
	rows, err := tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeVictim, DateFrom: from, DateTo: to,
		GroupBy: []string{by, "status", "category"}})
	if err != nil {
		return nil, err
	}
	// Small victim counts by group can identify a person: only a caller
	// who may read a consenting victim's personal data sees them whole (the
	// policy decides; today that is the victim assistance role).
	exact := auth.Allow(c, auth.ReadPersonal, auth.Resource{ConsentAuthorities: true, ConsentNGOs: true})
	out := &CasualtyFigures{From: from, To: to, By: by, Suppressed: !exact, Threshold: d.small}
	groups := map[string]*[6]int64{}
	var total [6]int64
	for _, r := range rows {
		g := groups[r.Keys[0]]
		if g == nil {
			g = new([6]int64)
			groups[r.Keys[0]] = g
		}
		for _, t := range []*[6]int64{g, &total} {
			switch r.Keys[1] {
			case "killed":
				t[0] += r.Count
			case "injured":
				t[1] += r.Count
			}
			switch r.Keys[2] {
			case "civilian":
				t[2] += r.Count
			case "military":
				t[3] += r.Count
			case "deminer":
				t[4] += r.Count
			}
			t[5] += r.Count
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([][]int64, 0, len(keys)+1)
	for _, k := range keys {
		vals = append(vals, groups[k][:])
	}
	vals = append(vals, total[:])
	hidden := make([][]int8, len(vals))
	if !exact {
		hidden = suppressTable(vals, casualtyRules(len(keys)), d.small, len(keys), 5)
	}
	row := func(key string, i int) CasualtyRow {
		cnt := func(c int) Count {
			switch {
			case hidden[i] == nil || hidden[i][c] == 0:
				return Count{N: vals[i][c]}
			case hidden[i][c] == 1:
				return Count{N: vals[i][c], Suppressed: true, Below: d.small}
			}
			return Count{N: vals[i][c], Suppressed: true}
		}
		return CasualtyRow{Key: key, Killed: cnt(0), Injured: cnt(1), Civilian: cnt(2), Military: cnt(3), Deminer: cnt(4), Total: cnt(5)}
	}
	for i, k := range keys {
		out.Rows = append(out.Rows, row(k, i))
	}
	out.Total = row("total", len(keys))
	return out, nil
}

// casualtyRules are the sums that tie a casualty table of n group rows and
// a total row (index n): columns killed, injured, civilian, military,
// deminer, total.
func casualtyRules(n int) []sumRule {
	var rules []sumRule
	for r := 0; r <= n; r++ {
		rules = append(rules,
			sumRule{parts: []cellRef{{r, 0}, {r, 1}}, total: cellRef{r, 5}},
			sumRule{parts: []cellRef{{r, 2}, {r, 3}, {r, 4}}, total: cellRef{r, 5}})
	}
	for c := 0; c < 6; c++ {
		s := sumRule{total: cellRef{n, c}}
		for r := 0; r < n; r++ {
			s.parts = append(s.parts, cellRef{r, c})
		}
		rules = append(rules, s)
	}
	return rules
}

// FindCategory counts finds of one ordnance category.
type FindCategory struct {
	Category string `json:"category"`
	Records  int64  `json:"records"`
	Items    int64  `json:"items"`
}

// Finds counts explosive ordnance found on or before asOf by the
// catalogue's category (landmine, UXO, ...).
func (d *Dashboard) Finds(ctx context.Context, tx mineaction.Tx, asOf mineaction.Date) ([]FindCategory, error) {
	rows, err := tx.Aggregate(ctx, mineaction.AggregateQuery{Type: mineaction.TypeFind, DateTo: asOf, GroupBy: []string{"category"}})
	if err != nil {
		return nil, err
	}
	cat, err := tx.OrdnanceList(ctx)
	if err != nil {
		return nil, err
	}
	catOf := map[string]string{}
	for _, o := range cat {
		catOf[o.Code] = o.Category
	}
	by := map[string]*FindCategory{}
	for _, r := range rows {
		name := catOf[r.Keys[0]]
		if name == "" {
			name = "(not in the catalogue)"
		}
		f := by[name]
		if f == nil {
			f = &FindCategory{Category: name}
			by[name] = f
		}
		f.Records += r.Count
		f.Items += r.Quantity
	}
	out := make([]FindCategory, 0, len(by))
	for _, f := range by {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b FindCategory) int { return cmp.Compare(b.Items, a.Items) })
	return out, nil
}

// BeneficiaryCell counts people reached of one sex and age band.
type BeneficiaryCell struct {
	Sex     string `json:"sex"`
	AgeBand string `json:"age_band"`
	Count   int64  `json:"count"`
}

// Beneficiaries sums risk education beneficiaries of sessions dated in
// [from, to] by sex and age band.
func (d *Dashboard) Beneficiaries(ctx context.Context, tx mineaction.Tx, from, to mineaction.Date) ([]BeneficiaryCell, error) {
	recs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeEducation, DateFrom: from, DateTo: to})
	if err != nil {
		return nil, err
	}
	sums := map[[2]string]int64{}
	for _, r := range recs {
		rec, err := mineaction.DecodeProperties(mineaction.TypeEducation, r.Properties)
		if err != nil {
			return nil, fmt.Errorf("education record %s: %w", r.HID, err)
		}
		for _, b := range rec.(*mineaction.Education).Beneficiaries {
			sums[[2]string{b.Sex, b.AgeBand}] += b.Count
		}
	}
	out := make([]BeneficiaryCell, 0, len(sums))
	for k, n := range sums {
		out = append(out, BeneficiaryCell{Sex: k[0], AgeBand: k[1], Count: n})
	}
	slices.SortFunc(out, func(a, b BeneficiaryCell) int {
		return cmp.Or(cmp.Compare(a.AgeBand, b.AgeBand), cmp.Compare(a.Sex, b.Sex))
	})
	return out, nil
}

// Figures handles GET /api/v1/figures/casualties (?from, ?to, ?by=year|
// admin_area), /finds (?as_of) and /beneficiaries (?from, ?to).
func (d *Dashboard) Figures(view string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		known := []string{"from", "to", "by"}
		if view == "finds" {
			known = []string{"as_of"}
		} else if view == "beneficiaries" {
			known = []string{"from", "to"}
		}
		if err := checkParams(r, known...); err != nil {
			return err
		}
		c := httpx.CallerOf(r)
		if !auth.Allow(c, auth.ReadRecords, auth.Resource{}) {
			return deny(c, "read figures")
		}
		today := mineaction.DateOf(d.now())
		from, err := dateParam(r, "from")
		if err != nil {
			return err
		}
		to, err := dateParam(r, "to")
		if err != nil {
			return err
		}
		asOf, err := dateParam(r, "as_of")
		if err != nil {
			return err
		}
		if to == "" {
			to = today
		}
		if asOf == "" {
			asOf = today
		}
		by := r.URL.Query().Get("by")
		if by != "" && by != "year" && by != "admin_area" {
			return httpx.BadRequest{Err: mineaction.Invalid("by", "one of year, admin_area")}
		}
		var out any
		err = d.store.View(r.Context(), func(tx mineaction.Tx) error {
			var err error
			switch view {
			case "casualties":
				out, err = d.Casualties(r.Context(), tx, c, from, to, by)
			case "finds":
				var fs []FindCategory
				fs, err = d.Finds(r.Context(), tx, asOf)
				out = map[string]any{"as_of": asOf, "categories": fs}
			case "beneficiaries":
				var bs []BeneficiaryCell
				bs, err = d.Beneficiaries(r.Context(), tx, from, to)
				out = map[string]any{"from": from, "to": to, "cells": bs}
			}
			return err
		})
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "private, no-cache")
		return httpx.WriteJSON(w, http.StatusOK, "", out)
	}
}
