//go:build linux && !386

package poller

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// recvfromInet wraps recvfrom(2) for ReadFromInet4/6 without allocating: the
// sender's address lands in r.rsa (part of the FD) and is decoded into
// r.from4 or r.from6. x/sys/unix's Recvfrom allocates a Sockaddr per call.
func recvfromInet(s int, p []byte, r *rop) (int, error) {
	var base unsafe.Pointer
	if len(p) > 0 {
		base = unsafe.Pointer(&p[0])
	}
	r.rsaLen = unix.SizeofSockaddrAny
	n, _, errno := unix.Syscall6(unix.SYS_RECVFROM, uintptr(s), uintptr(base), uintptr(len(p)), 0,
		uintptr(unsafe.Pointer(&r.rsa)), uintptr(unsafe.Pointer(&r.rsaLen)))
	if errno != 0 {
		return 0, errno
	}
	decodeInet(r)
	return int(n), nil
}

// recvmsgInet wraps recvmsg(2) for ReadMsgInet4/6 without allocating: the
// message header, its iovec and the sender's address live in the FD.
func recvmsgInet(s int, p, oob []byte, flags int, r *rop) (n, oobn, rflags int, err error) {
	r.iov = unix.Iovec{}
	if len(p) > 0 {
		r.iov.Base = &p[0]
		r.iov.SetLen(len(p))
	}
	r.msg = unix.Msghdr{Name: (*byte)(unsafe.Pointer(&r.rsa)), Namelen: unix.SizeofSockaddrAny, Iov: &r.iov}
	r.msg.SetIovlen(1)
	if len(oob) > 0 {
		r.msg.Control = &oob[0]
		r.msg.SetControllen(len(oob))
	}
	m, _, errno := unix.Syscall(unix.SYS_RECVMSG, uintptr(s), uintptr(unsafe.Pointer(&r.msg)), uintptr(flags))
	oobn, rflags = int(r.msg.Controllen), int(r.msg.Flags)
	r.iov, r.msg = unix.Iovec{}, unix.Msghdr{} // do not keep the caller's buffers reachable
	if errno != 0 {
		return 0, 0, 0, errno
	}
	r.rsaLen = unix.SizeofSockaddrAny
	decodeInet(r)
	return int(m), oobn, rflags, nil
}

// decodeInet copies the address in r.rsa into r.from4 or r.from6.
func decodeInet(r *rop) {
	switch r.rsa.Addr.Family {
	case unix.AF_INET:
		sa := (*unix.RawSockaddrInet4)(unsafe.Pointer(&r.rsa))
		port := (*[2]byte)(unsafe.Pointer(&sa.Port))
		r.from4.Port = int(port[0])<<8 | int(port[1])
		r.from4.Addr = sa.Addr
	case unix.AF_INET6:
		sa := (*unix.RawSockaddrInet6)(unsafe.Pointer(&r.rsa))
		port := (*[2]byte)(unsafe.Pointer(&sa.Port))
		r.from6.Port = int(port[0])<<8 | int(port[1])
		r.from6.Addr = sa.Addr
		r.from6.ZoneId = sa.Scope_id
	}
}

// rawSockaddr is the kernel-side buffers recvfromInet and recvmsgInet use.
type rawSockaddr struct {
	rsa    unix.RawSockaddrAny
	rsaLen uint32
	msg    unix.Msghdr
	iov    unix.Iovec
}
