package geo

import "math"

// Angle arithmetic in degrees that is exact where it can be: reductions to a
// quadrant are done in degrees (where multiples of 90 are exact) before any
// conversion to radians, so that a latitude of 90 has a cosine of exactly 0
// and a longitude difference of 180 is exactly 180.

const radPerDeg = math.Pi / 180

// geodTiny is a small number whose square does not underflow; it stands in for
// zero where a direction must stay defined.
var geodTiny = math.Sqrt(0x1p-1022)

// twoSum returns s = fl(a+b) and the rounding error err, so that
// s + err == a + b exactly (Knuth's error-free transformation).
func twoSum(a, b float64) (s, err float64) {
	s = a + b
	bv := s - a
	av := s - bv
	err = (a - av) + (b - bv)
	return s, err
}

// remainder360 returns the IEEE remainder of x by 360, in [-180, 180]; it
// skips the general (and slow) math.Remainder for angles already in range,
// where the remainder is x itself.
func remainder360(x float64) float64 {
	if x >= -180 && x <= 180 {
		return x
	}
	return math.Remainder(x, 360)
}

// angNormalize reduces x to [-180, 180], keeping 180 as 180 and -180 as -180.
func angNormalize(x float64) float64 {
	y := remainder360(x)
	if math.Abs(y) == 180 {
		return math.Copysign(180, x)
	}
	return y
}

// angDiff returns d and err with d + err = y - x exactly (for finite inputs),
// d reduced to [-180, 180].
func angDiff(x, y float64) (d, err float64) {
	d, err = twoSum(remainder360(-x), remainder360(y))
	d, err2 := twoSum(remainder360(d), err)
	err = err2
	if d == 0 || math.Abs(d) == 180 {
		// Choose the sign of a zero or half-turn difference from the inputs.
		s := -err
		if err == 0 {
			s = y - x
		}
		d = math.Copysign(d, s)
	}
	return d, err
}

// angRound rounds an angle so that tiny values are quantised to multiples of
// 2^-57 degrees: this keeps later sums of small angles from losing digits
// to underflow and makes results for tiny angles reproducible.
func angRound(x float64) float64 {
	const z = 1.0 / 16
	y := math.Abs(x)
	if y < z {
		y = z - (z - y)
	}
	return math.Copysign(y, x)
}

// latFix returns lat, or NaN when it is outside [-90, 90].
func latFix(lat float64) float64 {
	if math.Abs(lat) > 90 {
		return math.NaN()
	}
	return lat
}

// sincosd returns the sine and cosine of x degrees, exact for multiples of 90.
func sincosd(x float64) (s, c float64) {
	r, q := degQuadrant(x)
	s, c = math.Sincos(r * radPerDeg)
	return unfoldQuadrant(s, c, q, x)
}

// sincosdErr returns the sine and cosine of x + t degrees, where t is a small
// correction (such as the err part of angDiff) added after the quadrant has
// been removed from x exactly; the remainder is rounded with angRound.
func sincosdErr(x, t float64) (s, c float64) {
	r, q := degQuadrant(x)
	s, c = math.Sincos(angRound(r+t) * radPerDeg)
	return unfoldQuadrant(s, c, q, x+t)
}

// degQuadrant splits x degrees into r in [-45, 45] and a quarter-turn count q
// with x = r + 90 q (mod 360), exactly.
func degQuadrant(x float64) (r float64, q int) {
	r = remainder360(x)
	qf := math.Round(r / 90)
	return r - 90*qf, int(qf)
}

// unfoldQuadrant turns the sine and cosine of the reduced angle back into those of
// the full angle; a zero sine takes the sign of the original angle.
func unfoldQuadrant(s, c float64, q int, x float64) (float64, float64) {
	switch q & 3 {
	case 1:
		s, c = c, -s
	case 2:
		s, c = -s, -c
	case 3:
		s, c = -c, s
	}
	c += 0 // turn -0 into +0
	if s == 0 {
		s = math.Copysign(0, x)
	}
	return s, c
}

// atan2d returns atan2(y, x) in degrees, in [-180, 180], exact for the axes.
func atan2d(y, x float64) float64 {
	// Fold into the octant |y| <= x, where atan2 is best conditioned, and
	// unfold in degrees.
	q := 0
	if math.Abs(y) > math.Abs(x) {
		x, y = y, x
		q = 2
	}
	if math.Signbit(x) {
		x = -x
		q++
	}
	ang := math.Atan2(y, x) / radPerDeg
	switch q {
	case 1:
		ang = math.Copysign(180, y) - ang
	case 2:
		ang = 90 - ang
	case 3:
		ang = -90 + ang
	}
	return ang
}

// hypotUnit returns sqrt(x² + y²) for arguments of order 1 (sines and
// cosines), where the overflow guards of math.Hypot cost time for nothing.
func hypotUnit(y, x float64) float64 { return math.Sqrt(x*x + y*y) }

// normSinCos scales (y, x) to a unit vector.
func normSinCos(y, x float64) (float64, float64) {
	r := hypotUnit(y, x)
	return y / r, x / r
}
