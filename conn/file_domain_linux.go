package conn

import "golang.org/x/sys/unix"

// socketDomain asks the kernel for the address family of socket s
// (SO_DOMAIN), which holds even for a socket whose local address says
// little (an unbound one).
func socketDomain(s int) (int, bool) {
	d, err := unix.GetsockoptInt(s, unix.SOL_SOCKET, unix.SO_DOMAIN)
	return d, err == nil
}
