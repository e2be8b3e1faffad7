package geo

import "math"

// Geodesic measures on WGS84: polygon edges are geodesics (shortest paths on
// the ellipsoid), as in GeographicLib's Planimeter. The area of a ring is the
// sum over its edges of S12, the area between the edge and the equator
// (Karney 2013, section 6), accumulated exactly and reduced once at the end,
// counting the edges that cross the prime meridian to tell whether the ring
// encircles a pole.

// ellipsoidArea is the total area of the WGS84 ellipsoid in m².
var ellipsoidArea = 4 * math.Pi * wgs84.c2

// RingArea returns the signed geodesic area of a ring in m²: positive when
// the ring runs counter-clockwise (seen from above, interior on the left),
// negative when clockwise. The ring may be closed (last point equal to the
// first) or not; the closing edge is implied. Of the two regions a ring
// divides the ellipsoid into, the area is that of the smaller, so its
// magnitude is at most half the ellipsoid's. Coordinates must be valid
// (latitudes in [-90, 90]); otherwise the result is NaN.
func RingArea(r Ring) float64 {
	pts := ringVertices(r)
	if len(pts) < 3 {
		return 0
	}
	var sum exactSum
	crossings := 0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		sum.add(wgs84.inverse(p.Y, p.X, q.Y, q.X, true).area)
		crossings += meridianTransit(p.X, q.X)
	}
	return reduceArea(&sum, crossings)
}

// Area returns the absolute geodesic area in m² of a Polygon or MultiPolygon:
// for each polygon, the area of its shell less the areas of its holes, summed
// over the polygons. Ring orientation does not matter. Points and lines have
// no area: the result is 0.
func Area(g Geometry) float64 {
	var sum exactSum
	for _, p := range Polygons(g) {
		for i, r := range p {
			a := math.Abs(RingArea(r))
			if i > 0 {
				a = -a
			}
			sum.add(a)
		}
	}
	return sum.value()
}

// Perimeter returns the total geodesic length in metres of all the rings
// (shells and holes) of a Polygon or MultiPolygon, each ring closed. Points
// and lines have no perimeter: the result is 0 (see Length for lines).
func Perimeter(g Geometry) float64 {
	var sum exactSum
	for _, p := range Polygons(g) {
		for _, r := range p {
			pts := ringVertices(r)
			if len(pts) < 2 {
				continue
			}
			sum.add(pathLength(pts))
			last, first := pts[len(pts)-1], pts[0]
			sum.add(wgs84.inverse(last.Y, last.X, first.Y, first.X, false).s12)
		}
	}
	return sum.value()
}

// Length returns the geodesic length of a line in metres.
func Length(l LineString) float64 {
	return pathLength(l)
}

// pathLength sums the geodesic lengths of the edges between consecutive
// points.
func pathLength(pts []Point) float64 {
	var sum exactSum
	for i := 1; i < len(pts); i++ {
		p, q := pts[i-1], pts[i]
		sum.add(wgs84.inverse(p.Y, p.X, q.Y, q.X, false).s12)
	}
	return sum.value()
}

// ringVertices returns the ring without its closing point, if it has one.
func ringVertices(r Ring) []Point {
	if n := len(r); n > 1 && r[n-1] == r[0] {
		return r[:n-1]
	}
	return r
}

// meridianTransit returns 1 if the edge from longitude lon1 to lon2 (the shorter
// way round) crosses the prime meridian eastwards, -1 if westwards, else 0.
// The half-open tests count an edge that starts or ends on the meridian
// consistently, so that a ring crossing it n times counts n.
func meridianTransit(lon1, lon2 float64) int {
	lon12, _ := angDiff(lon1, lon2)
	lon1 = angNormalize(lon1)
	lon2 = angNormalize(lon2)
	switch {
	case lon12 > 0 && ((lon1 < 0 && lon2 >= 0) || (lon1 > 0 && lon2 == 0)):
		return 1
	case lon12 < 0 && lon1 >= 0 && lon2 < 0:
		return -1
	}
	return 0
}

// reduceArea turns the sum of the edges' S12 into the signed area of the
// ring. S12 is measured from the equator, so a ring that encircles a pole
// (crossing the prime meridian an odd number of times) is off by half the
// ellipsoid; the sum is clockwise positive and is returned counter-clockwise
// positive, in (-A/2, A/2] for an ellipsoid of area A.
func reduceArea(sum *exactSum, crossings int) float64 {
	sum.remainder(ellipsoidArea)
	if crossings&1 != 0 {
		if sum.value() < 0 {
			sum.add(ellipsoidArea / 2)
		} else {
			sum.add(-ellipsoidArea / 2)
		}
	}
	sum.negate()
	if v := sum.value(); v > ellipsoidArea/2 {
		sum.add(-ellipsoidArea)
	} else if v <= -ellipsoidArea/2 {
		sum.add(ellipsoidArea)
	}
	return 0 + sum.value()
}
