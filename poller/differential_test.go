//go:build unix

package poller_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// innerErr returns what the stdlib puts inside its *net.OpError: the layer
// FD is responsible for.
func innerErr(t *testing.T, err error) error {
	t.Helper()
	var oe *net.OpError
	require.ErrorAs(t, err, &oe)
	return oe.Err
}

// sameShape asserts that two errors have the same dynamic type and text.
func sameShape(t *testing.T, std, netkit error) {
	t.Helper()
	require.Error(t, std)
	require.Error(t, netkit)
	assert.Equal(t, fmt.Sprintf("%T", std), fmt.Sprintf("%T", netkit))
	assert.Equal(t, std.Error(), netkit.Error())
}

// TestFDErrorsMatchStdlib provokes the same failures on net conns and on
// FDs and compares the error FD returns with the one inside the stdlib's
// *net.OpError.
func TestFDErrorsMatchStdlib(t *testing.T) {
	t.Run("ConnectRefused", func(t *testing.T) {
		hold, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer hold.Close()
		require.NoError(t, hold.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
		sa := mustSockname(t, hold).(*unix.SockaddrInet4)

		_, stdErr := net.Dial("tcp4", fmt.Sprintf("127.0.0.1:%d", sa.Port))
		c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer c.Close()
		sameShape(t, innerErr(t, stdErr), c.Connect(sa))
	})
	t.Run("BindInUse", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		port := ln.Addr().(*net.TCPAddr).Port
		_, stdErr := net.Listen("tcp4", fmt.Sprintf("127.0.0.1:%d", port))
		fd, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer fd.Close()
		sameShape(t, innerErr(t, stdErr), fd.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: port}))
	})
	t.Run("ReadDeadline", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		sc, err := net.Dial("tcp4", ln.Addr().String())
		require.NoError(t, err)
		defer sc.Close()
		sc.SetReadDeadline(time.Now())
		_, stdErr := sc.Read(make([]byte, 1))

		c, _ := tcpPair(t)
		c.SetReadDeadline(time.Now())
		_, err = c.Read(make([]byte, 1))
		sameShape(t, innerErr(t, stdErr), err)
		assert.True(t, errors.Is(err, os.ErrDeadlineExceeded))
	})
	t.Run("ReadReset", func(t *testing.T) {
		// stdlib
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		cc, err := net.Dial("tcp4", ln.Addr().String())
		require.NoError(t, err)
		defer cc.Close()
		sc, err := ln.Accept()
		require.NoError(t, err)
		require.NoError(t, sc.(*net.TCPConn).SetLinger(0))
		require.NoError(t, sc.Close())
		time.Sleep(20 * time.Millisecond)
		_, stdErr := cc.Read(make([]byte, 1))

		// netkit
		c, s := tcpPair(t)
		rc, err := s.SyscallConn()
		require.NoError(t, err)
		require.NoError(t, rc.Control(func(fd uintptr) {
			unix.SetsockoptLinger(int(fd), unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1})
		}))
		require.NoError(t, s.Close())
		time.Sleep(20 * time.Millisecond)
		_, err = c.Read(make([]byte, 1))
		sameShape(t, innerErr(t, stdErr), err)
	})
	t.Run("WriteAfterShutdown", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		cc, err := net.Dial("tcp4", ln.Addr().String())
		require.NoError(t, err)
		defer cc.Close()
		require.NoError(t, cc.(*net.TCPConn).CloseWrite())
		_, stdErr := cc.Write([]byte("x"))

		c, _ := tcpPair(t)
		require.NoError(t, c.Shutdown(unix.SHUT_WR))
		_, err = c.Write([]byte("x"))
		sameShape(t, innerErr(t, stdErr), err)
	})
}
