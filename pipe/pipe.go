package pipe

import (
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// Network is the network name of every pipe address.
const Network = "pipe"

// Addr is the address of a pipe end or of a Listener. Its network is "pipe";
// its string is the name it was given, or "pipe" when empty.
type Addr string

// Network returns "pipe".
func (Addr) Network() string { return Network }

// String returns a, or "pipe" when a is empty.
func (a Addr) String() string {
	if a == "" {
		return Network
	}
	return string(a)
}

// Compile-time checks of the public surface.
var (
	_ net.Conn = (*Conn)(nil)
	_ net.Addr = Addr("")
)

// stream is one direction of a pipe: what one end writes and the other end
// reads. With size 0 it holds no data of its own: a writer publishes its
// buffer and readers copy straight out of it (net.Pipe's contract). With
// size > 0 it has a ring buffer of that many bytes; a Write that does not
// fit publishes its rest the same way, so a large transfer is copied once.
//
// Waiting is done on one-slot token channels rather than on a select over
// every condition: whatever may change what a waiter waits for (data, room,
// Close of either end, a deadline) leaves a token, and the waiter re-checks
// everything when it wakes. Several readers may wait on readable; one that
// leaves because of a condition that concerns them all (close, deadline,
// data left over) passes a token on.
type stream struct {
	mu sync.Mutex
	// the unwritten part of the Write in progress (synchronous mode, or
	// buffered mode with a full ring)
	pending bool
	pend    []byte
	// buffered mode: ring[head:head+n] (wrapping) holds unread bytes.
	ring []byte
	head int
	n    int

	readable chan struct{} // readers wait here
	writable chan struct{} // the writer holding the write lock waits here
	wbusy    atomic.Bool   // the write lock: one Write at a time, so writes never interleave
	wfree    chan struct{} // token: the write lock was released
	eof      chan struct{} // closed by the writing end's CloseWrite
	eofOnce  sync.Once
}

func newStream(size int) *stream {
	s := &stream{
		readable: make(chan struct{}, 1),
		writable: make(chan struct{}, 1),
		wfree:    make(chan struct{}, 1),
		eof:      make(chan struct{}),
	}
	if size > 0 {
		s.ring = make([]byte, size)
	}
	return s
}

// Conn is one end of a pipe. Pipe, BufferedPipe and Listener return it as a
// net.Conn; the zero value is not usable. All methods are safe for
// concurrent use.
type Conn struct {
	rx, tx    *stream       // rx: the peer writes, we read; tx: the reverse
	local     chan struct{} // closed by our Close
	remote    chan struct{} // closed by the peer's Close
	closeOnce *sync.Once
	rd, wd    *deadline
	laddr     Addr
	raddr     Addr
}

// Pipe creates a synchronous, in-memory, full duplex network connection;
// both ends implement the net.Conn interface. Reads on one end are matched
// with writes on the other, copying data directly between the two; there is
// no internal buffering.
//
// A Write returns once readers have taken all of its bytes, so it may be
// matched by several Reads; concurrent Writes are serialised and never
// interleave. Errors are those of the standard library's net.Pipe: a Read
// after the peer closed returns io.EOF, Read or Write on a closed end and
// Write to a closed peer return io.ErrClosedPipe (both bare), an expired
// deadline returns an *addr.OpError with Op "read" or "write", Net "pipe"
// and os.ErrDeadlineExceeded inside (Timeout reports true). Unlike net.Pipe,
// a Write waiting for an earlier Write to finish also honours its deadline
// and Close.
func Pipe() (net.Conn, net.Conn) {
	return newPair(0, "", "")
}

// BufferedPipe is like Pipe but each direction has a buffer of size bytes,
// so a Write returns as soon as its bytes are buffered, blocking only while
// the buffer is full. After one end is closed the other end still reads the
// bytes already buffered, then io.EOF, as with a socket. A size of 0 or less
// gives a synchronous Pipe.
func BufferedPipe(size int) (net.Conn, net.Conn) {
	return newPair(size, "", "")
}

func newPair(size int, a1, a2 Addr) (*Conn, *Conn) {
	s1, s2 := newStream(size), newStream(size)
	d1, d2 := make(chan struct{}), make(chan struct{})
	c1 := &Conn{rx: s1, tx: s2, local: d1, remote: d2, closeOnce: new(sync.Once),
		rd: newDeadline(s1.readable), wd: newDeadline(s2.writable), laddr: a1, raddr: a2}
	c2 := &Conn{rx: s2, tx: s1, local: d2, remote: d1, closeOnce: new(sync.Once),
		rd: newDeadline(s2.readable), wd: newDeadline(s1.writable), laddr: a2, raddr: a1}
	return c1, c2
}

// LocalAddr returns the address of this end: network "pipe".
func (c *Conn) LocalAddr() net.Addr { return c.laddr }

// RemoteAddr returns the address of the other end: network "pipe".
func (c *Conn) RemoteAddr() net.Addr { return c.raddr }

// Read reads what the other end writes. See Pipe and BufferedPipe for the
// errors it returns.
func (c *Conn) Read(b []byte) (int, error) {
	var n int
	var err error
	if c.rx.ring == nil {
		n, err = c.readSync(b)
	} else {
		n, err = c.readBuffered(b)
	}
	if err != nil && err != io.EOF && err != io.ErrClosedPipe {
		err = &addr.OpError{Op: "read", Net: Network, Err: err}
	}
	return n, err
}

func (c *Conn) readSync(b []byte) (int, error) {
	s := c.rx
	for {
		// net.Pipe's order: own close, peer's close, deadline, data.
		switch {
		case isClosed(c.local):
			notify(s.readable)
			return 0, io.ErrClosedPipe
		case isClosed(c.remote) || isClosed(s.eof):
			notify(s.readable)
			return 0, io.EOF
		case c.rd.expired():
			notify(s.readable)
			return 0, os.ErrDeadlineExceeded
		}
		s.mu.Lock()
		if s.pending {
			n := copy(b, s.pend)
			s.pend = s.pend[n:]
			if len(s.pend) == 0 {
				s.pending, s.pend = false, nil
				s.mu.Unlock()
				notify(s.writable)
			} else {
				s.mu.Unlock()
				notify(s.readable) // more for the next reader
			}
			return n, nil
		}
		s.mu.Unlock()
		<-s.readable
	}
}

func (c *Conn) readBuffered(b []byte) (int, error) {
	s := c.rx
	for {
		// A socket's order: own close, deadline, buffered data, peer's close.
		switch {
		case isClosed(c.local):
			notify(s.readable)
			return 0, io.ErrClosedPipe
		case c.rd.expired():
			notify(s.readable)
			return 0, os.ErrDeadlineExceeded
		}
		s.mu.Lock()
		if s.n > 0 || s.pending || len(b) == 0 && !isClosed(c.remote) && !isClosed(s.eof) {
			n := s.take(b)
			if n < len(b) && s.pending { // the ring is empty: copy from the writer
				k := copy(b[n:], s.pend)
				s.pend = s.pend[k:]
				n += k
				if len(s.pend) == 0 {
					s.pending, s.pend = false, nil
				}
			}
			left := s.n > 0 || s.pending
			s.mu.Unlock()
			if n > 0 {
				notify(s.writable)
			}
			if left {
				notify(s.readable)
			}
			return n, nil
		}
		s.mu.Unlock()
		if isClosed(c.remote) || isClosed(s.eof) {
			notify(s.readable)
			return 0, io.EOF
		}
		<-s.readable
	}
}

// take copies buffered bytes into b; s.mu is held.
func (s *stream) take(b []byte) int {
	n := 0
	for n < len(b) && s.n > 0 {
		end := s.head + s.n
		if end > len(s.ring) {
			end = len(s.ring)
		}
		k := copy(b[n:], s.ring[s.head:end])
		n += k
		s.n -= k
		s.head += k
		if s.head == len(s.ring) {
			s.head = 0
		}
	}
	if s.n == 0 {
		s.head = 0 // keep the next writes contiguous
	}
	return n
}

// put copies as much of b as fits into the ring; s.mu is held.
func (s *stream) put(b []byte) int {
	n := 0
	for n < len(b) && s.n < len(s.ring) {
		start := s.head + s.n
		if start >= len(s.ring) {
			start -= len(s.ring)
		}
		end := len(s.ring)
		if start < s.head {
			end = s.head
		}
		k := copy(s.ring[start:end], b[n:])
		n += k
		s.n += k
	}
	return n
}

// Write writes b to the other end. See Pipe and BufferedPipe for when it
// returns and the errors it returns.
func (c *Conn) Write(b []byte) (int, error) {
	var n int
	var err error
	if c.tx.ring == nil {
		n, err = c.writeSync(b)
	} else {
		n, err = c.writeBuffered(b)
	}
	if err != nil && err != io.ErrClosedPipe {
		err = &addr.OpError{Op: "write", Net: Network, Err: err}
	}
	return n, err
}

// lockWrite takes the stream's write lock, giving up on Close or deadline.
func (c *Conn) lockWrite() error {
	s := c.tx
	if s.wbusy.CompareAndSwap(false, true) {
		return nil
	}
	dl := c.wd.done()
	for {
		select {
		case <-s.wfree:
			if s.wbusy.CompareAndSwap(false, true) {
				return nil
			}
		case <-c.local:
			return io.ErrClosedPipe
		case <-c.remote:
			return io.ErrClosedPipe
		case <-s.eof:
			return io.ErrClosedPipe
		case <-dl:
			return os.ErrDeadlineExceeded
		}
	}
}

func (c *Conn) unlockWrite() {
	c.tx.wbusy.Store(false)
	notify(c.tx.wfree)
}

// writeFailed returns why a blocked Write must stop, or nil.
func (c *Conn) writeFailed() error {
	if isClosed(c.local) || isClosed(c.remote) || isClosed(c.tx.eof) {
		return io.ErrClosedPipe
	}
	if c.wd.expired() {
		return os.ErrDeadlineExceeded
	}
	return nil
}

func (c *Conn) writeSync(b []byte) (int, error) {
	if err := c.writeFailed(); err != nil {
		return 0, err
	}
	if err := c.lockWrite(); err != nil {
		return 0, err
	}
	defer c.unlockWrite()
	s := c.tx
	s.mu.Lock()
	s.pending, s.pend = true, b
	s.mu.Unlock()
	notify(s.readable)
	for {
		<-s.writable
		s.mu.Lock()
		if !s.pending { // readers took it all
			s.mu.Unlock()
			return len(b), nil
		}
		err := c.writeFailed()
		if err == nil {
			s.mu.Unlock()
			continue
		}
		// Take the buffer back so that nobody reads it after we return.
		n := len(b) - len(s.pend)
		s.pending, s.pend = false, nil
		s.mu.Unlock()
		return n, err
	}
}

func (c *Conn) writeBuffered(b []byte) (int, error) {
	if err := c.writeFailed(); err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	if err := c.lockWrite(); err != nil {
		return 0, err
	}
	defer c.unlockWrite()
	s := c.tx
	s.mu.Lock()
	k := 0
	if s.n > 0 || len(b) <= len(s.ring) {
		// Into the ring. (A Write larger than the whole empty ring skips
		// it: the reader copies straight from b, once.)
		k = s.put(b)
	}
	if k == len(b) {
		s.mu.Unlock()
		notify(s.readable)
		return k, nil
	}
	// The ring is full. Publish the rest: a reader that empties the ring
	// copies straight from it, and each time room appears the rest moves
	// into the ring; Write returns once it is all there or read.
	s.pending, s.pend = true, b[k:]
	s.mu.Unlock()
	notify(s.readable)
	for {
		<-s.writable
		s.mu.Lock()
		moved := 0
		if s.pending {
			moved = s.put(s.pend)
			s.pend = s.pend[moved:]
			if len(s.pend) == 0 {
				s.pending, s.pend = false, nil
			}
		}
		if !s.pending {
			s.mu.Unlock()
			if moved > 0 {
				notify(s.readable)
			}
			return len(b), nil
		}
		err := c.writeFailed()
		if err != nil {
			n := len(b) - len(s.pend)
			s.pending, s.pend = false, nil
			s.mu.Unlock()
			return n, err
		}
		s.mu.Unlock()
		if moved > 0 {
			notify(s.readable)
		}
	}
}

// Close closes this end. Blocked Reads and Writes on both ends return: on
// this end with io.ErrClosedPipe, on the other end Reads with io.EOF (after
// any buffered bytes) and Writes with io.ErrClosedPipe. Close always returns
// nil, also when called again.
func (c *Conn) Close() error {
	c.closeOnce.Do(func() {
		close(c.local)
		c.rd.stop()
		c.wd.stop()
		// Wake whoever waits on either end; they re-check and leave.
		notify(c.rx.readable)
		notify(c.tx.writable)
		notify(c.tx.readable)
		notify(c.rx.writable)
	})
	return nil
}

// CloseWrite shuts down the writing direction, as (*net.TCPConn).CloseWrite
// does: the other end reads what was already written (or buffered), then
// io.EOF, while this end keeps reading what the other end writes. A Write
// blocked at that moment and later Writes return io.ErrClosedPipe. It
// returns io.ErrClosedPipe once either end is closed, nil otherwise (also
// when repeated).
// net.Pipe has no such method; servers and proxies that half-close look for
// it.
func (c *Conn) CloseWrite() error {
	if c.closed() {
		return io.ErrClosedPipe
	}
	c.tx.eofOnce.Do(func() {
		close(c.tx.eof)
		notify(c.tx.readable)
		notify(c.tx.writable)
	})
	return nil
}

func (c *Conn) closed() bool { return isClosed(c.local) || isClosed(c.remote) }

// SetDeadline sets the read and write deadlines; see net.Conn. After either
// end was closed it returns io.ErrClosedPipe.
func (c *Conn) SetDeadline(t time.Time) error {
	if c.closed() {
		return io.ErrClosedPipe
	}
	c.rd.set(t)
	c.wd.set(t)
	return nil
}

// SetReadDeadline sets the deadline for future and blocked Reads; the zero
// time disables it. After either end was closed it returns io.ErrClosedPipe.
func (c *Conn) SetReadDeadline(t time.Time) error {
	if c.closed() {
		return io.ErrClosedPipe
	}
	c.rd.set(t)
	return nil
}

// SetWriteDeadline sets the deadline for future and blocked Writes; the zero
// time disables it. After either end was closed it returns io.ErrClosedPipe.
func (c *Conn) SetWriteDeadline(t time.Time) error {
	if c.closed() {
		return io.ErrClosedPipe
	}
	c.wd.set(t)
	return nil
}
