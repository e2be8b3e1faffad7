package ogcapi

import (
	"container/list"
	"sync"
)

// pageCache keeps recently served pages up to a number of bytes, least
// recently used out first, under their ETag, which names the state of the
// database (the newest audit entry), the caller's view of positions, the
// format and the whole query: a page is served again only while nothing
// it could show has changed. Reads far outnumber approvals, and a map or
// a GIS client asks for the same pages again and again.
type pageCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // front: most recently used
	byTag map[string]*list.Element
}

type cachedPage struct {
	tag, contentType, crs string
	body                  []byte
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, order: list.New(), byTag: map[string]*list.Element{}}
}

func (c *pageCache) get(tag string) (*cachedPage, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byTag[tag]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cachedPage), true
}

// put stores a copy of a page, unless it alone is over a sixteenth of the
// cache or the cache holds it already (a request that asked for the page
// afresh made it again).
func (c *pageCache) put(p *cachedPage) {
	if c == nil || len(p.body) > c.max/16 {
		return
	}
	c.mu.Lock()
	_, ok := c.byTag[p.tag]
	c.mu.Unlock()
	if ok {
		return
	}
	p.body = append([]byte(nil), p.body...)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byTag[p.tag]; ok {
		return
	}
	c.byTag[p.tag] = c.order.PushFront(p)
	c.size += len(p.body) + len(p.tag)
	for c.size > c.max {
		el := c.order.Back()
		old := el.Value.(*cachedPage)
		c.order.Remove(el)
		delete(c.byTag, old.tag)
		c.size -= len(old.body) + len(old.tag)
	}
}
