// Package accounting holds the land release benchmarks that compare our
// geodesic areas and overlay with PostGIS doing the same work on the same
// data in the same run (docs/BENCHMARKS.md, "Land release"). Run with
//
//	scripts/bench-accounting      (or: go test ./bench/accounting -run ^$ -bench . -benchtime 5x)
//
// The data are the reference synthetic sets of bench/gen_hazards.py (the
// ones other servers were measured on), generated into a cache on first use.
package accounting

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/pgtest"
)

// refSet is a reference data set: hazards and their releases.
type refSet struct {
	hazards  []geo.Geometry
	ids      []int64
	releases map[int64][]landrelease.Outcome
}

var loadOnce = sync.OnceValues(func() (*refSet, error) { return load("national", 5000) })

// load generates (once, cached) and reads the reference set name of n hazards.
func load(name string, n int) (*refSet, error) {
	script, err := filepath.Abs("../gen_hazards.py")
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(script)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "mineaction", "refdata-"+hex.EncodeToString(sum[:6]))
	hpath := filepath.Join(dir, "hazards_"+name+".geojson")
	if _, err := os.Stat(hpath); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		out, err := exec.Command("python3", script, "--n", fmt.Sprint(n), "--name", name, "--out", dir).CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("gen_hazards.py: %v: %s", err, out)
		}
	}
	type fc struct {
		Features []struct {
			Geometry   json.RawMessage `json:"geometry"`
			Properties struct {
				ID       int64  `json:"id"`
				HazardID int64  `json:"hazard_id"`
				Kind     string `json:"kind"`
				Released string `json:"released"`
			} `json:"properties"`
		} `json:"features"`
	}
	read := func(path string) (*fc, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var c fc
		return &c, json.Unmarshal(b, &c)
	}
	hs, err := read(hpath)
	if err != nil {
		return nil, err
	}
	rs, err := read(filepath.Join(dir, "releases_"+name+".geojson"))
	if err != nil {
		return nil, err
	}
	set := &refSet{releases: map[int64][]landrelease.Outcome{}}
	for _, f := range hs.Features {
		g, err := geo.ParseGeoJSON(f.Geometry)
		if err != nil {
			return nil, err
		}
		set.hazards = append(set.hazards, g)
		set.ids = append(set.ids, f.Properties.ID)
	}
	for _, f := range rs.Features {
		g, err := geo.ParseGeoJSON(f.Geometry)
		if err != nil {
			return nil, err
		}
		h := f.Properties.HazardID
		set.releases[h] = append(set.releases[h], landrelease.Outcome{ActivityID: f.Properties.ID, Index: 0,
			Kind: f.Properties.Kind, Date: mineaction.Date(f.Properties.Released), Geometry: g})
	}
	for h := range set.releases {
		landrelease.Sort(set.releases[h])
	}
	return set, nil
}

// postgis loads the set into a fresh PostGIS database: h(id, geom) and
// r(id, hazard_id, geom), the same doubles as WKB.
func postgis(b *testing.B, set *refSet) *pgx.Conn {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.NewDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close(ctx) })
	for _, q := range []string{
		"CREATE TABLE h (id bigint PRIMARY KEY, geom geometry(Polygon, 4326))",
		"CREATE TABLE r (id bigint, hazard_id bigint, geom geometry(Polygon, 4326))",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	var hrows, rrows [][]any
	for i, g := range set.hazards {
		hrows = append(hrows, []any{set.ids[i], geo.MarshalWKB(g)})
		for _, o := range set.releases[set.ids[i]] {
			rrows = append(rrows, []any{o.ActivityID, set.ids[i], geo.MarshalWKB(o.Geometry)})
		}
	}
	if _, err := conn.Exec(ctx, "CREATE TEMP TABLE hw (id bigint, w bytea); CREATE TEMP TABLE rw (id bigint, hazard_id bigint, w bytea)"); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"hw"}, []string{"id", "w"}, pgx.CopyFromRows(hrows)); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"rw"}, []string{"id", "hazard_id", "w"}, pgx.CopyFromRows(rrows)); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO h SELECT id, ST_SetSRID(ST_GeomFromWKB(w), 4326) FROM hw;
		INSERT INTO r SELECT id, hazard_id, ST_SetSRID(ST_GeomFromWKB(w), 4326) FROM rw; ANALYZE h; ANALYZE r`); err != nil {
		b.Fatal(err)
	}
	return conn
}
