package mvt

import (
	"errors"
	"fmt"
	"math"
)

func decodeFeature(data []byte) (rawFeature, error) {
	var (
		raw  rawFeature
		geom []uint64
	)
	r := reader{buf: data}
	for !r.done() {
		field, wire, err := r.key()
		if err != nil {
			return raw, err
		}
		switch field {
		case featureID, featureType:
			if err := expect("feature field", wire, wireVarint); err != nil {
				return raw, err
			}
			v, err := r.varint()
			if err != nil {
				return raw, err
			}
			if field == featureID {
				raw.f.ID, raw.f.HasID = v, true
			} else if v > uint64(GeomPolygon) {
				return raw, fmt.Errorf("unknown geometry type %d", v)
			} else {
				raw.f.Type = GeomType(v)
			}
		case featureTags:
			if raw.tags, err = repeatedUint32(&r, wire, raw.tags); err != nil {
				return raw, fmt.Errorf("tags: %w", err)
			}
		case featureGeometry:
			if geom, err = repeatedUint32(&r, wire, geom); err != nil {
				return raw, fmt.Errorf("geometry: %w", err)
			}
		default:
			if err := r.skip(wire); err != nil {
				return raw, err
			}
		}
	}
	if raw.f.Type == GeomUnknown {
		return raw, nil
	}
	parts, err := decodeGeometry(raw.f.Type, geom)
	if err != nil {
		return raw, fmt.Errorf("%s geometry: %w", raw.f.Type, err)
	}
	raw.f.Geometry = parts
	return raw, nil
}

// repeatedUint32 reads one occurrence of a repeated uint32 field, packed or
// not, and appends its values to dst.
func repeatedUint32(r *reader, wire int, dst []uint64) ([]uint64, error) {
	switch wire {
	case wireVarint:
		v, err := r.varint()
		if err != nil {
			return dst, err
		}
		if v > math.MaxUint32 {
			return dst, fmt.Errorf("value %d exceeds 32 bits", v)
		}
		return append(dst, v), nil
	case wireBytes:
		b, err := r.bytes()
		if err != nil {
			return dst, err
		}
		pr := reader{buf: b}
		for !pr.done() {
			v, err := pr.varint()
			if err != nil {
				return dst, err
			}
			if v > math.MaxUint32 {
				return dst, fmt.Errorf("value %d exceeds 32 bits", v)
			}
			dst = append(dst, v)
		}
		return dst, nil
	}
	return dst, fmt.Errorf("wire type %d for a repeated uint32", wire)
}

// decodeGeometry runs the command stream of one feature and checks it
// against the sequence its type requires (specification 4.3.4).
func decodeGeometry(typ GeomType, cmds []uint64) ([][]TilePoint, error) {
	var (
		parts  [][]TilePoint
		cur    []TilePoint
		cx, cy int64
		closed = true // whether the current polygon ring has been closed
	)
	next := func(i *int) (TilePoint, error) {
		if *i+1 >= len(cmds) {
			return TilePoint{}, errors.New("command lacks parameters")
		}
		cx += unzigzag(cmds[*i])
		cy += unzigzag(cmds[*i+1])
		*i += 2
		return TilePoint{cx, cy}, nil
	}
	for i := 0; i < len(cmds); {
		id, count := cmds[i]&7, cmds[i]>>3
		i++
		switch id {
		case cmdMoveTo:
			if count == 0 || (typ != GeomPoint && count != 1) {
				return nil, fmt.Errorf("MoveTo with count %d", count)
			}
			if typ == GeomPolygon && !closed {
				return nil, errors.New("ring not closed before MoveTo")
			}
			if typ == GeomPoint && len(parts) > 0 {
				return nil, errors.New("more than one MoveTo in a POINT geometry")
			}
			if typ == GeomLineString && len(cur) == 1 {
				return nil, errors.New("MoveTo not followed by LineTo")
			}
			cur = nil
			for ; count > 0; count-- {
				p, err := next(&i)
				if err != nil {
					return nil, err
				}
				cur = append(cur, p)
			}
			parts = append(parts, cur)
			closed = false
		case cmdLineTo:
			if typ == GeomPoint || len(cur) == 0 || count == 0 {
				return nil, fmt.Errorf("LineTo with count %d out of place", count)
			}
			if typ == GeomPolygon && (closed || len(cur) != 1 || count < 2) {
				return nil, fmt.Errorf("ring LineTo with count %d out of place", count)
			}
			if typ == GeomLineString && len(cur) != 1 {
				return nil, errors.New("two LineTo commands in a row")
			}
			for ; count > 0; count-- {
				p, err := next(&i)
				if err != nil {
					return nil, err
				}
				if p == cur[len(cur)-1] {
					return nil, errors.New("zero-length LineTo")
				}
				cur = append(cur, p)
			}
			parts[len(parts)-1] = cur
		case cmdClosePath:
			if typ != GeomPolygon || count != 1 || closed || len(cur) < 3 {
				return nil, fmt.Errorf("ClosePath with count %d out of place", count)
			}
			if cur[len(cur)-1] == cur[0] {
				return nil, errors.New("ring repeats its first vertex before ClosePath")
			}
			closed = true
		default:
			return nil, fmt.Errorf("unknown command %d", id)
		}
	}
	switch {
	case len(parts) == 0:
		return nil, errors.New("no geometry")
	case typ == GeomPolygon && !closed:
		return nil, errors.New("last ring not closed")
	case typ == GeomLineString && len(cur) < 2:
		return nil, errors.New("line with a single vertex")
	}
	return parts, nil
}
