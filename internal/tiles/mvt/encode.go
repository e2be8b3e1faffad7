package mvt

import (
	"fmt"
	"math"

	"mineaction/internal/geo"
)

// ContentType is the media type of a vector tile (specification 2.2).
const ContentType = "application/vnd.mapbox-vector-tile"

// DefaultExtent is the number of integer units across a tile when a Layer
// does not say.
const DefaultExtent = 4096

// maxExtent bounds Layer.Extent and Options.Buffer so that every clipped
// coordinate fits the 32-bit parameters of the geometry encoding.
const maxExtent = 1 << 24

// Layer is a named set of features in one tile, such as "hazards".
type Layer struct {
	// Name identifies the layer to styles; it must be unique in the tile.
	Name string
	// Extent is the number of units across the tile; 0 means DefaultExtent.
	Extent uint32
	// Features are written in this order.
	Features []Feature
}

// Feature is one geometry with its properties.
type Feature struct {
	// ID is written as the feature id when it is not 0.
	ID uint64
	// Geometry is in longitude/latitude degrees: geo.Point, geo.MultiPoint,
	// geo.LineString, geo.Polygon or geo.MultiPolygon. Ring orientation does
	// not matter; the encoder orients rings as the specification requires.
	Geometry geo.Geometry
	// Properties holds string, bool, int, int32, int64, uint32, uint64,
	// float32 or float64 values. Nil values are left out (vector tiles have
	// no null). Keys are written in sorted order, so output is deterministic.
	Properties map[string]any
}

// Options controls how geometry is fitted to the tile. The zero value clips
// exactly at the tile edge and does not simplify; DefaultOptions gives the
// usual settings.
type Options struct {
	// Buffer is the margin, in extent units, kept around the tile so that
	// strokes and labels join across tile edges.
	Buffer int
	// Simplify is the Douglas-Peucker tolerance in extent units; 0 disables
	// simplification.
	Simplify float64
}

// DefaultOptions returns a buffer of 64 units and a simplification tolerance
// of 1 unit.
func DefaultOptions() Options { return Options{Buffer: 64, Simplify: 1} }

// Encode returns the vector tile z/x/y (y from the top) holding the given
// layers. Features that have nothing left in the tile are left out, layers
// left with no feature are omitted, and a tile with no layer left is an empty
// slice (which a server answers with 204 No Content). The same input always
// gives the same bytes.
func Encode(z, x, y int, layers []Layer, opt Options) ([]byte, error) {
	var e Encoder
	return e.encode(z, x, y, layers, opt)
}

// Encoder encodes tiles like Encode, keeping its working buffers from one
// tile to the next, which spares the garbage collector on a busy server (keep
// encoders in a sync.Pool, for instance). The zero value is ready to use; an
// Encoder must not be used by two goroutines at once.
type Encoder struct {
	layer layerEncoder
	names map[string]bool
	tile  []byte
}

// Encode is like the package function Encode. The returned slice belongs to
// the caller.
func (e *Encoder) Encode(z, x, y int, layers []Layer, opt Options) ([]byte, error) {
	tile, err := e.encode(z, x, y, layers, opt)
	if err != nil {
		return nil, err
	}
	e.tile = tile[:0]
	return append([]byte{}, tile...), nil
}

// encode returns the tile in the encoder's own buffer.
func (e *Encoder) encode(z, x, y int, layers []Layer, opt Options) ([]byte, error) {
	if !ValidTile(z, x, y) {
		return nil, fmt.Errorf("mvt: no tile %d/%d/%d in WebMercatorQuad", z, x, y)
	}
	if opt.Buffer < 0 || opt.Buffer > maxExtent {
		return nil, fmt.Errorf("mvt: buffer %d out of range 0..%d", opt.Buffer, maxExtent)
	}
	if opt.Simplify < 0 || math.IsNaN(opt.Simplify) || math.IsInf(opt.Simplify, 0) {
		return nil, fmt.Errorf("mvt: invalid simplification tolerance %v", opt.Simplify)
	}
	if e.names == nil {
		e.names = make(map[string]bool, len(layers))
	}
	clear(e.names)
	tile := e.tile[:0]
	for i := range layers {
		l := &layers[i]
		if l.Name == "" {
			return nil, fmt.Errorf("mvt: layer %d has no name", i)
		}
		if e.names[l.Name] {
			return nil, fmt.Errorf("mvt: duplicate layer name %q", l.Name)
		}
		e.names[l.Name] = true
		var err error
		if tile, err = e.layer.encode(tile, z, x, y, l, opt); err != nil {
			return nil, fmt.Errorf("mvt: layer %q: %w", l.Name, err)
		}
	}
	if tile == nil {
		tile = []byte{}
	}
	return tile, nil
}
