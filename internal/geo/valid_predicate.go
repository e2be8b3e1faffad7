package geo

import (
	"math"
	"math/big"
)

// Exact geometric predicates for Validate.
//
// Validity is a yes-or-no question about degenerate configurations (a vertex
// exactly on an edge, two edges exactly collinear), so the answer must not
// depend on rounding. Every decision in Validate goes through vldOrient,
// which returns the exact sign of the orientation determinant of three
// float64 points, and through comparisons of coordinates, which are exact.
// vldOrient evaluates the determinant in floating point first and returns
// at once when the result is larger than a bound on its rounding error
// (Shewchuk's filter, "Adaptive Precision Floating-Point Arithmetic and Fast
// Robust Geometric Predicates", 1997); only near-degenerate cases fall
// through to an exact evaluation, by error-free transformations (two-sum
// and fused multiply-add) into a floating-point expansion, or, when
// products could underflow or overflow, by rational arithmetic. No
// intersection point is ever computed to decide anything; computed points
// appear only in messages.

// vldErrBound is (3 + 16ε)ε, ε = 2⁻⁵³: Shewchuk's ccwerrboundA.
const vldErrBound = (3 + 16*0x1p-53) * 0x1p-53

// vldOrient returns +1 if c lies to the left of the directed line a→b
// (a, b, c counter-clockwise), -1 if to the right, 0 if the three points
// are collinear. The sign is exact for all finite inputs.
func vldOrient(a, b, c Point) int {
	acx, bcx := a.X-c.X, b.X-c.X
	acy, bcy := a.Y-c.Y, b.Y-c.Y
	// A difference is zero exactly when the coordinates are equal, so a
	// zero factor is a true zero: common for axis-aligned edges.
	if (acx == 0 || bcy == 0) && (acy == 0 || bcx == 0) {
		return 0
	}
	detL := acx * bcy
	detR := acy * bcx
	det := detL - detR
	bound := vldErrBound * (math.Abs(detL) + math.Abs(detR))
	if bound > 0x1p-900 && bound < 0x1p900 {
		if det > bound {
			return 1
		}
		if -det > bound {
			return -1
		}
	}
	return vldOrientExact(a, b, c)
}

// vldTwoSum returns s = fl(a+b) and the rounding error e, a+b = s+e exactly.
func vldTwoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// vldOrientExact evaluates the orientation determinant exactly.
func vldOrientExact(a, b, c Point) int {
	// Each difference is exactly the sum of two floats.
	var d [4][2]float64
	d[0][0], d[0][1] = vldTwoSum(a.X, -c.X)
	d[1][0], d[1][1] = vldTwoSum(b.Y, -c.Y)
	d[2][0], d[2][1] = vldTwoSum(a.Y, -c.Y)
	d[3][0], d[3][1] = vldTwoSum(b.X, -c.X)
	// det = d0*d1 - d2*d3: sixteen exact products (value and error).
	var terms [16]float64
	n := 0
	for _, pair := range [2][3]int{{0, 1, 1}, {2, 3, -1}} {
		for _, x := range d[pair[0]] {
			for _, y := range d[pair[1]] {
				p := x * y
				// Outside this range the product's error may not be exact
				// (underflow) or the product may not be finite.
				if x != 0 && y != 0 && !(math.Abs(p) >= 0x1p-960 && math.Abs(p) <= 0x1p960) {
					return vldOrientRational(a, b, c)
				}
				e := math.FMA(x, y, -p)
				terms[n], terms[n+1] = float64(pair[2])*p, float64(pair[2])*e
				n += 2
			}
		}
	}
	// Sum into a nonoverlapping expansion (Shewchuk's Grow-Expansion); its
	// largest nonzero component has the sign of the sum.
	var exp [17]float64
	m := 0
	for _, t := range terms {
		q := t
		for i := 0; i < m; i++ {
			q, exp[i] = vldTwoSum(q, exp[i])
		}
		exp[m] = q
		m++
	}
	for i := m - 1; i >= 0; i-- {
		if exp[i] > 0 {
			return 1
		}
		if exp[i] < 0 {
			return -1
		}
	}
	return 0
}

// vldOrientRational evaluates the determinant with rational arithmetic,
// for coordinates so large or so close that float products could overflow
// or underflow.
func vldOrientRational(a, b, c Point) int {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	l := new(big.Rat).Mul(sub(a.X, c.X), sub(b.Y, c.Y))
	rt := new(big.Rat).Mul(sub(a.Y, c.Y), sub(b.X, c.X))
	return l.Cmp(rt)
}

// vldHit classifies how two segments meet.
type vldHit int

const (
	vldNone    vldHit = iota // no common point
	vldCross                 // the interiors cross at one point
	vldTouch                 // one common point, an endpoint of at least one segment
	vldOverlap               // collinear, sharing a stretch of positive length
)

// vldIntersect classifies the segments p1p2 and q1q2 (each of nonzero
// length) and returns a point of the meeting: the touching point (always
// an input vertex), the start of the overlap, or an approximate crossing.
func vldIntersect(p1, p2, q1, q2 Point) (vldHit, Point) {
	o1, o2 := vldOrient(p1, p2, q1), vldOrient(p1, p2, q2)
	if o1 != 0 && o1 == o2 {
		return vldNone, Point{}
	}
	o3, o4 := vldOrient(q1, q2, p1), vldOrient(q1, q2, p2)
	if o3 != 0 && o3 == o4 {
		return vldNone, Point{}
	}
	if o1 == 0 && o2 == 0 {
		return vldCollinear(p1, p2, q1, q2)
	}
	switch {
	case o1 == 0:
		return vldTouch, q1
	case o2 == 0:
		return vldTouch, q2
	case o3 == 0:
		return vldTouch, p1
	case o4 == 0:
		return vldTouch, p2
	}
	// Proper crossing; the point is for messages only.
	dx, dy := p2.X-p1.X, p2.Y-p1.Y
	ex, ey := q2.X-q1.X, q2.Y-q1.Y
	t := ((q1.X-p1.X)*ey - (q1.Y-p1.Y)*ex) / (dx*ey - dy*ex)
	return vldCross, Point{p1.X + t*dx, p1.Y + t*dy}
}

// vldCollinear handles two segments on one line: it compares them along an
// axis on which the line is not constant, which is exact.
func vldCollinear(p1, p2, q1, q2 Point) (vldHit, Point) {
	key := func(p Point) float64 { return p.X }
	if p1.X == p2.X {
		key = func(p Point) float64 { return p.Y }
	}
	pLo, pHi := p1, p2
	if key(pLo) > key(pHi) {
		pLo, pHi = pHi, pLo
	}
	qLo, qHi := q1, q2
	if key(qLo) > key(qHi) {
		qLo, qHi = qHi, qLo
	}
	lo, hi := pLo, pHi
	if key(qLo) > key(lo) {
		lo = qLo
	}
	if key(qHi) < key(hi) {
		hi = qHi
	}
	switch {
	case key(lo) > key(hi):
		return vldNone, Point{}
	case key(lo) == key(hi):
		return vldTouch, lo
	}
	return vldOverlap, lo
}

// vldSameDir reports whether the rays from p through a and through b point
// the same way.
func vldSameDir(p, a, b Point) bool {
	sgn := func(v float64) int {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	return vldOrient(p, a, b) == 0 && sgn(a.X-p.X) == sgn(b.X-p.X) && sgn(a.Y-p.Y) == sgn(b.Y-p.Y)
}

// vldSide tells where the ray from p through x lies relative to the wedge
// swept counter-clockwise from the ray p→s to the ray p→e: +1 strictly
// inside, -1 strictly outside, 0 along s or e (or if s and e coincide).
func vldSide(p, s, e, x Point) int {
	if vldSameDir(p, s, x) || vldSameDir(p, e, x) || vldSameDir(p, s, e) {
		return 0
	}
	in := false
	switch os := vldOrient(p, s, e); {
	case os > 0: // convex wedge
		in = vldOrient(p, s, x) > 0 && vldOrient(p, x, e) > 0
	case os < 0: // reflex wedge: inside unless in the convex rest
		in = !(vldOrient(p, e, x) > 0 && vldOrient(p, x, s) > 0)
	default: // half-plane: s and e point opposite ways
		in = vldOrient(p, s, x) > 0
	}
	if in {
		return 1
	}
	return -1
}

// vldCrossesAt reports whether a boundary passing through p from a0 to a1
// and another passing through p from b0 to b1 cross there, rather than
// touch: b0 and b1 lie strictly on different sides of the first.
func vldCrossesAt(p, a0, a1, b0, b1 Point) bool {
	return vldSide(p, a0, a1, b0)*vldSide(p, a0, a1, b1) < 0
}

// vldInside reports whether p lies inside the closed ring pts by the
// crossing-number rule; p must not lie on the ring.
func vldInside(pts []Point, p Point) bool {
	in := false
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		if (a.Y > p.Y) == (b.Y > p.Y) {
			continue
		}
		o := vldOrient(a, b, p)
		if (b.Y > a.Y && o > 0) || (b.Y < a.Y && o < 0) {
			in = !in
		}
	}
	return in
}
