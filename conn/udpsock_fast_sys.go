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

// udpOps holds, per UDPConn, the state of the allocation-free datagram
// paths: recvfrom(2) and sendto(2) issued inside the socket's
// syscall.RawConn with the peer address in a sockaddr buffer that lives
// here rather than in a freshly allocated unix.Sockaddr (which is what
// unix.Recvfrom and unix.Sendto cost: one or two allocations a call).
//
// Each direction has a mutex, held across the RawConn call, because the
// buffers and results are shared by concurrent callers of one conn; the
// RawConn serialises readers (and writers) anyway. The callbacks are bound
// once, in newUDPOps, so a call allocates nothing.
type udpOps struct {
	r  recvOp
	w  sendOp
	rm msgOp // recvmsg(2)
	wm msgOp // sendmsg(2)
}

// msgOp is recvmsg(2) or sendmsg(2) with one iovec and the peer address
// in rsa.
type msgOp struct {
	mu   sync.Mutex
	iov  unix.Iovec
	msg  unix.Msghdr
	rsa  unix.RawSockaddrAny
	n    int
	err  error
	trap uintptr
	name string
	fn   func(uintptr) bool
}

func (o *msgOp) do(s uintptr) bool {
	for {
		n, _, e := unix.Syscall(o.trap, s, uintptr(unsafe.Pointer(&o.msg)), 0)
		switch e {
		case 0:
			o.n, o.err = int(n), nil
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		o.n, o.err = 0, os.NewSyscallError(o.name, e)
		return true
	}
}

// set points the message at b and oob; with name set, at rsa too.
func (o *msgOp) set(b, oob []byte, name bool, alen uint32) {
	o.iov = unix.Iovec{Base: bufBase(b)}
	o.iov.SetLen(len(b))
	o.msg = unix.Msghdr{Iov: &o.iov}
	o.msg.SetIovlen(1)
	if name {
		o.msg.Name = (*byte)(unsafe.Pointer(&o.rsa))
		o.msg.Namelen = alen
	}
	if len(oob) > 0 {
		o.msg.Control = &oob[0]
		o.msg.SetControllen(len(oob))
	}
	o.err = nil
}

// clear drops the references to the caller's buffers.
func (o *msgOp) clear() {
	o.iov.Base, o.msg.Control = nil, nil
}

type recvOp struct {
	mu   sync.Mutex
	p    []byte
	n    int
	alen uint32
	rsa  unix.RawSockaddrAny
	err  error
	fn   func(uintptr) bool
}

type sendOp struct {
	mu   sync.Mutex
	p    []byte
	n    int
	alen uintptr
	rsa  unix.RawSockaddrAny
	err  error
	fn   func(uintptr) bool
}

func newUDPOps() *udpOps {
	o := new(udpOps)
	o.r.fn = o.r.do
	o.w.fn = o.w.do
	o.rm.fn, o.rm.trap, o.rm.name = o.rm.do, unix.SYS_RECVMSG, "recvmsg"
	o.wm.fn, o.wm.trap, o.wm.name = o.wm.do, unix.SYS_SENDMSG, "sendmsg"
	return o
}

// zeroByte stands in for the buffer of an empty datagram.
var zeroByte byte

func bufPtr(p []byte) uintptr { return uintptr(unsafe.Pointer(bufBase(p))) }

func bufBase(p []byte) *byte {
	if len(p) == 0 {
		return &zeroByte
	}
	return &p[0]
}

// do runs recvfrom(2) once the socket is readable: false (wait) on EAGAIN,
// EINTR retried.
func (o *recvOp) do(s uintptr) bool {
	for {
		o.alen = unix.SizeofSockaddrAny
		n, _, e := unix.Syscall6(unix.SYS_RECVFROM, s, bufPtr(o.p), uintptr(len(o.p)), 0,
			uintptr(unsafe.Pointer(&o.rsa)), uintptr(unsafe.Pointer(&o.alen)))
		switch e {
		case 0:
			o.n, o.err = int(n), nil
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		o.n, o.err = 0, os.NewSyscallError("recvfrom", e)
		return true
	}
}

// do runs sendto(2) once the socket is writable.
func (o *sendOp) do(s uintptr) bool {
	for {
		n, _, e := unix.Syscall6(unix.SYS_SENDTO, s, bufPtr(o.p), uintptr(len(o.p)), 0,
			uintptr(unsafe.Pointer(&o.rsa)), o.alen)
		switch e {
		case 0:
			o.n, o.err = int(n), nil
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		o.n, o.err = 0, os.NewSyscallError("sendto", e)
		return true
	}
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

// recvFrom reads one datagram into b and returns its length and source.
func (c *UDPConn) recvFrom(b []byte) (int, netip.AddrPort, error) {
	rc, err := c.fd.pfd.SyscallConn()
	if err != nil {
		return 0, netip.AddrPort{}, mapPollErr(err)
	}
	o := &c.ops.r
	o.mu.Lock()
	o.p, o.err = b, nil
	o.rsa.Addr.Family = unix.AF_UNSPEC // no stale sender if the kernel leaves it
	err = rc.Read(o.fn)
	o.p = nil
	if err != nil {
		o.mu.Unlock()
		return 0, netip.AddrPort{}, rawOpErr(err)
	}
	n, err := o.n, o.err
	var ap netip.AddrPort
	if err == nil {
		ap = rawToAddrPort(&o.rsa)
	}
	o.mu.Unlock()
	return n, ap, err
}

// sendTo writes b as one datagram to ap, converted for the socket's family.
func (c *UDPConn) sendTo(b []byte, ap netip.AddrPort) (int, error) {
	rc, err := c.fd.pfd.SyscallConn()
	if err != nil {
		return 0, mapPollErr(err)
	}
	o := &c.ops.w
	o.mu.Lock()
	if err := addrPortToRaw(c.fd.family, ap, &o.rsa, &o.alen); err != nil {
		o.mu.Unlock()
		return 0, err
	}
	o.p, o.err = b, nil
	err = rc.Write(o.fn)
	o.p = nil
	n := o.n
	if err == nil {
		err = o.err
	} else {
		err = rawOpErr(err)
	}
	o.mu.Unlock()
	return n, err
}

// recvMsg reads one datagram into b and its control messages into oob.
func (c *UDPConn) recvMsg(b, oob []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	rc, err := c.fd.pfd.SyscallConn()
	if err != nil {
		return 0, 0, 0, netip.AddrPort{}, mapPollErr(err)
	}
	o := &c.ops.rm
	o.mu.Lock()
	defer o.mu.Unlock()
	o.set(b, oob, true, unix.SizeofSockaddrAny)
	o.rsa.Addr.Family = unix.AF_UNSPEC // no stale sender if the kernel leaves it
	err = rc.Read(o.fn)
	o.clear()
	if err != nil {
		return 0, 0, 0, netip.AddrPort{}, rawOpErr(err)
	}
	if o.err != nil {
		return 0, 0, 0, netip.AddrPort{}, o.err
	}
	return o.n, int(o.msg.Controllen), int(o.msg.Flags), rawToAddrPort(&o.rsa), nil
}

// sendMsg writes b with the control messages oob to ap, or to the peer of
// a connected socket when ap is the zero AddrPort.
func (c *UDPConn) sendMsg(b, oob []byte, ap netip.AddrPort) (n, oobn int, err error) {
	rc, err := c.fd.pfd.SyscallConn()
	if err != nil {
		return 0, 0, mapPollErr(err)
	}
	o := &c.ops.wm
	o.mu.Lock()
	defer o.mu.Unlock()
	var alen uintptr
	if ap.IsValid() {
		if err := addrPortToRaw(c.fd.family, ap, &o.rsa, &alen); err != nil {
			return 0, 0, err
		}
	}
	o.set(b, oob, ap.IsValid(), uint32(alen))
	err = rc.Write(o.fn)
	o.clear()
	if err != nil {
		return 0, 0, rawOpErr(err)
	}
	if o.err != nil {
		return 0, 0, o.err
	}
	return o.n, len(oob), nil
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

// addrPortToRaw encodes ap as a sockaddr of family into rsa, as
// addrPortToSockaddr does.
func addrPortToRaw(family int, ap netip.AddrPort, rsa *unix.RawSockaddrAny, alen *uintptr) error {
	ip := ap.Addr()
	switch family {
	case unix.AF_INET:
		if ip.Is4In6() {
			ip = ip.Unmap()
		}
		if !ip.Is4() {
			return addrErrNonIPv4(ip)
		}
		sa := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		*sa = unix.RawSockaddrInet4{Family: unix.AF_INET, Addr: ip.As4()}
		p := (*[2]byte)(unsafe.Pointer(&sa.Port))
		p[0], p[1] = byte(ap.Port()>>8), byte(ap.Port())
		*alen = unix.SizeofSockaddrInet4
		return nil
	case unix.AF_INET6:
		sa := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		*sa = unix.RawSockaddrInet6{Family: unix.AF_INET6, Addr: ip.As16()}
		if z := ip.Zone(); z != "" {
			sa.Scope_id = uint32(zoneIndex(z))
		}
		p := (*[2]byte)(unsafe.Pointer(&sa.Port))
		p[0], p[1] = byte(ap.Port()>>8), byte(ap.Port())
		*alen = unix.SizeofSockaddrInet6
		return nil
	}
	return addrErrFamily(ip)
}
