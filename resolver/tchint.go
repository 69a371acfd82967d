package resolver

import (
	"sync"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// tcHintTTL is how long a truncated UDP answer sends later queries for the
// same name and type to the same server straight over TCP.
const tcHintTTL = 60 * time.Second

// tcHints remembers (server, name, type) triples whose UDP answers came
// back truncated, so that the next query skips the UDP round trip that is
// bound to be truncated again (RFC 7766 section 6.2.1 lets a client use
// TCP for any query). Bounded; oldest entries are dropped first.
type tcHints struct {
	mu sync.Mutex
	m  map[tcKey]time.Time
}

type tcKey struct {
	server string
	name   string
	qtype  dnsmessage.Type
}

const tcHintsMax = 256

// systemTCHints serves the zero Resolvers; a Resolver made by New has its own.
var systemTCHints tcHints

func (r *Resolver) tcHints() *tcHints {
	if r != nil && r.own != nil {
		return &r.own.tc
	}
	return &systemTCHints
}

func (h *tcHints) add(server string, q dnsmessage.Question) {
	k := tcKey{server, q.Name.String(), q.Type}
	now := time.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil {
		h.m = make(map[tcKey]time.Time)
	}
	if len(h.m) >= tcHintsMax {
		for k, exp := range h.m {
			if now.After(exp) || len(h.m) >= tcHintsMax {
				delete(h.m, k)
			}
		}
	}
	h.m[k] = now.Add(tcHintTTL)
}

func (h *tcHints) has(server string, q dnsmessage.Question) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.m) == 0 {
		return false
	}
	k := tcKey{server, q.Name.String(), q.Type}
	exp, ok := h.m[k]
	if ok && time.Now().After(exp) {
		delete(h.m, k)
		return false
	}
	return ok
}
