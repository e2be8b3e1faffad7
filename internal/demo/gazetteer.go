package demo

import (
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
	"mineaction/internal/mineaction"
)

// BoundaryNote is the note every demo district carries.
const BoundaryNote = "Approximate demo boundary: the Voronoi cell of the district centre in data/places.csv, " +
	"clipped to the national outline. Not an official boundary."

// district is a demo admin area with what the generator needs of it.
type district struct {
	index    int
	name     string
	code     string
	centre   geo.Point
	affected bool
	geom     geo.MultiPolygon
	box      geo.BBox
	areaM2   float64
}

// village is a place of the gazetteer, real town or synthetic village.
type village struct {
	name       string
	kind       string
	point      geo.Point
	population int64
	district   int
}

// gazetteer is the country, its demo districts and its places.
type gazetteer struct {
	outline   geo.MultiPolygon
	areaM2    float64
	districts []*district
	places    []village
	// parts are the parts of the outline indexed for containment tests.
	parts []*geos.Prepared
	// byDistrict lists the places of each district.
	byDistrict [][]int
}

// buildGazetteer makes the districts from the place list and adds
// synthetic villages, nVillages of them, mostly in affected districts.
func buildGazetteer(seed int64, nVillages int) (*gazetteer, error) {
	outline, err := readOutline()
	if err != nil {
		return nil, err
	}
	src, err := readPlaces()
	if err != nil {
		return nil, err
	}
	g := &gazetteer{outline: outline, areaM2: geo.Area(outline)}
	for _, part := range outline {
		prep, err := geos.Prepare(part)
		if err != nil {
			g.close()
			return nil, err
		}
		g.parts = append(g.parts, prep)
	}
	seeds := make([]geo.Point, len(src))
	for i, p := range src {
		seeds[i] = p.Point
	}
	cells, err := voronoiDistricts(outline, seeds)
	if err != nil {
		return nil, err
	}
	codes := map[string]bool{}
	for i, p := range src {
		if cells[i].IsEmpty() {
			return nil, fmt.Errorf("gazetteer: no district for %s", p.Name)
		}
		code := districtCode(p.Name)
		if codes[code] {
			return nil, fmt.Errorf("gazetteer: two districts coded %s", code)
		}
		codes[code] = true
		g.districts = append(g.districts, &district{index: i, name: p.Name, code: code, centre: p.Point,
			affected: p.Affected, geom: cells[i], box: cells[i].Bounds(), areaM2: geo.Area(cells[i])})
		g.places = append(g.places, village{name: p.Name, kind: p.Kind, point: p.Point, district: i})
	}
	g.addVillages(newRNG(seed, "villages"), nVillages)
	g.byDistrict = make([][]int, len(g.districts))
	for i, v := range g.places {
		g.byDistrict[v.district] = append(g.byDistrict[v.district], i)
	}
	return g, nil
}

// close frees the prepared district geometries.
func (g *gazetteer) close() {
	for _, p := range g.parts {
		p.Close()
	}
}

// addVillages places synthetic villages: four in five in affected
// districts, the rest in their neighbours.
func (g *gazetteer) addVillages(r *rng, n int) {
	var affected, others []*district
	for _, d := range g.districts {
		if d.affected {
			affected = append(affected, d)
		} else if belts[d.name].w > 0 {
			others = append(others, d)
		}
	}
	for i := 1; i <= n; i++ {
		pool := affected
		if r.chance(0.2) {
			pool = others
		}
		d := pool[r.intn(len(pool))]
		b := d.geom.Bounds()
		var p geo.Point
		for try := 0; try < 200; try++ {
			p = geo.Point{X: round7(r.between(b.MinX, b.MaxX)), Y: round7(r.between(b.MinY, b.MaxY))}
			if geo.ContainsPoint(d.geom, p) {
				break
			}
			p = d.centre
		}
		pop := int64(math.Round(r.logNormal(math.Log(600), 0.9)))
		g.places = append(g.places, village{name: fmt.Sprintf("Demo village %03d", i), kind: "village (synthetic)",
			point: p, population: max(pop, 20), district: d.index})
	}
}

// districtOf returns the district containing p, or -1.
func (g *gazetteer) districtOf(p geo.Point) int {
	for _, d := range g.districts {
		if d.box.Contains(p) && geo.ContainsPoint(d.geom, p) {
			return d.index
		}
	}
	return -1
}

// nearestPlace returns the place of district d (any district if d < 0)
// nearest to p.
func (g *gazetteer) nearestPlace(d int, p geo.Point) *village {
	list := g.byDistrict[max(d, 0)]
	if d < 0 || len(list) == 0 {
		list = nil
		for i := range g.places {
			list = append(list, i)
		}
	}
	best, bestD := 0, math.Inf(1)
	q := toPlane(p)
	for _, i := range list {
		v := toPlane(g.places[i].point)
		if dd := math.Hypot(v.x-q.x, v.y-q.y); dd < bestD {
			best, bestD = i, dd
		}
	}
	return &g.places[best]
}

// adminAreas returns the districts as reference data.
func (g *gazetteer) adminAreas() []*mineaction.AdminArea {
	out := make([]*mineaction.AdminArea, 0, len(g.districts))
	for _, d := range g.districts {
		out = append(out, &mineaction.AdminArea{Code: d.code, Name: d.name, Level: 1, Affected: d.affected,
			Note: BoundaryNote, Geometry: d.geom, AreaM2: d.areaM2})
	}
	return out
}

// placeRecords returns the places as reference data.
func (g *gazetteer) placeRecords() []*mineaction.Place {
	out := make([]*mineaction.Place, 0, len(g.places))
	for _, v := range g.places {
		out = append(out, &mineaction.Place{Name: v.name, Kind: v.kind, Point: v.point, Population: v.population,
			AdminArea: g.districts[v.district].code})
	}
	return out
}
