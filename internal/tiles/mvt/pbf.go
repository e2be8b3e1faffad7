package mvt

import (
	"errors"
	"fmt"
	"math"
)

// Protocol buffer wire types used by vector_tile.proto.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

// Field numbers of vector_tile.proto (version 2.1).
const (
	tileLayers = 3

	layerName     = 1
	layerFeatures = 2
	layerKeys     = 3
	layerValues   = 4
	layerExtent   = 5
	layerVersion  = 15

	featureID       = 1
	featureTags     = 2
	featureType     = 3
	featureGeometry = 4

	valueString = 1
	valueFloat  = 2
	valueDouble = 3
	valueInt    = 4
	valueUint   = 5
	valueSint   = 6
	valueBool   = 7
)

// appendVarint appends v as a base-128 varint.
func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// appendKey appends a field key: field number and wire type.
func appendKey(b []byte, field, wire int) []byte {
	return appendVarint(b, uint64(field)<<3|uint64(wire))
}

// appendBytesField appends a length-delimited field.
func appendBytesField(b []byte, field int, data []byte) []byte {
	b = appendKey(b, field, wireBytes)
	b = appendVarint(b, uint64(len(data)))
	return append(b, data...)
}

// appendStringField appends a length-delimited string field.
func appendStringField(b []byte, field int, s string) []byte {
	b = appendKey(b, field, wireBytes)
	b = appendVarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendVarintField appends a varint field.
func appendVarintField(b []byte, field int, v uint64) []byte {
	return appendVarint(appendKey(b, field, wireVarint), v)
}

// appendDoubleField appends a 64-bit little-endian field.
func appendDoubleField(b []byte, field int, f float64) []byte {
	b = appendKey(b, field, wireFixed64)
	v := math.Float64bits(f)
	for i := 0; i < 8; i++ {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

// zigzag32 maps a signed 32-bit parameter to the unsigned form used by MVT
// geometry parameters.
func zigzag32(v int32) uint32 { return uint32(v<<1) ^ uint32(v>>31) }

// zigzag64 maps a signed 64-bit integer to the protobuf sint64 form.
func zigzag64(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// unzigzag reverses zigzag32 and zigzag64.
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

var errTruncated = errors.New("truncated message")

// reader walks the fields of one protobuf message held in memory. It never
// reads past its slice: malformed input gives an error, not a panic.
type reader struct {
	buf []byte
	pos int
}

// done reports whether every byte has been read.
func (r *reader) done() bool { return r.pos >= len(r.buf) }

// varint reads a base-128 varint of at most ten bytes.
func (r *reader) varint() (uint64, error) {
	var v uint64
	for i := 0; i < 10; i++ {
		if r.pos >= len(r.buf) {
			return 0, errTruncated
		}
		c := r.buf[r.pos]
		r.pos++
		if i == 9 && c > 1 {
			return 0, errors.New("varint overflows 64 bits")
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("varint longer than 10 bytes")
}

// key reads a field key and returns the field number and wire type.
func (r *reader) key() (field int, wire int, err error) {
	k, err := r.varint()
	if err != nil {
		return 0, 0, err
	}
	if k>>3 == 0 || k>>3 > math.MaxInt32 {
		return 0, 0, fmt.Errorf("invalid field number %d", k>>3)
	}
	return int(k >> 3), int(k & 7), nil
}

// bytes reads a length-delimited payload.
func (r *reader) bytes() ([]byte, error) {
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.buf)-r.pos) {
		return nil, errTruncated
	}
	b := r.buf[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return b, nil
}

// fixed reads n little-endian bytes (4 or 8).
func (r *reader) fixed(n int) (uint64, error) {
	if len(r.buf)-r.pos < n {
		return 0, errTruncated
	}
	var v uint64
	for i := 0; i < n; i++ {
		v |= uint64(r.buf[r.pos+i]) << (8 * i)
	}
	r.pos += n
	return v, nil
}

// skip passes over a field of the given wire type.
func (r *reader) skip(wire int) error {
	var err error
	switch wire {
	case wireVarint:
		_, err = r.varint()
	case wireFixed64:
		_, err = r.fixed(8)
	case wireBytes:
		_, err = r.bytes()
	case wireFixed32:
		_, err = r.fixed(4)
	default:
		err = fmt.Errorf("unsupported wire type %d", wire)
	}
	return err
}

// expect checks a field's wire type.
func expect(what string, wire, want int) error {
	if wire != want {
		return fmt.Errorf("%s: wire type %d, want %d", what, wire, want)
	}
	return nil
}
