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
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		r.from4.Port, r.from4.Addr = sa.Port, sa.Addr
	case *unix.SockaddrInet6:
		r.from6.Port, r.from6.Addr, r.from6.ZoneId = sa.Port, sa.Addr, sa.ZoneId
	}
	return n, nil
}

// rawSockaddr is empty: x/sys/unix supplies the buffer.
type rawSockaddr struct{}
