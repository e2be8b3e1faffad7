package geos_test

import (
	"context"
	"encoding/hex"
	"math"
	"testing"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/geo"
	"mineaction/internal/pgtest"
)

// postgis is the independent reference: PostGIS on a fresh database. Every
// geometry goes to it as hex WKB, so it reads exactly the doubles GEOS reads
// here, and every area (ours and its) is its ST_Area, so only the overlay is
// compared.
type postgis struct {
	t    testing.TB
	conn *pgx.Conn
}

func newPostGIS(t testing.TB) *postgis {
	t.Helper()
	url := pgtest.NewDatabase(t)
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return &postgis{t: t, conn: conn}
}

func hexWKB(g geo.Geometry) string { return hex.EncodeToString(geo.MarshalWKB(g)) }

func hexAll(gs []geo.Geometry) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = hexWKB(g)
	}
	return out
}

const remainingSQL = `
WITH u AS (SELECT ST_Union(ST_GeomFromWKB(decode(x, 'hex'))) AS g FROM unnest($2::text[]) AS x),
     d AS (SELECT ST_Difference(ST_GeomFromWKB(decode($1, 'hex')), COALESCE(u.g, 'POLYGON EMPTY'::geometry)) AS g FROM u),
     m AS (SELECT ST_GeomFromWKB(decode($3, 'hex')) AS g)
SELECT ST_Area(d.g), ST_Area(m.g), ST_Area(ST_GeomFromWKB(decode($1, 'hex'))),
       ST_AsBinary(ST_Multi(ST_CollectionExtract(d.g, 3))) = ST_AsBinary(m.g)
FROM d, m`

const unionSQL = `
WITH u AS (SELECT ST_Union(ST_GeomFromWKB(decode(x, 'hex'))) AS g FROM unnest($1::text[]) AS x)
SELECT COALESCE(ST_Area(u.g), 0), ST_Area(ST_GeomFromWKB(decode($2, 'hex'))) FROM u`

// areas is what PostGIS says of one case: the reference area, the area of
// our result, the hazard's area, and whether our result is byte for byte
// PostGIS's (once lines and points are dropped from it).
type areas struct {
	want, got, hazard float64
	identical         bool
}

// remaining compares our remaining area with ST_Difference(h, ST_Union(r)).
func (pg *postgis) remaining(hazard geo.Geometry, releases []geo.Geometry, ours geo.MultiPolygon) areas {
	pg.t.Helper()
	var a areas
	err := pg.conn.QueryRow(context.Background(), remainingSQL, hexWKB(hazard), hexAll(releases), hexWKB(ours)).
		Scan(&a.want, &a.got, &a.hazard, &a.identical)
	if err != nil {
		pg.t.Fatalf("PostGIS remaining: %v", err)
	}
	return a
}

// union returns ST_Area(ST_Union(gs)) and the area of ours.
func (pg *postgis) union(gs []geo.Geometry, ours geo.MultiPolygon) (want, got float64) {
	pg.t.Helper()
	if err := pg.conn.QueryRow(context.Background(), unionSQL, hexAll(gs), hexWKB(ours)).Scan(&want, &got); err != nil {
		pg.t.Fatalf("PostGIS union: %v", err)
	}
	return want, got
}

// sameArea reports whether got and want agree to 1e-12 relative.
func sameArea(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*math.Max(math.Abs(got), math.Abs(want))
}
