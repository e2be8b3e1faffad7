package mineaction

import "mineaction/internal/geo"

// Release is one released polygon of an approved activity, clipped to its
// hazard. Released land is accounted per hazard from these.
type Release struct {
	ID          int64            `json:"-"`
	ActivityID  int64            `json:"-"`
	ActivityHID string           `json:"activity"`
	HazardID    int64            `json:"-"`
	HazardHID   string           `json:"hazard"`
	Kind        string           `json:"kind"` // ReleaseKind
	Date        Date             `json:"date"` // the activity's release date
	Method      string           `json:"method,omitempty"`
	Geometry    geo.MultiPolygon `json:"-"`             // clipped to the hazard
	AreaM2      float64          `json:"area_m2"`       // geodesic area of the clipped polygon
	OutsideM2   float64          `json:"outside_m2"`    // reported area that fell outside the hazard
	CreditedM2  float64          `json:"credited_m2"`   // new land this release counts for (first release by date)
	Index       int              `json:"outcome_index"` // position in the activity's outcomes
}

// Figures are the land release figures of one hazardous area in square
// metres on the WGS84 ellipsoid. Original = Cancelled + Reduced + Cleared +
// Remaining holds for every area.
type Figures struct {
	HazardID    int64            `json:"-"`
	Version     int              `json:"-"`
	OriginalM2  float64          `json:"original_m2"`
	CancelledM2 float64          `json:"cancelled_m2"`
	ReducedM2   float64          `json:"reduced_m2"`
	ClearedM2   float64          `json:"cleared_m2"`
	RemainingM2 float64          `json:"remaining_m2"`
	Remaining   geo.MultiPolygon `json:"-"`
}

// Credit is the land a release counts for in one hazard version: the part of
// it that no earlier release (by date, then activity) had released. Summing
// credits dated on or before a day gives that day's released figures.
type Credit struct {
	HazardID   int64
	Version    int // hazard version the credit was computed against
	ActivityID int64
	Outcome    int // index of the outcome in the activity
	Kind       string
	Date       Date
	Method     string
	AreaM2     float64
	// Organisation is the activity's organisation (read only, from a join).
	Organisation string
}
