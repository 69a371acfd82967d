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
	return int(n), nil
}

// rawSockaddr is the kernel-side address buffer recvfromInet uses.
type rawSockaddr struct {
	rsa    unix.RawSockaddrAny
	rsaLen uint32
}
