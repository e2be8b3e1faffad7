package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

func (t *txn) Country(ctx context.Context) (*mineaction.Country, error) {
	var c mineaction.Country
	var g []byte
	err := t.tx.QueryRow(ctx, "SELECT name, "+geomCol("geom")+", area_m2 FROM country WHERE id = 1").Scan(&c.Name, &g, &c.AreaM2)
	if err != nil {
		return nil, storeErr("country", err)
	}
	var derr error
	c.Geometry, derr = multiPolygonFromWKB(g)
	return &c, derr
}

func (t *txn) PutCountry(ctx context.Context, c *mineaction.Country) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO country (id, name, geom, area_m2) VALUES (1, $1, `+geomIn("$2")+`, $3)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, geom = excluded.geom, area_m2 = excluded.area_m2`,
		c.Name, wkb(c.Geometry), c.AreaM2)
	return storeErr("country", err)
}

func (t *txn) Organisation(ctx context.Context, code string) (*mineaction.Organisation, error) {
	// The teams come in the same round trip, as arrays.
	var o mineaction.Organisation
	var ids []int64
	var codes, names, methods []string
	err := t.tx.QueryRow(ctx, `SELECT o.id, o.code, o.name, o.kind, tm.ids, tm.codes, tm.names, tm.methods
		FROM organisations o LEFT JOIN LATERAL (SELECT array_agg(id ORDER BY code) ids, array_agg(code ORDER BY code) codes,
		array_agg(name ORDER BY code) names, array_agg(method ORDER BY code) methods FROM teams WHERE org_id = o.id) tm ON true
		WHERE o.code = $1`, code).Scan(&o.ID, &o.Code, &o.Name, &o.Kind, &ids, &codes, &names, &methods)
	if err != nil {
		return nil, storeErr("organisation "+code, err)
	}
	for i := range ids {
		o.Teams = append(o.Teams, mineaction.Team{ID: ids[i], Organisation: o.Code, Code: codes[i], Name: names[i], Method: methods[i]})
	}
	return &o, nil
}

func (t *txn) teams(ctx context.Context, orgID int64, orgCode string) ([]mineaction.Team, error) {
	rows, err := t.tx.Query(ctx, "SELECT id, code, name, method FROM teams WHERE org_id = $1 ORDER BY code", orgID)
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
	rows, err := t.tx.Query(ctx, "SELECT id, code, name, kind FROM organisations ORDER BY code")
	if err != nil {
		return nil, storeErr("organisations", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.Organisation, error) {
		var o mineaction.Organisation
		err := r.Scan(&o.ID, &o.Code, &o.Name, &o.Kind)
		return &o, err
	})
	if err != nil {
		return nil, storeErr("organisations", err)
	}
	for _, o := range out {
		if o.Teams, err = t.teams(ctx, o.ID, o.Code); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *txn) PutOrganisation(ctx context.Context, o *mineaction.Organisation) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO organisations (code, name, kind) VALUES ($1, $2, $3)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id`,
		o.Code, o.Name, o.Kind).Scan(&o.ID)
	return storeErr("organisation "+o.Code, err)
}

func (t *txn) Team(ctx context.Context, org, code string) (*mineaction.Team, error) {
	tm := mineaction.Team{Organisation: org}
	err := t.tx.QueryRow(ctx, `SELECT t.id, t.code, t.name, t.method FROM teams t
		JOIN organisations o ON o.id = t.org_id WHERE o.code = $1 AND t.code = $2`, org, code).
		Scan(&tm.ID, &tm.Code, &tm.Name, &tm.Method)
	if err != nil {
		return nil, storeErr("team "+org+"/"+code, err)
	}
	return &tm, nil
}

func (t *txn) PutTeam(ctx context.Context, tm *mineaction.Team) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO teams (org_id, code, name, method)
		VALUES ((SELECT id FROM organisations WHERE code = $1), $2, $3, $4)
		ON CONFLICT (org_id, code) DO UPDATE SET name = excluded.name, method = excluded.method RETURNING id`,
		tm.Organisation, tm.Code, tm.Name, tm.Method).Scan(&tm.ID)
	return storeErr("team "+tm.Organisation+"/"+tm.Code, err)
}

const ordnanceCols = "id, code, category, subcategory, model, kind, notes"

func scanOrdnance(sc scanner) (*mineaction.Ordnance, error) {
	var o mineaction.Ordnance
	err := sc.Scan(&o.ID, &o.Code, &o.Category, &o.Subcategory, &o.Model, &o.Kind, &o.Notes)
	return &o, err
}

func (t *txn) Ordnance(ctx context.Context, code string) (*mineaction.Ordnance, error) {
	o, err := scanOrdnance(t.tx.QueryRow(ctx, "SELECT "+ordnanceCols+" FROM ordnance WHERE code = $1", code))
	if err != nil {
		return nil, storeErr("ordnance "+code, err)
	}
	return o, nil
}

func (t *txn) OrdnanceList(ctx context.Context) ([]*mineaction.Ordnance, error) {
	rows, err := t.tx.Query(ctx, "SELECT "+ordnanceCols+" FROM ordnance ORDER BY category, subcategory, model")
	if err != nil {
		return nil, storeErr("ordnance", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.Ordnance, error) { return scanOrdnance(r) })
	return out, storeErr("ordnance", err)
}

func (t *txn) PutOrdnance(ctx context.Context, o *mineaction.Ordnance) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO ordnance (code, category, subcategory, model, kind, notes) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (code) DO UPDATE SET category = excluded.category, subcategory = excluded.subcategory,
		model = excluded.model, kind = excluded.kind, notes = excluded.notes RETURNING id`,
		o.Code, o.Category, o.Subcategory, o.Model, o.Kind, o.Notes).Scan(&o.ID)
	return storeErr("ordnance "+o.Code, err)
}

var adminCols = `a.id, a.code, a.name, a.level, COALESCE(p.code, ''), a.affected, a.note, ` + geomCol("a.geom") + `, a.area_m2`

const adminFrom = " FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id"

func scanAdmin(sc scanner) (*mineaction.AdminArea, error) {
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
	a, err := scanAdmin(t.tx.QueryRow(ctx, "SELECT "+adminCols+adminFrom+" WHERE a.code = $1", code))
	if err != nil {
		return nil, storeErr("admin area "+code, err)
	}
	return a, nil
}

func (t *txn) AdminAreas(ctx context.Context) ([]*mineaction.AdminArea, error) {
	rows, err := t.tx.Query(ctx, "SELECT "+adminCols+adminFrom+" ORDER BY a.level, a.code")
	if err != nil {
		return nil, storeErr("admin areas", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.AdminArea, error) { return scanAdmin(r) })
	return out, storeErr("admin areas", err)
}

func (t *txn) PutAdminArea(ctx context.Context, a *mineaction.AdminArea) error {
	var parent any
	if a.Parent != "" {
		parent = a.Parent
	}
	err := t.tx.QueryRow(ctx, `INSERT INTO admin_areas (code, name, level, parent_id, affected, note, geom, area_m2)
		VALUES ($1, $2, $3, (SELECT id FROM admin_areas WHERE code = $4), $5, $6, `+geomIn("$7")+`, $8)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
		affected = excluded.affected, note = excluded.note, geom = excluded.geom, area_m2 = excluded.area_m2 RETURNING id`,
		a.Code, a.Name, a.Level, parent, a.Affected, a.Note, wkb(a.Geometry), a.AreaM2).Scan(&a.ID)
	return storeErr("admin area "+a.Code, err)
}

func (t *txn) Places(ctx context.Context) ([]*mineaction.Place, error) {
	rows, err := t.tx.Query(ctx, `SELECT p.id, p.name, p.kind, p.lon, p.lat, p.population, COALESCE(a.code, '')
		FROM places p LEFT JOIN admin_areas a ON a.id = p.admin_area_id ORDER BY p.name`)
	if err != nil {
		return nil, storeErr("places", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.Place, error) {
		var p mineaction.Place
		err := r.Scan(&p.ID, &p.Name, &p.Kind, &p.Point.X, &p.Point.Y, &p.Population, &p.AdminArea)
		return &p, err
	})
	return out, storeErr("places", err)
}

func (t *txn) PutPlace(ctx context.Context, p *mineaction.Place) error {
	var area any
	if p.AdminArea != "" {
		area = p.AdminArea
	}
	err := t.tx.QueryRow(ctx, `INSERT INTO places (name, kind, lon, lat, population, admin_area_id)
		VALUES ($1, $2, $3, $4, $5, (SELECT id FROM admin_areas WHERE code = $6))
		ON CONFLICT (name, kind) DO UPDATE SET lon = excluded.lon, lat = excluded.lat, population = excluded.population,
		admin_area_id = excluded.admin_area_id RETURNING id`,
		p.Name, p.Kind, p.Point.X, p.Point.Y, p.Population, area).Scan(&p.ID)
	return storeErr("place "+p.Name, err)
}
