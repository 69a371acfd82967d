//go:build unix

package poller_test

import (
	"testing"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// listenTCP returns a listening FD on 127.0.0.1 with an ephemeral port.
func listenTCP(t testing.TB) (*poller.FD, *unix.SockaddrInet4) {
	t.Helper()
	ln, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	require.NoError(t, ln.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, ln.Listen(128))
	sa, err := ln.Sockname()
	require.NoError(t, err)
	return ln, sa.(*unix.SockaddrInet4)
}

// tcpPair returns a connected client/server pair of FDs over loopback TCP.
func tcpPair(t testing.TB) (client, server *poller.FD) {
	t.Helper()
	ln, sa := listenTCP(t)
	c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	require.NoError(t, c.Connect(sa))
	s, _, err := ln.Accept()
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return c, s
}

// socketPair returns both ends of a unix socketpair of the given type as FDs.
func socketPair(t testing.TB, sotype int) (a, b *poller.FD) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, sotype, 0)
	require.NoError(t, err)
	a, err = poller.NewFD(fds[0], unix.AF_UNIX, sotype, "pair-a")
	require.NoError(t, err)
	b, err = poller.NewFD(fds[1], unix.AF_UNIX, sotype, "pair-b")
	require.NoError(t, err)
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, b
}
