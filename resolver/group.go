package resolver

import (
	"context"
	"sync"
)

// group runs one lookup per key at a time and shares its result with every
// caller that asks for the same key meanwhile. The lookup runs under its own
// context, cancelled when the last waiting caller gives up, so a caller's
// cancellation does not fail the others.
type group struct {
	mu sync.Mutex
	m  map[string]*call
}

type call struct {
	done    chan struct{}
	val     any
	err     error
	waiters int
	cancel  context.CancelFunc
}

func (g *group) do(ctx context.Context, key string, fn func(context.Context) (any, error)) (v any, shared bool, err error) {
	g.mu.Lock()
	if g.m == nil {
		g.m = map[string]*call{}
	}
	c, ok := g.m[key]
	if ok {
		c.waiters++
	} else {
		// Keep the caller's values but not its cancellation.
		cctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &call{done: make(chan struct{}), waiters: 1, cancel: cancel}
		g.m[key] = c
		go func() {
			c.val, c.err = fn(cctx)
			g.mu.Lock()
			if g.m[key] == c {
				delete(g.m, key)
			}
			g.mu.Unlock()
			cancel()
			close(c.done)
		}()
	}
	g.mu.Unlock()
	select {
	case <-c.done:
		g.mu.Lock()
		shared = c.waiters > 1
		g.mu.Unlock()
		return c.val, shared, c.err
	case <-ctx.Done():
		g.mu.Lock()
		c.waiters--
		if c.waiters == 0 {
			// Nobody waits any more: stop the lookup, and let a new caller
			// start afresh rather than join a cancelled one.
			c.cancel()
			if g.m[key] == c {
				delete(g.m, key)
			}
		}
		g.mu.Unlock()
		return nil, false, mapErr(ctx.Err())
	}
}
