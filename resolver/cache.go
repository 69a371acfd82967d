package resolver

import (
	"container/list"
	"sync"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// cacheKind separates the result kinds sharing one cache.
type cacheKind uint8

const (
	kindHost  cacheKind = iota // LookupHost: []string
	kindIP                     // LookupIPAddr/LookupIP: []ipResult
	kindQuery                  // Query: *Response
)

type cacheKey struct {
	kind cacheKind
	name string
}

type cacheEntry struct {
	key     cacheKey
	val     any
	err     error
	expires time.Time
	elem    *list.Element
}

// cache is a bounded LRU of lookup results that expire with the smallest
// TTL of the records they were built from. Errors are cached only when they
// are authoritative negatives (NXDOMAIN, NODATA), for the SOA's negative TTL
// (RFC 2308 section 5); results with TTL 0 are not cached.
type cache struct {
	mu    sync.Mutex
	max   int
	m     map[cacheKey]*cacheEntry
	lru   list.List
	now   func() time.Time
	hits  uint64
	total uint64
}

func newCache(max int) *cache {
	return &cache{max: max, m: make(map[cacheKey]*cacheEntry), now: time.Now}
}

// get returns a cached value or error and whether there was a live entry.
func (c *cache) get(kind cacheKind, name string) (any, error, bool) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total++
	e, ok := c.m[cacheKey{kind, name}]
	if !ok {
		return nil, nil, false
	}
	if !now.Before(e.expires) {
		c.lru.Remove(e.elem)
		delete(c.m, e.key)
		return nil, nil, false
	}
	c.hits++
	c.lru.MoveToFront(e.elem)
	return e.val, e.err, true
}

func (c *cache) put(kind cacheKind, name string, val any, ttl uint32) {
	if ttl == 0 {
		return
	}
	c.store(cacheKey{kind, name}, val, nil, ttl)
}

// putErr caches err when it is a not-found DNSError with a negative TTL.
func (c *cache) putErr(kind cacheKind, name string, err error, ttl uint32) {
	de, ok := err.(*DNSError)
	if !ok || !de.IsNotFound || ttl == 0 {
		return
	}
	cp := *de
	c.store(cacheKey{kind, name}, nil, &cp, ttl)
}

func (c *cache) store(k cacheKey, val any, err error, ttl uint32) {
	expires := c.now().Add(time.Duration(ttl) * time.Second)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		e.val, e.err, e.expires = val, err, expires
		c.lru.MoveToFront(e.elem)
		return
	}
	e := &cacheEntry{key: k, val: val, err: err, expires: expires}
	e.elem = c.lru.PushFront(e)
	c.m[k] = e
	for len(c.m) > c.max {
		old := c.lru.Back()
		oe := old.Value.(*cacheEntry)
		c.lru.Remove(old)
		delete(c.m, oe.key)
	}
}

func (c *cache) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = make(map[cacheKey]*cacheEntry)
	c.lru.Init()
}

// answerTTL returns the smallest TTL of the answer section of msg
// (0 when it cannot be parsed or is empty).
func answerTTL(msg []byte) uint32 {
	var p dnsmessage.Parser
	if _, err := p.Start(msg); err != nil {
		return 0
	}
	if err := p.SkipAllQuestions(); err != nil {
		return 0
	}
	ttl, n := ^uint32(0), 0
	for {
		h, err := p.AnswerHeader()
		if err != nil {
			break
		}
		ttl = min(ttl, h.TTL)
		n++
		if err := p.SkipAnswer(); err != nil {
			return 0
		}
	}
	if n == 0 {
		return negativeTTL(msg)
	}
	return ttl
}

// negativeTTL returns how long a "no such name" or "no data" answer may be
// cached: the smaller of the SOA record's TTL and its MINIMUM field (RFC
// 2308 section 5); 0 without a SOA in the authority section.
func negativeTTL(msg []byte) uint32 {
	if len(msg) == 0 {
		return 0
	}
	var p dnsmessage.Parser
	if _, err := p.Start(msg); err != nil {
		return 0
	}
	if p.SkipAllQuestions() != nil || p.SkipAllAnswers() != nil {
		return 0
	}
	for {
		h, err := p.AuthorityHeader()
		if err != nil {
			return 0
		}
		if h.Type == dnsmessage.TypeSOA {
			soa, err := p.SOAResource()
			if err != nil {
				return 0
			}
			return min(h.TTL, soa.MinTTL)
		}
		if p.SkipAuthority() != nil {
			return 0
		}
	}
}
