package ogctest

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"

	_ "modernc.org/sqlite" // reads the GeoPackage GDAL writes
)

// testGeoPackage copies every collection with ogr2ogr to a GeoPackage and
// reads it back with SQLite, not GDAL: every table holds the store's
// features, and each hazard's geometry equals the stored one, its
// original_m2 equals the stored figure and the geodesic area of the
// geometry GDAL wrote.
func testGeoPackage(t *testing.T, e *env) {
	out := filepath.Join(t.TempDir(), "copy.gpkg")
	e.gdal("donor", "ogr2ogr", "-f", "GPKG", out, "OAPIF:"+e.url+"/ogcapi")
	db, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := e.storeCounts()
	for _, id := range collectionIDs {
		var n int
		if err := db.QueryRow(fmt.Sprintf(`SELECT count(*) FROM "%s"`, id)).Scan(&n); err != nil {
			t.Fatalf("table %s: %v", id, err)
		}
		if n != want[id] {
			t.Errorf("%s: %d rows in the GeoPackage, %d in the store", id, n, want[id])
		}
	}
	var geomCol string
	if err := db.QueryRow(`SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'hazards'`).Scan(&geomCol); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(fmt.Sprintf(`SELECT hid, original_m2, "%s" FROM hazards`, geomCol))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ctx := context.Background()
	checked := 0
	for rows.Next() {
		var hid string
		var area float64
		var blob []byte
		if err := rows.Scan(&hid, &area, &blob); err != nil {
			t.Fatal(err)
		}
		g, err := gpkgGeometry(blob)
		if err != nil {
			t.Fatalf("%s: %v", hid, err)
		}
		var rec *mineaction.RecordState
		var fig *mineaction.Figures
		err = e.store.View(ctx, func(tx mineaction.Tx) error {
			if rec, err = tx.RecordByHID(ctx, hid); err != nil {
				return err
			}
			fig, err = tx.Figures(ctx, rec.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !sameGeometry(geo.Polygons(g), geo.Polygons(rec.Geometry)) {
			t.Errorf("%s: GeoPackage geometry %v, store %v", hid, g, rec.Geometry)
		}
		if math.Abs(area-fig.OriginalM2) > 0.006 || math.Abs(geo.StraightArea(g)-area) > 0.006 {
			t.Errorf("%s: original_m2 %v in the GeoPackage, %v in the store, %v from its geometry", hid, area, fig.OriginalM2, geo.StraightArea(g))
		}
		checked++
	}
	if checked != numHazards {
		t.Fatalf("checked %d hazards", checked)
	}
}

// gpkgGeometry decodes a GeoPackage geometry blob: the GP header with its
// envelope, then standard WKB.
func gpkgGeometry(b []byte) (geo.Geometry, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, fmt.Errorf("not a GeoPackage geometry")
	}
	flags := b[3]
	envelope := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&7]
	if srs := int32(binary.LittleEndian.Uint32(b[4:8])); flags&1 == 1 && srs != 4326 {
		return nil, fmt.Errorf("srs_id %d, want 4326", srs)
	}
	return geo.UnmarshalWKB(b[8+envelope:])
}

// sameGeometry compares polygons vertex by vertex.
func sameGeometry(a, b geo.MultiPolygon) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				return false
			}
			for k := range a[i][j] {
				if math.Abs(a[i][j][k].X-b[i][j][k].X) > 1e-12 || math.Abs(a[i][j][k].Y-b[i][j][k].Y) > 1e-12 {
					return false
				}
			}
		}
	}
	return len(a) > 0
}
