package ogctest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// tileBox is the longitude/latitude box of tile z/x/y (y from the north),
// by the slippy map formulas, independent of the code under test.
func tileBox(z, x, y int) geo.BBox {
	n := math.Exp2(float64(z))
	lon := func(x float64) float64 { return x/n*360 - 180 }
	lat := func(y float64) float64 { return math.Atan(math.Sinh(math.Pi*(1-2*y/n))) * 180 / math.Pi }
	return geo.BBox{MinX: lon(float64(x)), MinY: lat(float64(y + 1)), MaxX: lon(float64(x + 1)), MaxY: lat(float64(y))}
}

// tileOf returns the tile at zoom z holding a point.
func tileOf(z int, p geo.Point) (x, y int) {
	n := math.Exp2(float64(z))
	lat := p.Y * math.Pi / 180
	return int((p.X + 180) / 360 * n), int((1 - math.Log(math.Tan(lat)+1/math.Cos(lat))/math.Pi) / 2 * n)
}

// mvtFeature is a feature as GDAL's MVT driver reads it, reprojected to
// longitude/latitude.
type mvtFeature struct {
	Properties map[string]any  `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// readTile decodes a layer of a tile with GDAL's MVT driver: the tile is
// written as z/x/y.pbf so that GDAL georeferences it.
func readTile(t *testing.T, data []byte, z, x, y int, layer string) []mvtFeature {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Fatal("ogr2ogr is missing: GDAL's MVT driver is the independent decoder of these tests; run scripts/setup (Debian gdal-bin)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, fmt.Sprint(z), fmt.Sprint(x), fmt.Sprint(y)+".pbf")
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", "-oo", "CLIP=NO", "-t_srs", "EPSG:4326", "-lco", "COORDINATE_PRECISION=9", path, layer)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ogr2ogr on the tile: %v\n%s", err, stderr.String())
	}
	var fc struct {
		Features []mvtFeature `json:"features"`
	}
	if err := json.Unmarshal(out, &fc); err != nil {
		t.Fatalf("ogr2ogr output: %v", err)
	}
	return fc.Features
}

// TestTiles checks the vector tiles on every store with GDAL's MVT driver
// as the decoder: the features of a tile, their properties and rings (a
// hole must come out as a hole, which depends on the winding), that victims'
// personal data is not in a tile, that a tile changes after an approval,
// and the OGC API - Tiles resources.
func TestTiles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open).with(t)
		holed := e.fx.hazards[numHazards-2]
		z := 10
		x, y := tileOf(z, geo.Point{X: holed.squares[0][0] + 0.005, Y: holed.squares[0][1] + 0.005})
		path := fmt.Sprintf("/ogcapi/collections/hazards/tiles/WebMercatorQuad/%d/%d/%d", z, y, x)
		r := e.get(path, 200)
		if ct := r.header.Get("Content-Type"); ct != "application/vnd.mapbox-vector-tile" {
			t.Fatalf("Content-Type %q", ct)
		}
		fs := readTile(t, r.body, z, x, y, "hazards")
		b := tileBox(z, x, y)
		w, h := b.MaxX-b.MinX, b.MaxY-b.MinY
		buffered := geo.BBox{MinX: b.MinX - w/64, MinY: b.MinY - h/64, MaxX: b.MaxX + w/64, MaxY: b.MaxY + h/64}
		want := e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(buffered) })
		var got []string
		for _, f := range fs {
			got = append(got, f.Properties["hid"].(string))
			for _, k := range []string{"status", "category", "remaining_m2"} {
				if _, ok := f.Properties[k]; !ok {
					t.Errorf("hazard %v in the tile has no %s", f.Properties["hid"], k)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || len(want) < 2 {
			t.Fatalf("tile %d/%d/%d hazards %v, want %v", z, y, x, got, want)
		}
		for _, f := range fs {
			if f.Properties["hid"] != holed.hid {
				continue
			}
			g, err := geo.ParseGeoJSON(f.Geometry)
			if err != nil {
				t.Fatal(err)
			}
			polys := geo.Polygons(g)
			if len(polys) != 1 || len(polys[0]) != 2 {
				t.Fatalf("GDAL reads the holed hazard as %d polygons with %v rings: the winding is wrong", len(polys), len(polys[0]))
			}
			hole := geo.Polygon{polys[0][1]}.Bounds()
			wantHole := geo.BBox{MinX: holed.hole[0], MinY: holed.hole[1], MaxX: holed.hole[0] + holed.hole[2], MaxY: holed.hole[1] + holed.hole[2]}
			unit := w / 4096
			if math.Abs(hole.MinX-wantHole.MinX) > unit || math.Abs(hole.MaxY-wantHole.MaxY) > unit {
				t.Errorf("hole %v, want %v", hole, wantHole)
			}
		}

		// The data set tile holds every layer, accidents without personal data.
		acc := geo.Point{X: 46.3, Y: 40.3}
		ax, ay := tileOf(12, acc)
		all := e.get(fmt.Sprintf("/ogcapi/tiles/WebMercatorQuad/12/%d/%d", ay, ax), 200)
		if bytes.Contains(all.body, []byte("Secret Person")) || bytes.Contains(all.body, []byte("Nowhere")) {
			t.Fatal("personal data in a tile")
		}
		if af := readTile(t, all.body, 12, ax, ay, "accidents"); len(af) != 1 || af[0].Properties["victims"] != float64(1) {
			t.Errorf("accidents layer: %v", af)
		}
		if len(readTile(t, all.body, 12, ax, ay, "admin_areas")) == 0 {
			t.Error("the data set tile has no admin areas")
		}

		// Caching and invalidation: the same tile until an approval changes it.
		tag := r.header.Get("ETag")
		if again := e.do("donor", "GET", path, nil, "If-None-Match", tag); again.status != 304 {
			t.Errorf("If-None-Match: %d", again.status)
		}
		if fresh := e.do("donor", "GET", path, nil, "Cache-Control", "no-cache"); !bytes.Equal(fresh.body, r.body) {
			t.Error("a fresh rendering differs from the cached tile")
		}
		// An approval elsewhere does not change this tile's content.
		fx, fy := holed.squares[0][0]+0.002, holed.squares[0][1]+0.002
		reps, err := e.wf.SubmitAndApprove(context.Background(), storetest.Editor, storetest.Admin, []workflow.Input{{RecordType: "hazard",
			Feature: featureJSON(square(fx-1, fy-0.5, 0.001), (&hazardSpec{category: "SHA", status: "open", doi: "2025-01-01", name: "far"}).props())}})
		if err != nil {
			t.Fatal(err)
		}
		if same := e.get(path, 200); same.header.Get("ETag") != tag {
			t.Errorf("an approval far away changed the tile (%s)", reps[0].RecordHID)
		}
		// An approval inside it does.
		reps, err = e.wf.SubmitAndApprove(context.Background(), storetest.Editor, storetest.Admin, []workflow.Input{{RecordType: "hazard",
			Feature: featureJSON(square(holed.squares[0][0]+holed.squares[0][2]+0.01, fy, 0.004), (&hazardSpec{category: "SHA", status: "open", doi: "2025-01-01", name: "near"}).props())}})
		if err != nil {
			t.Fatal(err)
		}
		changed := e.get(path, 200)
		if changed.header.Get("ETag") == tag {
			t.Fatal("the tile did not change after an approval inside it")
		}
		if !slices.ContainsFunc(readTile(t, changed.body, z, x, y, "hazards"), func(f mvtFeature) bool { return f.Properties["hid"] == reps[0].RecordHID }) {
			t.Errorf("the approved hazard %s is not in the tile", reps[0].RecordHID)
		}

		// Empty, missing and malformed tiles; the resources around them.
		ex, ey := tileOf(12, geo.Point{X: 10, Y: 10})
		if r := e.do("donor", "GET", fmt.Sprintf("/ogcapi/tiles/WebMercatorQuad/12/%d/%d", ey, ex), nil); r.status != 204 {
			t.Errorf("empty tile: %d", r.status)
		}
		for _, p := range []string{"/ogcapi/tiles/WebMercatorQuad/23/0/0", "/ogcapi/tiles/WebMercatorQuad/2/4/0", "/ogcapi/tiles/WorldCRS84Quad/2/1/1",
			"/ogcapi/collections/tasks/tiles/WebMercatorQuad/1/0/0", "/ogcapi/tiles/WebMercatorQuad/1/a/0"} {
			problem(t, e.do("donor", "GET", p, nil), 404)
		}
		problem(t, e.do("", "GET", path, nil), 401)
		tms := e.do("", "GET", "/ogcapi/tileMatrixSets/WebMercatorQuad", nil).json(t)
		m10 := tms["tileMatrices"].([]any)[10].(map[string]any)
		if m10["id"] != "10" || math.Abs(m10["cellSize"].(float64)-152.8740565704) > 1e-6 || m10["matrixWidth"] != float64(1024) {
			t.Errorf("tile matrix 10: %v", m10)
		}
		ts := e.get("/ogcapi/collections/hazards/tiles/WebMercatorQuad", 200).json(t)
		if tmpl, ok := linkOf(ts, "item", "application/vnd.mapbox-vector-tile"); !ok || !strings.HasSuffix(tmpl, "/{tileMatrix}/{tileRow}/{tileCol}") {
			t.Errorf("tileset item link %q", tmpl)
		}
		if ts["tilejson"] != "3.0.0" {
			t.Error("the tileset is not TileJSON")
		}
		if l := e.get("/ogcapi/tiles", 200).json(t)["tilesets"].([]any); len(l) != 1 {
			t.Errorf("tilesets %v", l)
		}
	})
}

// TestTileGzip: a client that accepts gzip gets the tile compressed, with
// an ETag of its own; one that does not gets the plain tile.
func TestTileGzip(t *testing.T) {
	e := newEnv(t, storetest.SQLite).with(t)
	h := e.fx.hazards[0]
	x, y := tileOf(6, geo.Point{X: h.squares[0][0], Y: h.squares[0][1]})
	u := fmt.Sprintf("%s/ogcapi/tiles/WebMercatorQuad/6/%d/%d", e.url, y, x)
	get := func(enc string) *http.Response {
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Authorization", "Bearer "+e.tokens["donor"])
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	plain, zipped := get(""), get("gzip, deflate")
	defer plain.Body.Close()
	defer zipped.Body.Close()
	pb, _ := io.ReadAll(plain.Body)
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil || zipped.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip: %v %q", err, zipped.Header.Get("Content-Encoding"))
	}
	zb, _ := io.ReadAll(zr)
	if plain.Header.Get("Content-Encoding") != "" || !bytes.Equal(pb, zb) || len(pb) < 512 {
		t.Errorf("the gzipped tile differs from the plain one (%d, %d bytes)", len(pb), len(zb))
	}
	if plain.Header.Get("ETag") == zipped.Header.Get("ETag") {
		t.Error("both encodings have the same ETag")
	}
}
