package ogcapi

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// itemsQuery is a parsed items request.
type itemsQuery struct {
	limit         int
	bbox          *geo.BBox // CRS84
	timed         bool      // datetime was given
	from, to      mineaction.Date
	filter        cql2.Expr
	after, before int64 // keyset cursors
	crs           *crs
	// plain: no bbox, datetime, filter or property parameter, so that
	// numberMatched is the collection's size.
	plain bool
	// cell is the generalisation grid of the caller, 0 for exact positions:
	// bbox then selects on the generalised geometry.
	cell float64
}

// itemsParams are the parameters every items request may carry besides the
// collection's queryables.
var itemsParams = []string{"f", "limit", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs", "after", "before"}

// parseItems reads the query of an items request. An unknown parameter or
// an invalid value is a 400.
func parseItems(c *collection, q url.Values) (*itemsQuery, error) {
	for name, vs := range q {
		if slices.Contains(itemsParams, name) {
			if len(vs) > 1 {
				return nil, badRequest(name, "given %d times; give it once", len(vs))
			}
			continue
		}
		if qb, ok := c.queryable(name); ok && paramQueryable(qb) {
			continue
		}
		return nil, badRequest(name, "unknown query parameter; known: %s and the queryables of %s (see its queryables resource)",
			strings.Join(itemsParams, ", "), c.ID)
	}
	out := &itemsQuery{limit: DefaultLimit, plain: true}
	var err error
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, badRequest("limit", "%q is not a whole number of at least 1", v)
		}
		out.limit = min(n, MaxLimit)
	}
	if out.crs, err = parseCRS("crs", q.Get("crs")); err != nil {
		return nil, err
	}
	if v := q.Get("bbox"); v != "" {
		bc, err := parseCRS("bbox-crs", q.Get("bbox-crs"))
		if err != nil {
			return nil, err
		}
		b, err := parseBBox(v, bc)
		if err != nil {
			return nil, err
		}
		out.bbox, out.plain = &b, false
	} else if q.Get("bbox-crs") != "" {
		return nil, badRequest("bbox-crs", "given without bbox")
	}
	if v := q.Get("datetime"); v != "" {
		if out.from, out.to, err = parseDatetime(v); err != nil {
			return nil, err
		}
		out.timed, out.plain = true, false
	}
	if out.filter, err = parseFilter(c, q); err != nil {
		return nil, err
	}
	var props []cql2.Expr
	for name := range q {
		if qb, ok := c.queryable(name); ok && !slices.Contains(itemsParams, name) {
			e, err := propertyEquals(qb, q[name])
			if err != nil {
				return nil, err
			}
			props = append(props, e)
		}
	}
	if len(props) > 0 {
		slices.SortFunc(props, func(a, b cql2.Expr) int { return strings.Compare(a.String(), b.String()) })
		if out.filter != nil {
			props = append([]cql2.Expr{out.filter}, props...)
		}
		out.filter = props[0]
		if len(props) > 1 {
			out.filter = cql2.And{Args: props}
		}
	}
	if out.filter != nil {
		out.plain = false
	}
	if out.after, err = cursor(q, "after"); err != nil {
		return nil, err
	}
	if out.before, err = cursor(q, "before"); err != nil {
		return nil, err
	}
	if out.after != 0 && out.before != 0 {
		return nil, badRequest("before", "after and before cannot go together")
	}
	return out, nil
}

func cursor(q url.Values, name string) (int64, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, badRequest(name, "not a paging cursor; follow the next and prev links")
	}
	return n, nil
}

// parseBBox reads bbox=minx,miny,maxx,maxy (or six numbers with heights,
// which are ignored) in the given CRS's axis order and returns the CRS84
// box.
func parseBBox(v string, c *crs) (geo.BBox, error) {
	parts := strings.Split(v, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return geo.BBox{}, badRequest("bbox", "want 4 numbers (or 6 with heights), got %d", len(parts))
	}
	n := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return geo.BBox{}, badRequest("bbox", "%q is not a number", p)
		}
		n[i] = f
	}
	if len(n) == 6 {
		n = []float64{n[0], n[1], n[3], n[4]}
	}
	if n[0] > n[2] || n[1] > n[3] {
		return geo.BBox{}, badRequest("bbox", "the lower corner (%g, %g) must come first and lie below and left of the upper one; boxes across the antimeridian are not supported", n[0], n[1])
	}
	b, err := c.boxToStorage(n[0], n[1], n[2], n[3])
	if err != nil {
		return geo.BBox{}, badRequest("bbox", "%v", err)
	}
	if b.MinY < -90 || b.MaxY > 90 || b.MinX < -180 || b.MaxX > 180 {
		return geo.BBox{}, badRequest("bbox", "outside the range of longitude and latitude; is the axis order right for %s?", c.URI)
	}
	return b, nil
}

// parseDatetime reads an RFC 3339 date, date-time or interval (start/end,
// either end ".." or empty for open) and returns the event dates it
// covers: records happen on whole days, so an instant selects its day (in
// UTC) and an interval every day it touches.
func parseDatetime(v string) (from, to mineaction.Date, err error) {
	start, end, interval := strings.Cut(v, "/")
	if !interval {
		t, err := parseInstant(v)
		if err != nil {
			return "", "", err
		}
		d := mineaction.DateOf(t)
		return d, d, nil
	}
	if (start == "" || start == "..") && (end == "" || end == "..") {
		return "", "", badRequest("datetime", "an interval needs at least one end")
	}
	var ts, te time.Time
	if start != "" && start != ".." {
		if ts, err = parseInstant(start); err != nil {
			return "", "", err
		}
		from = mineaction.DateOf(ts)
	}
	if end != "" && end != ".." {
		if te, err = parseInstant(end); err != nil {
			return "", "", err
		}
		to = mineaction.DateOf(te)
	}
	if !ts.IsZero() && !te.IsZero() && te.Before(ts) {
		return "", "", badRequest("datetime", "the interval ends before it starts")
	}
	return from, to, nil
}

func parseInstant(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(mineaction.DateLayout, s); err == nil {
		return t, nil
	}
	return time.Time{}, badRequest("datetime", "%q is not an RFC 3339 date or date-time (2024-06-10 or 2024-06-10T12:00:00Z)", s)
}

// propertyEquals turns name=value into a CQL2 comparison on the queryable,
// the value read as the queryable's type.
func propertyEquals(q mineaction.Queryable, vs []string) (cql2.Expr, error) {
	if len(vs) != 1 {
		return nil, badRequest(q.Name, "given %d times; give it once", len(vs))
	}
	v := vs[0]
	var lit cql2.Expr
	switch q.Type {
	case cql2.TypeNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, badRequest(q.Name, "%q is not a number", v)
		}
		lit = cql2.Float(f)
	case cql2.TypeInteger:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, badRequest(q.Name, "%q is not an integer", v)
		}
		lit = cql2.Int(n)
	case cql2.TypeBoolean:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, badRequest(q.Name, "%q is not true or false", v)
		}
		lit = cql2.BoolLit{Value: b}
	case cql2.TypeDate:
		t, err := time.Parse(mineaction.DateLayout, strings.TrimSuffix(v, "T"))
		if err != nil {
			return nil, badRequest(q.Name, "%q is not a date YYYY-MM-DD", v)
		}
		lit = cql2.DateLit{Value: t}
	case cql2.TypeTimestamp:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, badRequest(q.Name, "%q is not an RFC 3339 date-time", v)
		}
		lit = cql2.TimestampLit{Value: t.UTC()}
	default:
		// A code that is not in the list matches nothing: say so, rather
		// than answer an empty collection for a typing error.
		if q.Enum != nil && !q.Enum.Has(v) {
			return nil, badRequest(q.Name, "%q is not a code of %s; one of %s", v, q.Name, strings.Join(q.Enum.Codes(), ", "))
		}
		lit = cql2.StringLit{Value: v}
	}
	return cql2.Comparison{Op: cql2.Eq, Left: cql2.Property{Name: q.Name}, Right: lit}, nil
}
