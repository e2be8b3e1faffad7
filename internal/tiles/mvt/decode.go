package mvt

import (
	"errors"
	"fmt"
	"math"
)

// TilePoint is a position in tile coordinates: x to the right, y down, in
// extent units from the tile's top-left corner.
type TilePoint struct{ X, Y int64 }

// DecodedLayer is a layer read back from a tile.
type DecodedLayer struct {
	Name     string
	Version  uint32
	Extent   uint32
	Features []DecodedFeature
}

// DecodedFeature is a feature read back from a tile.
type DecodedFeature struct {
	// ID is the feature id; HasID tells whether the tile carried one.
	ID    uint64
	HasID bool
	Type  GeomType
	// Geometry holds, for POINT, one part with every point; for LINESTRING,
	// one part per line; for POLYGON, one part per ring in tile order, without
	// a repeated closing vertex (see Polygons and RingArea).
	Geometry [][]TilePoint
	// Properties holds string, bool, float64 and int64 values, and uint64
	// for unsigned values above the int64 range.
	Properties map[string]any
}

// Polygons groups the rings of a POLYGON feature into polygons, shell first,
// using the winding rule of the specification: a ring with positive area
// starts a polygon, a ring with negative area is a hole of the current one.
// It returns an error for a hole before any shell or a ring of zero area.
func (f DecodedFeature) Polygons() ([][][]TilePoint, error) {
	var out [][][]TilePoint
	for i, r := range f.Geometry {
		switch a := RingArea(r); {
		case a > 0:
			out = append(out, [][]TilePoint{r})
		case a < 0 && len(out) > 0:
			out[len(out)-1] = append(out[len(out)-1], r)
		case a < 0:
			return nil, fmt.Errorf("ring %d: interior ring before any exterior ring", i)
		default:
			return nil, fmt.Errorf("ring %d: zero area", i)
		}
	}
	return out, nil
}

// RingArea returns the signed area of a ring by the surveyor's formula in
// tile coordinates, as specification 4.3.4.4 uses it: positive for an
// exterior ring (clockwise on screen, y down), negative for an interior one.
func RingArea(r []TilePoint) float64 {
	var a float64
	for i, p := range r {
		c := r[(i+1)%len(r)]
		a += float64(p.X)*float64(c.Y) - float64(c.X)*float64(p.Y)
	}
	return a / 2
}

// Decode reads a vector tile. It checks the structure and the geometry
// command sequences against the specification and returns an error, never a
// panic, on malformed input. Fields it does not know are skipped.
func Decode(data []byte) ([]DecodedLayer, error) {
	r := reader{buf: data}
	var layers []DecodedLayer
	for !r.done() {
		field, wire, err := r.key()
		if err != nil {
			return nil, fmt.Errorf("mvt: tile: %w", err)
		}
		if field != tileLayers {
			if err := r.skip(wire); err != nil {
				return nil, fmt.Errorf("mvt: tile: %w", err)
			}
			continue
		}
		if err := expect("layer", wire, wireBytes); err != nil {
			return nil, fmt.Errorf("mvt: tile: %w", err)
		}
		b, err := r.bytes()
		if err != nil {
			return nil, fmt.Errorf("mvt: tile: %w", err)
		}
		l, err := decodeLayer(b)
		if err != nil {
			return nil, fmt.Errorf("mvt: layer %d %q: %w", len(layers), l.Name, err)
		}
		layers = append(layers, l)
	}
	return layers, nil
}

// rawFeature is a feature before its tags are resolved against the layer's
// keys and values, which may come after it.
type rawFeature struct {
	f    DecodedFeature
	tags []uint64
}

func decodeLayer(data []byte) (DecodedLayer, error) {
	l := DecodedLayer{Version: 1, Extent: DefaultExtent}
	var (
		raws   []rawFeature
		keys   []string
		values []any
		named  bool
	)
	r := reader{buf: data}
	for !r.done() {
		field, wire, err := r.key()
		if err != nil {
			return l, err
		}
		switch field {
		case layerName, layerFeatures, layerKeys, layerValues:
			if err := expect("layer field", wire, wireBytes); err != nil {
				return l, err
			}
			b, err := r.bytes()
			if err != nil {
				return l, err
			}
			switch field {
			case layerName:
				l.Name, named = string(b), true
			case layerKeys:
				keys = append(keys, string(b))
			case layerValues:
				v, err := decodeValue(b)
				if err != nil {
					return l, fmt.Errorf("value %d: %w", len(values), err)
				}
				values = append(values, v)
			default:
				f, err := decodeFeature(b)
				if err != nil {
					return l, fmt.Errorf("feature %d: %w", len(raws), err)
				}
				raws = append(raws, f)
			}
		case layerExtent, layerVersion:
			if err := expect("layer field", wire, wireVarint); err != nil {
				return l, err
			}
			v, err := r.varint()
			if err != nil {
				return l, err
			}
			if v > math.MaxUint32 {
				return l, fmt.Errorf("field %d value %d out of range", field, v)
			}
			if field == layerExtent {
				l.Extent = uint32(v)
			} else {
				l.Version = uint32(v)
			}
		default:
			if err := r.skip(wire); err != nil {
				return l, err
			}
		}
	}
	if !named {
		return l, errors.New("layer has no name")
	}
	for i, raw := range raws {
		if len(raw.tags)%2 != 0 {
			return l, fmt.Errorf("feature %d: odd number of tags", i)
		}
		if len(raw.tags) > 0 {
			raw.f.Properties = make(map[string]any, len(raw.tags)/2)
		}
		for j := 0; j < len(raw.tags); j += 2 {
			k, v := raw.tags[j], raw.tags[j+1]
			if k >= uint64(len(keys)) || v >= uint64(len(values)) {
				return l, fmt.Errorf("feature %d: tag %d refers to a missing key or value", i, j/2)
			}
			raw.f.Properties[keys[k]] = values[v]
		}
		l.Features = append(l.Features, raw.f)
	}
	return l, nil
}

func decodeValue(data []byte) (any, error) {
	var v any
	r := reader{buf: data}
	for !r.done() {
		field, wire, err := r.key()
		if err != nil {
			return nil, err
		}
		w, known := valueWire(field)
		if !known {
			if err := r.skip(wire); err != nil {
				return nil, err
			}
			continue
		}
		if err := expect("value", wire, w); err != nil {
			return nil, err
		}
		switch field {
		case valueString:
			b, err := r.bytes()
			if err != nil {
				return nil, err
			}
			v = string(b)
		case valueFloat, valueDouble:
			n := 4
			if field == valueDouble {
				n = 8
			}
			bits, err := r.fixed(n)
			if err != nil {
				return nil, err
			}
			if n == 4 {
				v = float64(math.Float32frombits(uint32(bits)))
			} else {
				v = math.Float64frombits(bits)
			}
		default:
			u, err := r.varint()
			if err != nil {
				return nil, err
			}
			switch {
			case field == valueBool:
				v = u != 0
			case field == valueSint:
				v = unzigzag(u)
			case field == valueUint && u > math.MaxInt64:
				v = u
			default:
				v = int64(u)
			}
		}
	}
	if v == nil {
		return nil, errors.New("value has no field")
	}
	return v, nil
}

// valueWire returns the wire type of a Value field, or false for a field the
// specification does not define.
func valueWire(field int) (int, bool) {
	switch field {
	case valueString:
		return wireBytes, true
	case valueFloat:
		return wireFixed32, true
	case valueDouble:
		return wireFixed64, true
	case valueInt, valueUint, valueSint, valueBool:
		return wireVarint, true
	}
	return 0, false
}
