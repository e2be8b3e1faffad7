package geo

import (
	"errors"
	"fmt"
	"math"
)

// Leg is one leg of a surveyed traverse: a true bearing in degrees,
// clockwise from north in [0, 360), and a distance in metres along the
// ellipsoid.
type Leg struct{ BearingDeg, DistanceM float64 }

// ErrInvalidTraverse is wrapped by every error Traverse returns.
var ErrInvalidTraverse = errors.New("invalid traverse")

// LegError reports a leg of a traverse that cannot be walked. It wraps
// ErrInvalidTraverse.
type LegError struct {
	Index  int    // position of the leg in the slice, from 0
	Field  string // "bearing" or "distance"
	Reason string
}

// Error describes the leg and what is wrong with it.
func (e *LegError) Error() string {
	return fmt.Sprintf("leg %d: %s %s", e.Index, e.Field, e.Reason)
}

// Unwrap returns ErrInvalidTraverse.
func (e *LegError) Unwrap() error { return ErrInvalidTraverse }

// closeEnoughM is the distance below which the end of the last leg is taken
// to be the start itself: far below what any survey resolves, and large
// enough to absorb rounding in the chain of legs.
const closeEnoughM = 0.001

// Traverse walks a bearing-and-distance traverse from start, as surveyors
// record the boundary of a hazardous area from a benchmark: each leg starts
// where the previous one ended and follows the geodesic at its bearing for
// its distance. It returns the closed ring (start, the end of each leg, and
// start again) and the misclosure, the geodesic distance in metres from the
// end of the last leg back to the start. When the last leg ends within a
// millimetre of the start its end point is the start itself, so the ring
// has no sliver edge; the misclosure is still reported. Longitudes of the
// computed points are reduced to [-180, 180].
//
// A traverse needs at least two legs; bearings must lie in [0, 360) and
// distances be finite and not negative. Errors name the offending leg (a
// *LegError) and wrap ErrInvalidTraverse.
func Traverse(start Point, legs []Leg) (ring Ring, misclosureM float64, err error) {
	if !allFinite(start.X, start.Y) || math.Abs(start.Y) > 90 || math.Abs(start.X) > 180 {
		return nil, 0, fmt.Errorf("traverse start %v: not a longitude/latitude position: %w", start, ErrInvalidTraverse)
	}
	if len(legs) < 2 {
		return nil, 0, fmt.Errorf("traverse of %d legs: need at least 2: %w", len(legs), ErrInvalidTraverse)
	}
	for i, l := range legs {
		if err := checkLeg(i, l); err != nil {
			return nil, 0, fmt.Errorf("traverse: %w", err)
		}
	}
	ring = make(Ring, 0, len(legs)+2)
	ring = append(ring, start)
	p := start
	for _, l := range legs {
		p = Direct(p, l.BearingDeg, l.DistanceM)
		ring = append(ring, p)
	}
	misclosureM, _, _ = Inverse(p, start)
	if misclosureM < closeEnoughM {
		ring = ring[:len(ring)-1]
	}
	ring = append(ring, start)
	return ring, misclosureM, nil
}

func checkLeg(i int, l Leg) error {
	switch {
	case !allFinite(l.BearingDeg):
		return &LegError{Index: i, Field: "bearing", Reason: "is not a finite number"}
	case l.BearingDeg < 0 || l.BearingDeg >= 360:
		return &LegError{Index: i, Field: "bearing", Reason: fmt.Sprintf("%g is outside [0, 360)", l.BearingDeg)}
	case !allFinite(l.DistanceM):
		return &LegError{Index: i, Field: "distance", Reason: "is not a finite number"}
	case l.DistanceM < 0:
		return &LegError{Index: i, Field: "distance", Reason: fmt.Sprintf("%g m is negative", l.DistanceM)}
	}
	return nil
}

// allFinite reports whether no value is NaN or infinite.
func allFinite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
