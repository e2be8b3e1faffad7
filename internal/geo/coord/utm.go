package coord

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mineaction/internal/geo"
)

// UTM is a position in the Universal Transverse Mercator system on WGS84.
type UTM struct {
	Zone     int     // 1 to 60
	North    bool    // northern hemisphere; false for southern
	Easting  float64 // metres, including the 500 km false easting
	Northing float64 // metres from the equator, plus 10,000 km in the south
}

// String writes u as GeoConvert does, with the hemisphere as n or s and the
// coordinates to the millimetre, trailing zeros dropped:
// "38n 567890.123 4456789".
func (u UTM) String() string {
	h := "n"
	if !u.North {
		h = "s"
	}
	return fmt.Sprintf("%02d%s %s %s", u.Zone, h, trimFixed(u.Easting, 3), trimFixed(u.Northing, 3))
}

// trimFixed formats v with at most prec decimals, dropping trailing zeros.
func trimFixed(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// checkPoint rejects non-finite coordinates and those outside the ranges of
// latitude and longitude.
func checkPoint(p geo.Point) error {
	if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
		return fmt.Errorf("position (%v, %v) is not finite", p.Y, p.X)
	}
	if p.Y < -90 || p.Y > 90 {
		return fmt.Errorf("latitude %v is outside [-90, 90]", p.Y)
	}
	if p.X < -180 || p.X > 180 {
		return fmt.Errorf("longitude %v is outside [-180, 180]", p.X)
	}
	return nil
}

// bandIndex returns the MGRS latitude band of lat as an index from -10 (C,
// 80°S to 72°S) to 9 (X, 72°N to 84°N); band 0 (N) starts at the equator.
func bandIndex(lat float64) int {
	b := int(math.Floor(lat / 8))
	return max(-10, min(9, b))
}

// standardZone returns the UTM zone of a point in the UTM latitude range,
// with the Norway (32V) and Svalbard (31X, 33X, 35X, 37X) exceptions.
func standardZone(lat, lon float64) int {
	ilon := int(math.Floor(lon))
	if ilon >= 180 {
		ilon = -180 // 180°E is the west edge of zone 1
	}
	zone := (ilon + 186) / 6 // ilon in [-180, 180)
	switch band := bandIndex(lat); {
	case band == 7 && zone == 31 && ilon >= 3:
		zone = 32
	case band == 9 && ilon >= 0 && ilon < 42:
		// Zones 32, 34 and 36 are not used: 31X is 0°-9°E, 33X 9°-21°E,
		// 35X 21°-33°E and 37X 33°-42°E.
		if ilon < 9 {
			zone = 31
		} else if ilon < 21 {
			zone = 33
		} else if ilon < 33 {
			zone = 35
		} else {
			zone = 37
		}
	}
	return zone
}

// centralMeridian returns the longitude of the centre of a UTM zone.
func centralMeridian(zone int) float64 { return float64(6*zone - 183) }

// ToUTM converts p (longitude X, latitude Y, degrees) to UTM in its standard
// zone. It returns an error wrapping ErrPolar for latitudes south of 80°S or
// at or north of 84°N.
func ToUTM(p geo.Point) (UTM, error) {
	if err := checkPoint(p); err != nil {
		return UTM{}, err
	}
	if p.Y < -80 || p.Y >= 84 {
		return UTM{}, fmt.Errorf("latitude %v: %w", p.Y, ErrPolar)
	}
	zone := standardZone(p.Y, p.X)
	dlon := math.Remainder(p.X-centralMeridian(zone), 360)
	x, y := wgs84TM.forward(p.Y, dlon, utmK0)
	u := UTM{Zone: zone, North: p.Y >= 0, Easting: utmFalseE + x, Northing: y}
	if !u.North {
		u.Northing += utmFalseN
	}
	return u, nil
}

// ToZone converts p to UTM in a given zone (1 to 60) and hemisphere, which
// need not be the point's standard zone: a data set in one projected CRS,
// such as EPSG:32638 (WGS 84 / UTM zone 38N), writes all its positions in
// that zone. The Krüger series stays accurate to well under a millimetre up
// to several degrees beyond the zone's edges.
func ToZone(p geo.Point, zone int, north bool) (UTM, error) {
	if err := checkPoint(p); err != nil {
		return UTM{}, err
	}
	if zone < 1 || zone > 60 {
		return UTM{}, fmt.Errorf("UTM zone %d is outside 1 to 60", zone)
	}
	if p.Y < -80 || p.Y >= 84 {
		return UTM{}, fmt.Errorf("latitude %v: %w", p.Y, ErrPolar)
	}
	dlon := math.Remainder(p.X-centralMeridian(zone), 360)
	x, y := wgs84TM.forward(p.Y, dlon, utmK0)
	u := UTM{Zone: zone, North: north, Easting: utmFalseE + x, Northing: y}
	if !north {
		u.Northing += utmFalseN
	}
	return u, nil
}

// Point converts u back to longitude and latitude. The zone may be any of
// 1 to 60, not only the point's standard zone. The easting must lie in
// [0, 1000 km] and the northing in the hemisphere's span; the result must
// lie between 80.5°S and 84.5°N (UTM's overlap with the polar regions),
// otherwise the error wraps ErrPolar.
func (u UTM) Point() (geo.Point, error) {
	if u.Zone < 1 || u.Zone > 60 {
		return geo.Point{}, fmt.Errorf("UTM zone %d is outside 1 to 60", u.Zone)
	}
	if math.IsNaN(u.Easting) || math.IsNaN(u.Northing) || math.IsInf(u.Easting, 0) || math.IsInf(u.Northing, 0) {
		return geo.Point{}, fmt.Errorf("UTM coordinates (%v, %v) are not finite", u.Easting, u.Northing)
	}
	if u.Easting < 0 || u.Easting > 1e6 {
		return geo.Point{}, fmt.Errorf("easting %s m is outside the UTM range 0 to 1000000 m", trimFixed(u.Easting, 3))
	}
	y := u.Northing
	if u.North {
		if y < 0 || y > 9.6e6 {
			return geo.Point{}, fmt.Errorf("northing %s m is outside the northern hemisphere's range 0 to 9600000 m", trimFixed(y, 3))
		}
	} else {
		if y < 1e6 || y > utmFalseN {
			return geo.Point{}, fmt.Errorf("northing %s m is outside the southern hemisphere's range 1000000 to 10000000 m", trimFixed(y, 3))
		}
		y -= utmFalseN
	}
	lat, dlon := wgs84TM.inverse(u.Easting-utmFalseE, y, utmK0)
	if lat < -80.5 || lat > 84.5 {
		return geo.Point{}, fmt.Errorf("UTM %s is at latitude %.4f: %w", u, lat, ErrPolar)
	}
	lon := math.Remainder(centralMeridian(u.Zone)+dlon, 360)
	return geo.Point{X: lon, Y: lat}, nil
}

// FormatUTM writes p in UTM in its standard zone, as UTM.String does.
func FormatUTM(p geo.Point) (string, error) {
	u, err := ToUTM(p)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}
