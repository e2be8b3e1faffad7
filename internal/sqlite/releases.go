package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"mineaction/internal/mineaction"
)

func (t *txn) ReplaceReleases(ctx context.Context, activityID int64, rs []*mineaction.Release) error {
	if _, err := t.exec(ctx, "DELETE FROM releases_rtree WHERE id IN (SELECT id FROM releases WHERE activity_id = ?)", activityID); err != nil {
		return storeErr("release index", err)
	}
	if _, err := t.exec(ctx, "DELETE FROM releases WHERE activity_id = ?", activityID); err != nil {
		return storeErr("releases", err)
	}
	for _, r := range rs {
		b := r.Geometry.Bounds()
		err := t.queryRow(ctx, `INSERT INTO releases (activity_id, hazard_id, kind, date, method, outcome_index,
			geom, area_m2, outside_m2, credited_m2, minx, miny, maxx, maxy)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			activityID, r.HazardID, r.Kind, r.Date, r.Method, r.Index, wkb(r.Geometry), r.AreaM2, r.OutsideM2, r.CreditedM2,
			b.MinX, b.MinY, b.MaxX, b.MaxY).Scan(&r.ID)
		if err != nil {
			return storeErr("release", err)
		}
		r.ActivityID = activityID
		if _, err := t.exec(ctx, "INSERT INTO releases_rtree (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)",
			r.ID, b.MinX, b.MaxX, b.MinY, b.MaxY); err != nil {
			return storeErr("release index", err)
		}
	}
	return nil
}

const releaseCols = `l.id, l.activity_id, a.hid, l.hazard_id, h.hid, l.kind, l.date, l.method, l.outcome_index, l.geom,
	l.area_m2, l.outside_m2, l.credited_m2`

const releaseFrom = ` FROM releases l JOIN records a ON a.id = l.activity_id JOIN records h ON h.id = l.hazard_id`

func scanReleases(rows *sql.Rows) ([]*mineaction.Release, error) {
	defer rows.Close()
	var out []*mineaction.Release
	for rows.Next() {
		var r mineaction.Release
		var g []byte
		if err := rows.Scan(&r.ID, &r.ActivityID, &r.ActivityHID, &r.HazardID, &r.HazardHID, &r.Kind, &r.Date, &r.Method,
			&r.Index, &g, &r.AreaM2, &r.OutsideM2, &r.CreditedM2); err != nil {
			return nil, err
		}
		var err error
		if r.Geometry, err = multiPolygonFromWKB(g); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}

func (t *txn) ReleasesOfHazard(ctx context.Context, hazardID int64) ([]*mineaction.Release, error) {
	rows, err := t.query(ctx, "SELECT "+releaseCols+releaseFrom+" WHERE l.hazard_id = ? ORDER BY l.date, l.activity_id, l.outcome_index", hazardID)
	if err != nil {
		return nil, storeErr("releases", err)
	}
	return scanReleases(rows)
}

func (t *txn) Releases(ctx context.Context, q mineaction.RecordQuery) ([]*mineaction.Release, error) {
	query := "SELECT " + releaseCols + releaseFrom + " WHERE 1 = 1"
	var args []any
	if q.BBox != nil {
		query += " AND l.id IN (SELECT id FROM releases_rtree WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)" +
			" AND l.minx <= ? AND l.maxx >= ? AND l.miny <= ? AND l.maxy >= ?" // exact: the R*Tree rounds outwards
		args = append(args, q.BBox.MaxX, q.BBox.MinX, q.BBox.MaxY, q.BBox.MinY, q.BBox.MaxX, q.BBox.MinX, q.BBox.MaxY, q.BBox.MinY)
	}
	if q.DateFrom != "" {
		query += " AND l.date >= ?"
		args = append(args, string(q.DateFrom))
	}
	if q.DateTo != "" {
		query += " AND l.date <= ?"
		args = append(args, string(q.DateTo))
	}
	if q.LinkedTo != 0 {
		query += " AND (l.hazard_id = ? OR l.activity_id = ?)"
		args = append(args, q.LinkedTo, q.LinkedTo)
	}
	if q.AfterID != 0 {
		query += " AND l.id > ?"
		args = append(args, q.AfterID)
	}
	if q.BeforeID != 0 {
		query += " AND l.id < ?"
		args = append(args, q.BeforeID)
	}
	query += " ORDER BY l.id"
	if q.BeforeID != 0 {
		query += " DESC" // the last Limit before BeforeID; reversed below
	}
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, storeErr("releases", err)
	}
	out, err := scanReleases(rows)
	if err == nil && q.BeforeID != 0 {
		slices.Reverse(out)
	}
	return out, err
}

func (t *txn) PutFigures(ctx context.Context, hazardID int64, f *mineaction.Figures, credits []mineaction.Credit) error {
	if _, err := t.exec(ctx, "DELETE FROM credits WHERE hazard_id = ?", hazardID); err != nil {
		return storeErr("credits", err)
	}
	if f == nil {
		_, err := t.exec(ctx, "DELETE FROM figures WHERE hazard_id = ?", hazardID)
		return storeErr("figures", err)
	}
	_, err := t.exec(ctx, `INSERT INTO figures (hazard_id, version, original_m2, cancelled_m2, reduced_m2, cleared_m2,
		remaining_m2, remaining_geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hazard_id) DO UPDATE SET version = excluded.version, original_m2 = excluded.original_m2,
		cancelled_m2 = excluded.cancelled_m2, reduced_m2 = excluded.reduced_m2, cleared_m2 = excluded.cleared_m2,
		remaining_m2 = excluded.remaining_m2, remaining_geom = excluded.remaining_geom`,
		hazardID, f.Version, f.OriginalM2, f.CancelledM2, f.ReducedM2, f.ClearedM2, f.RemainingM2, wkb(f.Remaining))
	if err != nil {
		return storeErr("figures", err)
	}
	for _, c := range credits {
		if _, err := t.exec(ctx, `INSERT INTO credits (hazard_id, version, activity_id, outcome, kind, date, method, area_m2)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, hazardID, c.Version, c.ActivityID, c.Outcome, c.Kind, c.Date, c.Method, c.AreaM2); err != nil {
			return storeErr("credit", err)
		}
		if c.Version == f.Version {
			if _, err := t.exec(ctx, "UPDATE releases SET credited_m2 = ? WHERE activity_id = ? AND outcome_index = ? AND hazard_id = ?",
				c.AreaM2, c.ActivityID, c.Outcome, hazardID); err != nil {
				return storeErr("release", err)
			}
		}
	}
	return nil
}

func (t *txn) Figures(ctx context.Context, hazardID int64) (*mineaction.Figures, error) {
	f := mineaction.Figures{HazardID: hazardID}
	var g []byte
	err := t.queryRow(ctx, `SELECT version, original_m2, cancelled_m2, reduced_m2, cleared_m2, remaining_m2, remaining_geom
		FROM figures WHERE hazard_id = ?`, hazardID).Scan(&f.Version, &f.OriginalM2, &f.CancelledM2, &f.ReducedM2, &f.ClearedM2, &f.RemainingM2, &g)
	if err != nil {
		return nil, storeErr(fmt.Sprintf("figures of hazard %d", hazardID), err)
	}
	f.Remaining, err = multiPolygonFromWKB(g)
	return &f, err
}

func (t *txn) AllCredits(ctx context.Context) ([]mineaction.Credit, error) {
	return t.credits(ctx, "")
}

func (t *txn) CreditsOfHazard(ctx context.Context, hazardID int64) ([]mineaction.Credit, error) {
	return t.credits(ctx, " WHERE c.hazard_id = ?", hazardID)
}

func (t *txn) credits(ctx context.Context, where string, args ...any) ([]mineaction.Credit, error) {
	rows, err := t.query(ctx, `SELECT c.hazard_id, c.version, c.activity_id, c.outcome, c.kind, c.date, c.method,
		c.area_m2, o.code FROM credits c JOIN records a ON a.id = c.activity_id JOIN organisations o ON o.id = a.org_id`+where+`
		ORDER BY c.hazard_id, c.version, c.date, c.activity_id, c.outcome`, args...)
	if err != nil {
		return nil, storeErr("credits", err)
	}
	defer rows.Close()
	var out []mineaction.Credit
	for rows.Next() {
		var c mineaction.Credit
		if err := rows.Scan(&c.HazardID, &c.Version, &c.ActivityID, &c.Outcome, &c.Kind, &c.Date, &c.Method, &c.AreaM2, &c.Organisation); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (t *txn) PutHazardVersion(ctx context.Context, h mineaction.HazardVersionFigure) error {
	_, err := t.exec(ctx, `INSERT INTO hazard_history (hazard_id, version, doi, deleted, original_m2, org_code,
		admin_area, status, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.HazardID, h.Version, h.DateOfInformation, b2i(h.Deleted), h.OriginalM2, h.Organisation, h.AdminArea, h.Status, h.Category)
	return storeErr("hazard history", err)
}

func (t *txn) DeleteHazardVersion(ctx context.Context, hazardID int64, version int) error {
	_, err := t.exec(ctx, "DELETE FROM hazard_history WHERE hazard_id = ? AND version = ?", hazardID, version)
	return storeErr("hazard history", err)
}

func (t *txn) HazardHistory(ctx context.Context) ([]mineaction.HazardVersionFigure, error) {
	rows, err := t.query(ctx, `SELECT h.hazard_id, r.hid, h.version, h.doi, h.deleted, h.original_m2, h.org_code,
		h.admin_area, h.status, h.category FROM hazard_history h JOIN records r ON r.id = h.hazard_id
		ORDER BY h.hazard_id, h.version`)
	if err != nil {
		return nil, storeErr("hazard history", err)
	}
	defer rows.Close()
	var out []mineaction.HazardVersionFigure
	for rows.Next() {
		var h mineaction.HazardVersionFigure
		if err := rows.Scan(&h.HazardID, &h.HID, &h.Version, &h.DateOfInformation, &h.Deleted, &h.OriginalM2, &h.Organisation,
			&h.AdminArea, &h.Status, &h.Category); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
