package demo

import (
	"time"

	"mineaction/internal/mineaction"
)

// day is a calendar day counted from 1970-01-01, so that dates can be drawn
// and compared as integers.
type day int

func dayOf(s string) day {
	t, err := time.Parse(mineaction.DateLayout, s)
	if err != nil {
		panic("demo: bad date " + s)
	}
	return day(t.Unix() / 86400)
}

func (d day) date() mineaction.Date {
	return mineaction.Date(time.Unix(int64(d)*86400, 0).UTC().Format(mineaction.DateLayout))
}

// The dates the data set is built around.
var (
	// ceasefire is the start of the casualty count (the November 2020
	// ceasefire statement took effect on 10 November).
	ceasefire = dayOf("2020-11-10")
	// firstSurvey is the earliest date of information of a hazard.
	firstSurvey = dayOf("2020-11-15")
	// calibrationDay is the day of the published figures the data set is
	// calibrated on: contaminated share and casualties.
	calibrationDay = dayOf("2024-06-10")
	// laterDay is the day of the second published casualty figure.
	laterDay = dayOf("2024-09-30")
	// endOfReporting is the last day of completed work (December 2024);
	// after it only ongoing and planned work, and a few events, are
	// recorded, up to the cut-off.
	endOfReporting = dayOf("2024-12-31")
	// cutOff is the last date of information in the data set. The workflow
	// clock must be on or after it.
	cutOff = dayOf("2025-06-30")
)

// The published figures the data set reproduces.
const (
	// TargetShare is the contaminated share of the territory on the
	// calibration date (more than 12%, June 2024).
	TargetShare = 0.120
	// MinShare and MaxShare bound what the check accepts.
	MinShare = 0.115
	MaxShare = 0.130
	// Casualties since the ceasefire, and killed among them, on the
	// calibration date and on 30 September 2024.
	CasualtiesJune      = 361
	KilledJune          = 68
	CasualtiesSeptember = 377
	KilledSeptember     = 69
)

// Dates of the published figures, as dates.
var (
	// CalibrationDate is 2024-06-10.
	CalibrationDate = calibrationDay.date()
	// SecondDate is 2024-09-30.
	SecondDate = laterDay.date()
	// CasualtiesFrom is the first day casualties are counted from.
	CasualtiesFrom = ceasefire.date()
	// CutOff is the last date of information in the data set; the workflow
	// clock must not be before it.
	CutOff = cutOff.date()
)
