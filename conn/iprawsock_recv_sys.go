//go:build linux && !386 && !s390x

package conn

import (
	"errors"
	"net"
	"net/netip"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ip4RecvOp receives on an "ip4" raw socket with recvmsg(2) and two
// buffers: the fixed 20 bytes of the IPv4 header go into hdr, the rest of
// the packet straight into the caller's buffer, so all of it is available
// to the payload. IPv4 options (rare; up to 40 bytes) land at the start of
// the caller's buffer and are moved out of the way afterwards.
type ip4RecvOp struct {
	mu  sync.Mutex
	hdr [20]byte
	iov [2]unix.Iovec
	msg unix.Msghdr
	rsa unix.RawSockaddrAny
	n   int
	err error
	fn  func(uintptr) bool
}

func newIP4RecvOp() *ip4RecvOp {
	o := new(ip4RecvOp)
	o.fn = o.do
	return o
}

func (o *ip4RecvOp) do(s uintptr) bool {
	for {
		n, _, e := unix.Syscall(unix.SYS_RECVMSG, s, uintptr(unsafe.Pointer(&o.msg)), 0)
		switch e {
		case 0:
			o.n, o.err = int(n), nil
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		o.n, o.err = 0, os.NewSyscallError("recvmsg", e)
		return true
	}
}

// recvIPv4 reads one packet: the payload (without the IPv4 header) into b,
// control messages into oob; it returns the payload length, the control
// length, the message flags and the source address.
func (c *IPConn) recvIPv4(b, oob []byte) (n, oobn, flags int, src netip.Addr, err error) {
	rc, err := c.fd.pfd.SyscallConn()
	if err != nil {
		return 0, 0, 0, netip.Addr{}, mapPollErr(err)
	}
	o := c.ip4
	o.mu.Lock()
	defer o.mu.Unlock()
	o.iov[0].Base = &o.hdr[0]
	o.iov[0].SetLen(len(o.hdr))
	niov := 1
	if len(b) > 0 {
		o.iov[1].Base = &b[0]
		o.iov[1].SetLen(len(b))
		niov = 2
	}
	o.rsa.Addr.Family = unix.AF_UNSPEC // no stale sender if the kernel leaves it
	o.msg = unix.Msghdr{Name: (*byte)(unsafe.Pointer(&o.rsa)), Namelen: unix.SizeofSockaddrAny, Iov: &o.iov[0]}
	o.msg.SetIovlen(niov)
	if len(oob) > 0 {
		o.msg.Control = &oob[0]
		o.msg.SetControllen(len(oob))
	}
	err = rc.Read(o.fn)
	// Drop the references to the caller's buffers.
	o.iov[1].Base, o.msg.Control = nil, nil
	if err != nil {
		return 0, 0, 0, netip.Addr{}, rawOpErr(err)
	}
	if o.err != nil {
		return 0, 0, 0, netip.Addr{}, o.err
	}
	m := o.n - len(o.hdr) // bytes that went into b
	if m < 0 {
		m = 0
	}
	if o.hdr[0]>>4 == 4 {
		if opts := int(o.hdr[0]&0x0f)<<2 - len(o.hdr); opts > 0 {
			if opts > m {
				opts = m
			}
			copy(b, b[opts:m])
			m -= opts
		}
	}
	return m, int(o.msg.Controllen), int(o.msg.Flags), rawToAddrPort(&o.rsa).Addr(), nil
}

// rawOpErr maps what a RawConn call returns on the socket's *os.File: a
// deadline error passes unchanged, a closed file is net.ErrClosed.
func rawOpErr(err error) error {
	if err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	if errors.Is(err, os.ErrClosed) || err.Error() == "use of closed file" {
		return net.ErrClosed
	}
	return mapPollErr(err)
}

// rawToAddrPort decodes an AF_INET or AF_INET6 sockaddr.
func rawToAddrPort(rsa *unix.RawSockaddrAny) netip.AddrPort {
	switch rsa.Addr.Family {
	case unix.AF_INET:
		sa := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		p := (*[2]byte)(unsafe.Pointer(&sa.Port))
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(p[0])<<8|uint16(p[1]))
	case unix.AF_INET6:
		sa := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		p := (*[2]byte)(unsafe.Pointer(&sa.Port))
		ip := netip.AddrFrom16(sa.Addr)
		if sa.Scope_id != 0 {
			ip = ip.WithZone(zoneName(int(sa.Scope_id)))
		}
		return netip.AddrPortFrom(ip, uint16(p[0])<<8|uint16(p[1]))
	}
	return netip.AddrPort{}
}
