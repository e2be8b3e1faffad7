// Package tiles makes the vector tiles of the national database: hazards
// (with their status and remaining area, for styling), released land,
// finds, accidents and admin areas, in the WebMercatorQuad tile matrix set,
// encoded by package mvt. It keeps recent tiles in a cache that follows the
// audit chain: every approval and undo appends an entry, in this process
// or any other on the same database, and the tiles whose box the records
// it names touch (in any of their versions) are made again; the others
// stay cached.
package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/tiles/mvt"
)

// DefaultCacheBytes is the memory the tile cache may use by default.
const DefaultCacheBytes = 64 << 20

// MaxZoom is the deepest tile matrix served (MapLibre's limit).
const MaxZoom = 22

// Config is what the tile service needs.
type Config struct {
	Store mineaction.Store
	// CacheBytes bounds the cache; 0 means DefaultCacheBytes, a negative
	// value disables it.
	CacheBytes int64
	// GeneraliseCell is the grid, in degrees, on which callers who may not
	// read exact positions see sensitive features; 0 for exact everywhere.
	GeneraliseCell float64
}

// Service makes and caches tiles.
type Service struct {
	cfg      Config
	cache    *cache
	encoders sync.Pool
	renders  atomic.Int64

	advanceMu sync.Mutex
	cacheGen  int64 // the generation the cache's valid entries are at
}

// New returns a tile service.
func New(cfg Config) *Service {
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	s := &Service{cfg: cfg, encoders: sync.Pool{New: func() any { return new(mvt.Encoder) }}}
	if cfg.CacheBytes > 0 {
		s.cache = newCache(cfg.CacheBytes)
	}
	return s
}

// Tile is an encoded vector tile.
type Tile struct {
	// Data is the tile; empty when no feature falls in it.
	Data []byte
	// ETag is a strong validator made from the tile's bytes, so that it
	// changes exactly when the tile does.
	ETag string

	gzOnce sync.Once
	gz     []byte
}

// Gzip returns the tile compressed with gzip, made once per tile: a tile
// of polygons shrinks to about a third.
func (t *Tile) Gzip() []byte {
	t.gzOnce.Do(func() {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		w.Write(t.Data)
		w.Close()
		t.gz = b.Bytes()
	})
	return t.gz
}

// Request names a tile: the layers (see Layers), the tile matrix z, the
// column x and the row y counted from the north, and whether to render it
// afresh instead of serving a cached copy.
type Request struct {
	Layers  []string
	Z, X, Y int
	Fresh   bool
}

// ErrNoTile reports a tile outside the tile matrix set.
var ErrNoTile = errors.New("no such tile")

// Get returns a tile as the caller may see it.
func (s *Service) Get(ctx context.Context, c auth.Caller, req Request) (*Tile, error) {
	if req.Z > MaxZoom || !mvt.ValidTile(req.Z, req.X, req.Y) {
		return nil, fmt.Errorf("%w: %d/%d/%d", ErrNoTile, req.Z, req.Y, req.X)
	}
	for _, l := range req.Layers {
		if !slices.Contains(Layers, l) {
			return nil, fmt.Errorf("unknown layer %q", l)
		}
	}
	exact := s.cfg.GeneraliseCell <= 0 || auth.Allow(c, auth.ReadExact, auth.Resource{})
	key := fmt.Sprintf("%s|%d/%d/%d|%t", strings.Join(req.Layers, ","), req.Z, req.X, req.Y, exact)
	var out *Tile
	err := s.cfg.Store.View(ctx, func(tx mineaction.Tx) error {
		gen, err := generation(ctx, tx)
		if err != nil {
			return err
		}
		if !req.Fresh && s.cache != nil {
			if err := s.advance(ctx, tx, gen); err != nil {
				return err
			}
			if t, ok := s.cache.get(key, gen); ok {
				out = t
				return nil
			}
		}
		layers, err := s.layers(ctx, tx, c, req)
		if err != nil {
			return err
		}
		enc := s.encoders.Get().(*mvt.Encoder)
		data, err := enc.Encode(req.Z, req.X, req.Y, layers, tileOptions)
		s.encoders.Put(enc)
		if err != nil {
			return fmt.Errorf("encode tile %d/%d/%d: %w", req.Z, req.X, req.Y, err)
		}
		s.renders.Add(1)
		sum := sha256.Sum256(data)
		out = &Tile{Data: data, ETag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		if s.cache != nil {
			s.cache.put(key, gen, req.Z, req.X, req.Y, out)
		}
		return nil
	})
	return out, err
}

// Renders returns how many tiles the service has encoded: a test can tell
// a cached tile from a fresh one by it.
func (s *Service) Renders() int64 { return s.renders.Load() }

// tileOptions fit geometry to the tile: a 64-unit buffer (1/64 of the
// tile) so that strokes join across tiles, and simplification by zoom:
// Douglas-Peucker to one unit of the tile's 4096, which is about 2.4 m at
// zoom 14, 38 m at zoom 10 and 600 m at zoom 6; shapes smaller than that
// vanish at low zooms.
var tileOptions = mvt.Options{Buffer: 64, Simplify: 1}

// generation is the sequence number of the newest audit entry.
func generation(ctx context.Context, tx mineaction.Tx) (int64, error) {
	a, err := tx.LastAudit(ctx)
	if errors.Is(err, mineaction.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return a.Seq, nil
}
