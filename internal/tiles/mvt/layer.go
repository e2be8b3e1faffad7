package mvt

import (
	"errors"
	"fmt"
	"math"
)

// valueKey identifies a property value for deduplication: same type and same
// bytes.
type valueKey struct {
	field int
	bits  uint64
	str   string
}

// layerEncoder builds one layer message; its buffers are reused across the
// layers of a tile.
type layerEncoder struct {
	geom    geomEncoder
	keys    []string
	keyIdx  map[string]uint32
	vals    []valueKey
	valIdx  map[valueKey]uint32
	sorted  []string
	tags    []uint32
	feature []byte
	packed  []byte
	body    []byte
	tail    []byte
}

// encode appends the layer to the tile, unless no feature is left.
func (e *layerEncoder) encode(tile []byte, z, x, y int, l *Layer, opt Options) ([]byte, error) {
	extent := l.Extent
	if extent == 0 {
		extent = DefaultExtent
	}
	if extent > maxExtent {
		return nil, fmt.Errorf("extent %d above %d", extent, maxExtent)
	}
	e.geom.setTile(z, x, y, extent, opt)
	e.keys, e.vals = e.keys[:0], e.vals[:0]
	if e.keyIdx == nil {
		e.keyIdx = make(map[string]uint32)
		e.valIdx = make(map[valueKey]uint32, len(l.Features))
	}
	clear(e.keyIdx)
	clear(e.valIdx)
	body := e.body[:0]
	if cap(body) == 0 {
		// A first guess at the layer's size (a small polygon with a few
		// properties takes about 100 bytes) spares most of the regrowth.
		body = make([]byte, 0, min(128*len(l.Features), 8<<20))
	}
	count := 0
	for i := range l.Features {
		f := &l.Features[i]
		typ, err := e.geom.encode(f.Geometry)
		if err != nil {
			return nil, fmt.Errorf("feature %d (id %d): %w", i, f.ID, err)
		}
		if typ == GeomUnknown {
			continue
		}
		if err := e.encodeTags(f.Properties); err != nil {
			return nil, fmt.Errorf("feature %d (id %d): %w", i, f.ID, err)
		}
		e.feature = e.appendFeature(e.feature[:0], f.ID, typ)
		body = appendBytesField(body, layerFeatures, e.feature)
		count++
	}
	e.body = body
	if count == 0 {
		return tile, nil
	}
	// The layer's parts around the features are built first so that its
	// length is known and it can be written straight into the tile.
	head := appendVarintField(nil, layerVersion, 2)
	head = appendStringField(head, layerName, l.Name)
	tail := e.tail[:0]
	for _, k := range e.keys {
		tail = appendStringField(tail, layerKeys, k)
	}
	for _, v := range e.vals {
		e.feature = appendValue(e.feature[:0], v)
		tail = appendBytesField(tail, layerValues, e.feature)
	}
	tail = appendVarintField(tail, layerExtent, uint64(extent))
	e.tail = tail
	size := len(head) + len(body) + len(tail)
	if cap(tile) == 0 {
		tile = make([]byte, 0, size+8)
	}
	tile = appendKey(tile, tileLayers, wireBytes)
	tile = appendVarint(tile, uint64(size))
	tile = append(tile, head...)
	tile = append(tile, body...)
	return append(tile, tail...), nil
}

// appendFeature appends the feature message from its id, type, e.tags and
// the geometry commands.
func (e *layerEncoder) appendFeature(b []byte, id uint64, typ GeomType) []byte {
	if id != 0 {
		b = appendVarintField(b, featureID, id)
	}
	if len(e.tags) > 0 {
		e.packed = e.packed[:0]
		for _, t := range e.tags {
			e.packed = appendVarint(e.packed, uint64(t))
		}
		b = appendBytesField(b, featureTags, e.packed)
	}
	b = appendVarintField(b, featureType, uint64(typ))
	e.packed = e.packed[:0]
	for _, c := range e.geom.cmds {
		e.packed = appendVarint(e.packed, uint64(c))
	}
	return appendBytesField(b, featureGeometry, e.packed)
}

// encodeTags fills e.tags with key and value indexes, adding new keys and
// values to the layer's tables.
func (e *layerEncoder) encodeTags(props map[string]any) error {
	e.tags = e.tags[:0]
	e.sorted = e.sorted[:0]
	for k, v := range props {
		if v != nil {
			e.sorted = append(e.sorted, k)
		}
	}
	sortStrings(e.sorted)
	for _, k := range e.sorted {
		vk, err := toValue(props[k])
		if err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
		ki, ok := e.keyIdx[k]
		if !ok {
			ki = uint32(len(e.keys))
			e.keyIdx[k] = ki
			e.keys = append(e.keys, k)
		}
		vi, ok := e.valIdx[vk]
		if !ok {
			vi = uint32(len(e.vals))
			e.valIdx[vk] = vi
			e.vals = append(e.vals, vk)
		}
		e.tags = append(e.tags, ki, vi)
	}
	return nil
}

// sortStrings is an insertion sort: property lists are short, and it does
// not allocate.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var errValueType = errors.New("unsupported value type")

// toValue maps a Go value to its vector tile encoding. Integers are written
// as uint_value when not negative and sint_value otherwise, the two compact
// forms; floats as double_value.
func toValue(v any) (valueKey, error) {
	var i int64
	switch v := v.(type) {
	case string:
		return valueKey{field: valueString, str: v}, nil
	case bool:
		if v {
			return valueKey{field: valueBool, bits: 1}, nil
		}
		return valueKey{field: valueBool}, nil
	case float64:
		return valueKey{field: valueDouble, bits: math.Float64bits(v)}, nil
	case float32:
		return valueKey{field: valueDouble, bits: math.Float64bits(float64(v))}, nil
	case uint64:
		return valueKey{field: valueUint, bits: v}, nil
	case uint32:
		return valueKey{field: valueUint, bits: uint64(v)}, nil
	case int:
		i = int64(v)
	case int32:
		i = int64(v)
	case int64:
		i = v
	default:
		return valueKey{}, fmt.Errorf("%w %T", errValueType, v)
	}
	if i < 0 {
		return valueKey{field: valueSint, bits: zigzag64(i)}, nil
	}
	return valueKey{field: valueUint, bits: uint64(i)}, nil
}

// appendValue appends the body of a Value message.
func appendValue(b []byte, v valueKey) []byte {
	switch v.field {
	case valueString:
		return appendStringField(b, valueString, v.str)
	case valueDouble:
		return appendDoubleField(b, valueDouble, math.Float64frombits(v.bits))
	}
	return appendVarintField(b, v.field, v.bits)
}
