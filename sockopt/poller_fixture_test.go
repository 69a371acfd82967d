//go:build linux || darwin || freebsd

package sockopt_test

import (
	"net"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// Fixtures on netkit's own descriptors. sockopt does not depend on poller;
// only these tests do, to show the options work on netkit's fds as well.

func loopbackSockaddr(family, port int) unix.Sockaddr {
	if family == unix.AF_INET6 {
		return &unix.SockaddrInet6{Port: port, Addr: [16]byte{15: 1}}
	}
	return &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

func pollerSocket(t *testing.T, family, sotype int) *poller.FD {
	t.Helper()
	fd, err := poller.Socket(family, sotype, 0)
	require.NoError(t, err)
	t.Cleanup(func() { fd.Close() })
	return fd
}

// pollerTCP returns a fixture: a poller.FD connected to a stdlib listener
// on loopback.
func pollerTCP(family int) func(t *testing.T) syscall.RawConn {
	return func(t *testing.T) syscall.RawConn {
		return syscallConn(t, pollerTCPConn(t, family))
	}
}

// pollerTCPConn returns a poller.FD connected to a stdlib listener on
// loopback; the test closes it at the end if it has not itself.
func pollerTCPConn(t *testing.T, family int) *poller.FD {
	t.Helper()
	{
		network, host := "tcp4", "127.0.0.1:0"
		if family == unix.AF_INET6 {
			network, host = "tcp6", "[::1]:0"
		}
		ln, err := net.Listen(network, host)
		if err != nil && family == unix.AF_INET6 {
			t.Skipf("IPv6 loopback not available: %v", err)
		}
		require.NoError(t, err)
		t.Cleanup(func() { ln.Close() })
		fd := pollerSocket(t, family, unix.SOCK_STREAM)
		require.NoError(t, fd.Connect(loopbackSockaddr(family, ln.Addr().(*net.TCPAddr).Port)))
		s, err := ln.Accept()
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		return fd
	}
}

// pollerUDP returns a fixture: a poller.FD datagram socket bound on loopback.
func pollerUDP(family int) func(t *testing.T) syscall.RawConn {
	return func(t *testing.T) syscall.RawConn {
		fd := pollerSocket(t, family, unix.SOCK_DGRAM)
		require.NoError(t, fd.Bind(loopbackSockaddr(family, 0)))
		return syscallConn(t, fd)
	}
}

// pollerListener is a fixture: a listening poller.FD on 127.0.0.1.
func pollerListener(t *testing.T) syscall.RawConn {
	fd := pollerSocket(t, unix.AF_INET, unix.SOCK_STREAM)
	require.NoError(t, fd.Bind(loopbackSockaddr(unix.AF_INET, 0)))
	require.NoError(t, fd.Listen(16))
	return syscallConn(t, fd)
}
