package pipe

import (
	"context"
	"net"
	"sync"

	"github.com/netkit-go/netkit/addr"
)

// Backlog is how many dialed connections a Listener queues before Accept
// takes them; a Dial beyond that waits for an Accept.
const Backlog = 128

// Listener is an in-memory net.Listener: Dial and DialContext hand one end
// of a new pipe to Accept and return the other, so that a server can be
// tested without sockets (for example an http.Server serving on a Listener,
// with an http.Transport whose DialContext is the Listener's).
//
// Make one with NewListener or NewBufferedListener; the zero value is not
// usable. All methods are safe for concurrent use.
type Listener struct {
	size    int
	addr    Addr
	queue   chan *Conn
	room    chan struct{} // token: Accept made room in queue
	done    chan struct{} // closed by Close
	mu      sync.Mutex    // orders queueing against Close
	closing bool
}

var _ net.Listener = (*Listener)(nil)

// NewListener returns a Listener named name (its Addr; "pipe" when empty)
// whose connections are synchronous pipes, as made by Pipe.
func NewListener(name string) *Listener { return NewBufferedListener(name, 0) }

// NewBufferedListener is like NewListener but its connections are buffered
// pipes with size bytes per direction, as made by BufferedPipe.
func NewBufferedListener(name string, size int) *Listener {
	return &Listener{
		size:  size,
		addr:  Addr(name),
		queue: make(chan *Conn, Backlog),
		room:  make(chan struct{}, 1),
		done:  make(chan struct{}),
	}
}

// Addr returns the listener's address, network "pipe". The connections'
// LocalAddr on the server side and RemoteAddr on the client side are this
// address; the other ends are named "pipe".
func (l *Listener) Addr() net.Addr { return l.addr }

// Accept waits for and returns the server end of the next dialed
// connection. After Close it returns an *addr.OpError with Op "accept",
// Net "pipe" and net.ErrClosed inside.
func (l *Listener) Accept() (net.Conn, error) {
	if isClosed(l.done) {
		return nil, l.opError("accept", net.ErrClosed)
	}
	select {
	case c := <-l.queue:
		notify(l.room)
		return c, nil
	case <-l.done:
		return nil, l.opError("accept", net.ErrClosed)
	}
}

// Close stops the listener: blocked and later Accepts and Dials fail, and
// connections dialed but not yet accepted are closed (their client ends read
// io.EOF). Connections already accepted stay open. A second Close returns an
// *addr.OpError with Op "close" and net.ErrClosed inside, as a socket
// listener does.
func (l *Listener) Close() error {
	l.mu.Lock()
	if l.closing {
		l.mu.Unlock()
		return l.opError("close", net.ErrClosed)
	}
	l.closing = true
	close(l.done)
	l.mu.Unlock()
	// Nothing is queued after closing was set: close what is left.
	for {
		select {
		case c := <-l.queue:
			c.Close()
		default:
			return nil
		}
	}
}

// Dial connects to the listener and returns the client end. It waits while
// Backlog connections are queued. After Close it returns an *addr.OpError
// with Op "dial", Net "pipe" and net.ErrClosed inside.
func (l *Listener) Dial() (net.Conn, error) {
	return l.DialContext(context.Background(), Network, "")
}

// DialContext is Dial with a context that bounds the wait for room in the
// backlog; its error then wraps ctx.Err(). Network and address are ignored,
// so the method fits http.Transport.DialContext and similar hooks: every
// address reaches this listener.
func (l *Listener) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, l.opError("dial", err)
	}
	client, server := newPair(l.size, "", l.addr)
	for {
		l.mu.Lock()
		if l.closing {
			l.mu.Unlock()
			return nil, l.opError("dial", net.ErrClosed)
		}
		select {
		case l.queue <- server:
			more := len(l.queue) < cap(l.queue)
			l.mu.Unlock()
			if more {
				notify(l.room) // pass the wake-up on to another waiting Dial
			}
			return client, nil
		default:
		}
		l.mu.Unlock()
		select {
		case <-l.room:
		case <-l.done:
		case <-ctx.Done():
			return nil, l.opError("dial", ctx.Err())
		}
	}
}

func (l *Listener) opError(op string, err error) error {
	return &addr.OpError{Op: op, Net: Network, Addr: l.addr, Err: err}
}
