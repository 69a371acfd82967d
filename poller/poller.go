package poller

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Interest is the set of readiness kinds a registration asks for, plus how
// they are reported. It is a bitset: combine with |.
type Interest uint8

const (
	// Readable asks for read readiness: data (or a pending connection on a
	// listener) is available, or the peer closed its side.
	Readable Interest = 1 << iota
	// Writable asks for write readiness: there is room in the send buffer,
	// or a non-blocking connect finished.
	Writable
	// EdgeTriggered reports readiness only when it changes (EPOLLET,
	// EV_CLEAR): after an event the caller must read or write until EAGAIN
	// before the next event for that kind. Without it, registrations are
	// level-triggered: an event is reported by every Wait for as long as the
	// condition holds.
	EdgeTriggered
)

// Token identifies a registration in the events Wait reports. It is an
// opaque caller value (an index into the caller's connection table, say);
// the poller never dereferences it and no Go pointer is stored in kernel
// memory. The largest value, ^Token(0), is reserved.
type Token uint64

// reservedToken is used internally for the wake-up registration.
const reservedToken = ^Token(0)

// Readiness kinds carried in an Event.
const (
	evReadable uint8 = 1 << iota
	evWritable
	evReadClosed
	evWriteClosed
	evError
)

// Event is one readiness report from Wait.
type Event struct {
	// Token is the token the fd was registered with.
	Token Token
	flags uint8
}

// Readable reports read readiness (which includes end of stream).
func (e Event) Readable() bool { return e.flags&evReadable != 0 }

// Writable reports write readiness.
func (e Event) Writable() bool { return e.flags&evWritable != 0 }

// ReadClosed reports that the read side is finished: the peer shut down its
// sending side or the connection is gone (EPOLLRDHUP or EPOLLHUP; EV_EOF on
// the read filter). Reads drain what is buffered, then return end of stream.
func (e Event) ReadClosed() bool { return e.flags&evReadClosed != 0 }

// WriteClosed reports that writes can no longer succeed: the connection was
// hung up or reset (EPOLLHUP or EPOLLERR; EV_EOF on the write filter).
func (e Event) WriteClosed() bool { return e.flags&evWriteClosed != 0 }

// Hangup reports that the peer has gone away in at least one direction:
// ReadClosed() || WriteClosed().
func (e Event) Hangup() bool { return e.flags&(evReadClosed|evWriteClosed) != 0 }

// HasError reports a pending socket error (EPOLLERR; EV_ERROR, or EV_EOF with
// an error code). Read SO_ERROR, or do the I/O, to learn which.
func (e Event) HasError() bool { return e.flags&evError != 0 }

// String returns a short description such as "token=3 readable|readclosed",
// for logs and test failures.
func (e Event) String() string {
	b := []byte("token=")
	b = appendUint(b, uint64(e.Token))
	sep := byte(' ')
	for i, name := range [...]string{"readable", "writable", "readclosed", "writeclosed", "error"} {
		if e.flags&(1<<i) != 0 {
			b = append(b, sep)
			b = append(b, name...)
			sep = '|'
		}
	}
	return string(b)
}

func appendUint(b []byte, v uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

// Poller is the platform's readiness notification facility — epoll on
// Linux, kqueue on macOS and the BSDs — for callers that run their own event
// loop over many descriptors without a goroutine each. It only reports
// readiness; reading, writing and scheduling are the caller's.
//
// Add, Modify, Delete and Wake may be called from any goroutine, also while
// another goroutine is blocked in Wait. Wait is meant to be called by one
// goroutine (the event loop); concurrent calls are serialized. Create a
// Poller with New; the zero value is not usable.
//
// The descriptors given to Add stay owned by the caller. Delete a descriptor
// before closing it: the kernel drops a closed descriptor's registration only
// when no duplicate of it remains open.
//
// # Portability
//
// Linux uses epoll with an eventfd for Wake; macOS, FreeBSD and DragonFly use
// kqueue with an EVFILT_USER event for Wake; NetBSD and OpenBSD use kqueue
// with a self-pipe. On Linux, timeouts are rounded up to whole milliseconds;
// kqueue takes them with nanosecond precision. On kqueue, readable and
// writable readiness of one descriptor arrive as two separate Events with the
// same Token. kqueue keeps Tokens in a table indexed by descriptor: a
// descriptor closed without Delete stays in it (Add of the reused number
// fails with EEXIST) until Delete is called, which then fails with EBADF but
// clears the entry; epoll forgets a closed descriptor by itself. Elsewhere
// New returns an error wrapping errors.ErrUnsupported.
type Poller struct {
	// life is read-held by every operation using the kernel objects and
	// write-held by Close while it releases them.
	life   sync.RWMutex
	waitMu sync.Mutex // serializes Wait (it owns the kernel event buffer)
	closed atomic.Bool
	sys    sysPoller
}

// New creates a Poller. Its kernel objects are close-on-exec.
func New() (*Poller, error) {
	p := new(Poller)
	if err := p.sys.init(); err != nil {
		return nil, err
	}
	return p, nil
}

var errBadFD = errors.New("poller: negative file descriptor")
var errReservedToken = errors.New("poller: token ^Token(0) is reserved")
var errNoInterest = errors.New("poller: interest has neither Readable nor Writable")

func checkRegistration(fd int, in Interest, t Token) error {
	if fd < 0 {
		return errBadFD
	}
	if t == reservedToken {
		return errReservedToken
	}
	if in&(Readable|Writable) == 0 {
		return errNoInterest
	}
	return nil
}

// Add registers fd for the readiness kinds in interest, reported with token
// t. Adding an fd that is already registered fails (EEXIST on Linux).
// Errors from the kernel are *os.SyscallError ("epoll_ctl", "kevent").
func (p *Poller) Add(fd int, interest Interest, t Token) error {
	if err := checkRegistration(fd, interest, t); err != nil {
		return err
	}
	p.life.RLock()
	defer p.life.RUnlock()
	if p.closed.Load() {
		return ErrClosed
	}
	return p.sys.add(fd, interest, t)
}

// Modify replaces the interest and token of a registered fd. Modifying a
// level-triggered registration re-arms it; modifying an edge-triggered one
// reports current readiness anew.
func (p *Poller) Modify(fd int, interest Interest, t Token) error {
	if err := checkRegistration(fd, interest, t); err != nil {
		return err
	}
	p.life.RLock()
	defer p.life.RUnlock()
	if p.closed.Load() {
		return ErrClosed
	}
	return p.sys.modify(fd, interest, t)
}

// Delete removes fd's registration. Deleting an fd that is not registered
// fails (ENOENT); deleting one that was already closed fails with EBADF (the
// kernel removed its registration when it was closed), and the Poller stays
// usable. Events for fd already collected by a concurrent Wait may still be
// reported.
func (p *Poller) Delete(fd int) error {
	if fd < 0 {
		return errBadFD
	}
	p.life.RLock()
	defer p.life.RUnlock()
	if p.closed.Load() {
		return ErrClosed
	}
	return p.sys.delete(fd)
}

// Wait blocks until at least one registered fd is ready, Wake is called, or
// timeout passes, then fills events with up to len(events) readiness reports
// and returns how many it wrote. It returns 0 after a timeout or a Wake.
//
// A timeout of 0 polls without blocking; a negative timeout blocks until an
// event or a Wake. Where the kernel takes milliseconds (epoll), a positive
// timeout is rounded up to the next millisecond so that Wait never returns
// early. A system call interrupted by a signal (EINTR, routine with Go's
// asynchronous preemption) is retried with the time that remains.
//
// events is owned by the caller and Wait does not allocate, except on the
// first call with a larger slice than before (the kernel-side buffer grows
// to match). len(events) == 0 is an error. After Close, or when Close
// interrupts it, Wait returns ErrClosed.
func (p *Poller) Wait(events []Event, timeout time.Duration) (int, error) {
	if len(events) == 0 {
		return 0, errors.New("poller: Wait needs a non-empty events slice")
	}
	p.waitMu.Lock()
	defer p.waitMu.Unlock()
	p.life.RLock()
	defer p.life.RUnlock()
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	for {
		if p.closed.Load() {
			return 0, ErrClosed
		}
		n, err := p.sys.wait(events, timeout)
		if err == errInterrupted {
			if timeout > 0 {
				timeout = time.Until(deadline)
				if timeout <= 0 {
					return 0, nil
				}
			}
			continue
		}
		if err != nil {
			return 0, err
		}
		if p.closed.Load() {
			return 0, ErrClosed
		}
		return n, nil
	}
}

// Wake makes a blocked Wait return (with 0 events if nothing else is
// ready), or the next Wait if none is blocked. Several Wakes before a Wait
// are coalesced into one.
func (p *Poller) Wake() error {
	p.life.RLock()
	defer p.life.RUnlock()
	if p.closed.Load() {
		return ErrClosed
	}
	return p.sys.wake()
}

// Close interrupts a blocked Wait (which returns ErrClosed) and releases the
// kernel objects. Registered descriptors are not closed. A second Close
// returns ErrClosed.
func (p *Poller) Close() error {
	if !p.closed.CompareAndSwap(false, true) {
		return ErrClosed
	}
	// Wake a blocked Wait so that it releases its read lock; the kernel
	// objects stay valid until we hold the write lock.
	p.sys.wake()
	p.life.Lock()
	defer p.life.Unlock()
	return p.sys.close()
}
