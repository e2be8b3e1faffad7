package demo

import (
	"context"
	"encoding/json"
	"fmt"

	"mineaction/internal/mineaction"
)

// check computes the figures and counts from the stored records into the
// summary and fails if the calibrated figures miss their targets.
func check(ctx context.Context, store mineaction.Store, sum *Summary) error {
	err := store.View(ctx, func(tx mineaction.Tx) error {
		hist, err := tx.HazardHistory(ctx)
		if err != nil {
			return err
		}
		credits, err := tx.AllCredits(ctx)
		if err != nil {
			return err
		}
		cas, err := loadCasualties(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range []mineaction.Date{CalibrationDate, SecondDate, CutOff} {
			f := figuresAsOf(hist, credits, d, sum.TerritoryM2)
			f.Casualties, f.Killed = cas.count(CasualtiesFrom, d)
			sum.Figures = append(sum.Figures, f)
		}
		sum.Counts.HazardVersions = len(hist)
		return counts(ctx, tx, &sum.Counts)
	})
	if err != nil {
		return fmt.Errorf("demo check: %w", err)
	}
	june, sept := sum.Figures[0], sum.Figures[1]
	var problems []string
	if june.ContaminatedShare < MinShare || june.ContaminatedShare > MaxShare {
		problems = append(problems, fmt.Sprintf("contaminated share on %s is %.3f%%, want %.1f%%-%.1f%%", june.AsOf, 100*june.ContaminatedShare, 100*MinShare, 100*MaxShare))
	}
	if june.Casualties != CasualtiesJune || june.Killed != KilledJune {
		problems = append(problems, fmt.Sprintf("casualties on %s are %d (%d killed), want %d (%d)", june.AsOf, june.Casualties, june.Killed, CasualtiesJune, KilledJune))
	}
	if sept.Casualties != CasualtiesSeptember || sept.Killed != KilledSeptember {
		problems = append(problems, fmt.Sprintf("casualties on %s are %d (%d killed), want %d (%d)", sept.AsOf, sept.Casualties, sept.Killed, CasualtiesSeptember, KilledSeptember))
	}
	if len(problems) > 0 {
		return fmt.Errorf("demo check: the data set misses its calibration: %v", problems)
	}
	return nil
}

// figuresAsOf sums, for every hazard recorded by day d, the version that
// stood that day (the latest date of information on or before it) and the
// land credited to releases dated on or before it.
func figuresAsOf(hist []mineaction.HazardVersionFigure, credits []mineaction.Credit, d mineaction.Date, territory float64) Figures {
	valid := map[int64]mineaction.HazardVersionFigure{}
	for _, v := range hist {
		if v.DateOfInformation > d {
			continue
		}
		if cur, ok := valid[v.HazardID]; !ok || v.DateOfInformation > cur.DateOfInformation ||
			(v.DateOfInformation == cur.DateOfInformation && v.Version > cur.Version) {
			valid[v.HazardID] = v
		}
	}
	f := Figures{AsOf: d}
	for _, v := range valid {
		if v.Deleted {
			continue
		}
		f.Hazards++
		f.OriginalM2 += v.OriginalM2
	}
	for _, c := range credits {
		v, ok := valid[c.HazardID]
		if !ok || v.Deleted || v.Version != c.Version || c.Date > d {
			continue
		}
		switch c.Kind {
		case "cancelled":
			f.CancelledM2 += c.AreaM2
		case "reduced":
			f.ReducedM2 += c.AreaM2
		case "cleared":
			f.ClearedM2 += c.AreaM2
		}
	}
	f.RemainingM2 = f.OriginalM2 - f.CancelledM2 - f.ReducedM2 - f.ClearedM2
	if territory > 0 {
		f.ContaminatedShare = f.RemainingM2 / territory
	}
	return f
}

// casualties holds each victim's outcome and the date of its accident.
type casualties []struct {
	date   mineaction.Date
	killed bool
}

func loadCasualties(ctx context.Context, tx mineaction.Tx) (casualties, error) {
	accs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeAccident})
	if err != nil {
		return nil, err
	}
	dates := map[string]mineaction.Date{}
	for _, a := range accs {
		dates[a.HID] = a.Index.EventDate
	}
	vs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeVictim})
	if err != nil {
		return nil, err
	}
	out := make(casualties, 0, len(vs))
	for _, v := range vs {
		var props struct {
			Accident string `json:"accident"`
			Outcome  string `json:"outcome"`
		}
		if err := json.Unmarshal(v.Properties, &props); err != nil {
			return nil, fmt.Errorf("victim %s: %w", v.HID, err)
		}
		d, ok := dates[props.Accident]
		if !ok {
			return nil, fmt.Errorf("victim %s: no current accident %s", v.HID, props.Accident)
		}
		out = append(out, struct {
			date   mineaction.Date
			killed bool
		}{d, props.Outcome == "killed"})
	}
	return out, nil
}

// count returns the victims of accidents dated in [from, to] and the
// killed among them.
func (c casualties) count(from, to mineaction.Date) (total, killed int) {
	for _, v := range c {
		if v.date >= from && v.date <= to {
			total++
			if v.killed {
				killed++
			}
		}
	}
	return total, killed
}

// counts fills the record and reference counts.
func counts(ctx context.Context, tx mineaction.Tx, c *Counts) error {
	n := func(t mineaction.RecordType) (int, error) {
		return tx.CountRecords(ctx, mineaction.RecordQuery{Type: t})
	}
	var err error
	for _, x := range []struct {
		t   mineaction.RecordType
		dst *int
	}{{mineaction.TypeHazard, &c.Hazards}, {mineaction.TypeActivity, &c.Activities}, {mineaction.TypeAccident, &c.Accidents},
		{mineaction.TypeVictim, &c.Victims}, {mineaction.TypeQMVisit, &c.QMVisits}, {mineaction.TypeTask, &c.Tasks}} {
		if *x.dst, err = n(x.t); err != nil {
			return err
		}
	}
	sumQuantity := func(t mineaction.RecordType) (int, int64, error) {
		rs, err := tx.Records(ctx, mineaction.RecordQuery{Type: t})
		var q int64
		for _, r := range rs {
			q += r.Index.Quantity
		}
		return len(rs), q, err
	}
	if c.Finds, c.FindItems, err = sumQuantity(mineaction.TypeFind); err != nil {
		return err
	}
	if c.Sessions, c.Beneficiaries, err = sumQuantity(mineaction.TypeEducation); err != nil {
		return err
	}
	areas, err := tx.AdminAreas(ctx)
	if err != nil {
		return err
	}
	places, err := tx.Places(ctx)
	if err != nil {
		return err
	}
	orgs, err := tx.Organisations(ctx)
	if err != nil {
		return err
	}
	ord, err := tx.OrdnanceList(ctx)
	if err != nil {
		return err
	}
	c.AdminAreas, c.Places, c.Organisations, c.Ordnance = len(areas), len(places), len(orgs), len(ord)
	return nil
}
