package coord

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mineaction/internal/geo"
)

const (
	// mgrsBands are the latitude bands, 8° each from 80°S (X is 12°).
	mgrsBands = "CDEFGHJKLMNPQRSTUVWX"
	// mgrsCols are the 100 km column letters; each zone uses eight of them,
	// starting at A, J or S as the zone number is 1, 2 or 0 modulo 3.
	mgrsCols = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	// mgrsRows are the 100 km row letters, repeating every 2000 km; even
	// zones start five letters later.
	mgrsRows = "ABCDEFGHJKLMNPQRSTUV"
	// mgrsMaxDigits is the finest precision supported: 5 digits, 1 m.
	mgrsMaxDigits = 5
)

// colLetters returns the eight column letters used in a zone.
func colLetters(zone int) string {
	o := 8 * ((zone - 1) % 3)
	return mgrsCols[o : o+8]
}

// rowShift is the offset of the row letters in a zone.
func rowShift(zone int) int {
	if zone%2 == 0 {
		return 5
	}
	return 0
}

// FormatMGRS writes p as an MGRS reference with digits (0 to 5) digits
// each for easting and northing: 5 names a 1 m square, 0 a 100 km square.
// Like GeoConvert it truncates, so the square named contains p; the zone is
// p's standard UTM zone. Latitudes outside the UTM range give ErrPolar.
func FormatMGRS(p geo.Point, digits int) (string, error) {
	if digits < 0 || digits > mgrsMaxDigits {
		return "", fmt.Errorf("MGRS precision %d is outside 0 to %d digits", digits, mgrsMaxDigits)
	}
	u, err := ToUTM(p)
	if err != nil {
		return "", err
	}
	// Truncate in whole micrometres, as GeographicLib does, so that points
	// on a square's edge fall the same way.
	const micro = 1e6
	const tile = int64(100000 * micro)
	ix := int64(math.Floor(u.Easting * micro))
	iy := int64(math.Floor(u.Northing * micro))
	col, row := ix/tile-1, iy/tile
	if col < 0 || col > 7 {
		return "", fmt.Errorf("easting %s m is outside MGRS columns of zone %d", trimFixed(u.Easting, 3), u.Zone)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%02d%c%c%c", u.Zone, mgrsBands[bandIndex(p.Y)+10], colLetters(u.Zone)[col], mgrsRows[(int(row)+rowShift(u.Zone))%20])
	if digits > 0 {
		res := int64(math.Pow10(mgrsMaxDigits-digits)) * int64(micro)
		fmt.Fprintf(&b, "%0*d%0*d", digits, (ix%tile)/res, digits, (iy%tile)/res)
	}
	return b.String(), nil
}

// ParseMGRS reads an MGRS reference such as "38TNK6789056789" (spaces
// allowed, letters in either case, 0 to 5 digits each for easting and
// northing) and returns the centre of the square it names, as GeoConvert
// does. The zone may be any of 1 to 60; polar (UPS) references are not
// supported.
func ParseMGRS(s string) (geo.Point, error) {
	fail := func(format string, args ...any) (geo.Point, error) {
		return geo.Point{}, &ParseError{Input: s, Format: "MGRS", Reason: fmt.Sprintf(format, args...)}
	}
	t := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if t == "" {
		return fail("empty; expected a reference like 38TNK6789056789")
	}
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		if strings.IndexByte("ABYZ", t[0]) >= 0 {
			return fail("polar (UPS) references are not supported")
		}
		return fail("expected a grid zone such as 38T at the start")
	}
	if i > 2 {
		return fail("zone number %s has more than two digits", t[:i])
	}
	zone, _ := strconv.Atoi(t[:i])
	if zone < 1 || zone > 60 {
		return fail("zone %d is outside 1 to 60", zone)
	}
	if i == len(t) {
		return fail("expected a latitude band letter (C to X) after zone %d", zone)
	}
	band := strings.IndexByte(mgrsBands, t[i])
	if band < 0 {
		return fail("%q is not a latitude band letter (C to X, without I and O)", t[i])
	}
	band -= 10
	gzd := t[:i+1]
	i++
	if len(t) < i+2 {
		return fail("expected the two letters of the 100 km square after %s", gzd)
	}
	col := strings.IndexByte(colLetters(zone), t[i])
	if col < 0 {
		return fail("column letter %q is not used in zone %d (expected one of %s)", t[i], zone, colLetters(zone))
	}
	rowLetter := strings.IndexByte(mgrsRows, t[i+1])
	if rowLetter < 0 {
		return fail("row letter %q is not an MGRS row letter (A to V, without I and O)", t[i+1])
	}
	sq := t[i : i+2]
	digits := t[i+2:]
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return fail("unexpected %q after %s%s; expected digits", digits[j:], gzd, sq)
		}
	}
	if len(digits)%2 != 0 {
		return fail("%d digits after %s%s; expected an even number, easting then northing", len(digits), gzd, sq)
	}
	n := len(digits) / 2
	if n > mgrsMaxDigits {
		return fail("%d digits each for easting and northing; at most %d (1 m) are supported", n, mgrsMaxDigits)
	}
	row, ok := mgrsRow(band, col, (rowLetter-rowShift(zone)+20)%20)
	if !ok {
		return fail("100 km square %s is not in zone and band %s", sq, gzd)
	}
	res := math.Pow10(mgrsMaxDigits - n)
	var de, dn float64
	if n > 0 {
		e, _ := strconv.Atoi(digits[:n])
		nn, _ := strconv.Atoi(digits[n:])
		de, dn = float64(e)*res, float64(nn)*res
	}
	u := UTM{
		Zone:     zone,
		North:    band >= 0,
		Easting:  float64(col+1)*1e5 + de + res/2,
		Northing: float64(row)*1e5 + dn + res/2,
	}
	if !u.North {
		u.Northing += utmFalseN
	}
	p, err := u.Point()
	if err != nil {
		return geo.Point{}, &ParseError{Input: s, Format: "MGRS", Reason: err.Error(), Err: err}
	}
	return p, nil
}

// mgrsRow resolves the 2000 km ambiguity of a row letter: given the band,
// the column (0 to 7) and the row number modulo 20 (0 at the equator), it
// returns the row in 100 km steps from the equator (negative in the south)
// whose square is nearest the band's middle, and whether that square
// overlaps the band at all in this column.
func mgrsRow(band, col, periodic int) (int, bool) {
	lat0 := float64(8 * band)
	lat1 := lat0 + 8
	if band == 9 {
		lat1 = 84
	}
	// 90° of latitude is very nearly 100 rows of 100 km.
	mid := (lat0 + lat1) / 2 * 100 / 90
	k := math.Round((mid - float64(periodic) - 0.5) / 20)
	row := periodic + 20*int(k)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range []float64{float64(col+1) * 1e5, float64(col+2) * 1e5} {
		for _, n := range []float64{float64(row) * 1e5, float64(row+1) * 1e5} {
			// Latitude is extreme at the corners: along a row's edge it
			// falls away from the central meridian, which is a column edge.
			lat, _ := wgs84TM.inverse(e-utmFalseE, n, utmK0)
			lo, hi = math.Min(lo, lat), math.Max(hi, lat)
		}
	}
	// Like GeoConvert, accept the rows that reach beyond the UTM range in
	// the polar bands; Point then refuses those squares with ErrPolar.
	polar := (band == -10 && row == -90) || (band == 9 && row == 94)
	return row, polar || (lo < lat1 && hi > lat0)
}
