//go:build unix

package poller_test

// A net.Conn and net.Listener over poller.FD, for running
// golang.org/x/net/nettest against FD. It lives in a _test.go file so that
// the net package never enters the module's import graph.

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/nettest"
	"golang.org/x/sys/unix"
)

type fdConn struct{ fd *poller.FD }

var _ net.Conn = fdConn{}

func (c fdConn) Read(p []byte) (int, error)         { return c.fd.Read(p) }
func (c fdConn) Write(p []byte) (int, error)        { return c.fd.Write(p) }
func (c fdConn) Close() error                       { return c.fd.Close() }
func (c fdConn) SetDeadline(t time.Time) error      { return c.fd.SetDeadline(t) }
func (c fdConn) SetReadDeadline(t time.Time) error  { return c.fd.SetReadDeadline(t) }
func (c fdConn) SetWriteDeadline(t time.Time) error { return c.fd.SetWriteDeadline(t) }
func (c fdConn) LocalAddr() net.Addr {
	sa, _ := c.fd.Sockname()
	return netAddr(sa)
}
func (c fdConn) RemoteAddr() net.Addr {
	sa, _ := c.fd.Peername()
	return netAddr(sa)
}

type fdListener struct{ fd *poller.FD }

var _ net.Listener = fdListener{}

func (l fdListener) Accept() (net.Conn, error) {
	fd, _, err := l.fd.Accept()
	if err != nil {
		return nil, err
	}
	return fdConn{fd}, nil
}
func (l fdListener) Close() error { return l.fd.Close() }
func (l fdListener) Addr() net.Addr {
	sa, _ := l.fd.Sockname()
	return netAddr(sa)
}

func netAddr(sa unix.Sockaddr) net.Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &net.TCPAddr{IP: net.IP(sa.Addr[:]), Port: sa.Port}
	case *unix.SockaddrInet6:
		return &net.TCPAddr{IP: net.IP(sa.Addr[:]), Port: sa.Port}
	case *unix.SockaddrUnix:
		return &net.UnixAddr{Name: sa.Name, Net: "unix"}
	}
	return nil
}

// listenFD listens on loopback TCP or on a Unix socket in a temp dir.
func listenFD(t *testing.T, network string) (fdListener, unix.Sockaddr) {
	t.Helper()
	var ln *poller.FD
	var sa unix.Sockaddr
	var err error
	switch network {
	case "tcp":
		ln, err = poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		sa = &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	case "unix":
		ln, err = poller.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		dir, derr := os.MkdirTemp("", "poller")
		require.NoError(t, derr)
		t.Cleanup(func() { os.RemoveAll(dir) })
		sa = &unix.SockaddrUnix{Name: filepath.Join(dir, "sock")}
	}
	require.NoError(t, err)
	require.NoError(t, ln.Bind(sa))
	require.NoError(t, ln.Listen(16))
	bound, err := ln.Sockname()
	require.NoError(t, err)
	return fdListener{ln}, bound
}

func dialFD(family int, sa unix.Sockaddr) (fdConn, error) {
	fd, err := poller.Socket(family, unix.SOCK_STREAM, 0)
	if err != nil {
		return fdConn{}, err
	}
	if err := fd.Connect(sa); err != nil {
		fd.Close()
		return fdConn{}, err
	}
	return fdConn{fd}, nil
}

func TestFDNettestConn(t *testing.T) {
	for _, tc := range []struct {
		network string
		family  int
	}{{"tcp", unix.AF_INET}, {"unix", unix.AF_UNIX}} {
		t.Run(tc.network, func(t *testing.T) {
			nettest.TestConn(t, func() (c1, c2 net.Conn, stop func(), err error) {
				ln, sa := listenFD(t, tc.network)
				defer ln.Close()
				type result struct {
					c   net.Conn
					err error
				}
				accepted := make(chan result, 1)
				go func() {
					c, err := ln.Accept()
					accepted <- result{c, err}
				}()
				d, err := dialFD(tc.family, sa)
				if err != nil {
					<-accepted
					return nil, nil, nil, err
				}
				r := <-accepted
				if r.err != nil {
					d.Close()
					return nil, nil, nil, r.err
				}
				return d, r.c, func() { d.Close(); r.c.Close() }, nil
			})
		})
	}
}
