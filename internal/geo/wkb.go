package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// WKB geometry type codes (ISO/OGC simple features, 2D).
const (
	wkbPoint           = 1
	wkbLineString      = 2
	wkbPolygon         = 3
	wkbMultiPoint      = 4
	wkbMultiLineString = 5
	wkbMultiPolygon    = 6
)

// MarshalWKB encodes g as little-endian ISO WKB (2D).
func MarshalWKB(g Geometry) []byte {
	return appendWKB(nil, g)
}

func appendWKB(b []byte, g Geometry) []byte {
	head := func(code uint32) { b = append(b, 1); b = binary.LittleEndian.AppendUint32(b, code) }
	pt := func(p Point) {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.X))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.Y))
	}
	pts := func(ps []Point) {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(ps)))
		for _, p := range ps {
			pt(p)
		}
	}
	switch g := g.(type) {
	case Point:
		head(wkbPoint)
		pt(g)
	case LineString:
		head(wkbLineString)
		pts(g)
	case MultiPoint:
		head(wkbMultiPoint)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(g)))
		for _, p := range g {
			b = appendWKB(b, p)
		}
	case Polygon:
		head(wkbPolygon)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(g)))
		for _, r := range g {
			pts(r)
		}
	case MultiPolygon:
		head(wkbMultiPolygon)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(g)))
		for _, p := range g {
			b = appendWKB(b, p)
		}
	default:
		panic(fmt.Sprintf("geo: MarshalWKB of %T", g))
	}
	return b
}

// ErrWKB is returned (wrapped) for malformed WKB input.
var ErrWKB = errors.New("malformed WKB")

type wkbReader struct {
	b     []byte
	order binary.ByteOrder
}

func (r *wkbReader) u32() (uint32, error) {
	if len(r.b) < 4 {
		return 0, fmt.Errorf("%w: truncated", ErrWKB)
	}
	v := r.order.Uint32(r.b)
	r.b = r.b[4:]
	return v, nil
}

func (r *wkbReader) f64() (float64, error) {
	if len(r.b) < 8 {
		return 0, fmt.Errorf("%w: truncated", ErrWKB)
	}
	v := math.Float64frombits(r.order.Uint64(r.b))
	r.b = r.b[8:]
	return v, nil
}

func (r *wkbReader) point(dims int) (Point, error) {
	var c [4]float64
	for i := 0; i < dims; i++ {
		v, err := r.f64()
		if err != nil {
			return Point{}, err
		}
		c[i] = v
	}
	return Point{c[0], c[1]}, nil
}

func (r *wkbReader) points(dims int) ([]Point, error) {
	n, err := r.u32()
	if err != nil {
		return nil, err
	}
	if uint64(n)*uint64(8*dims) > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: %d points do not fit in %d bytes", ErrWKB, n, len(r.b))
	}
	// One pass over the bytes, the byte order decided once: the stores
	// decode every geometry they read, thousands for a tile.
	stride := 8 * dims
	b := r.b[:int(n)*stride]
	r.b = r.b[len(b):]
	ps := make([]Point, n)
	if r.order == binary.ByteOrder(binary.LittleEndian) {
		for i := range ps {
			c := b[i*stride : i*stride+16]
			ps[i] = Point{math.Float64frombits(binary.LittleEndian.Uint64(c)), math.Float64frombits(binary.LittleEndian.Uint64(c[8:]))}
		}
	} else {
		for i := range ps {
			c := b[i*stride : i*stride+16]
			ps[i] = Point{math.Float64frombits(binary.BigEndian.Uint64(c)), math.Float64frombits(binary.BigEndian.Uint64(c[8:]))}
		}
	}
	return ps, nil
}

// UnmarshalWKB decodes ISO or extended (EWKB) WKB in either byte order. Z and
// M values are dropped; an SRID, if present, is ignored.
func UnmarshalWKB(b []byte) (Geometry, error) {
	r := &wkbReader{b: b}
	g, err := r.geometry(0)
	if err != nil {
		return nil, err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrWKB, len(r.b))
	}
	return g, nil
}

func (r *wkbReader) geometry(depth int) (Geometry, error) {
	if depth > 2 {
		return nil, fmt.Errorf("%w: nesting too deep", ErrWKB)
	}
	if len(r.b) < 5 {
		return nil, fmt.Errorf("%w: truncated header", ErrWKB)
	}
	switch r.b[0] {
	case 0:
		r.order = binary.BigEndian
	case 1:
		r.order = binary.LittleEndian
	default:
		return nil, fmt.Errorf("%w: byte order %d", ErrWKB, r.b[0])
	}
	r.b = r.b[1:]
	code, _ := r.u32()
	dims := 2
	// EWKB flags.
	if code&0x20000000 != 0 { // SRID present
		if _, err := r.u32(); err != nil {
			return nil, err
		}
	}
	if code&0x80000000 != 0 {
		dims++
	}
	if code&0x40000000 != 0 {
		dims++
	}
	code &= 0x0fffffff
	// ISO Z / M / ZM.
	switch code / 1000 {
	case 1, 2:
		dims = 3
	case 3:
		dims = 4
	}
	code %= 1000
	switch code {
	case wkbPoint:
		return r.point(dims)
	case wkbLineString:
		ps, err := r.points(dims)
		return LineString(ps), err
	case wkbPolygon:
		return r.polygon(dims)
	case wkbMultiPoint, wkbMultiPolygon:
		n, err := r.u32()
		if err != nil {
			return nil, err
		}
		if uint64(n)*5 > uint64(len(r.b)) {
			return nil, fmt.Errorf("%w: %d parts do not fit", ErrWKB, n)
		}
		var mp MultiPoint
		var mpoly MultiPolygon
		for i := uint32(0); i < n; i++ {
			g, err := r.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			switch g := g.(type) {
			case Point:
				if code != wkbMultiPoint {
					return nil, fmt.Errorf("%w: point inside multipolygon", ErrWKB)
				}
				mp = append(mp, g)
			case Polygon:
				if code != wkbMultiPolygon {
					return nil, fmt.Errorf("%w: polygon inside multipoint", ErrWKB)
				}
				mpoly = append(mpoly, g)
			default:
				return nil, fmt.Errorf("%w: unexpected %s part", ErrWKB, g.Type())
			}
		}
		if code == wkbMultiPoint {
			return mp, nil
		}
		return mpoly, nil
	}
	return nil, fmt.Errorf("%w: unsupported geometry type %d", ErrWKB, code)
}

func (r *wkbReader) polygon(dims int) (Polygon, error) {
	n, err := r.u32()
	if err != nil {
		return nil, err
	}
	if uint64(n)*4 > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: %d rings do not fit", ErrWKB, n)
	}
	p := make(Polygon, n)
	for i := range p {
		ps, err := r.points(dims)
		if err != nil {
			return nil, err
		}
		p[i] = Ring(ps)
	}
	return p, nil
}
