package ogctest

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/server"
	"mineaction/internal/storetest"
)

// TestGeneralised runs the server with positions generalised for callers
// who may not read exact ones (a donor): the donor sees uncleared hazards
// as grid cells, in features and tiles, a bbox selects on what the donor
// sees, and spatial filters that would locate features more finely are
// refused; an operator sees exact positions.
func TestGeneralised(t *testing.T) {
	const cell = 0.05
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnvWith(t, open, func(c *server.Config) { c.GeneraliseDeg = cell }).with(t)
		geoms := func(user string, q url.Values) map[string]geo.Geometry {
			r := e.do(user, "GET", "/ogcapi/collections/hazards/items?"+q.Encode(), nil)
			if r.status != 200 {
				t.Fatalf("%s: %d %s", user, r.status, r.body)
			}
			out := map[string]geo.Geometry{}
			for _, f := range r.json(t)["features"].([]any) {
				fm := f.(map[string]any)
				g, err := geo.ParseGeoJSON(mustJSON(fm["geometry"]))
				if err != nil {
					t.Fatal(err)
				}
				out[fm["id"].(string)] = g
			}
			return out
		}
		onGrid := func(v float64) bool { return math.Abs(v/cell-math.Round(v/cell)) < 1e-6 }
		all := url.Values{"limit": {"1000"}}
		donor, editor := geoms("donor", all), geoms("eddie", all)
		for _, h := range e.fx.hazards {
			b, exact := donor[h.hid].Bounds(), h.box()
			if eb := editor[h.hid].Bounds(); eb != exact {
				t.Errorf("%s: the editor sees %v, not the exact %v", h.hid, eb, exact)
			}
			if h.status == "closed" {
				if b != exact {
					t.Errorf("%s is closed: the donor should see it exactly, sees %v", h.hid, b)
				}
				continue
			}
			if !onGrid(b.MinX) || !onGrid(b.MaxY) || b.MinX > exact.MinX || b.MaxX < exact.MaxX || b.MinY > exact.MinY || b.MaxY < exact.MaxY {
				t.Errorf("%s (%s): the donor sees %v, not grid cells covering %v", h.hid, h.status, b, exact)
			}
		}
		// A box beyond the exact hazard but inside its cell.
		h := e.fx.hazards[1]
		ex := h.box()
		box := fmt.Sprintf("%v,%v,%v,%v", ex.MaxX+0.002, ex.MinY, ex.MaxX+0.004, ex.MinY+0.002)
		if h.status == "closed" || math.Floor((ex.MaxX+0.004)/cell) != math.Floor(ex.MaxX/cell) {
			t.Fatalf("fixture changed: pick another hazard")
		}
		inBox := url.Values{"bbox": {box}, "limit": {"1000"}}
		if _, ok := geoms("donor", inBox)[h.hid]; !ok {
			t.Errorf("the donor's bbox does not select %s, whose generalised shape it meets", h.hid)
		}
		if _, ok := geoms("eddie", inBox)[h.hid]; ok {
			t.Errorf("the editor's bbox selects %s, whose exact shape it misses", h.hid)
		}
		problem(t, e.do("donor", "GET", "/ogcapi/collections/hazards/items?filter="+url.QueryEscape("S_INTERSECTS(geometry, POINT(46.1 39.6))"), nil), 403)
		if r := e.do("eddie", "GET", "/ogcapi/collections/hazards/items?filter="+url.QueryEscape("S_INTERSECTS(geometry, POINT(46.1 39.6))"), nil); r.status != 200 {
			t.Errorf("the editor's spatial filter: %d", r.status)
		}
		p := "/ogcapi/collections/hazards/items/" + h.hid
		if a, b := e.do("donor", "GET", p, nil), e.do("eddie", "GET", p, nil); a.header.Get("ETag") == b.header.Get("ETag") || bytes.Equal(a.body, b.body) {
			t.Error("the donor and the editor get the same representation")
		}
		// Tiles: the donor's tile holds the generalised shapes.
		x, y := tileOf(12, geo.Point{X: ex.MinX + 0.001, Y: ex.MinY + 0.001})
		tp := fmt.Sprintf("/ogcapi/collections/hazards/tiles/WebMercatorQuad/12/%d/%d", y, x)
		dt, et := e.do("donor", "GET", tp, nil), e.do("eddie", "GET", tp, nil)
		if dt.status != 200 || et.status != 200 || dt.header.Get("ETag") == et.header.Get("ETag") {
			t.Fatalf("tiles: donor %d, editor %d, same ETag %v", dt.status, et.status, dt.header.Get("ETag") == et.header.Get("ETag"))
		}
		found := false
		for _, f := range readTile(t, dt.body, 12, x, y, "hazards") {
			if f.Properties["hid"] != h.hid {
				continue
			}
			found = true
			g, _ := geo.ParseGeoJSON(f.Geometry)
			// A whole cell (clipped to the tile's buffer), not the hazard.
			if b := g.Bounds(); b.MaxX-b.MinX < 2*(ex.MaxX-ex.MinX) {
				t.Errorf("the donor's tile shows %s as %v, the hazard is %v", h.hid, b, ex)
			}
		}
		if !found {
			t.Errorf("%s is not in the donor's tile", h.hid)
		}
	})
}
