package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"mineaction/internal/geo"
	"mineaction/internal/geo/coord"
)

// The ways a position or a polygon can be entered.
const (
	modeDraw     = "draw"     // drawn on the map (GeoJSON in geometry_geojson)
	modeCoords   = "coords"   // typed or pasted positions, one a line, in any format coord.Parse reads
	modeTraverse = "traverse" // a benchmark and bearing-and-distance legs
)

// geometryInput reads the form's main geometry: GeoJSON from the map (or
// pasted), positions typed in DD, DMS, UTM or MGRS, or a traverse. It
// returns nil with no error when nothing was entered.
func geometryInput(kind string, v url.Values, fe formErrors, rd positions) json.RawMessage {
	switch v.Get("geom_mode") {
	case modeCoords:
		g := positionsGeometry(kind, v.Get("geom_coords"), "geom_coords", fe, rd)
		if g == nil {
			return nil
		}
		b, _ := json.Marshal(g)
		return b
	case modeTraverse:
		return traverseInput(v, fe, rd)
	}
	raw := strings.TrimSpace(v.Get("geometry_geojson"))
	if raw == "" {
		return nil
	}
	if !json.Valid([]byte(raw)) {
		fe.add("geometry", msgs.T("form.error.geojson"))
		return nil
	}
	return json.RawMessage(raw)
}

// positions reads typed positions for a programme whose service area is
// area: a UTM position written with a capital S that fits both band S and
// the southern hemisphere is read where the programme works (see
// coord.ParseIn).
type positions struct{ area geo.BBox }

func (rd positions) read(s string) (geo.Point, error) {
	return coord.ParseIn(s, func(p geo.Point) bool {
		return !rd.area.IsEmpty() && rd.area.Contains(p)
	})
}

// swapped reports whether p lies outside the service area and would lie
// inside it with latitude and longitude exchanged: written longitude first,
// where the form asks for latitude first.
func (rd positions) swapped(p geo.Point) bool {
	q := geo.Point{X: p.Y, Y: p.X}
	return !rd.area.IsEmpty() && !rd.area.Contains(p) && rd.area.Contains(q)
}

// parsePositions reads one position a line; errors name the line.
func parsePositions(text, field string, fe formErrors, rd positions) []geo.Point {
	var pts []geo.Point
	ok := true
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p, err := rd.read(line)
		if err != nil {
			fe.add(field, msgs.F("form.error.position", i+1, err.Error()))
			ok = false
			continue
		}
		if q := (geo.Point{X: p.Y, Y: p.X}); rd.swapped(p) {
			fe.add(field, msgs.F("form.error.swapped", i+1, p.Y, p.X, q.Y, q.X))
			ok = false
			continue
		}
		pts = append(pts, p)
	}
	if !ok {
		return nil
	}
	return pts
}

// positionsGeometry turns typed positions into a GeoJSON Point or Polygon
// object (the ring closed for the writer), or nil when the text is empty.
func positionsGeometry(kind, text, field string, fe formErrors, rd positions) map[string]any {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	pts := parsePositions(text, field, fe, rd)
	if pts == nil {
		return nil
	}
	if kind == "point" {
		if len(pts) != 1 {
			fe.add(field, msgs.T("form.error.one_position"))
			return nil
		}
		return map[string]any{"type": "Point", "coordinates": []float64{pts[0].X, pts[0].Y}}
	}
	if pts[0] != pts[len(pts)-1] {
		pts = append(pts, pts[0])
	}
	ring := make([][]float64, len(pts))
	for i, p := range pts {
		ring[i] = []float64{p.X, p.Y}
	}
	return map[string]any{"type": "Polygon", "coordinates": [][][]float64{ring}}
}

// traverseInput walks a benchmark and its legs ("bearing distance" a line,
// the bearing in degrees from true north, the distance in metres).
func traverseInput(v url.Values, fe formErrors, rd positions) json.RawMessage {
	start, err := rd.read(strings.TrimSpace(v.Get("geom_start")))
	if err != nil {
		fe.add("geom_start", err.Error())
		return nil
	}
	var legs []geo.Leg
	for i, line := range strings.Split(v.Get("geom_legs"), "\n") {
		f := strings.Fields(strings.NewReplacer("°", " ", "m", " ", ",", " ", ";", " ").Replace(line))
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			fe.add("geom_legs", msgs.F("form.error.leg", i+1))
			continue
		}
		b, err1 := strconv.ParseFloat(f[0], 64)
		d, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			fe.add("geom_legs", msgs.F("form.error.leg", i+1))
			continue
		}
		legs = append(legs, geo.Leg{BearingDeg: b, DistanceM: d})
	}
	if len(fe["geom_legs"]) > 0 {
		return nil
	}
	ring, misclosure, err := geo.Traverse(start, legs)
	if err != nil {
		fe.add("geom_legs", err.Error())
		return nil
	}
	v.Del("geom_misclosure")
	if tol := traverseTolerance(legs); misclosure > tol {
		fe.add("geom_legs", msgs.F("form.error.misclosure", fmt.Sprintf("%.2f", misclosure), fmt.Sprintf("%.2f", tol)))
		return nil
	}
	if misclosure > 0.01 {
		// The ring is closed on the benchmark; the form and the report
		// page say by how much it missed.
		v.Set("geom_misclosure", fmt.Sprintf("%.2f", misclosure))
	}
	coords := make([][]float64, len(ring))
	for i, p := range ring {
		coords[i] = []float64{p.X, p.Y}
	}
	if coords[0][0] != coords[len(coords)-1][0] || coords[0][1] != coords[len(coords)-1][1] {
		coords = append(coords, coords[0])
	}
	b, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": [][][]float64{coords}})
	return b
}

// traverseTolerance is the largest misclosure a traverse may have and
// still be closed on its benchmark: 1 % of the length walked (a relative
// precision of 1:100), and never less than 1 m. That is the precision of a
// survey with a hand-held compass (about 1° on each bearing puts the end of
// a leg 1.7 % of its length to one side, and such errors partly cancel over
// several legs) and a tape or laser range finder. A mistake in the notes (a
// leg left out, a back bearing, a misread distance) misses by far more, and
// is refused rather than closed out of sight.
func traverseTolerance(legs []geo.Leg) float64 {
	var length float64
	for _, l := range legs {
		length += l.DistanceM
	}
	return max(1, length/100)
}

// positionsText writes a GeoJSON Point's or Polygon's outer ring as
// positions, one a line, latitude first in decimal degrees.
func positionsText(g map[string]any) string {
	var lines []string
	add := func(p any) {
		c, _ := p.([]any)
		if len(c) >= 2 {
			x, _ := c[0].(float64)
			y, _ := c[1].(float64)
			lines = append(lines, fmt.Sprintf("%.7f, %.7f", y, x))
		}
	}
	switch g["type"] {
	case "Point":
		add(g["coordinates"])
	case "Polygon":
		rings, _ := g["coordinates"].([]any)
		if len(rings) > 0 {
			ring, _ := rings[0].([]any)
			for _, p := range ring {
				add(p)
			}
		}
	}
	return strings.Join(lines, "\n")
}
