package geo

import "math"

// exactSum accumulates float64 values without losing the rounding errors:
// the running total is the unevaluated pair hi + lo, where lo holds what hi
// could not (a double-double built on twoSum). Summing the edge areas of a
// polygon this way keeps full precision however many edges it has, and when
// the large edge terms of a small polygon cancel.
type exactSum struct{ hi, lo float64 }

// add adds y to the sum.
func (x *exactSum) add(y float64) {
	// Fold y into the error term first, then into the main term; the two
	// rounding errors together become the new error term.
	y, e1 := twoSum(y, x.lo)
	hi, e2 := twoSum(y, x.hi)
	if hi == 0 {
		// Everything but the first error cancelled: that is the sum.
		x.hi, x.lo = e1, 0
		return
	}
	x.hi, x.lo = hi, e1+e2
}

// negate changes the sign of the sum.
func (x *exactSum) negate() { x.hi, x.lo = -x.hi, -x.lo }

// remainder reduces the sum to (-y/2, y/2] plus the error term, exactly.
func (x *exactSum) remainder(y float64) {
	x.hi = math.Remainder(x.hi, y)
	x.hi, x.lo = twoSum(x.hi, x.lo)
}

// value returns the sum rounded to float64.
func (x *exactSum) value() float64 { return x.hi + x.lo }
