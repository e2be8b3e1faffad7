package geo

import (
	"math"
	"strconv"
)

// AppendCoord appends v as strconv.AppendFloat(b, v, 'f', -1, 64) does:
// the shortest decimal that reads back as v, without an exponent. A page
// of features writes thousands of coordinates, and most of them were read
// from decimals of at most seven places (a centimetre at the equator, as
// GPS receivers and GIS tools write them); for those it takes a shortcut.
//
// The shortcut: if m/1e7 for the integer m nearest v·1e7 is v itself (the
// division is exact to the last bit, both being integers below 2^53), the
// decimal m/1e7 reads back as v. Where |v| < 2^26 the doubles are closer
// together than 1e-7/2, so no other decimal of at most seven places reads
// back as v, and a shorter one would be such a decimal: m/1e7 with its
// trailing zeros cut is the shortest. Anything else goes to strconv.
func AppendCoord(b []byte, v float64) []byte {
	const scale = 1e7
	if v == 0 || math.Abs(v) >= 1<<26 {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	m := math.Round(v * scale)
	if m/scale != v {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	n := int64(m)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	// Written by hand, two digits at a time: most coordinates are degrees,
	// whose whole part has one to three digits.
	whole, frac := n/scale, n%scale
	switch {
	case whole < 10:
		b = append(b, byte('0'+whole))
	case whole < 100:
		b = append(b, digitPairs[2*whole], digitPairs[2*whole+1])
	default:
		b = strconv.AppendInt(b, whole, 10)
	}
	if frac == 0 {
		return b
	}
	// The seven decimals (in 32 bits, where dividing is cheaper), then the
	// trailing zeros cut.
	f := uint32(frac)
	p1, p2, p3 := f/1e4%100, f/100%100, f%100
	b = append(b, '.', byte('0'+f/1e6), digitPairs[2*p1], digitPairs[2*p1+1], digitPairs[2*p2], digitPairs[2*p2+1],
		digitPairs[2*p3], digitPairs[2*p3+1])
	end := len(b)
	for b[end-1] == '0' {
		end--
	}
	return b[:end]
}

// digitPairs holds the two digits of 00 to 99 at 2·n.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"
