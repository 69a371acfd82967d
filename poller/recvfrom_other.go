//go:build unix && !(linux && !386)

package poller

import "golang.org/x/sys/unix"

// recvfromInet wraps recvfrom(2) for ReadFromInet4/6 through x/sys/unix,
// copying the sender's address into r.from4 or r.from6. (On Linux but 386,
// netkit calls recvfrom directly and allocates nothing.)
func recvfromInet(s int, p []byte, r *rop) (int, error) {
	n, sa, err := unix.Recvfrom(s, p, 0)
	if err != nil {
		return 0, err
	}
	copyInet(sa, r)
	return n, nil
}

// recvmsgInet wraps recvmsg(2) for ReadMsgInet4/6 through x/sys/unix.
func recvmsgInet(s int, p, oob []byte, flags int, r *rop) (n, oobn, rflags int, err error) {
	n, oobn, rflags, sa, err := unix.Recvmsg(s, p, oob, flags)
	if err != nil {
		return 0, 0, 0, err
	}
	copyInet(sa, r)
	return n, oobn, rflags, nil
}

func copyInet(sa unix.Sockaddr, r *rop) {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		r.from4.Port, r.from4.Addr = sa.Port, sa.Addr
	case *unix.SockaddrInet6:
		r.from6.Port, r.from6.Addr, r.from6.ZoneId = sa.Port, sa.Addr, sa.ZoneId
	}
}

// rawSockaddr is empty: x/sys/unix supplies the buffer.
type rawSockaddr struct{}
