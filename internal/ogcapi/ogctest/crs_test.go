package ogctest

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

const (
	crs84    = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
	utm38    = "http://www.opengis.net/def/crs/EPSG/0/32638"
	utm39    = "http://www.opengis.net/def/crs/EPSG/0/32639"
)

// geoConvert converts latitude/longitude pairs to UTM in a given zone with
// GeographicLib's GeoConvert, the independent reference.
func geoConvert(t testing.TB, zone int, pts []geo.Point) [][2]float64 {
	t.Helper()
	path, err := exec.LookPath("GeoConvert")
	if err != nil {
		t.Fatal("GeoConvert is missing: run scripts/setup (Debian geographiclib-tools)")
	}
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.12f %.12f\n", p.Y, p.X)
	}
	cmd := exec.Command(path, "-u", "-z", strconv.Itoa(zone), "-p", "6")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GeoConvert: %v", err)
	}
	var res [][2]float64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		e, _ := strconv.ParseFloat(f[1], 64)
		n, _ := strconv.ParseFloat(f[2], 64)
		res = append(res, [2]float64{e, n})
	}
	return res
}

// TestCRS checks OGC API Features Part 2 on every store: the CRS list, crs
// with Content-Crs and the axis order of EPSG:4326 (latitude first) against
// CRS84 (longitude first), UTM output against GeoConvert, and bbox-crs.
func TestCRS(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open).with(t)
		m := e.get("/ogcapi/collections/hazards", 200).json(t)
		if list := toStrings(m["crs"]); list[0] != crs84 || !slices.Contains(list, epsg4326) || !slices.Contains(list, utm38) || !slices.Contains(list, utm39) {
			t.Errorf("crs list %v", list)
		}
		if m["storageCrs"] != crs84 {
			t.Errorf("storageCrs %v", m["storageCrs"])
		}
		h := e.fx.hazards[9]
		base := "/ogcapi/collections/hazards/items/" + h.hid
		ring := func(r res) []any {
			return r.json(t)["geometry"].(map[string]any)["coordinates"].([]any)[0].([]any)
		}
		r84 := e.get(base, 200)
		if r84.header.Get("Content-Crs") != "<"+crs84+">" {
			t.Errorf("Content-Crs %q", r84.header.Get("Content-Crs"))
		}
		lonlat := ring(r84)
		if lonlat[0].([]any)[0].(float64) != h.squares[0][0] || lonlat[0].([]any)[1].(float64) != h.squares[0][1] {
			t.Fatalf("CRS84 is longitude first: %v, want %v", lonlat[0], h.squares[0])
		}
		for _, c := range []string{epsg4326, "[EPSG:4326]"} {
			r := e.get(base+"?crs="+url.QueryEscape(c), 200)
			if r.header.Get("Content-Crs") != "<"+epsg4326+">" {
				t.Errorf("Content-Crs %q", r.header.Get("Content-Crs"))
			}
			latlon := ring(r)
			for i := range latlon {
				a, b := latlon[i].([]any), lonlat[i].([]any)
				if a[0] != b[1] || a[1] != b[0] {
					t.Fatalf("EPSG:4326 position %v is not latitude, longitude of %v", a, b)
				}
			}
		}
		for zone, uri := range map[int]string{38: utm38, 39: utm39} {
			r := e.get(base+"?crs="+url.QueryEscape(uri), 200)
			got := ring(r)
			var pts []geo.Point
			for _, p := range lonlat {
				pts = append(pts, geo.Point{X: p.([]any)[0].(float64), Y: p.([]any)[1].(float64)})
			}
			for i, w := range geoConvert(t, zone, pts) {
				g := got[i].([]any)
				if math.Abs(g[0].(float64)-w[0]) > 0.0011 || math.Abs(g[1].(float64)-w[1]) > 0.0011 {
					t.Errorf("zone %d: %v, GeoConvert %v", zone, g, w)
				}
			}
			if r.header.Get("Content-Crs") != "<"+uri+">" {
				t.Errorf("Content-Crs %q", r.header.Get("Content-Crs"))
			}
		}
		items := e.items("hazards", url.Values{"crs": {utm38}, "limit": {"2"}})
		if items.header.Get("Content-Crs") != "<"+utm38+">" {
			t.Errorf("items Content-Crs %q", items.header.Get("Content-Crs"))
		}

		// bbox-crs: the same box in EPSG:4326 order, and a box in UTM 38N
		// whose edges run between the fixture's hazards.
		box := geo.BBox{MinX: 46.0, MinY: 39.5, MaxX: 46.5, MaxY: 39.9}
		want := e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(box) })
		q := url.Values{"limit": {"1000"}, "bbox": {"39.5,46.0,39.9,46.5"}, "bbox-crs": {epsg4326}}
		if got := ids(t, e.items("hazards", q).json(t)); !slices.Equal(got, want) {
			t.Errorf("bbox in EPSG:4326: %v, want %v", got, want)
		}
		corners := geoConvert(t, 38, []geo.Point{{X: 46.13, Y: 39.62}, {X: 46.45, Y: 39.95}})
		utmBox := geo.BBox{MinX: 46.13, MinY: 39.62, MaxX: 46.45, MaxY: 39.95}
		want = e.fx.hazardIDs(func(h *hazardSpec) bool { return h.meets(utmBox) })
		q = url.Values{"limit": {"1000"}, "bbox-crs": {utm38},
			"bbox": {fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", corners[0][0], corners[0][1], corners[1][0], corners[1][1])}}
		if got := ids(t, e.items("hazards", q).json(t)); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("bbox in UTM 38N: %v, want %v", got, want)
		}
		for _, bad := range []string{"crs=EPSG:4326", "crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/3857"), "bbox-crs=" + url.QueryEscape(utm38),
			"bbox=46,39,47,40&bbox-crs=nope"} {
			problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?"+bad, nil), 400)
		}
	})
}
