package sqlite

import (
	"context"

	"mineaction/internal/mineaction"
)

func (t *txn) Country(ctx context.Context) (*mineaction.Country, error) {
	var c mineaction.Country
	var g []byte
	err := t.queryRow(ctx, "SELECT name, geom, area_m2 FROM country WHERE id = 1").Scan(&c.Name, &g, &c.AreaM2)
	if err != nil {
		return nil, storeErr("country", err)
	}
	var derr error
	c.Geometry, derr = multiPolygonFromWKB(g)
	return &c, derr
}

func (t *txn) PutCountry(ctx context.Context, c *mineaction.Country) error {
	_, err := t.exec(ctx, `INSERT INTO country (id, name, geom, area_m2) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, geom = excluded.geom, area_m2 = excluded.area_m2`,
		c.Name, wkb(c.Geometry), c.AreaM2)
	return storeErr("country", err)
}

func (t *txn) Organisation(ctx context.Context, code string) (*mineaction.Organisation, error) {
	var o mineaction.Organisation
	err := t.queryRow(ctx, "SELECT id, code, name, kind FROM organisations WHERE code = ?", code).
		Scan(&o.ID, &o.Code, &o.Name, &o.Kind)
	if err != nil {
		return nil, storeErr("organisation "+code, err)
	}
	teams, err := t.teams(ctx, o.ID, o.Code)
	o.Teams = teams
	return &o, err
}

func (t *txn) teams(ctx context.Context, orgID int64, orgCode string) ([]mineaction.Team, error) {
	rows, err := t.query(ctx, "SELECT id, code, name, method FROM teams WHERE org_id = ? ORDER BY code", orgID)
	if err != nil {
		return nil, storeErr("teams", err)
	}
	defer rows.Close()
	var out []mineaction.Team
	for rows.Next() {
		tm := mineaction.Team{Organisation: orgCode}
		if err := rows.Scan(&tm.ID, &tm.Code, &tm.Name, &tm.Method); err != nil {
			return nil, err
		}
		out = append(out, tm)
	}
	return out, rows.Err()
}

func (t *txn) Organisations(ctx context.Context) ([]*mineaction.Organisation, error) {
	rows, err := t.query(ctx, "SELECT id, code, name, kind FROM organisations ORDER BY code")
	if err != nil {
		return nil, storeErr("organisations", err)
	}
	var out []*mineaction.Organisation
	for rows.Next() {
		var o mineaction.Organisation
		if err := rows.Scan(&o.ID, &o.Code, &o.Name, &o.Kind); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, &o)
	}
	rows.Close()
	for _, o := range out {
		if o.Teams, err = t.teams(ctx, o.ID, o.Code); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

func (t *txn) PutOrganisation(ctx context.Context, o *mineaction.Organisation) error {
	err := t.queryRow(ctx, `INSERT INTO organisations (code, name, kind) VALUES (?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id`,
		o.Code, o.Name, o.Kind).Scan(&o.ID)
	return storeErr("organisation "+o.Code, err)
}

func (t *txn) Team(ctx context.Context, org, code string) (*mineaction.Team, error) {
	tm := mineaction.Team{Organisation: org}
	err := t.queryRow(ctx, `SELECT t.id, t.code, t.name, t.method FROM teams t
		JOIN organisations o ON o.id = t.org_id WHERE o.code = ? AND t.code = ?`, org, code).
		Scan(&tm.ID, &tm.Code, &tm.Name, &tm.Method)
	if err != nil {
		return nil, storeErr("team "+org+"/"+code, err)
	}
	return &tm, nil
}

func (t *txn) PutTeam(ctx context.Context, tm *mineaction.Team) error {
	err := t.queryRow(ctx, `INSERT INTO teams (org_id, code, name, method)
		VALUES ((SELECT id FROM organisations WHERE code = ?), ?, ?, ?)
		ON CONFLICT (org_id, code) DO UPDATE SET name = excluded.name, method = excluded.method RETURNING id`,
		tm.Organisation, tm.Code, tm.Name, tm.Method).Scan(&tm.ID)
	return storeErr("team "+tm.Organisation+"/"+tm.Code, err)
}

const ordnanceCols = "id, code, category, subcategory, model, kind, notes"

func scanOrdnance(sc interface{ Scan(...any) error }) (*mineaction.Ordnance, error) {
	var o mineaction.Ordnance
	err := sc.Scan(&o.ID, &o.Code, &o.Category, &o.Subcategory, &o.Model, &o.Kind, &o.Notes)
	return &o, err
}

func (t *txn) Ordnance(ctx context.Context, code string) (*mineaction.Ordnance, error) {
	o, err := scanOrdnance(t.queryRow(ctx, "SELECT "+ordnanceCols+" FROM ordnance WHERE code = ?", code))
	if err != nil {
		return nil, storeErr("ordnance "+code, err)
	}
	return o, nil
}

func (t *txn) OrdnanceList(ctx context.Context) ([]*mineaction.Ordnance, error) {
	rows, err := t.query(ctx, "SELECT "+ordnanceCols+" FROM ordnance ORDER BY category, subcategory, model")
	if err != nil {
		return nil, storeErr("ordnance", err)
	}
	defer rows.Close()
	var out []*mineaction.Ordnance
	for rows.Next() {
		o, err := scanOrdnance(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (t *txn) PutOrdnance(ctx context.Context, o *mineaction.Ordnance) error {
	err := t.queryRow(ctx, `INSERT INTO ordnance (code, category, subcategory, model, kind, notes) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET category = excluded.category, subcategory = excluded.subcategory,
		model = excluded.model, kind = excluded.kind, notes = excluded.notes RETURNING id`,
		o.Code, o.Category, o.Subcategory, o.Model, o.Kind, o.Notes).Scan(&o.ID)
	return storeErr("ordnance "+o.Code, err)
}

const adminCols = `a.id, a.code, a.name, a.level, COALESCE(p.code, ''), a.affected, a.note, a.geom, a.area_m2`

func scanAdmin(sc interface{ Scan(...any) error }) (*mineaction.AdminArea, error) {
	var a mineaction.AdminArea
	var g []byte
	if err := sc.Scan(&a.ID, &a.Code, &a.Name, &a.Level, &a.Parent, &a.Affected, &a.Note, &g, &a.AreaM2); err != nil {
		return nil, err
	}
	var err error
	a.Geometry, err = multiPolygonFromWKB(g)
	return &a, err
}

func (t *txn) AdminArea(ctx context.Context, code string) (*mineaction.AdminArea, error) {
	a, err := scanAdmin(t.queryRow(ctx, "SELECT "+adminCols+" FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id WHERE a.code = ?", code))
	if err != nil {
		return nil, storeErr("admin area "+code, err)
	}
	return a, nil
}

func (t *txn) AdminAreas(ctx context.Context) ([]*mineaction.AdminArea, error) {
	rows, err := t.query(ctx, "SELECT "+adminCols+" FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id ORDER BY a.level, a.code")
	if err != nil {
		return nil, storeErr("admin areas", err)
	}
	defer rows.Close()
	var out []*mineaction.AdminArea
	for rows.Next() {
		a, err := scanAdmin(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (t *txn) PutAdminArea(ctx context.Context, a *mineaction.AdminArea) error {
	var parent any
	if a.Parent != "" {
		parent = a.Parent
	}
	b := a.Geometry.Bounds()
	err := t.queryRow(ctx, `INSERT INTO admin_areas (code, name, level, parent_id, affected, note, geom, area_m2, minx, miny, maxx, maxy)
		VALUES (?, ?, ?, (SELECT id FROM admin_areas WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
		affected = excluded.affected, note = excluded.note, geom = excluded.geom, area_m2 = excluded.area_m2,
		minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy RETURNING id`,
		a.Code, a.Name, a.Level, parent, b2i(a.Affected), a.Note, wkb(a.Geometry), a.AreaM2, b.MinX, b.MinY, b.MaxX, b.MaxY).Scan(&a.ID)
	return storeErr("admin area "+a.Code, err)
}

func (t *txn) Places(ctx context.Context) ([]*mineaction.Place, error) {
	rows, err := t.query(ctx, `SELECT p.id, p.name, p.kind, p.lon, p.lat, p.population, COALESCE(a.code, '')
		FROM places p LEFT JOIN admin_areas a ON a.id = p.admin_area_id ORDER BY p.name`)
	if err != nil {
		return nil, storeErr("places", err)
	}
	defer rows.Close()
	var out []*mineaction.Place
	for rows.Next() {
		var p mineaction.Place
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Point.X, &p.Point.Y, &p.Population, &p.AdminArea); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

func (t *txn) PutPlace(ctx context.Context, p *mineaction.Place) error {
	var area any
	if p.AdminArea != "" {
		area = p.AdminArea
	}
	err := t.queryRow(ctx, `INSERT INTO places (name, kind, lon, lat, population, admin_area_id)
		VALUES (?, ?, ?, ?, ?, (SELECT id FROM admin_areas WHERE code = ?))
		ON CONFLICT (name, kind) DO UPDATE SET lon = excluded.lon, lat = excluded.lat, population = excluded.population,
		admin_area_id = excluded.admin_area_id RETURNING id`,
		p.Name, p.Kind, p.Point.X, p.Point.Y, p.Population, area).Scan(&p.ID)
	return storeErr("place "+p.Name, err)
}
