package mvt

import "math"

// fpoint is a position in tile space before quantisation: x to the right,
// y down, one unit per extent step.
type fpoint struct{ x, y float64 }

// box is an axis-aligned square in tile space: the tile plus its buffer.
type box struct{ minX, minY, maxX, maxY float64 }

// emptyBox returns a box that contains nothing and is disjoint from every
// box.
func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

// contains reports whether p lies in the box, edges included.
func (b box) contains(p fpoint) bool {
	return p.x >= b.minX && p.x <= b.maxX && p.y >= b.minY && p.y <= b.maxY
}

// bounds returns the box of a non-empty point list.
func bounds(pts []fpoint) box {
	b := box{pts[0].x, pts[0].y, pts[0].x, pts[0].y}
	for _, p := range pts[1:] {
		b.minX, b.maxX = min(b.minX, p.x), max(b.maxX, p.x)
		b.minY, b.maxY = min(b.minY, p.y), max(b.maxY, p.y)
	}
	return b
}

// within reports whether b lies inside o.
func (b box) within(o box) bool {
	return b.minX >= o.minX && b.maxX <= o.maxX && b.minY >= o.minY && b.maxY <= o.maxY
}

// disjoint reports whether b and o share no point.
func (b box) disjoint(o box) bool {
	return b.maxX < o.minX || b.minX > o.maxX || b.maxY < o.minY || b.minY > o.maxY
}

// clipRing clips the closed ring in (no repeated closing point) to the box
// with the Sutherland-Hodgman algorithm, one box edge at a time, ping-ponging
// between in and tmp. It returns the clipped ring and the spare buffer.
//
// The result of a concave ring may contain zero-width spurs running along a
// box edge where the ring leaves and re-enters the box. They lie on the edge
// of the buffer, outside the visible tile, and enclose no area, so renderers
// draw the same pixels inside the tile as with an exact overlay.
func clipRing(in, tmp []fpoint, b box) (out, spare []fpoint) {
	for edge := 0; edge < 4 && len(in) > 0; edge++ {
		tmp = tmp[:0]
		prev := in[len(in)-1]
		prevIn := inside(prev, b, edge)
		for _, cur := range in {
			curIn := inside(cur, b, edge)
			if curIn != prevIn {
				tmp = append(tmp, intersect(prev, cur, b, edge))
			}
			if curIn {
				tmp = append(tmp, cur)
			}
			prev, prevIn = cur, curIn
		}
		in, tmp = tmp, in
	}
	return in, tmp
}

// inside reports whether p is on the inner side of one box edge
// (0 left, 1 right, 2 top, 3 bottom).
func inside(p fpoint, b box, edge int) bool {
	switch edge {
	case 0:
		return p.x >= b.minX
	case 1:
		return p.x <= b.maxX
	case 2:
		return p.y >= b.minY
	default:
		return p.y <= b.maxY
	}
}

// intersect returns where segment a-c crosses the line of one box edge. The
// coordinate on the edge is set exactly so that clipped rings share the edge.
func intersect(a, c fpoint, b box, edge int) fpoint {
	switch edge {
	case 0, 1:
		x := b.minX
		if edge == 1 {
			x = b.maxX
		}
		return fpoint{x, a.y + (c.y-a.y)*(x-a.x)/(c.x-a.x)}
	default:
		y := b.minY
		if edge == 3 {
			y = b.maxY
		}
		return fpoint{a.x + (c.x-a.x)*(y-a.y)/(c.y-a.y), y}
	}
}

// clipLine clips an open polyline to the box and calls emit for each piece
// that remains, in order. A line that leaves and re-enters the box gives
// several pieces. The slice given to emit is reused after emit returns.
func clipLine(pts []fpoint, b box, piece []fpoint, emit func([]fpoint)) []fpoint {
	piece = piece[:0]
	for i := 1; i < len(pts); i++ {
		a, c := pts[i-1], pts[i]
		t0, t1, ok := liangBarsky(a, c, b)
		if !ok {
			if len(piece) > 0 {
				emit(piece)
				piece = piece[:0]
			}
			continue
		}
		if t0 > 0 && len(piece) > 0 {
			emit(piece)
			piece = piece[:0]
		}
		if len(piece) == 0 {
			piece = append(piece, lerp(a, c, t0))
		}
		piece = append(piece, lerp(a, c, t1))
		if t1 < 1 {
			emit(piece)
			piece = piece[:0]
		}
	}
	if len(piece) > 0 {
		emit(piece)
	}
	return piece[:0]
}

// liangBarsky returns the parameter interval [t0, t1] of segment a-c that
// lies in the box, or ok false if none does.
func liangBarsky(a, c fpoint, b box) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := c.x-a.x, c.y-a.y
	for _, pq := range [4][2]float64{
		{-dx, a.x - b.minX}, {dx, b.maxX - a.x},
		{-dy, a.y - b.minY}, {dy, b.maxY - a.y},
	} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return 0, 0, false
		}
	}
	return t0, t1, true
}

func lerp(a, c fpoint, t float64) fpoint {
	switch t {
	case 0:
		return a
	case 1:
		return c
	}
	return fpoint{a.x + (c.x-a.x)*t, a.y + (c.y-a.y)*t}
}
