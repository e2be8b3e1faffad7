package mvt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// GDAL's MVT driver is the independent reader these tests check tiles
// against. Opened as a plain file, a tile is reported in tile coordinates
// with y flipped upwards (y' = extent - y); opened as z/x/y.pbf, in
// EPSG:3857. CLIP=NO keeps the buffer, which GDAL otherwise cuts off.

// requireGDAL fails the test when gdal-bin is not installed.
func requireGDAL(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ogr2ogr", "ogrinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: GDAL (gdal-bin) is the reference reader for vector tiles; run scripts/setup to install it", tool)
		}
	}
}

// gjFeature is a GeoJSON feature as ogr2ogr writes it.
type gjFeature struct {
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// ogrFeatures runs ogr2ogr on a tile and returns the features of one layer.
func ogrFeatures(t *testing.T, path, layer string, args ...string) []gjFeature {
	t.Helper()
	cmd := append([]string{"-f", "GeoJSON", "/vsistdout/", "-oo", "CLIP=NO"}, args...)
	cmd = append(cmd, path)
	if layer != "" {
		cmd = append(cmd, layer)
	}
	out, err := exec.Command("ogr2ogr", cmd...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("ogr2ogr %v: %v\n%s", cmd, err, stderr)
	}
	var fc struct {
		Features []gjFeature `json:"features"`
	}
	if err := json.Unmarshal(out, &fc); err != nil {
		t.Fatalf("ogr2ogr output: %v\n%s", err, out)
	}
	return fc.Features
}

// polygons returns the coordinates of a Polygon or MultiPolygon feature as
// polygons of rings of points, closing vertex included.
func (f gjFeature) polygons(t *testing.T) [][][][2]float64 {
	t.Helper()
	var out [][][][2]float64
	var err error
	switch f.Geometry.Type {
	case "MultiPolygon":
		err = json.Unmarshal(f.Geometry.Coordinates, &out)
	case "Polygon":
		var p [][][2]float64
		err = json.Unmarshal(f.Geometry.Coordinates, &p)
		out = [][][][2]float64{p}
	default:
		t.Fatalf("geometry type %s, want a polygon", f.Geometry.Type)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// parts returns the coordinates of a point or line feature as parts.
func (f gjFeature) parts(t *testing.T) [][][2]float64 {
	t.Helper()
	var out [][][2]float64
	var err error
	switch f.Geometry.Type {
	case "Point":
		var p [2]float64
		err = json.Unmarshal(f.Geometry.Coordinates, &p)
		out = [][][2]float64{{p}}
	case "MultiPoint", "LineString":
		var l [][2]float64
		err = json.Unmarshal(f.Geometry.Coordinates, &l)
		out = [][][2]float64{l}
	case "MultiLineString":
		err = json.Unmarshal(f.Geometry.Coordinates, &out)
	default:
		t.Fatalf("geometry type %s", f.Geometry.Type)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeTile writes a tile both as a plain file and as z/x/y.pbf under a
// temporary directory and returns the two paths.
func writeTile(t *testing.T, tile []byte, z, x, y int) (plain, zxy string) {
	t.Helper()
	dir := t.TempDir()
	plain = filepath.Join(dir, "tile.pbf")
	zxy = filepath.Join(dir, "tiles", fmt.Sprint(z), fmt.Sprint(x), fmt.Sprint(y)+".pbf")
	if err := os.MkdirAll(filepath.Dir(zxy), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{plain, zxy} {
		if err := os.WriteFile(p, tile, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return plain, zxy
}

// ogrAreas returns OGR_GEOM_AREA, GDAL's own planar area, of every feature
// of a polygon layer in order.
func ogrAreas(t *testing.T, path, layer string) []float64 {
	t.Helper()
	sql := fmt.Sprintf("SELECT mvt_id, OGR_GEOM_AREA AS area FROM %s", layer)
	var areas []float64
	for _, f := range ogrFeatures(t, path, "", "-sql", sql) {
		a, ok := f.Properties["area"].(float64)
		if !ok {
			t.Fatalf("no area in %v", f.Properties)
		}
		areas = append(areas, a)
	}
	return areas
}

// sameProperties compares decoded properties with GDAL's, which are JSON
// numbers, strings and booleans, and null for a field a feature lacks.
func sameProperties(ours map[string]any, gdal map[string]any) error {
	n := 0
	for k, g := range gdal {
		if k == "mvt_id" || g == nil {
			continue
		}
		n++
		o, ok := ours[k]
		if !ok {
			return fmt.Errorf("GDAL has %s=%v, we have none", k, g)
		}
		if i, isInt := o.(int64); isInt {
			o = float64(i)
		}
		if o != g {
			return fmt.Errorf("%s: GDAL %v (%T), ours %v (%T)", k, g, g, o, o)
		}
	}
	if n != len(ours) {
		return fmt.Errorf("GDAL has %d properties, we have %d", n, len(ours))
	}
	return nil
}

// jsonBytes pretty-prints a value for failure messages.
func jsonBytes(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	_ = enc.Encode(v)
	return b.String()
}
