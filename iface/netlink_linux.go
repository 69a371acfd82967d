package iface

import (
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Netlink plumbing: one NETLINK_ROUTE socket per call, created in the
// network namespace of the calling thread, closed before the call returns
// (a socket kept open between calls would show in callers' descriptor
// counts and keep a deleted namespace alive). A call costs socket(2),
// setsockopt(2) for a filtered address dump, one send, one recvmmsg(2)
// per four datagrams and close(2).

const (
	nlmsgHdrLen   = unix.SizeofNlMsghdr  // 16
	ifInfoMsgLen  = unix.SizeofIfInfomsg // 16
	ifAddrMsgLen  = unix.SizeofIfAddrmsg // 8
	rtAttrHdrLen  = unix.SizeofRtAttr    // 4
	recvBufSize   = 32 << 10             // the kernel sizes dump batches up to 32 KiB to the reader's buffer
	maxDumpTries  = 8                    // NLM_F_DUMP_INTR restarts before giving up
	nlaTypeMask   = 0x3fff               // strips NLA_F_NESTED and NLA_F_NET_BYTEORDER
	infiniteLife  = 0xffffffff           // INFINITY_LIFE_TIME
	syscallDump   = "netlinkrib"         // the standard library's name for a failed dump
	syscallDecode = "parsenetlinkmessage"
)

var ne = binary.NativeEndian

// errDumpInterrupted is returned when a dump was interrupted by concurrent
// changes (NLM_F_DUMP_INTR) on every one of maxDumpTries attempts.
var errDumpInterrupted = errors.New("netlink dump interrupted by concurrent changes on every attempt")

// Test hooks: tests deny parts of the netlink path to exercise the
// fallbacks. Zero in production.
type denial uint8

const (
	denySocket   denial = 1 << iota // socket(AF_NETLINK) fails with EACCES
	denyBind                        // bind(2) fails with EACCES (Watch; queries never bind)
	denyLinkDump                    // RTM_GETLINK fails with EACCES (Android 11+)
	denyAddrDump                    // RTM_GETADDR fails with EACCES
	denyProc                        // the /proc fallbacks fail
	denyIoctl                       // the ioctl fallbacks fail
)

var testDeny denial

// testHookMessage, when set, is called on every netlink message of a dump
// before it is decoded; tests use it to set NLM_F_DUMP_INTR or remove an
// interface in the middle of a dump.
var testHookMessage func(h *nlHeader, attempt int)

// dumpRetries counts the dumps restarted after NLM_F_DUMP_INTR (read by
// tests).
var dumpRetries atomic.Int64

type nlHeader struct {
	Len   uint32
	Type  uint16
	Flags uint16
	Seq   uint32
	Pid   uint32
}

func readHeader(b []byte) nlHeader {
	return nlHeader{
		Len:   ne.Uint32(b[0:4]),
		Type:  ne.Uint16(b[4:6]),
		Flags: ne.Uint16(b[6:8]),
		Seq:   ne.Uint32(b[8:12]),
		Pid:   ne.Uint32(b[12:16]),
	}
}

// recvSlots is how many datagrams one recvmmsg(2) takes: a small dump
// (one interface's addresses, or ten links) arrives with its NLMSG_DONE in
// one system call instead of one read per datagram.
const recvSlots = 4

// mmsghdr is struct mmsghdr: a msghdr and the length received (Go pads
// it as C does on every Linux architecture).
type mmsghdr struct {
	hdr unix.Msghdr
	n   uint32
}

// recvBufs is the receive state of a netlink socket: recvSlots buffers of
// slot bytes and the recvmmsg(2) vectors pointing at them. It is pooled, so
// that a call allocates none of it.
type recvBufs struct {
	slot  int
	buf   []byte
	iovs  [recvSlots]unix.Iovec
	names [recvSlots]unix.RawSockaddrNetlink
	msgs  [recvSlots]mmsghdr
}

func newRecvBufs(slot int) *recvBufs {
	r := &recvBufs{slot: slot, buf: make([]byte, recvSlots*slot)}
	for i := range r.msgs {
		r.iovs[i].Base = &r.buf[i*slot]
		r.iovs[i].SetLen(slot)
		h := &r.msgs[i].hdr
		h.Name = (*byte)(unsafe.Pointer(&r.names[i]))
		h.Iov = &r.iovs[i]
		h.SetIovlen(1)
	}
	return r
}

// prepare resets the parts of the vectors the kernel writes.
func (r *recvBufs) prepare() {
	for i := range r.msgs {
		r.msgs[i].hdr.Namelen = unix.SizeofSockaddrNetlink
		r.msgs[i].hdr.Flags = 0
		r.msgs[i].n = 0
	}
}

var recvPool = sync.Pool{New: func() any { return newRecvBufs(int(recvSlot.Load())) }}

// recvSlot is the size of a pooled slot: recvBufSize, except in tests.
var recvSlot atomic.Int32

// reopens counts the requests started over because a datagram did not
// fit (read by tests).
var reopens atomic.Int64

func init() { recvSlot.Store(recvBufSize) }

// getBufs takes receive buffers from the pool.
func getBufs() *recvBufs {
	r := recvPool.Get().(*recvBufs)
	if r.slot != int(recvSlot.Load()) {
		r = newRecvBufs(int(recvSlot.Load())) // the slot size was changed by a test
	}
	return r
}

// putBufs returns receive buffers to the pool, unless they were made
// larger for one outsized answer.
func putBufs(r *recvBufs) {
	if r.slot == int(recvSlot.Load()) {
		recvPool.Put(r)
	}
}

// firstLen is the buffer offered for the first datagram after a request.
// The kernel sizes the next part of a dump to the largest buffer the
// reader has offered so far: offering a full slot first would make it
// allocate 32 KiB (a multi-page allocation) for the NLMSG_DONE of a small
// dump. The first datagram was built before any read, in an allocation of
// NLMSG_GOODSIZE (under a page, at most 8 KiB less overhead) or of the
// largest single message of the table; firstLen grows to the next power of
// two when one did not fit (and that request is started over).
var firstLen atomic.Int32

func init() { firstLen.Store(int32(min(os.Getpagesize(), 8192))) }

// growFirstLen makes firstLen take a datagram of n bytes.
func growFirstLen(n int) {
	p := 1
	for p < n {
		p <<= 1
	}
	for {
		old := firstLen.Load()
		if int(old) >= p || firstLen.CompareAndSwap(old, int32(p)) {
			return
		}
	}
}

// nlConn is a NETLINK_ROUTE socket for one call. It is never bound: the
// kernel binds it to a port of its choosing on the first send (which also
// works where bind(2) is refused, as for apps on Android 11 and later),
// and answers come from port 0, the kernel, which recv checks.
type nlConn struct {
	fd   int
	seq  uint32
	bufs *recvBufs
	got  int  // datagrams in bufs from the last recvmmsg
	next int  // the next of them to hand out
	sent bool // a request went out and nothing was received since
	// vlen is how many datagrams a recvmmsg(2) asks for (0: recvSlots):
	// asking for more than come costs the kernel a failed attempt per
	// call, so a get asks for 1 and a filtered address dump for 2 (its
	// records and NLMSG_DONE).
	vlen int
	// trunc is the size of a datagram that did not fit a slot.
	trunc  int
	strict bool // NETLINK_GET_STRICT_CHK is on
}

// errTruncated is returned by recv when a datagram did not fit a slot.
var errTruncated = errors.New("netlink datagram larger than the receive buffer")

func isDenied(err error) bool {
	return errors.Is(err, unix.EACCES) || errors.Is(err, unix.EPERM)
}

// canFallBack reports whether err says that netlink is refused or not
// there (sandboxes, seccomp filters, kernels or emulations without
// NETLINK_ROUTE), rather than that the request failed.
func canFallBack(err error) bool {
	for _, e := range [...]unix.Errno{unix.EACCES, unix.EPERM, unix.EAFNOSUPPORT,
		unix.EPROTONOSUPPORT, unix.EOPNOTSUPP, unix.ESOCKTNOSUPPORT, unix.ENOSYS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// open opens the socket, in the network namespace of the calling thread.
func (c *nlConn) open() error {
	if testDeny&denySocket != 0 {
		return os.NewSyscallError("socket", unix.EACCES)
	}
	// Through Syscall rather than unix.Socket's RawSyscall: a goroutine in
	// a raw system call cannot be stopped for a garbage collector's stack
	// scan, which then spins until socket(2) returns (a tenth of the CPU
	// time of a loop of calls on a loaded machine).
	r, _, e := unix.Syscall(unix.SYS_SOCKET, unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	fd := int(r)
	var err error
	if e == unix.ENOSYS {
		// 386 kernels before 4.3 have only socketcall(2).
		fd, err = unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	} else if e != 0 {
		err = e
	}
	if err != nil {
		return os.NewSyscallError("socket", err)
	}
	*c = nlConn{fd: fd, bufs: getBufs()}
	return nil
}

func (c *nlConn) close() {
	if c.bufs != nil {
		putBufs(c.bufs)
		c.bufs = nil
	}
	if c.fd >= 0 {
		unix.Close(c.fd)
		c.fd = -1
	}
}

// reopen replaces the socket, after a datagram of c.trunc bytes did not
// fit, by a new one (the old one may hold the rest of an answer) with
// buffers that take it: the kernel sends single link messages larger than
// 32 KiB for devices with many virtual functions.
func (c *nlConn) reopen() error {
	reopens.Add(1)
	strict, seq, vlen := c.strict, c.seq, c.vlen
	slot := c.bufs.slot
	if c.trunc > slot {
		slot = nlmAlign(c.trunc)
	}
	c.close()
	if err := c.open(); err != nil {
		return err
	}
	if slot > c.bufs.slot {
		putBufs(c.bufs)
		c.bufs = newRecvBufs(slot)
	}
	c.seq, c.vlen = seq, vlen
	if strict && !c.setStrict() {
		return os.NewSyscallError("setsockopt", unix.ENOPROTOOPT)
	}
	return nil
}

// setStrict asks the kernel to honour the filters in dump requests
// (NETLINK_GET_STRICT_CHK, Linux 4.20); it reports whether it will.
func (c *nlConn) setStrict() bool {
	c.strict = unix.SetsockoptInt(c.fd, unix.SOL_NETLINK, unix.NETLINK_GET_STRICT_CHK, 1) == nil
	return c.strict
}

func (c *nlConn) send(req []byte) error {
	c.seq++
	c.sent = true
	ne.PutUint32(req[0:4], uint32(len(req)))
	ne.PutUint32(req[8:12], c.seq)
	for {
		// An unconnected netlink socket sends to the kernel by default;
		// the first send binds it.
		_, err := unix.Write(c.fd, req)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return os.NewSyscallError("write", err)
		}
		return nil
	}
}

// recv returns the next datagram from the kernel. It receives up to
// recvSlots of them per system call: the kernel queues the next part of a
// dump while the previous one is being received, so a small dump and its
// NLMSG_DONE come in one recvmmsg(2). A datagram larger than a slot is
// lost: recv returns errTruncated with its size in c.trunc, and the caller
// starts over on a socket with larger buffers (reopen).
func (c *nlConn) recv() ([]byte, error) {
	r := c.bufs
	for {
		for c.next < c.got {
			i := c.next
			c.next++
			m := &r.msgs[i]
			if r.names[i].Family != unix.AF_NETLINK || r.names[i].Pid != 0 {
				continue // not from the kernel
			}
			n := int(m.n)
			if m.hdr.Flags&unix.MSG_TRUNC != 0 || n > int(r.iovs[i].Len) {
				c.trunc = n
				if i == 0 && int(r.iovs[0].Len) < r.slot {
					growFirstLen(n)
				}
				return nil, errTruncated
			}
			if n < nlmsgHdrLen {
				// Not even a header: the socket is not talking netlink to us
				// (and an empty read must not loop forever).
				return nil, os.NewSyscallError(syscallDump, unix.EINVAL)
			}
			return r.buf[i*r.slot : i*r.slot+n], nil
		}
		r.prepare()
		first := r.slot
		if c.sent {
			first = min(first, int(firstLen.Load()))
			c.sent = false
		}
		r.iovs[0].SetLen(first)
		// MSG_WAITFORONE: block for the first datagram only; MSG_TRUNC:
		// report the real length of one that does not fit.
		vlen := recvSlots
		if c.vlen > 0 && c.vlen < recvSlots {
			vlen = c.vlen
		}
		n, _, e := unix.Syscall6(unix.SYS_RECVMMSG, uintptr(c.fd), uintptr(unsafe.Pointer(&r.msgs[0])),
			uintptr(vlen), unix.MSG_WAITFORONE|unix.MSG_TRUNC, 0, 0)
		if e == unix.EINTR {
			continue
		}
		if e != 0 {
			return nil, os.NewSyscallError("recvmmsg", e)
		}
		c.got, c.next = int(n), 0
	}
}

// sink receives the messages of a dump. reset is called before every
// attempt, so that a retried dump never leaves records of an interrupted
// one behind.
type sink interface {
	reset()
	add(typ uint16, body []byte) error
}

// nlErrno decodes the errno carried by NLMSG_ERROR and NLMSG_DONE.
func nlErrno(body []byte) error {
	if len(body) < 4 {
		return nil
	}
	e := int32(ne.Uint32(body[0:4]))
	if e >= 0 {
		return nil
	}
	return unix.Errno(-e)
}

// dump sends req (a dump request) and feeds every answer to s, restarting
// the whole dump when the kernel flags it as interrupted.
func (c *nlConn) dump(req []byte, s sink) error {
	for attempt := 0; attempt < maxDumpTries; attempt++ {
		s.reset()
		if err := c.send(req); err != nil {
			return err
		}
		intr, err := c.readDump(s, attempt)
		if err == errTruncated {
			// A part of the dump did not fit: start over on a socket with
			// larger buffers (reset discards the records).
			if err := c.reopen(); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if !intr {
			return nil
		}
		dumpRetries.Add(1)
	}
	return os.NewSyscallError(syscallDump, errDumpInterrupted)
}

func (c *nlConn) readDump(s sink, attempt int) (interrupted bool, err error) {
	var decodeErr error
	for {
		b, err := c.recv()
		if err != nil {
			return false, err
		}
		for len(b) > 0 {
			h, body, rest, err := splitMessage(b)
			if err != nil {
				return false, err
			}
			b = rest
			if h.Seq != c.seq {
				continue // a late answer to an abandoned attempt
			}
			if testHookMessage != nil {
				hh := h
				testHookMessage(&hh, attempt)
				h = hh
			}
			if h.Flags&unix.NLM_F_DUMP_INTR != 0 {
				interrupted = true
			}
			switch h.Type {
			case unix.NLMSG_DONE:
				if err := nlErrno(body); err != nil {
					return false, err
				}
				if decodeErr != nil && !interrupted {
					return false, decodeErr
				}
				return interrupted, nil
			case unix.NLMSG_ERROR:
				if err := nlErrno(body); err != nil {
					return false, err
				}
				continue
			case unix.NLMSG_NOOP, unix.NLMSG_OVERRUN:
				continue
			}
			if interrupted || decodeErr != nil {
				continue // drain the rest of this attempt
			}
			if err := s.add(h.Type, body); err != nil {
				decodeErr = err
			}
		}
	}
}

// get sends a request that has exactly one answer (a message or an error).
func (c *nlConn) get(req []byte, s sink) error {
	s.reset()
	c.vlen = 1
	defer func() { c.vlen = 0 }()
	if err := c.send(req); err != nil {
		return err
	}
	for {
		b, err := c.recv()
		if err == errTruncated {
			// The answer did not fit: ask again with a buffer that takes it.
			if err = c.reopen(); err == nil {
				err = c.send(req)
			}
		}
		if err != nil {
			return err
		}
		for len(b) > 0 {
			h, body, rest, err := splitMessage(b)
			if err != nil {
				return err
			}
			b = rest
			if h.Seq != c.seq {
				continue
			}
			if h.Type == unix.NLMSG_ERROR {
				if err := nlErrno(body); err != nil {
					return err
				}
				return nil
			}
			return s.add(h.Type, body)
		}
	}
}

// splitMessage takes the first netlink message off b: its header, its
// body (without the header) and what follows it (after the padding).
func splitMessage(b []byte) (h nlHeader, body, rest []byte, err error) {
	if len(b) < nlmsgHdrLen {
		return h, nil, nil, os.NewSyscallError(syscallDecode, unix.EINVAL)
	}
	h = readHeader(b)
	if h.Len < nlmsgHdrLen || int64(h.Len) > int64(len(b)) {
		return h, nil, nil, os.NewSyscallError(syscallDecode, unix.EINVAL)
	}
	body = b[nlmsgHdrLen:h.Len:h.Len]
	next := nlmAlign(int(h.Len))
	if next > len(b) {
		next = len(b)
	}
	return h, body, b[next:], nil
}

func nlmAlign(n int) int { return (n + unix.NLMSG_ALIGNTO - 1) &^ (unix.NLMSG_ALIGNTO - 1) }
func rtaAlign(n int) int { return (n + unix.RTA_ALIGNTO - 1) &^ (unix.RTA_ALIGNTO - 1) }

// rtextFilterSkipStats is RTEXT_FILTER_SKIP_STATS: link messages without
// the statistics it covers (the per-link IPv6 counters, a quarter of a
// message; the link counters stay), which nothing here reads. Kernels that
// do not know the bit ignore it.
const rtextFilterSkipStats = 1 << 3

// linkRequest builds an RTM_GETLINK request: a dump when index is 0 and
// name empty, else a get of one link, skipping the statistics the kernel
// lets a reader skip.
func linkRequest(index int, name string) []byte {
	const extMaskLen = rtAttrHdrLen + 4
	n := nlmsgHdrLen + ifInfoMsgLen + extMaskLen
	if name != "" {
		n += rtaAlign(rtAttrHdrLen + len(name) + 1)
	}
	req := make([]byte, n)
	ne.PutUint16(req[4:6], unix.RTM_GETLINK)
	flags := uint16(unix.NLM_F_REQUEST)
	if index == 0 && name == "" {
		flags |= unix.NLM_F_DUMP
	}
	ne.PutUint16(req[6:8], flags)
	body := req[nlmsgHdrLen:]
	body[0] = unix.AF_UNSPEC
	ne.PutUint32(body[4:8], uint32(int32(index)))
	a := body[ifInfoMsgLen:]
	ne.PutUint16(a[0:2], extMaskLen)
	ne.PutUint16(a[2:4], unix.IFLA_EXT_MASK)
	ne.PutUint32(a[4:8], rtextFilterSkipStats)
	if name != "" {
		a = a[extMaskLen:]
		ne.PutUint16(a[0:2], uint16(rtAttrHdrLen+len(name)+1))
		ne.PutUint16(a[2:4], unix.IFLA_IFNAME)
		copy(a[4:], name)
	}
	return req
}

// addrRequest builds an RTM_GETADDR dump request, filtered to one
// interface when index > 0 (honoured only on a strict socket).
func addrRequest(index int) []byte {
	req := make([]byte, nlmsgHdrLen+ifAddrMsgLen)
	ne.PutUint16(req[4:6], unix.RTM_GETADDR)
	ne.PutUint16(req[6:8], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	body := req[nlmsgHdrLen:]
	body[0] = unix.AF_UNSPEC
	if index > 0 {
		ne.PutUint32(body[4:8], uint32(index))
	}
	return req
}
