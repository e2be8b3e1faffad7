package ogcapi

import (
	"cmp"
	"context"
	"slices"

	"mineaction/internal/auth"
	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// page is one page of features, in key order, and whether there are more
// before and after it.
type page struct {
	items      []item
	prev, next bool
	matched    int // numberMatched, or -1 when not cheap to know
}

// fetch reads one page of a collection. Pages are keyed on the database id
// (keyset paging): after=K gives the first features with a greater key,
// before=K the last ones with a smaller key. Stores select by bounding box
// with their spatial index; the exact box test and, for the collections
// kept in memory, the filter run here.
func (s *Service) fetch(ctx context.Context, tx mineaction.Tx, c *collection, q *itemsQuery, gen int64) (*page, error) {
	var (
		got []item
		err error
	)
	switch c.Source {
	case fromRecords:
		got, err = fetchRecords(ctx, tx, c, q)
	case fromReleases:
		got, err = fetchReleases(ctx, tx, q)
	default:
		return s.fetchReference(ctx, tx, c, q)
	}
	if err != nil {
		return nil, err
	}
	p := &page{matched: -1}
	more := len(got) > q.limit
	got = got[:min(len(got), q.limit)]
	if q.before != 0 {
		slices.Reverse(got)
		p.prev, p.next = more, true
	} else {
		p.prev, p.next = q.after != 0, more
	}
	p.items = got
	if q.plain && c.Source == fromRecords {
		if p.matched, err = s.count(ctx, tx, c, gen); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// scan collects up to limit+1 matching items in the direction of travel,
// reading batches from next until it returns fewer than asked.
func scan(q *itemsQuery, keep func(*item) bool, next func(cursor int64, want int) ([]item, error)) ([]item, error) {
	need := q.limit + 1
	cur, backward := q.after, q.before != 0
	if backward {
		cur = q.before
	}
	var got []item
	for len(got) < need {
		want := need - len(got)
		if q.bbox != nil {
			// A few candidates fail the exact test (a bounding box reaches
			// the box, the geometry does not): ask for a few more. A record
			// read and dropped costs as much as one kept, and a short batch
			// only one more query.
			want += want/16 + 2
		}
		batch, err := next(cur, want)
		if err != nil {
			return nil, err
		}
		if backward {
			slices.Reverse(batch)
		}
		for i := range batch {
			it := &batch[i]
			cur = it.key
			if (q.bbox == nil || intersectsBox(seen(it, q.cell), *q.bbox)) && (keep == nil || keep(it)) {
				got = append(got, *it)
				if len(got) == need {
					break
				}
			}
		}
		if len(batch) < want {
			break
		}
	}
	return got, nil
}

// seen returns the geometry a caller with generalisation grid cell sees.
func seen(it *item, cell float64) geo.Geometry {
	if cell > 0 && auth.Sensitive(it.rtype, it.index) {
		return geo.Generalise(it.geom, cell)
	}
	return it.geom
}

func fetchRecords(ctx context.Context, tx mineaction.Tx, c *collection, q *itemsQuery) ([]item, error) {
	rq := mineaction.RecordQuery{Type: c.Type, BBox: q.bbox, Filter: q.filter, WithFigures: c.Type == mineaction.TypeHazard,
		WithoutLinks: true, ForPage: true}
	if q.bbox != nil && q.cell > 0 {
		// A generalised geometry reaches at most a cell beyond the exact one.
		rq.BBox = &geo.BBox{MinX: q.bbox.MinX - q.cell, MinY: q.bbox.MinY - q.cell, MaxX: q.bbox.MaxX + q.cell, MaxY: q.bbox.MaxY + q.cell}
	}
	if q.timed {
		rq.DateFrom, rq.DateTo = q.from, q.to
	}
	return scan(q, nil, func(cursor int64, want int) ([]item, error) {
		rq.AfterID, rq.BeforeID, rq.Limit = 0, 0, want
		if q.before != 0 {
			rq.BeforeID = cursor
		} else {
			rq.AfterID = cursor
		}
		rs, err := tx.Records(ctx, rq)
		if err != nil {
			return nil, storeError(err)
		}
		out := make([]item, len(rs))
		for i, r := range rs {
			out[i] = recordItem(r)
		}
		return out, nil
	})
}

func fetchReleases(ctx context.Context, tx mineaction.Tx, q *itemsQuery) ([]item, error) {
	rq := mineaction.RecordQuery{BBox: q.bbox}
	if q.bbox != nil && q.cell > 0 {
		// As for records: select on what the caller sees, which reaches at
		// most a cell beyond the exact polygon.
		rq.BBox = &geo.BBox{MinX: q.bbox.MinX - q.cell, MinY: q.bbox.MinY - q.cell, MaxX: q.bbox.MaxX + q.cell, MaxY: q.bbox.MaxY + q.cell}
	}
	if q.timed {
		rq.DateFrom, rq.DateTo = q.from, q.to
	}
	var ferr error
	keep := matcher(q.filter, &ferr)
	got, err := scan(q, keep, func(cursor int64, want int) ([]item, error) {
		if q.filter != nil {
			want = max(want, 256) // the filter runs here: read in bulk
		}
		rq.AfterID, rq.BeforeID, rq.Limit = 0, 0, want
		if q.before != 0 {
			rq.BeforeID = cursor
		} else {
			rq.AfterID = cursor
		}
		rs, err := tx.Releases(ctx, rq)
		if err != nil {
			return nil, err
		}
		out := make([]item, len(rs))
		for i, r := range rs {
			out[i] = releaseItem(r)
		}
		return out, ferr
	})
	if err == nil {
		err = ferr
	}
	return got, err
}

// fetchReference pages through admin areas or places, which are few and
// read whole.
func (s *Service) fetchReference(ctx context.Context, tx mineaction.Tx, c *collection, q *itemsQuery) (*page, error) {
	var all []item
	if c.Source == fromAdminAreas {
		as, err := tx.AdminAreas(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			all = append(all, adminAreaItem(a))
		}
	} else {
		ps, err := tx.Places(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			all = append(all, placeItem(p))
		}
	}
	slices.SortFunc(all, func(a, b item) int { return cmp.Compare(a.key, b.key) })
	var ferr error
	keep := matcher(q.filter, &ferr)
	var match []item
	for i := range all {
		it := &all[i]
		if q.timed {
			continue // no feature here has a time
		}
		if (q.bbox == nil || intersectsBox(it.geom, *q.bbox)) && (keep == nil || keep(it)) {
			match = append(match, *it)
		}
		if ferr != nil {
			return nil, ferr
		}
	}
	p := &page{matched: len(match)}
	start, end := 0, len(match)
	switch {
	case q.before != 0:
		end, _ = slices.BinarySearchFunc(match, q.before, func(it item, k int64) int { return cmp.Compare(it.key, k) })
		start = max(0, end-q.limit)
	case q.after != 0:
		i, found := slices.BinarySearchFunc(match, q.after, func(it item, k int64) int { return cmp.Compare(it.key, k) })
		if found {
			i++
		}
		start = i
		end = min(len(match), start+q.limit)
	default:
		end = min(len(match), q.limit)
	}
	p.items = match[start:end]
	p.prev, p.next = start > 0, end < len(match)
	return p, nil
}

// matcher returns a test that evaluates filter e in memory, recording the
// first evaluation error in *errp.
func matcher(e cql2.Expr, errp *error) func(*item) bool {
	if e == nil {
		return nil
	}
	return func(it *item) bool {
		ok, err := cql2.EvalWith(e, it, cql2.Options{Spatial: spatial{}})
		if err != nil && *errp == nil {
			*errp = badRequest("filter", "%v", err)
		}
		return ok
	}
}

// spatial answers CQL2 spatial predicates with GEOS, as the stores do.
type spatial = geos.Spatial

// count returns the number of current records of the collection, counted
// once per state of the database.
func (s *Service) count(ctx context.Context, tx mineaction.Tx, c *collection, gen int64) (int, error) {
	s.countMu.Lock()
	e, ok := s.counts[c.ID]
	s.countMu.Unlock()
	if ok && e.generation == gen {
		return e.n, nil
	}
	n, err := tx.CountRecords(ctx, mineaction.RecordQuery{Type: c.Type})
	if err != nil {
		return 0, err
	}
	s.countMu.Lock()
	s.counts[c.ID] = countEntry{generation: gen, n: n}
	s.countMu.Unlock()
	return n, nil
}

// storeError turns a filter the store cannot translate into a 400.
func storeError(err error) error {
	if mineaction.ErrorKind(err) == mineaction.KindInvalid {
		return httpx.BadRequest{Err: err}
	}
	return err
}
