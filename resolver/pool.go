package resolver

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// Transport selects how a Resolver made by New sends queries.
type Transport int

const (
	// TransportDefault sends each query over a new UDP socket (new source
	// port, new random ID), retrying over a new TCP connection when the
	// answer is truncated; Config.UseTCP sends over a new TCP connection.
	TransportDefault Transport = iota
	// TransportTCPPipelined keeps one TCP connection per server open and
	// sends concurrent queries on it without waiting for earlier answers,
	// matching answers to queries by ID and question (RFC 7766 sections 6.2
	// and 7). Idle connections close after PoolIdleTimeout; a broken one is
	// replaced on the next query. With Resolver.Dial returning a TLS
	// connection this is DNS over TLS (RFC 7858).
	TransportTCPPipelined
)

// PoolIdleTimeout is how long a pooled connection stays open without
// queries (RFC 7766 section 6.2.3 suggests seconds, not minutes).
const PoolIdleTimeout = 10 * time.Second

// tcpPool holds one pipelined connection per server.
type tcpPool struct {
	mu      sync.Mutex
	conns   map[string]*pipeConn
	dialing map[string]chan struct{}
	closed  bool
	wg      sync.WaitGroup
}

func newTCPPool() *tcpPool {
	return &tcpPool{conns: map[string]*pipeConn{}, dialing: map[string]chan struct{}{}}
}

// pipeConn is one pipelined stream; a reader goroutine dispatches answers.
type pipeConn struct {
	c       Conn
	wmu     sync.Mutex
	mu      sync.Mutex
	pending map[uint16]*pipeCall
	err     error       // set once the reader stopped
	dead    atomic.Bool // the stream failed or closed: do not reuse
	idle    *time.Timer
}

type pipeCall struct {
	q  dnsmessage.Question
	ch chan pipeResult
}

type pipeResult struct {
	resp   response
	err    error
	broken bool
}

var errPoolClosed = errors.New("resolver: transport closed")

func (t *tcpPool) get(ctx context.Context, r *Resolver, server string) (*pipeConn, error) {
	for {
		t.mu.Lock()
		if t.closed {
			t.mu.Unlock()
			return nil, errPoolClosed
		}
		if pc := t.conns[server]; pc != nil && !pc.dead.Load() {
			t.mu.Unlock()
			return pc, nil
		}
		wait, busy := t.dialing[server]
		if !busy {
			break // t.mu held: this caller dials
		}
		t.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, mapErr(ctx.Err())
		}
	}
	done := make(chan struct{})
	t.dialing[server] = done
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		delete(t.dialing, server)
		t.mu.Unlock()
		close(done)
	}()

	c, err := r.dial(ctx, "tcp", server)
	if err != nil {
		return nil, err
	}
	pc := &pipeConn{c: c, pending: map[uint16]*pipeCall{}}
	// The idle timer must exist before pc is published in t.conns: another
	// caller may take pc from there and Reset the timer at once.
	pc.idle = time.AfterFunc(PoolIdleTimeout, func() { pc.c.Close() })
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		pc.idle.Stop()
		c.Close()
		return nil, errPoolClosed
	}
	t.conns[server] = pc
	t.wg.Add(1)
	t.mu.Unlock()
	go func() {
		defer t.wg.Done()
		pc.readLoop()
		t.mu.Lock()
		if t.conns[server] == pc {
			delete(t.conns, server)
		}
		t.mu.Unlock()
	}()
	return pc, nil
}

// readLoop reads answers until the connection fails or closes, then fails
// every pending query.
func (pc *pipeConn) readLoop() {
	var lb [2]byte
	var err error
	for {
		if _, err = io.ReadFull(pc.c, lb[:]); err != nil {
			break
		}
		buf := make([]byte, int(lb[0])<<8|int(lb[1]))
		if _, err = io.ReadFull(pc.c, buf); err != nil {
			break
		}
		var p dnsmessage.Parser
		h, perr := p.Start(buf)
		if perr != nil {
			continue
		}
		pc.mu.Lock()
		call := pc.pending[h.ID]
		if call != nil {
			delete(pc.pending, h.ID)
		}
		pc.mu.Unlock()
		if call == nil {
			continue // late answer to a query that gave up
		}
		resp, rerr := parseStreamAnswer(h.ID, call.q, buf)
		call.ch <- pipeResult{resp: resp, err: rerr}
	}
	pc.dead.Store(true)
	pc.c.Close()
	pc.idle.Stop()
	pc.mu.Lock()
	pc.err = err
	for id, call := range pc.pending {
		delete(pc.pending, id)
		call.ch <- pipeResult{err: err, broken: true}
	}
	pc.mu.Unlock()
}

// exchange sends one query on the server's pipelined connection. When a
// reused connection turns out to be broken (the server closed it while
// idle, RFC 7766 section 6.2.3), the query is sent once more on a new one.
func (t *tcpPool) exchange(ctx context.Context, r *Resolver, server string, q dnsmessage.Question, tcpReq []byte, timeout time.Duration) (response, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for try := 0; ; try++ {
		pc, err := t.get(ctx, r, server)
		if err != nil {
			return response{}, err
		}
		resp, err, broken := pc.exchange(ctx, q, tcpReq)
		if broken && try == 0 && ctx.Err() == nil {
			continue
		}
		return resp, err
	}
}

// exchange sends the query and waits; broken reports a connection failure
// (as opposed to an answer or the context ending).
func (pc *pipeConn) exchange(ctx context.Context, q dnsmessage.Question, tcpReq []byte) (resp response, err error, broken bool) {
	call := &pipeCall{q: q, ch: make(chan pipeResult, 1)}
	pc.mu.Lock()
	if pc.err != nil || pc.dead.Load() {
		pc.mu.Unlock()
		return response{}, errPoolClosed, true
	}
	id := uint16(tcpReq[2])<<8 | uint16(tcpReq[3])
	for pc.pending[id] != nil {
		id = uint16(rand.Uint32())
	}
	tcpReq[2], tcpReq[3] = byte(id>>8), byte(id)
	pc.pending[id] = call
	pc.idle.Reset(PoolIdleTimeout)
	pc.mu.Unlock()

	pc.wmu.Lock()
	_, err = pc.c.Write(tcpReq)
	pc.wmu.Unlock()
	if err != nil {
		pc.dead.Store(true)
		pc.c.Close() // the stream is now out of step: start afresh
		pc.forget(id)
		return response{}, mapErr(err), true
	}
	select {
	case res := <-call.ch:
		return res.resp, res.err, res.broken
	case <-ctx.Done():
		pc.forget(id)
		return response{}, mapErr(ctx.Err()), false
	}
}

func (pc *pipeConn) forget(id uint16) {
	pc.mu.Lock()
	delete(pc.pending, id)
	pc.mu.Unlock()
}

func (t *tcpPool) close() {
	t.mu.Lock()
	t.closed = true
	conns := t.conns
	t.conns = map[string]*pipeConn{}
	t.mu.Unlock()
	for _, pc := range conns {
		pc.c.Close()
	}
	t.wg.Wait()
	t.mu.Lock()
	t.closed = false
	t.mu.Unlock()
}
