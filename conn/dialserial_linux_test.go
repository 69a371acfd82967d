package conn

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// blackHole returns a loopback TCP end point that never completes a
// handshake: a listener with a backlog of 0 whose accept queue is already
// full, so Linux drops every further SYN.
func blackHole(t *testing.T, ip [4]byte) *addr.TCPAddr {
	t.Helper()
	s, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	t.Cleanup(func() { unix.Close(s) })
	require.NoError(t, unix.Bind(s, &unix.SockaddrInet4{Addr: ip}))
	require.NoError(t, unix.Listen(s, 0))
	sa, err := unix.Getsockname(s)
	require.NoError(t, err)
	c, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	t.Cleanup(func() { unix.Close(c) })
	require.NoError(t, unix.Connect(c, sa), "filling the accept queue")
	return &addr.TCPAddr{IP: addr.IPv4(ip[0], ip[1], ip[2], ip[3]), Port: sa.(*unix.SockaddrInet4).Port}
}

// TestDialSerialTimeoutNamesTriedAddress: when the dial deadline runs out
// during the first address, the error names that address (as net's does),
// not the next one, which was never tried. A cancellation still reports
// the next address with "operation was canceled", as net does.
func TestDialSerialTimeoutNamesTriedAddress(t *testing.T) {
	first, second := blackHole(t, [4]byte{127, 0, 0, 2}), blackHole(t, [4]byte{127, 0, 0, 3})
	sd := &sysDialer{network: "tcp"}

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	c, err := sd.dialSerial(ctx, addrList{first, second})
	if err == nil {
		c.Close()
		t.Fatal("dial to a black hole connected")
	}
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, "dial tcp "+first.String()+": i/o timeout", err.Error())
	var ne net.Error
	require.True(t, errors.As(err, &ne))
	assert.True(t, ne.Timeout())

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	c, err = sd.dialSerial(ctx, addrList{first, second})
	if err == nil {
		c.Close()
		t.Fatal("dial to a black hole connected")
	}
	assert.Equal(t, "dial tcp "+second.String()+": operation was canceled", err.Error())
	assert.True(t, errors.Is(err, context.Canceled))
}
