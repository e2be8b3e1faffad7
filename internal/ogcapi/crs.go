package ogcapi

import (
	"fmt"
	"math"
	"strings"

	"mineaction/internal/geo"
	"mineaction/internal/geo/coord"
)

// crs is a coordinate reference system the API reads and writes (OGC API
// Features Part 2). Positions are stored in CRS84 (longitude, latitude).
type crs struct {
	URI string
	// latFirst: EPSG:4326 orders its axes latitude, longitude.
	latFirst bool
	// zone is the UTM zone (northern hemisphere) of a projected CRS, or 0.
	zone int
}

// The CRS URIs.
const (
	uriCRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	uri4326  = "http://www.opengis.net/def/crs/EPSG/0/4326"
)

// crsList is every CRS the API supports, CRS84 first: the demo country
// lies in UTM zones 38N and 39N.
var crsList = []*crs{
	{URI: uriCRS84},
	{URI: uri4326, latFirst: true},
	{URI: "http://www.opengis.net/def/crs/EPSG/0/32638", zone: 38},
	{URI: "http://www.opengis.net/def/crs/EPSG/0/32639", zone: 39},
}

// crsURIs returns the URIs of crsList.
func crsURIs() []string {
	out := make([]string, len(crsList))
	for i, c := range crsList {
		out[i] = c.URI
	}
	return out
}

// parseCRS reads a CRS parameter: a URI of crsList, in http or https, or
// its safe CURIE form [EPSG:4326]. Empty means CRS84.
func parseCRS(param, v string) (*crs, error) {
	if v == "" {
		return crsList[0], nil
	}
	norm := strings.TrimPrefix(strings.TrimPrefix(v, "https://"), "http://")
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		auth, code, _ := strings.Cut(strings.Trim(v, "[]"), ":")
		norm = "www.opengis.net/def/crs/" + strings.ToUpper(auth) + "/0/" + code
		if strings.EqualFold(auth, "OGC") {
			norm = "www.opengis.net/def/crs/OGC/1.3/" + code
		}
	}
	for _, c := range crsList {
		if strings.TrimPrefix(c.URI, "http://") == norm {
			return c, nil
		}
	}
	return nil, badRequest(param, "unsupported CRS %q; one of %s", v, strings.Join(crsURIs(), ", "))
}

// isCRS84 reports whether the CRS is the storage CRS.
func (c *crs) isCRS84() bool { return c.URI == uriCRS84 }

// header is the value of the Content-Crs header.
func (c *crs) header() string { return "<" + c.URI + ">" }

// fromStorage converts a CRS84 position to this CRS, in axis order: the
// returned X is the first coordinate written.
func (c *crs) fromStorage(p geo.Point) (geo.Point, error) {
	switch {
	case c.latFirst:
		return geo.Point{X: p.Y, Y: p.X}, nil
	case c.zone != 0:
		u, err := coord.ToZone(p, c.zone, true)
		if err != nil {
			return geo.Point{}, err
		}
		return geo.Point{X: math.Round(u.Easting*1000) / 1000, Y: math.Round(u.Northing*1000) / 1000}, nil
	}
	return p, nil
}

// toStorage converts a position given in this CRS, in its axis order, to
// CRS84.
func (c *crs) toStorage(p geo.Point) (geo.Point, error) {
	switch {
	case c.latFirst:
		return geo.Point{X: p.Y, Y: p.X}, nil
	case c.zone != 0:
		return coord.UTM{Zone: c.zone, North: true, Easting: p.X, Northing: p.Y}.Point()
	}
	return p, nil
}

// transform maps every position of g with f.
func transform(g geo.Geometry, f func(geo.Point) (geo.Point, error)) (geo.Geometry, error) {
	var err error
	pts := func(in []geo.Point) []geo.Point {
		out := make([]geo.Point, len(in))
		for i, p := range in {
			if err == nil {
				out[i], err = f(p)
			}
		}
		return out
	}
	poly := func(in geo.Polygon) geo.Polygon {
		out := make(geo.Polygon, len(in))
		for i, r := range in {
			out[i] = geo.Ring(pts(r))
		}
		return out
	}
	var out geo.Geometry
	switch g := g.(type) {
	case nil:
		return nil, nil
	case geo.Point:
		p, e := f(g)
		out, err = p, e
	case geo.MultiPoint:
		out = geo.MultiPoint(pts(g))
	case geo.LineString:
		out = geo.LineString(pts(g))
	case geo.Polygon:
		out = poly(g)
	case geo.MultiPolygon:
		mp := make(geo.MultiPolygon, len(g))
		for i, p := range g {
			mp[i] = poly(p)
		}
		out = mp
	default:
		return nil, fmt.Errorf("unsupported geometry %T", g)
	}
	return out, err
}

// boxToStorage converts a box given in this CRS (min and max in its axis
// order) to the CRS84 box that contains it. A UTM box is curved in
// longitude and latitude, so its edges are sampled.
func (c *crs) boxToStorage(minA, minB, maxA, maxB float64) (geo.BBox, error) {
	steps := 1
	if c.zone != 0 {
		steps = 16
	}
	b := geo.EmptyBBox()
	for i := 0; i <= steps; i++ {
		t := float64(i) / float64(steps)
		a, v := minA+t*(maxA-minA), minB+t*(maxB-minB)
		for _, p := range []geo.Point{{X: a, Y: minB}, {X: a, Y: maxB}, {X: minA, Y: v}, {X: maxA, Y: v}} {
			q, err := c.toStorage(p)
			if err != nil {
				return geo.BBox{}, err
			}
			b = b.Extend(q)
		}
	}
	return b, nil
}
