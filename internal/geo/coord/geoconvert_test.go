package coord

import (
	"bufio"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"mineaction/internal/geo"
)

// The fixtures in testdata come from GeographicLib's GeoConvert; see
// scripts/gen-coord-fixtures.

// fixtureLines returns the fields of each non-comment line of a fixture.
func fixtureLines(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatalf("open fixture: %v (regenerate with go run ./scripts/gen-coord-fixtures)", err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && line[0] != '#' {
			rows = append(rows, strings.Fields(line))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 {
		t.Fatalf("fixture %s has only %d rows", name, len(rows))
	}
	return rows
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("fixture number %q: %v", s, err)
	}
	return v
}

// groundDistance is the distance in metres between two nearby points, good
// to a part in a thousand, which is all a millimetre tolerance needs.
func groundDistance(a, b geo.Point) float64 {
	const mPerDeg = 111320.0
	dy := (a.Y - b.Y) * mPerDeg
	dx := math.Remainder(a.X-b.X, 360) * mPerDeg * math.Cos((a.Y+b.Y)/2*math.Pi/180)
	return math.Hypot(dx, dy)
}

func TestUTMMatchesGeoConvert(t *testing.T) {
	var worstFwd, worstInv float64
	for _, f := range fixtureLines(t, "utm.txt") {
		p := geo.Point{X: mustFloat(t, f[1]), Y: mustFloat(t, f[0])}
		zone, err := strconv.Atoi(f[2][:len(f[2])-1])
		if err != nil {
			t.Fatalf("fixture zone %q", f[2])
		}
		want := UTM{Zone: zone, North: strings.HasSuffix(f[2], "n"), Easting: mustFloat(t, f[3]), Northing: mustFloat(t, f[4])}
		got, err := ToUTM(p)
		if err != nil {
			t.Errorf("ToUTM(%s %s): %v", f[0], f[1], err)
			continue
		}
		if got.Zone != want.Zone || got.North != want.North {
			t.Errorf("ToUTM(%s %s) = %v, GeoConvert %v", f[0], f[1], got, want)
			continue
		}
		d := math.Hypot(got.Easting-want.Easting, got.Northing-want.Northing)
		worstFwd = math.Max(worstFwd, d)
		if d > 1e-3 {
			t.Errorf("ToUTM(%s %s) = %v, GeoConvert %v: %.6f m apart", f[0], f[1], got, want, d)
		}
		back, err := want.Point()
		if err != nil {
			t.Errorf("%v.Point(): %v", want, err)
			continue
		}
		d = groundDistance(back, p)
		worstInv = math.Max(worstInv, d)
		if d > 1e-3 {
			t.Errorf("%v.Point() = %v, want %s %s: %.6f m apart", want, back, f[0], f[1], d)
		}
	}
	t.Logf("largest difference from GeoConvert: forward %.3g m, inverse %.3g m", worstFwd, worstInv)
}

func TestMGRSMatchesGeoConvert(t *testing.T) {
	for _, f := range fixtureLines(t, "mgrs.txt") {
		p := geo.Point{X: mustFloat(t, f[1]), Y: mustFloat(t, f[0])}
		for d := 0; d <= 5; d++ {
			got, err := FormatMGRS(p, d)
			if err != nil || got != f[2+d] {
				t.Errorf("FormatMGRS(%s %s, %d) = %q, %v; GeoConvert %q", f[0], f[1], d, got, err, f[2+d])
			}
		}
	}
}

func TestMGRSCentresMatchGeoConvert(t *testing.T) {
	refused := 0
	for _, f := range fixtureLines(t, "mgrs-centres.txt") {
		got, err := ParseMGRS(f[0])
		if f[1] == "-" {
			refused++
			if err == nil {
				t.Errorf("ParseMGRS(%s) = %v; GeoConvert refuses it", f[0], got)
			}
			continue
		}
		want := geo.Point{X: mustFloat(t, f[2]), Y: mustFloat(t, f[1])}
		if want.Y < -80.5 || want.Y > 84.5 {
			// GeoConvert reads these polar squares; this package stops
			// at the UTM overlap limits and says why.
			if !errors.Is(err, ErrPolar) {
				t.Errorf("ParseMGRS(%s) = %v, %v; want ErrPolar (GeoConvert: %v)", f[0], got, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseMGRS(%s): %v; GeoConvert gives %s %s", f[0], err, f[1], f[2])
			continue
		}
		if d := groundDistance(got, want); d > 1e-3 {
			t.Errorf("ParseMGRS(%s) = %v, GeoConvert %v: %.6f m apart", f[0], got, want, d)
		}
	}
	if refused == 0 {
		t.Error("fixture has no square that GeoConvert refuses")
	}
}
