package ogcapi

import (
	"errors"
	"net/url"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
)

// The filter languages the filter parameter accepts: the two CQL2
// encodings, and the pre-standard cql-text that GDAL 3.6 sends for an
// ogrinfo -where clause.
var filterLangs = []string{"cql2-text", "cql2-json", "cql-text"}

// parseFilter reads filter, filter-lang and filter-crs, and checks the
// expression against the collection's queryables.
func parseFilter(c *collection, q url.Values) (cql2.Expr, error) {
	text, lang := q.Get("filter"), q.Get("filter-lang")
	if text == "" {
		if lang != "" || q.Get("filter-crs") != "" {
			return nil, badRequest("filter-lang", "given without filter")
		}
		return nil, nil
	}
	var e cql2.Expr
	var err error
	switch lang {
	case "", "cql2-text":
		e, err = cql2.ParseText(text)
	case "cql2-json":
		e, err = cql2.ParseJSON([]byte(text))
	case "cql-text":
		e, err = cql2.ParseCQLText(text)
	default:
		return nil, badRequest("filter-lang", "unknown filter language %q; one of cql2-text, cql2-json, cql-text", lang)
	}
	if err != nil {
		return nil, badRequest("filter", "%v", err)
	}
	qt := c.queryableTypes()
	if lang == "cql-text" {
		e = cql2.CoerceLiterals(e, qt)
	}
	if err := cql2.Check(e, qt); err != nil {
		return nil, badRequest("filter", "%v", err)
	}
	fc, err := parseCRS("filter-crs", q.Get("filter-crs"))
	if err != nil {
		return nil, err
	}
	if !fc.isCRS84() {
		if e, err = literalsToStorage(e, fc); err != nil {
			return nil, badRequest("filter", "a geometry does not convert from %s: %v", fc.URI, err)
		}
	}
	// A self-crossing polygon has no inside: what intersects it or lies
	// within it would depend on how each store's geometry engine copes.
	var invalid error
	cql2.Walk(e, func(n cql2.Expr) bool {
		if g, ok := n.(cql2.GeometryLit); ok && invalid == nil {
			if ps := geo.Validate(g.Geometry); len(ps) > 0 {
				invalid = badRequest("filter", "a %s in the filter is not valid: %s", g.Geometry.Type(), ps[0])
			}
		}
		return invalid == nil
	})
	if invalid != nil {
		return nil, invalid
	}
	return e, nil
}

// literalsToStorage rewrites the geometry literals of e from crs c to
// CRS84. A UTM box becomes the polygon of its (curved) outline.
func literalsToStorage(e cql2.Expr, c *crs) (cql2.Expr, error) {
	lit := func(x cql2.Expr) (cql2.Expr, error) {
		switch n := x.(type) {
		case cql2.GeometryLit:
			g, err := transform(n.Geometry, c.toStorage)
			return cql2.GeometryLit{Geometry: g}, err
		case cql2.BBoxLit:
			if c.zone == 0 {
				a, err := c.toStorage(geo.Point{X: n.West, Y: n.South})
				if err != nil {
					return nil, err
				}
				b, err := c.toStorage(geo.Point{X: n.East, Y: n.North})
				return cql2.BBoxLit{West: min(a.X, b.X), South: min(a.Y, b.Y), East: max(a.X, b.X), North: max(a.Y, b.Y)}, err
			}
			var ring geo.Ring
			const steps = 16
			corners := []geo.Point{{X: n.West, Y: n.South}, {X: n.East, Y: n.South}, {X: n.East, Y: n.North}, {X: n.West, Y: n.North}}
			for i := range corners {
				a, b := corners[i], corners[(i+1)%4]
				for k := 0; k < steps; k++ {
					t := float64(k) / steps
					p, err := c.toStorage(geo.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)})
					if err != nil {
						return nil, err
					}
					ring = append(ring, p)
				}
			}
			ring = append(ring, ring[0])
			return cql2.GeometryLit{Geometry: geo.Normalize(geo.Polygon{ring})}, nil
		}
		return x, nil
	}
	var rec func(cql2.Expr) (cql2.Expr, error)
	rec = func(x cql2.Expr) (cql2.Expr, error) {
		var errs []error
		each := func(in []cql2.Expr) []cql2.Expr {
			out := make([]cql2.Expr, len(in))
			for i, a := range in {
				var err error
				out[i], err = rec(a)
				errs = append(errs, err)
			}
			return out
		}
		switch n := x.(type) {
		case cql2.And:
			return cql2.And{Args: each(n.Args)}, errors.Join(errs...)
		case cql2.Or:
			return cql2.Or{Args: each(n.Args)}, errors.Join(errs...)
		case cql2.Not:
			a, err := rec(n.Arg)
			return cql2.Not{Arg: a}, err
		case cql2.SpatialPred:
			l, err1 := lit(n.Left)
			r, err2 := lit(n.Right)
			return cql2.SpatialPred{Op: n.Op, Left: l, Right: r}, errors.Join(err1, err2)
		}
		return x, nil
	}
	return rec(e)
}
