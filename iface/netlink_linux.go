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
// network namespace of the calling thread, closed before the call returns.

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
	denyBind                        // bind(2) on the netlink socket fails with EACCES
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

var recvPool = sync.Pool{New: func() any {
	b := make([]byte, recvBufSize)
	return &b
}}

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

type nlConn struct {
	fd    int
	pid   uint32 // our port id, known after bind or the first send
	seq   uint32
	bound bool
	buf   *[]byte
}

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

// openNetlink opens a NETLINK_ROUTE socket. When binding is refused (as for
// apps on Android 11 and later) the socket is used unbound: the kernel
// binds it to a port of its choosing on the first send.
func openNetlink(groups uint32) (*nlConn, error) {
	if testDeny&denySocket != 0 {
		return nil, os.NewSyscallError("socket", unix.EACCES)
	}
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	c := &nlConn{fd: fd, buf: recvPool.Get().(*[]byte)}
	if testDeny&denyBind != 0 {
		err = unix.EACCES
	} else {
		err = unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: groups})
	}
	switch {
	case err == nil:
		c.bound = true
		c.learnPid()
	case groups == 0 && isDenied(err):
		// Autobind on send.
	default:
		c.close()
		return nil, os.NewSyscallError("bind", err)
	}
	return c, nil
}

// learnPid reads the socket's port id, which the kernel puts in the
// header of its answers.
func (c *nlConn) learnPid() {
	var sa unix.RawSockaddrNetlink
	l := uint32(unix.SizeofSockaddrNetlink)
	_, _, e := unix.RawSyscall(unix.SYS_GETSOCKNAME, uintptr(c.fd), uintptr(unsafe.Pointer(&sa)), uintptr(unsafe.Pointer(&l)))
	if e == 0 && sa.Family == unix.AF_NETLINK {
		c.pid = sa.Pid
	}
}

func (c *nlConn) close() {
	if c.buf != nil {
		recvPool.Put(c.buf)
		c.buf = nil
	}
	if c.fd >= 0 {
		unix.Close(c.fd)
		c.fd = -1
	}
}

// setStrict asks the kernel to honour the filters in dump requests
// (NETLINK_GET_STRICT_CHK, Linux 4.20); it reports whether it will.
func (c *nlConn) setStrict() bool {
	return unix.SetsockoptInt(c.fd, unix.SOL_NETLINK, unix.NETLINK_GET_STRICT_CHK, 1) == nil
}

func (c *nlConn) send(req []byte) error {
	c.seq++
	ne.PutUint32(req[0:4], uint32(len(req)))
	ne.PutUint32(req[8:12], c.seq)
	for {
		// An unconnected netlink socket sends to the kernel by default.
		_, err := unix.Write(c.fd, req)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return os.NewSyscallError("write", err)
		}
		break
	}
	if c.pid == 0 {
		c.learnPid()
	}
	return nil
}

func (c *nlConn) recv() ([]byte, error) {
	buf := *c.buf
	for {
		n, err := unix.Read(c.fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, os.NewSyscallError("read", err)
		}
		if n < nlmsgHdrLen {
			// Not even a header: the socket is not talking netlink to us
			// (and an empty read must not loop forever).
			return nil, os.NewSyscallError(syscallDump, unix.EINVAL)
		}
		return buf[:n], nil
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
			if h.Seq != c.seq || (c.pid != 0 && h.Pid != c.pid) {
				continue // a late answer to an abandoned attempt, or not from the kernel
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
	if err := c.send(req); err != nil {
		return err
	}
	for {
		b, err := c.recv()
		if err != nil {
			return err
		}
		for len(b) > 0 {
			h, body, rest, err := splitMessage(b)
			if err != nil {
				return err
			}
			b = rest
			if h.Seq != c.seq || (c.pid != 0 && h.Pid != c.pid) {
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

// linkRequest builds an RTM_GETLINK request: a dump when index is 0 and
// name empty, else a get of one link.
func linkRequest(index int, name string) []byte {
	n := nlmsgHdrLen + ifInfoMsgLen
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
	if name != "" {
		a := body[ifInfoMsgLen:]
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
