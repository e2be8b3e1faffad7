package geos_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// referenceSet is the national reference set of shared/bench: hazards and,
// by hazard, their releases.
type referenceSet struct {
	ids      []int
	hazards  []geo.Geometry
	releases map[int][]geo.Geometry
}

// genScript finds gen_hazards.py: bench/ of this module if a copy is kept
// there, else the shared bench/ next to the module.
func genScript(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	for _, p := range []string{
		filepath.Join(dir, "bench", "gen_hazards.py"),
		filepath.Join(dir, "..", "shared", "bench", "gen_hazards.py"),
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("gen_hazards.py not found in %s/bench or %s/../shared/bench", dir, dir)
	return ""
}

// nationalSet generates the national set (5,000 requested; the generator's
// "national" prefix) into a temporary directory and reads it.
func nationalSet(t testing.TB) *referenceSet {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("python3", genScript(t), "--sizes", "national=5000", "--out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_hazards.py: %v\n%s", err, msg)
	}
	set := &referenceSet{releases: map[int][]geo.Geometry{}}
	readFeatures(t, filepath.Join(out, "hazards_national.geojson"), func(props map[string]any, g geo.Geometry) {
		set.ids = append(set.ids, int(props["id"].(float64)))
		set.hazards = append(set.hazards, g)
	})
	readFeatures(t, filepath.Join(out, "releases_national.geojson"), func(props map[string]any, g geo.Geometry) {
		id := int(props["hazard_id"].(float64))
		set.releases[id] = append(set.releases[id], g)
	})
	if len(set.hazards) == 0 || len(set.releases) == 0 {
		t.Fatalf("national set: %d hazards, %d with releases", len(set.hazards), len(set.releases))
	}
	return set
}

func readFeatures(t testing.TB, path string, f func(map[string]any, geo.Geometry)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any  `json:"properties"`
			Geometry   json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i, ft := range fc.Features {
		g, err := geo.ParseGeoJSON(ft.Geometry)
		if err != nil {
			t.Fatalf("%s feature %d: %v", path, i, err)
		}
		f(ft.Properties, g)
	}
}

// load copies the set into tables hazard(id, geom) and release(hazard_id,
// geom) of PostGIS.
func (pg *postgis) load(set *referenceSet) {
	pg.t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`CREATE TABLE hazard_wkb (id int PRIMARY KEY, wkb bytea NOT NULL)`,
		`CREATE TABLE release_wkb (hazard_id int NOT NULL, wkb bytea NOT NULL)`,
	} {
		if _, err := pg.conn.Exec(ctx, q); err != nil {
			pg.t.Fatal(err)
		}
	}
	var hz, rel [][]any
	for i, id := range set.ids {
		hz = append(hz, []any{id, geo.MarshalWKB(set.hazards[i])})
		for _, r := range set.releases[id] {
			rel = append(rel, []any{id, geo.MarshalWKB(r)})
		}
	}
	if _, err := pg.conn.CopyFrom(ctx, pgx.Identifier{"hazard_wkb"}, []string{"id", "wkb"}, pgx.CopyFromRows(hz)); err != nil {
		pg.t.Fatal(err)
	}
	if _, err := pg.conn.CopyFrom(ctx, pgx.Identifier{"release_wkb"}, []string{"hazard_id", "wkb"}, pgx.CopyFromRows(rel)); err != nil {
		pg.t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE hazard AS SELECT id, ST_GeomFromWKB(wkb) AS geom FROM hazard_wkb`,
		`CREATE TABLE release AS SELECT hazard_id, ST_GeomFromWKB(wkb) AS geom FROM release_wkb`,
		`CREATE INDEX ON release (hazard_id)`,
		`ANALYZE hazard`, `ANALYZE release`,
	} {
		if _, err := pg.conn.Exec(ctx, q); err != nil {
			pg.t.Fatal(err)
		}
	}
}

// remainingNationalSQL is the whole national computation in PostGIS: the
// remaining area of every hazard as (id, geom).
const remainingNationalSQL = `
WITH u AS MATERIALIZED (SELECT hazard_id, ST_Union(geom) AS geom FROM release GROUP BY hazard_id)
SELECT h.id, ST_Difference(h.geom, COALESCE(u.geom, 'POLYGON EMPTY'::geometry)) AS geom
FROM hazard h LEFT JOIN u ON u.hazard_id = h.id`

// TestNationalAgainstPostGIS computes the remaining area of every hazard of
// the national reference set and compares it with PostGIS: no mismatch is
// allowed.
func TestNationalAgainstPostGIS(t *testing.T) {
	set := nationalSet(t)
	pg := newPostGIS(t)
	pg.load(set)
	ctx := context.Background()
	if _, err := pg.conn.Exec(ctx, `CREATE TABLE ours (id int PRIMARY KEY, wkb bytea NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for i, id := range set.ids {
		rem, err := geos.Remaining(set.hazards[i], set.releases[id])
		if err != nil {
			t.Fatalf("hazard %d: %v", id, err)
		}
		rows = append(rows, []any{id, geo.MarshalWKB(rem)})
	}
	if _, err := pg.conn.CopyFrom(ctx, pgx.Identifier{"ours"}, []string{"id", "wkb"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	res, err := pg.conn.Query(ctx, `
		WITH d AS MATERIALIZED (`+remainingNationalSQL+`)
		SELECT d.id, ST_Area(d.geom), ST_Area(ST_GeomFromWKB(o.wkb)), ST_AsBinary(ST_Multi(ST_CollectionExtract(d.geom, 3))) = o.wkb
		FROM d JOIN ours o USING (id)
		ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	n, mismatches, identical := 0, 0, 0
	for res.Next() {
		var id int
		var want, got float64
		var same bool
		if err := res.Scan(&id, &want, &got, &same); err != nil {
			t.Fatal(err)
		}
		n++
		if same {
			identical++
		}
		if !sameArea(got, want) {
			mismatches++
			t.Errorf("hazard %d: remaining area %.17g, PostGIS %.17g", id, got, want)
		}
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(set.hazards) {
		t.Fatalf("compared %d hazards of %d", n, len(set.hazards))
	}
	t.Logf("%d hazards (%d with releases): %d area mismatches, %d results byte-identical to PostGIS's",
		n, len(set.releases), mismatches, identical)
}
