//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package conn

import "golang.org/x/sys/unix"

// listenerBacklog is the queue length every listener asks for.
func listenerBacklog() int { return unix.SOMAXCONN }

// setMulticastReusePort: the BSDs need SO_REUSEPORT for several multicast
// listeners on one port.
func setMulticastReusePort(fd *netFD) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
}
