package demo

import (
	"fmt"
	"math"
	"sort"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// The hazard layout. The region around the districts where hazards lie is
// cut into rectangles by random k-d splits (in a local plane in
// kilometres); a rectangle whose centre falls in an affected district (or,
// less often, in a neighbouring one) is clipped to the national outline,
// and a star-shaped hazard polygon is drawn inside the clipped cell. Cells
// are disjoint, so hazards never overlap, and each lies inside the outline.

const kmPerDegree = 111.2

func kmPlane(p geo.Point) vec { return vec{p.X * lonScale * kmPerDegree, p.Y * kmPerDegree} }
func kmPoint(v vec) geo.Point {
	return geo.Point{X: v.x / (lonScale * kmPerDegree), Y: v.y / kmPerDegree}
}

// belt says where hazards lie outside the affected districts: in a
// district next to them, a leaf is kept with probability w times
// exp(-d/reach) for d its distance in km from the nearest affected centre
// (reach 0: no decay).
type belt struct{ w, reach float64 }

var belts = map[string]belt{
	"Goranboy": {0.8, 40}, "Aghjabadi": {0.7, 30}, "Beylagan": {0.8, 30}, "Barda": {0.5, 25},
	"Dashkasan": {0.7, 35}, "Gadabay": {0.35, 35}, "Ganja": {0.08, 0}, "Nakhchivan": {0.07, 0},
}

// layoutParams sets how the districts are cut.
type layoutParams struct {
	minKm2, maxKm2 float64 // leaf areas: always split above max, never below min
}

// leaf is a cell that receives a hazard.
type leaf struct {
	part     int // the part of the outline it lies in
	district int
	box      [4]float64 // x0, y0, x1, y1 in the km plane
	r        *rng
}

// splitRegion cuts a box into leaves and keeps those whose centre lies in
// an affected district, or in a belt district with the belt probability.
func splitRegion(g *gazetteer, part int, box geo.BBox, centres []vec, p layoutParams, r *rng, out []leaf) []leaf {
	lo, hi := kmPlane(geo.Point{X: box.MinX, Y: box.MinY}), kmPlane(geo.Point{X: box.MaxX, Y: box.MaxY})
	var rec func(x0, y0, x1, y1 float64, r *rng)
	rec = func(x0, y0, x1, y1 float64, r *rng) {
		a := (x1 - x0) * (y1 - y0)
		stop := a <= p.minKm2
		if !stop && a <= p.maxKm2 {
			stop = r.float() < math.Log(p.maxKm2/a)/math.Log(p.maxKm2/p.minKm2)
		}
		if stop {
			c := vec{(x0 + x1) / 2, (y0 + y1) / 2}
			di := g.districtOf(kmPoint(c))
			if di < 0 || !geo.ContainsPoint(g.outline[part], kmPoint(c)) {
				return
			}
			d := g.districts[di]
			keep := r.float()
			if !d.affected {
				bt := belts[d.name]
				pr := bt.w
				if bt.reach > 0 {
					pr *= math.Exp(-nearest(centres, c) / bt.reach)
				}
				if keep >= pr {
					return
				}
			}
			out = append(out, leaf{part: part, district: di, box: [4]float64{x0, y0, x1, y1}, r: r.fork(len(out))})
			return
		}
		f := r.between(0.35, 0.65)
		left, right := r.fork(1), r.fork(2)
		if x1-x0 >= y1-y0 {
			m := x0 + f*(x1-x0)
			rec(x0, y0, m, y1, left)
			rec(m, y0, x1, y1, right)
		} else {
			m := y0 + f*(y1-y0)
			rec(x0, y0, x1, m, left)
			rec(x0, m, x1, y1, right)
		}
	}
	rec(lo.x, lo.y, hi.x, hi.y, r)
	return out
}

func nearest(centres []vec, c vec) float64 {
	best := math.Inf(1)
	for _, q := range centres {
		best = math.Min(best, math.Hypot(q.x-c.x, q.y-c.y))
	}
	return best
}

// leaves cuts the regions where hazards lie: for each part of the outline
// (the mainland, Nakhchivan), the box around the districts of that part
// that are affected or in the belt.
func leaves(g *gazetteer, p layoutParams, seed int64) []leaf {
	var centres []vec
	for _, d := range g.districts {
		if d.affected {
			centres = append(centres, kmPlane(d.centre))
		}
	}
	var out []leaf
	for pi, part := range g.outline {
		box := geo.EmptyBBox()
		for _, d := range g.districts {
			if (d.affected || belts[d.name].w > 0) && geo.ContainsPoint(part, d.centre) {
				box = box.Union(d.box)
			}
		}
		if box.IsEmpty() {
			continue
		}
		box = clampBox(box, part.Bounds())
		out = splitRegion(g, pi, box, centres, p, newRNG(seed, fmt.Sprintf("layout/%d", pi)), out)
	}
	return out
}

// clampBox returns the part of b inside c.
func clampBox(b, c geo.BBox) geo.BBox {
	return geo.BBox{MinX: math.Max(b.MinX, c.MinX), MinY: math.Max(b.MinY, c.MinY), MaxX: math.Min(b.MaxX, c.MaxX), MaxY: math.Min(b.MaxY, c.MaxY)}
}

// planLeaves finds the leaf size that gives about want hazards (within 5%):
// the number of leaves falls about in proportion as the sizes grow, so a
// few proportional corrections find it. The spread of sizes is fixed.
func planLeaves(g *gazetteer, want int, seed int64) []leaf {
	const spread = 400.0
	size := 13000.0 / float64(want) / 4
	var best []leaf
	for range 16 {
		ls := leaves(g, layoutParams{minKm2: size, maxKm2: math.Min(size*spread, 2000)}, seed)
		if math.Abs(float64(len(ls)-want)) < math.Abs(float64(len(best)-want)) {
			best = ls
		}
		if len(ls)*20 >= want*19 && len(ls)*20 <= want*21 {
			break
		}
		size *= float64(max(len(ls), 1)) / float64(want)
	}
	return best
}

// starIn draws a star-shaped polygon inside a cell (a polygon in degrees):
// the centre is near the middle of the leaf, and each vertex lies on a ray
// from it at a fraction of the distance to the cell's boundary.
func starIn(cell geo.MultiPolygon, l leaf, convex bool) (*shape, error) {
	r := l.r
	x0, y0, x1, y1 := l.box[0], l.box[1], l.box[2], l.box[3]
	var c geo.Point
	found := false
	for try := 0; try < 30 && !found; try++ {
		spread := math.Min(0.15+0.03*float64(try), 0.5)
		c = kmPoint(vec{(x0+x1)/2 + r.between(-spread, spread)*(x1-x0), (y0+y1)/2 + r.between(-spread, spread)*(y1-y0)})
		found = geo.ContainsPoint(cell, c)
	}
	if !found {
		return nil, nil
	}
	sizeKm := math.Sqrt((x1 - x0) * (y1 - y0))
	n := int(math.Min(40, math.Max(10, 10+sizeKm*r.between(1.2, 3.5))))
	cv := kmPlane(c)
	angles := rayAngles(r, n, cv, l.box)
	base := r.between(0.92, 0.985)
	wave, phase, k := r.between(0, 0.06), r.between(0, 2*math.Pi), float64(r.intBetween(2, 4))
	rel := make([]geo.Point, 0, n)
	for _, th := range angles {
		d := rayDistance(cell, cv, th)
		if d <= 0 || math.IsInf(d, 1) {
			return nil, nil
		}
		f := base + wave*math.Sin(k*th+phase) + 0.035*r.normal()
		f = math.Max(0.5, math.Min(0.985, f))
		v := kmPoint(vec{cv.x + f*d*math.Cos(th), cv.y + f*d*math.Sin(th)})
		rel = append(rel, geo.Point{X: v.X - c.X, Y: v.Y - c.Y})
	}
	s := &shape{c: c, rel: rel, fit: 1, scale: 1}
	if convex {
		return s, nil
	}
	// A clipped cell may be concave between two rays: shrink until the
	// polygon lies inside it.
	for try := 0; try < 5; try++ {
		ok, err := geos.Contains(cell, s.polygon())
		if err != nil {
			return nil, fmt.Errorf("hazard cell: %w", err)
		}
		if ok && len(geo.Validate(s.polygon())) == 0 {
			return s, nil
		}
		s.fit *= 0.85
		s.scale = s.fit
	}
	return nil, nil
}

// rayAngles returns n increasing ray directions from c, jittered around an
// even spread, four of them towards the corners of the leaf so that the
// polygon reaches into them.
func rayAngles(r *rng, n int, c vec, box [4]float64) []float64 {
	angles := make([]float64, n)
	step := 2 * math.Pi / float64(n)
	for i := range angles {
		angles[i] = (float64(i) + r.between(-0.3, 0.3)) * step
	}
	for _, corner := range [][2]float64{{box[2], box[3]}, {box[0], box[3]}, {box[0], box[1]}, {box[2], box[1]}} {
		th := math.Atan2(corner[1]-c.y, corner[0]-c.x)
		if th < 0 {
			th += 2 * math.Pi
		}
		i := int(math.Round(th/step)) % n
		lo, hi := float64(i)*step-0.45*step, float64(i)*step+0.45*step
		if i == 0 && th > math.Pi {
			th -= 2 * math.Pi
		}
		angles[i] = math.Max(lo, math.Min(hi, th))
	}
	if angles[0] < 0 {
		angles[0] += 2 * math.Pi
		sort.Float64s(angles)
	}
	return angles
}

// rayDistance returns the distance in km from c along direction th to the
// first crossing of the cell's boundary.
func rayDistance(cell geo.MultiPolygon, c vec, th float64) float64 {
	dx, dy := math.Cos(th), math.Sin(th)
	best := math.Inf(1)
	for _, p := range cell {
		for _, ring := range p {
			for i := 0; i+1 < len(ring); i++ {
				a, b := kmPlane(ring[i]), kmPlane(ring[i+1])
				ex, ey := b.x-a.x, b.y-a.y
				den := dx*ey - dy*ex
				if den == 0 {
					continue
				}
				t := ((a.x-c.x)*ey - (a.y-c.y)*ex) / den
				u := ((a.x-c.x)*dy - (a.y-c.y)*dx) / den
				if t > 0 && u >= 0 && u <= 1 && t < best {
					best = t
				}
			}
		}
	}
	return best
}

// cellOf returns the leaf's rectangle clipped to its part of the national
// outline (cells of different parts, whose boxes may overlap, stay apart),
// and whether the rectangle lay wholly inside (so the cell is the convex
// rectangle).
func cellOf(g *gazetteer, l leaf) (geo.MultiPolygon, bool, error) {
	a, b := kmPoint(vec{l.box[0], l.box[1]}), kmPoint(vec{l.box[2], l.box[3]})
	rect := geo.Polygon{{a, {X: b.X, Y: a.Y}, b, {X: a.X, Y: b.Y}, a}}
	inside, err := g.parts[l.part].Contains(rect)
	if err != nil {
		return nil, false, err
	}
	if inside {
		return geo.MultiPolygon{rect}, true, nil
	}
	clip, err := geos.Intersection(rect, g.outline[l.part])
	if err != nil {
		return nil, false, err
	}
	// Keep the largest piece only.
	sort.SliceStable(clip, func(i, j int) bool { return geo.Area(clip[i]) > geo.Area(clip[j]) })
	if len(clip) > 1 {
		clip = clip[:1]
	}
	return clip, false, nil
}
