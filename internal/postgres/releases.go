package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

func (t *txn) ReplaceReleases(ctx context.Context, activityID int64, rs []*mineaction.Release) error {
	t.cache.dropReleases()
	// One round trip: the deletion and every insertion.
	b := &pgx.Batch{}
	b.Queue("DELETE FROM releases WHERE activity_id = $1", activityID)
	for _, r := range rs {
		bb := r.Geometry.Bounds()
		b.Queue(`INSERT INTO releases (activity_id, hazard_id, kind, date, method, outcome_index,
			geom, area_m2, outside_m2, credited_m2, minx, miny, maxx, maxy)
			VALUES ($1, $2, $3, $4::date, $5, $6, `+geomIn("$7")+`, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			activityID, r.HazardID, r.Kind, dateArg(r.Date), r.Method, r.Index, wkb(r.Geometry), r.AreaM2, r.OutsideM2,
			r.CreditedM2, bb.MinX, bb.MinY, bb.MaxX, bb.MaxY)
	}
	br := t.tx.SendBatch(ctx, b)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return storeErr("releases", err)
	}
	for _, r := range rs {
		if err := br.QueryRow().Scan(&r.ID); err != nil {
			return storeErr("release", err)
		}
		r.ActivityID = activityID
	}
	return storeErr("releases", br.Close())
}

var releaseCols = `l.id, l.activity_id, a.hid, l.hazard_id, h.hid, l.kind, ` + dateCol("l.date") + `, l.method, l.outcome_index, ` +
	geomCol("l.geom") + `, l.area_m2, l.outside_m2, l.credited_m2`

const releaseFrom = ` FROM releases l JOIN records a ON a.id = l.activity_id JOIN records h ON h.id = l.hazard_id`

func scanReleases(rows pgx.Rows) ([]*mineaction.Release, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*mineaction.Release, error) {
		var r mineaction.Release
		var g []byte
		if err := row.Scan(&r.ID, &r.ActivityID, &r.ActivityHID, &r.HazardID, &r.HazardHID, &r.Kind, &r.Date, &r.Method,
			&r.Index, &g, &r.AreaM2, &r.OutsideM2, &r.CreditedM2); err != nil {
			return nil, err
		}
		var err error
		r.Geometry, err = multiPolygonFromWKB(g)
		return &r, err
	})
}

// releasesOf reads the releases of hazard $1.
var releasesOf = "SELECT " + releaseCols + releaseFrom + " WHERE l.hazard_id = $1 ORDER BY l.date, l.activity_id, l.outcome_index"

func (t *txn) ReleasesOfHazard(ctx context.Context, hazardID int64) ([]*mineaction.Release, error) {
	if err := t.awaitPrefetch(ctx, hazardID); err != nil {
		return nil, err
	}
	if rs, ok := t.cache.releasesOf(hazardID); ok {
		return rs, nil
	}
	rows, err := t.tx.Query(ctx, releasesOf, hazardID)
	if err != nil {
		return nil, storeErr("releases", err)
	}
	out, err := scanReleases(rows)
	if err != nil {
		return nil, storeErr("releases", err)
	}
	return t.cache.putReleases(hazardID, out), nil
}

func (t *txn) Releases(ctx context.Context, q mineaction.RecordQuery) ([]*mineaction.Release, error) {
	w := &where{}
	if q.BBox != nil {
		w.bboxCond("l", q.BBox.MinX, q.BBox.MinY, q.BBox.MaxX, q.BBox.MaxY)
	}
	if q.DateFrom != "" {
		w.add("l.date >= " + w.arg(string(q.DateFrom)) + "::date")
	}
	if q.DateTo != "" {
		w.add("l.date <= " + w.arg(string(q.DateTo)) + "::date")
	}
	if q.LinkedTo != 0 {
		p := w.arg(q.LinkedTo)
		w.add("(l.hazard_id = " + p + " OR l.activity_id = " + p + ")")
	}
	if q.AfterID != 0 {
		w.add("l.id > " + w.arg(q.AfterID))
	}
	if q.BeforeID != 0 {
		w.add("l.id < " + w.arg(q.BeforeID))
	}
	query := "SELECT " + releaseCols + releaseFrom + w.sql() + " ORDER BY l.id"
	if q.BeforeID != 0 {
		query += " DESC" // the last Limit before BeforeID; reversed below
	}
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.tx.Query(ctx, query, w.args...)
	if err != nil {
		return nil, storeErr("releases", err)
	}
	out, err := scanReleases(rows)
	if err == nil && q.BeforeID != 0 {
		slices.Reverse(out)
	}
	return out, storeErr("releases", err)
}

func (t *txn) PutFigures(ctx context.Context, hazardID int64, f *mineaction.Figures, credits []mineaction.Credit) error {
	// Held back, and sent with the next statement: the old credits go, the
	// figures and the new credits come, and the releases take the credited
	// areas of the current version.
	t.cache.dropAccounting(hazardID)
	hold := func(sql string, args ...any) { t.tx.hold("figures", sql, args...) }
	hold("DELETE FROM credits WHERE hazard_id = $1", hazardID)
	if f == nil {
		hold("DELETE FROM figures WHERE hazard_id = $1", hazardID)
		return nil
	}
	hold(`INSERT INTO figures (hazard_id, version, original_m2, cancelled_m2, reduced_m2, cleared_m2,
		remaining_m2, remaining_geom) VALUES ($1, $2, $3, $4, $5, $6, $7, `+geomIn("$8")+`)
		ON CONFLICT (hazard_id) DO UPDATE SET version = excluded.version, original_m2 = excluded.original_m2,
		cancelled_m2 = excluded.cancelled_m2, reduced_m2 = excluded.reduced_m2, cleared_m2 = excluded.cleared_m2,
		remaining_m2 = excluded.remaining_m2, remaining_geom = excluded.remaining_geom`,
		hazardID, f.Version, f.OriginalM2, f.CancelledM2, f.ReducedM2, f.ClearedM2, f.RemainingM2, wkb(f.Remaining))
	queueCredits(hold, hazardID, f.Version, credits)
	return nil
}

// queueCredits queues the insertion of a hazard's credits and the update
// of the credited area of its releases from those of the current version,
// in two statements whatever their number (a hazard worked for years has
// hundreds).
func queueCredits(queue func(sql string, args ...any), hazardID int64, current int, credits []mineaction.Credit) {
	if len(credits) == 0 {
		return
	}
	n := len(credits)
	versions, acts, outs := make([]int32, n), make([]int64, n), make([]int32, n)
	kinds, dates, methods, areas := make([]string, n), make([]string, n), make([]string, n), make([]float64, n)
	var curActs []int64
	var curOuts []int32
	var curAreas []float64
	for i, c := range credits {
		versions[i], acts[i], outs[i] = int32(c.Version), c.ActivityID, int32(c.Outcome)
		kinds[i], dates[i], methods[i], areas[i] = c.Kind, string(c.Date), c.Method, c.AreaM2
		if c.Version == current {
			curActs, curOuts, curAreas = append(curActs, c.ActivityID), append(curOuts, int32(c.Outcome)), append(curAreas, c.AreaM2)
		}
	}
	queue(`INSERT INTO credits (hazard_id, version, activity_id, outcome, kind, date, method, area_m2)
		SELECT $1, v, a, o, k, d::date, m, ar FROM unnest($2::integer[], $3::bigint[], $4::integer[], $5::text[], $6::text[],
		$7::text[], $8::double precision[]) AS c(v, a, o, k, d, m, ar)`,
		hazardID, versions, acts, outs, kinds, dates, methods, areas)
	if len(curActs) > 0 {
		queue(`UPDATE releases SET credited_m2 = c.ar
			FROM unnest($2::bigint[], $3::integer[], $4::double precision[]) AS c(a, o, ar)
			WHERE releases.hazard_id = $1 AND releases.activity_id = c.a AND releases.outcome_index = c.o`,
			hazardID, curActs, curOuts, curAreas)
	}
}

// figuresOf reads the figures of hazard $1.
var figuresOf = `SELECT version, original_m2, cancelled_m2, reduced_m2, cleared_m2, remaining_m2, ` +
	geomCol("remaining_geom") + ` FROM figures WHERE hazard_id = $1`

func scanFigures(sc scanner, hazardID int64) (*mineaction.Figures, error) {
	f := mineaction.Figures{HazardID: hazardID}
	var g []byte
	if err := sc.Scan(&f.Version, &f.OriginalM2, &f.CancelledM2, &f.ReducedM2, &f.ClearedM2, &f.RemainingM2, &g); err != nil {
		return nil, err
	}
	var err error
	f.Remaining, err = multiPolygonFromWKB(g)
	return &f, err
}

func (t *txn) Figures(ctx context.Context, hazardID int64) (*mineaction.Figures, error) {
	what := fmt.Sprintf("figures of hazard %d", hazardID)
	if f, ok := t.snap.figuresOf(hazardID); ok {
		if f == nil {
			return nil, storeErr(what, pgx.ErrNoRows)
		}
		return f, nil
	}
	if err := t.awaitPrefetch(ctx, hazardID); err != nil {
		return nil, err
	}
	if f, ok := t.cache.figuresOf(hazardID); ok {
		if f == nil {
			return nil, storeErr(what, pgx.ErrNoRows)
		}
		return f, nil
	}
	f, err := scanFigures(t.tx.QueryRow(ctx, figuresOf, hazardID), hazardID)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		t.cache.putFigures(hazardID, nil)
		return nil, storeErr(what, err)
	case err != nil:
		return nil, storeErr(what, err)
	}
	return t.cache.putFigures(hazardID, f), nil
}

func (t *txn) AllCredits(ctx context.Context) ([]mineaction.Credit, error) {
	return t.credits(ctx, creditsSelect+creditOrder)
}

func (t *txn) CreditsOfHazard(ctx context.Context, hazardID int64) ([]mineaction.Credit, error) {
	if err := t.awaitPrefetch(ctx, hazardID); err != nil {
		return nil, err
	}
	if cs, ok := t.cache.creditsOf(hazardID); ok {
		return cs, nil
	}
	out, err := t.credits(ctx, creditsOf, hazardID)
	if err != nil {
		return nil, err
	}
	return t.cache.putCredits(hazardID, out), nil
}

// creditsSelect reads credits in creditOrder; creditsOf those of hazard $1.
var (
	creditsSelect = `SELECT c.hazard_id, c.version, c.activity_id, c.outcome, c.kind, ` + dateCol("c.date") + `, c.method,
	c.area_m2, o.code FROM credits c JOIN records a ON a.id = c.activity_id JOIN organisations o ON o.id = a.org_id`
	creditsOf = creditsSelect + " WHERE c.hazard_id = $1" + creditOrder
)

const creditOrder = ` ORDER BY c.hazard_id, c.version, c.date, c.activity_id, c.outcome`

func (t *txn) credits(ctx context.Context, query string, args ...any) ([]mineaction.Credit, error) {
	rows, err := t.tx.Query(ctx, query, args...)
	if err != nil {
		return nil, storeErr("credits", err)
	}
	out, err := scanCredits(rows)
	return out, storeErr("credits", err)
}

func scanCredits(rows pgx.Rows) ([]mineaction.Credit, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (mineaction.Credit, error) {
		var c mineaction.Credit
		err := r.Scan(&c.HazardID, &c.Version, &c.ActivityID, &c.Outcome, &c.Kind, &c.Date, &c.Method, &c.AreaM2, &c.Organisation)
		return c, err
	})
}

func (t *txn) PutHazardVersion(ctx context.Context, h mineaction.HazardVersionFigure) error {
	// Held back, and sent with the next statement.
	t.tx.hold("hazard history", `INSERT INTO hazard_history (hazard_id, version, doi, deleted, original_m2, org_code,
		admin_area, status, category) VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9)`,
		h.HazardID, h.Version, dateArg(h.DateOfInformation), h.Deleted, h.OriginalM2, h.Organisation, h.AdminArea, h.Status, h.Category)
	return nil
}

func (t *txn) DeleteHazardVersion(ctx context.Context, hazardID int64, version int) error {
	t.tx.hold("hazard history", "DELETE FROM hazard_history WHERE hazard_id = $1 AND version = $2", hazardID, version)
	return nil
}

func (t *txn) HazardHistory(ctx context.Context) ([]mineaction.HazardVersionFigure, error) {
	rows, err := t.tx.Query(ctx, `SELECT h.hazard_id, r.hid, h.version, `+dateCol("h.doi")+`, h.deleted, h.original_m2, h.org_code,
		h.admin_area, h.status, h.category FROM hazard_history h JOIN records r ON r.id = h.hazard_id
		ORDER BY h.hazard_id, h.version`)
	if err != nil {
		return nil, storeErr("hazard history", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (mineaction.HazardVersionFigure, error) {
		var h mineaction.HazardVersionFigure
		err := r.Scan(&h.HazardID, &h.HID, &h.Version, &h.DateOfInformation, &h.Deleted, &h.OriginalM2, &h.Organisation,
			&h.AdminArea, &h.Status, &h.Category)
		return h, err
	})
	return out, storeErr("hazard history", err)
}
