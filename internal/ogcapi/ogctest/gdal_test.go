package ogctest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// gdal runs a GDAL command as user, authenticated the way docs/GIS-CLIENTS.md
// tells people to: GDAL_HTTP_HEADERS, which GDAL reads from the
// environment as it reads any configuration option.
func (e *env) gdal(user, tool string, args ...string) string {
	e.t.Helper()
	return e.gdalWith([]string{"GDAL_HTTP_HEADERS=Authorization: Bearer " + e.tokens[user]}, tool, args...)
}

// gdalWith runs a GDAL command with the given configuration options in
// its environment.
func (e *env) gdalWith(options []string, tool string, args ...string) string {
	e.t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		e.t.Fatalf("%s is missing: GDAL is an independent client these tests need; run scripts/setup (Debian gdal-bin)", tool)
	}
	cmd := exec.Command(path, args...)
	cmd.Env = append(append(os.Environ(), options...), "CPL_DEBUG=OFF", "GDAL_HTTP_TIMEOUT=60")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		e.t.Fatalf("%s %s: %v\n%s\n%s", tool, strings.Join(args, " "), err, errb.String(), out.String())
	}
	return out.String()
}

// gdalFeatures copies a layer of the API to GeoJSON with ogr2ogr and returns
// the features' properties and geometries.
func (e *env) gdalFeatures(layer string, args ...string) []map[string]any {
	e.t.Helper()
	out := filepath.Join(e.t.TempDir(), layer+".geojson")
	all := append([]string{"-f", "GeoJSON", out, "OAPIF:" + e.url + "/ogcapi", layer}, args...)
	e.gdal("donor", "ogr2ogr", all...)
	b, err := os.ReadFile(out)
	if err != nil {
		e.t.Fatal(err)
	}
	var fc struct {
		Features []map[string]any `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		e.t.Fatalf("ogr2ogr output: %v", err)
	}
	return fc.Features
}

// TestGDAL uses Debian's GDAL as an independent OGC API client, on every
// store: ogrinfo lists every collection with the store's feature count;
// -spat and -where give the same features as the API, and the filter ran
// on the server; ogr2ogr copies every collection to a GeoPackage whose
// geometries and areas match the database.
func TestGDAL(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		t.Run("ogrinfo", func(t *testing.T) { testOgrinfo(t, e.with(t)) })
		t.Run("spat", func(t *testing.T) { testSpat(t, e.with(t)) })
		t.Run("where", func(t *testing.T) { testWhere(t, e.with(t)) })
		t.Run("geopackage", func(t *testing.T) { testGeoPackage(t, e.with(t)) })
	})
}

// TestGDALBasicAuth reads the API with GDAL authenticated by HTTP Basic,
// the user name and a token as the password, as QGIS 3.22 (Debian 12's)
// must: it counts the store's hazards.
func TestGDALBasicAuth(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	out := e.gdalWith([]string{"GDAL_HTTP_AUTH=BASIC", "GDAL_HTTP_USERPWD=donor:" + e.tokens["donor"]},
		"ogrinfo", "-ro", "-so", "OAPIF:"+e.url+"/ogcapi", "hazards")
	m := layerCount.FindStringSubmatch(out)
	if m == nil || m[1] != "hazards" {
		t.Fatalf("ogrinfo with Basic authentication:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[2]); n != e.storeCounts()["hazards"] || n == 0 {
		t.Errorf("ogrinfo with Basic authentication counts %d hazards, the store %d", n, e.storeCounts()["hazards"])
	}
}

// storeCounts counts each collection's features in the store itself.
func (e *env) storeCounts() map[string]int {
	e.t.Helper()
	ctx := context.Background()
	out := map[string]int{}
	err := e.store.View(ctx, func(tx mineaction.Tx) error {
		for id, rt := range map[string]mineaction.RecordType{"hazards": "hazard", "activities": "activity", "finds": "find",
			"accidents": "accident", "education": "education", "tasks": "task"} {
			n, err := tx.CountRecords(ctx, mineaction.RecordQuery{Type: rt})
			if err != nil {
				return err
			}
			out[id] = n
		}
		rs, err := tx.Releases(ctx, mineaction.RecordQuery{})
		if err != nil {
			return err
		}
		as, err := tx.AdminAreas(ctx)
		if err != nil {
			return err
		}
		ps, err := tx.Places(ctx)
		out["releases"], out["admin-areas"], out["places"] = len(rs), len(as), len(ps)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

var layerCount = regexp.MustCompile(`(?m)^Layer name: (\S+)$[\s\S]*?^Feature Count: (\d+)$`)

func testOgrinfo(t *testing.T, e *env) {
	out := e.gdal("donor", "ogrinfo", "-ro", "-so", "-al", "OAPIF:"+e.url+"/ogcapi")
	want := e.storeCounts()
	got := map[string]int{}
	for _, m := range layerCount.FindAllStringSubmatch(out, -1) {
		got[m[1]], _ = strconv.Atoi(m[2])
	}
	if len(got) != len(collectionIDs) {
		t.Fatalf("ogrinfo lists %v, want the collections %v\n%s", got, collectionIDs, out)
	}
	for _, id := range collectionIDs {
		if got[id] != want[id] {
			t.Errorf("%s: ogrinfo counts %d features, the store %d", id, got[id], want[id])
		}
	}
	if want["hazards"] != numHazards || want["releases"] == 0 {
		t.Fatalf("fixture not loaded: %v", want)
	}
	// Fields are typed from the schema: dates, reals and lists.
	for _, f := range []string{"date_of_information: Date", "original_m2: Real", "eo_suspected: StringList", "version: Integer"} {
		if !strings.Contains(out, f) {
			t.Errorf("ogrinfo does not show the field %q", f)
		}
	}
}

// hids returns the hid property of features, sorted.
func hids(fs []map[string]any) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f["properties"].(map[string]any)["hid"].(string))
	}
	slices.Sort(out)
	return out
}

func testSpat(t *testing.T, e *env) {
	for _, b := range []geo.BBox{{MinX: 46.0, MinY: 39.5, MaxX: 46.5, MaxY: 39.9}, {MinX: 46.16, MinY: 39.66, MaxX: 46.2, MaxY: 39.7}} {
		e.requests()
		got := hids(e.gdalFeatures("hazards", "-spat", ftoa(b.MinX), ftoa(b.MinY), ftoa(b.MaxX), ftoa(b.MaxY)))
		reqs := e.requests()
		api := ids(t, e.items("hazards", url.Values{"limit": {"1000"}, "bbox": {fmt.Sprintf("%v,%v,%v,%v", b.MinX, b.MinY, b.MaxX, b.MaxY)}}).json(t))
		slices.Sort(api)
		if !slices.Equal(got, api) || len(got) == 0 {
			t.Errorf("-spat %v: GDAL %v, API %v", b, got, api)
		}
		if !slices.ContainsFunc(reqs, func(r string) bool { return strings.Contains(r, "/hazards/items") && strings.Contains(r, "bbox=") }) {
			t.Errorf("-spat %v: GDAL sent no bbox to the server", b)
		}
	}
}

func testWhere(t *testing.T, e *env) {
	cases := []struct{ where, filter string }{
		{"status = 'open' AND date_of_information >= '2022-01-01'", "status = 'open' AND date_of_information >= DATE('2022-01-01')"},
		{"category = 'CHA' OR priority = 'low'", "category = 'CHA' OR priority = 'low'"},
		{"name LIKE 'Area 1%'", "name LIKE 'Area 1%'"},
		{"remaining_m2 < 1000000", "remaining_m2 < 1000000"},
	}
	for _, c := range cases {
		e.requests()
		got := hids(e.gdalFeatures("hazards", "-where", c.where))
		reqs := e.requests()
		api := ids(t, e.items("hazards", url.Values{"limit": {"1000"}, "filter": {c.filter}}).json(t))
		slices.Sort(api)
		if !slices.Equal(got, api) || len(got) == 0 || len(got) == numHazards {
			t.Errorf("-where %q: GDAL %v, API %v", c.where, got, api)
		}
		// The filter ran on the server: every page GDAL read after the
		// first (which it reads to learn the fields) carried it, and no
		// more pages were read than the matching features fill.
		var pages int
		for _, r := range reqs {
			if !strings.Contains(r, "/hazards/items") || !strings.Contains(r, "after=") && !strings.Contains(r, "filter=") {
				continue
			}
			if !strings.Contains(r, "filter-lang=cql-text") {
				t.Errorf("-where %q: GDAL read %s without the filter", c.where, r)
			}
			pages++
		}
		if want := (len(api) + 9) / 10; pages != want && pages != want+1 {
			t.Errorf("-where %q: GDAL read %d filtered pages for %d features", c.where, pages, len(api))
		}
	}
}
