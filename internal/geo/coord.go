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
	b = strconv.AppendInt(b, n/scale, 10)
	frac := n % scale
	if frac == 0 {
		return b
	}
	var d [8]byte
	d[0] = '.'
	for i := 7; i >= 1; i-- {
		d[i] = byte('0' + frac%10)
		frac /= 10
	}
	end := 8
	for d[end-1] == '0' {
		end--
	}
	return append(b, d[:end]...)
}
