package tiles

import (
	"container/list"
	"sync"
)

// cache keeps recently made tiles up to a number of bytes, least recently
// used out first. An entry is valid for the database generation it was
// made at; when the database changes, revalidate carries the entries the
// change did not touch over to the new generation and drops the others.
type cache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // front: most recently used
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key     string
	gen     int64
	z, x, y int
	tile    *Tile
}

func newCache(max int64) *cache {
	return &cache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

func entrySize(e *cacheEntry) int64 { return int64(len(e.tile.Data) + len(e.key) + 128) }

// get returns the tile stored under key if it was made at generation gen.
func (c *cache) get(key string, gen int64) (*Tile, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if e.gen != gen {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.tile, true
}

// put stores a tile made at generation gen, evicting the least recently
// used tiles beyond the size bound. A tile made at an older generation
// than the one stored (a slow render finishing late) is dropped.
func (c *cache) put(key string, gen int64, z, x, y int, t *Tile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		e := el.Value.(*cacheEntry)
		if e.gen > gen {
			return
		}
		c.size -= entrySize(e)
		e.gen, e.tile = gen, t
		c.size += entrySize(e)
		c.order.MoveToFront(el)
	} else {
		e := &cacheEntry{key: key, gen: gen, z: z, x: x, y: y, tile: t}
		if entrySize(e) > c.max {
			return
		}
		c.byKey[key] = c.order.PushFront(e)
		c.size += entrySize(e)
	}
	for c.size > c.max {
		el := c.order.Back()
		e := el.Value.(*cacheEntry)
		c.order.Remove(el)
		delete(c.byKey, e.key)
		c.size -= entrySize(e)
	}
}

// revalidate moves the entries made at generation from to generation to,
// except those for which dirty reports that the change touches the tile;
// every other entry is dropped.
func (c *cache) revalidate(from, to int64, dirty func(z, x, y int) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		e := el.Value.(*cacheEntry)
		switch {
		case e.gen >= to:
		case e.gen == from && !dirty(e.z, e.x, e.y):
			e.gen = to
		default:
			c.order.Remove(el)
			delete(c.byKey, e.key)
			c.size -= entrySize(e)
		}
		el = next
	}
}
