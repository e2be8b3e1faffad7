package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// readCache keeps, for the life of one write transaction, what it read of
// the records it holds locked (LockRecords) or created, and of the land
// release accounting of those hazards, so that reading them again costs
// no round trip. An approval reads the same hazard up to four times (to
// check the reference, to link to it, and twice in the accounting), and
// its versions, figures, credits and releases once each.
//
// It is sound because nothing else can change those rows meanwhile: a
// row's lock is held until the transaction ends, the workflow changes a
// hazard's accounting and versions only under the hazard's lock (see
// internal/workflow/locks.go), and a record created in this transaction is
// seen by no other. Only reads made after the lock was sent are kept (a
// statement runs after those held before it), and this transaction's own
// writes drop what they change before they are sent. Everything returned
// is a copy: callers may change what they are given.
//
// Read-only transactions keep nothing: they are not given a cache.
type readCache struct {
	// locked holds the records locked or created by this transaction.
	locked map[int64]bool
	// records by id, and the ids of their human ids.
	records map[int64]*mineaction.RecordState
	ids     map[string]int64
	// versions, figures (nil: none), credits and releases of hazards.
	versions map[int64][]*mineaction.Version
	figures  map[int64]*mineaction.Figures
	credits  map[int64][]mineaction.Credit
	releases map[int64][]*mineaction.Release
	// fetching holds the hazards whose prefetch is held back or done;
	// inflight those whose prefetch is held back still.
	fetching, inflight map[int64]bool
	// epoch counts the writes that dropped something: a held read, sent
	// later, keeps its rows only if no write came between (the write would
	// run after the read and make it stale).
	epoch int
}

func newReadCache() *readCache {
	return &readCache{
		locked: map[int64]bool{}, records: map[int64]*mineaction.RecordState{}, ids: map[string]int64{},
		versions: map[int64][]*mineaction.Version{}, figures: map[int64]*mineaction.Figures{},
		credits: map[int64][]mineaction.Credit{}, releases: map[int64][]*mineaction.Release{},
		fetching: map[int64]bool{}, inflight: map[int64]bool{},
	}
}

// lock records that ids are locked by this transaction from now on: any
// statement sent after this call runs after the lock.
func (c *readCache) lock(ids ...int64) {
	if c == nil {
		return
	}
	for _, id := range ids {
		c.locked[id] = true
	}
}

// record returns a copy of a cached record, or nil.
func (c *readCache) record(id int64) *mineaction.RecordState {
	if c == nil || c.records[id] == nil {
		return nil
	}
	return cloneRecord(c.records[id])
}

// recordByHID returns a copy of a cached record, or nil.
func (c *readCache) recordByHID(hid string) *mineaction.RecordState {
	if c == nil {
		return nil
	}
	id, ok := c.ids[hid]
	if !ok {
		return nil
	}
	return c.record(id)
}

// putRecord keeps a record just read if it is locked, and returns a copy
// of it for the caller.
func (c *readCache) putRecord(r *mineaction.RecordState) *mineaction.RecordState {
	if c == nil || !c.locked[r.ID] {
		return r
	}
	c.records[r.ID], c.ids[r.HID] = r, r.ID
	return cloneRecord(r)
}

// dropRecord forgets a record this transaction changes, and the credits
// (which carry their activity's organisation).
func (c *readCache) dropRecord(id int64) {
	if c == nil {
		return
	}
	c.epoch++
	if r := c.records[id]; r != nil {
		delete(c.ids, r.HID)
	}
	delete(c.records, id)
	clear(c.credits)
}

// dropAll forgets everything read (a human id changed: links, versions
// and releases carry human ids).
func (c *readCache) dropAll() {
	if c == nil {
		return
	}
	c.epoch++
	clear(c.records)
	clear(c.ids)
	clear(c.versions)
	clear(c.figures)
	clear(c.credits)
	clear(c.releases)
	clear(c.fetching)
}

// dropVersions forgets the versions of a record.
func (c *readCache) dropVersions(id int64) {
	if c == nil {
		return
	}
	c.epoch++
	delete(c.versions, id)
}

// dropReleases forgets every hazard's releases (an activity's releases
// may be in several hazards).
func (c *readCache) dropReleases() {
	if c == nil {
		return
	}
	c.epoch++
	clear(c.releases)
}

// dropAccounting forgets a hazard's figures and credits, and the releases
// (whose credited areas its figures set).
func (c *readCache) dropAccounting(hazardID int64) {
	if c == nil {
		return
	}
	c.epoch++
	delete(c.figures, hazardID)
	delete(c.credits, hazardID)
	clear(c.releases)
}

// Prefetch implements mineaction.Prefetcher: the record, versions,
// figures, credits and releases of each hazard locked by this transaction
// and not fetched yet are read along with the next statement, and kept.
func (t *txn) Prefetch(ctx context.Context, hazardIDs ...int64) {
	c := t.cache
	if c == nil {
		return
	}
	for _, id := range hazardIDs {
		if !c.locked[id] || c.fetching[id] {
			continue
		}
		c.fetching[id], c.inflight[id] = true, true
		epoch := c.epoch
		// keep runs as the rows arrive: if this transaction changed
		// something since the reads were held, they ran before the change
		// and are stale.
		keep := func(f func()) {
			if c.epoch == epoch {
				f()
			}
		}
		what := fmt.Sprintf("prefetch hazard %d", id)
		t.tx.holdRead(what, recordByID, func(rows pgx.Rows) error {
			if !rows.Next() {
				return nil // no such record: nothing to keep
			}
			r, err := scanOneRecord(rows)
			if err == nil {
				keep(func() { c.putRecord(r) })
			}
			return err
		}, id)
		t.tx.holdRead(what, versionsOf, func(rows pgx.Rows) error {
			vs, err := scanVersions(rows, id)
			if err == nil {
				keep(func() { c.versions[id] = vs })
			}
			return err
		}, id)
		t.tx.holdRead(what, figuresOf, func(rows pgx.Rows) error {
			var f *mineaction.Figures
			if rows.Next() {
				var err error
				if f, err = scanFigures(rows, id); err != nil {
					return err
				}
			}
			keep(func() { c.figures[id] = f })
			return nil
		}, id)
		t.tx.holdRead(what, creditsOf, func(rows pgx.Rows) error {
			cs, err := scanCredits(rows)
			if err == nil {
				keep(func() { c.credits[id] = cs })
			}
			return err
		}, id)
		t.tx.holdRead(what, releasesOf, func(rows pgx.Rows) error {
			delete(c.inflight, id) // the last of the five
			rs, err := scanReleases(rows)
			if err == nil {
				keep(func() { c.releases[id] = rs })
			}
			return err
		}, id)
	}
}

// awaitPrefetch sends the statements held back if among them is the
// prefetch of hazard id, so that the cache has what it fetches: a read of
// the hazard calls it first, and is then answered from the cache in the
// same one round trip it would have taken.
func (t *txn) awaitPrefetch(ctx context.Context, id int64) error {
	if t.cache == nil || !t.cache.inflight[id] {
		return nil
	}
	return t.tx.flush(ctx)
}

func cloneRecord(r *mineaction.RecordState) *mineaction.RecordState {
	out := *r
	out.Links = slices.Clone(r.Links)
	out.Geometry = cloneGeometry(r.Geometry)
	if r.Figures != nil {
		f := cloneFigures(r.Figures)
		out.Figures = f
	}
	return &out
}

func cloneVersions(vs []*mineaction.Version) []*mineaction.Version {
	out := make([]*mineaction.Version, len(vs))
	for i, v := range vs {
		c := *v
		c.Geometry = cloneGeometry(v.Geometry)
		if v.UndoneAt != nil {
			at := *v.UndoneAt
			c.UndoneAt = &at
		}
		out[i] = &c
	}
	return out
}

func cloneFigures(f *mineaction.Figures) *mineaction.Figures {
	if f == nil {
		return nil
	}
	out := *f
	out.Remaining = cloneMultiPolygon(f.Remaining)
	return &out
}

func cloneReleases(rs []*mineaction.Release) []*mineaction.Release {
	out := make([]*mineaction.Release, len(rs))
	for i, r := range rs {
		c := *r
		c.Geometry = cloneMultiPolygon(r.Geometry)
		out[i] = &c
	}
	return out
}

// cloneGeometry returns a deep copy of g.
func cloneGeometry(g geo.Geometry) geo.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case geo.Point:
		return g
	case geo.MultiPoint:
		return slices.Clone(g)
	case geo.LineString:
		return slices.Clone(g)
	case geo.Polygon:
		return clonePolygon(g)
	case geo.MultiPolygon:
		return cloneMultiPolygon(g)
	}
	panic(fmt.Sprintf("clone geometry: unknown type %T", g))
}

func clonePolygon(p geo.Polygon) geo.Polygon {
	if p == nil {
		return nil
	}
	out := make(geo.Polygon, len(p))
	for i, r := range p {
		out[i] = slices.Clone(r)
	}
	return out
}

func cloneMultiPolygon(m geo.MultiPolygon) geo.MultiPolygon {
	if m == nil {
		return nil
	}
	out := make(geo.MultiPolygon, len(m))
	for i, p := range m {
		out[i] = clonePolygon(p)
	}
	return out
}

// versionsOf returns a copy of a record's cached versions.
func (c *readCache) versionsOf(id int64) ([]*mineaction.Version, bool) {
	if c == nil {
		return nil, false
	}
	vs, ok := c.versions[id]
	if !ok {
		return nil, false
	}
	return cloneVersions(vs), true
}

// putVersions keeps the versions just read of a locked record, and returns
// a copy for the caller.
func (c *readCache) putVersions(id int64, vs []*mineaction.Version) []*mineaction.Version {
	if c == nil || !c.locked[id] {
		return vs
	}
	c.versions[id] = vs
	return cloneVersions(vs)
}

// figuresOf returns a copy of a hazard's cached figures (nil if it has
// none), and whether they are cached.
func (c *readCache) figuresOf(id int64) (*mineaction.Figures, bool) {
	if c == nil {
		return nil, false
	}
	f, ok := c.figures[id]
	return cloneFigures(f), ok
}

// putFigures keeps the figures just read of a locked hazard (nil: none),
// and returns a copy for the caller.
func (c *readCache) putFigures(id int64, f *mineaction.Figures) *mineaction.Figures {
	if c == nil || !c.locked[id] {
		return f
	}
	c.figures[id] = f
	return cloneFigures(f)
}

// creditsOf returns a copy of a hazard's cached credits.
func (c *readCache) creditsOf(id int64) ([]mineaction.Credit, bool) {
	if c == nil {
		return nil, false
	}
	cs, ok := c.credits[id]
	return slices.Clone(cs), ok
}

// putCredits keeps the credits just read of a locked hazard, and returns a
// copy for the caller.
func (c *readCache) putCredits(id int64, cs []mineaction.Credit) []mineaction.Credit {
	if c == nil || !c.locked[id] {
		return cs
	}
	c.credits[id] = cs
	return slices.Clone(cs)
}

// releasesOf returns a copy of a hazard's cached releases.
func (c *readCache) releasesOf(id int64) ([]*mineaction.Release, bool) {
	if c == nil {
		return nil, false
	}
	rs, ok := c.releases[id]
	if !ok {
		return nil, false
	}
	return cloneReleases(rs), true
}

// putReleases keeps the releases just read of a locked hazard, and returns
// a copy for the caller.
func (c *readCache) putReleases(id int64, rs []*mineaction.Release) []*mineaction.Release {
	if c == nil || !c.locked[id] {
		return rs
	}
	c.releases[id] = rs
	return cloneReleases(rs)
}
