package postgres

import (
	"context"

	"mineaction/internal/mineaction"
)

// snapshotReads keeps, for the life of one read-only transaction, the
// dependents and the figures that came with the records it read. A read-
// only transaction at REPEATABLE READ sees one snapshot from its first
// statement to its end, so what it read once stays true: reading a record
// costs one round trip, and its dependents and figures (which the record
// endpoints and pages read next) cost none.
type snapshotReads struct {
	dependents map[int64][]mineaction.Link
	// figures holds the figures of the hazards read: nil where there are
	// none (a hazard not yet accounted, or a record of another type).
	figures map[int64]*mineaction.Figures
}

func newSnapshotReads() *snapshotReads {
	return &snapshotReads{dependents: map[int64][]mineaction.Link{}, figures: map[int64]*mineaction.Figures{}}
}

// dependentsOf returns a copy of the dependents read with record id, and
// whether they were read.
func (s *snapshotReads) dependentsOf(id int64) ([]mineaction.Link, bool) {
	if s == nil {
		return nil, false
	}
	deps, ok := s.dependents[id]
	return append([]mineaction.Link(nil), deps...), ok
}

// figuresOf returns a copy of the figures read with hazard id (nil: it has
// none), and whether they were read.
func (s *snapshotReads) figuresOf(id int64) (*mineaction.Figures, bool) {
	if s == nil {
		return nil, false
	}
	f, ok := s.figures[id]
	return cloneFigures(f), ok
}

// recordInSnapshot reads what recordByID or recordByHID read, and with it
// the record's dependents (what Dependents reads) and its figures (what
// Figures reads), in one statement.
const recordInSnapshot = ", dp.rels, dp.ids, dp.hids, f.version, f.original_m2, f.cancelled_m2, f.reduced_m2, " +
	"f.cleared_m2, f.remaining_m2, "

var (
	snapshotFrom = recordFrom + linksLateral + ` LEFT JOIN LATERAL (SELECT array_agg(l.rel ORDER BY d.id) rels,
	array_agg(d.id ORDER BY d.id) ids, array_agg(d.hid ORDER BY d.id) hids
	FROM record_links l JOIN records d ON d.id = l.record_id WHERE l.target_id = r.id AND NOT d.deleted) dp ON true
	LEFT JOIN figures f ON f.hazard_id = r.id`
	snapshotCols      = "SELECT " + recordCols + ", lk.rels, lk.targets, lk.hids" + recordInSnapshot + geomCol("f.remaining_geom")
	snapshotRecordID  = snapshotCols + snapshotFrom + " WHERE r.id = $1"
	snapshotRecordHID = snapshotCols + snapshotFrom + " WHERE r.hid = $1"
)

// snapshotRecord reads one record, by id (key an int64) or human id (a
// string), with its dependents and figures, and keeps the latter two.
func (t *txn) snapshotRecord(ctx context.Context, query string, key any) (*mineaction.RecordState, error) {
	var r *mineaction.RecordState
	var rels, hids, deps, depHIDs []string
	var targets, depIDs []int64
	var fv *int64
	var f [5]*float64
	var g []byte
	err := scanRecordExtra(t.tx.QueryRow(ctx, query, key), &r, &rels, &targets, &hids, &deps, &depIDs, &depHIDs,
		&fv, &f[0], &f[1], &f[2], &f[3], &f[4], &g)
	if err != nil {
		return nil, err
	}
	for i := range rels {
		r.Links = append(r.Links, mineaction.Link{Rel: mineaction.RefKind(rels[i]), Target: targets[i], HID: hids[i]})
	}
	links := make([]mineaction.Link, len(deps))
	for i := range deps {
		links[i] = mineaction.Link{Rel: mineaction.RefKind(deps[i]), Target: depIDs[i], HID: depHIDs[i]}
	}
	t.snap.dependents[r.ID] = links
	var figs *mineaction.Figures
	if fv != nil {
		figs = &mineaction.Figures{HazardID: r.ID, Version: int(*fv), OriginalM2: *f[0], CancelledM2: *f[1],
			ReducedM2: *f[2], ClearedM2: *f[3], RemainingM2: *f[4]}
		if figs.Remaining, err = multiPolygonFromWKB(g); err != nil {
			return nil, err
		}
	}
	t.snap.figures[r.ID] = figs
	return r, nil
}
