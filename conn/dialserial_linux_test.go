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

// foreignAddr is a net.Addr of a type conn does not know, like net's own
// *net.TCPAddr.
type foreignAddr struct{ network string }

func (a *foreignAddr) Network() string { return a.network }
func (a *foreignAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	return "127.0.0.1:0"
}

// TestDialForeignLocalAddr: a LocalAddr of a type that is not an addr.*
// end point fails with "mismatched local address type" for every network
// (it used to be filtered out as "no suitable address" for TCP and
// silently ignored for Unix), typed nil included.
func TestDialForeignLocalAddr(t *testing.T) {
	for _, tc := range []struct {
		la      net.Addr
		network string
		address string
		text    string
	}{
		{&foreignAddr{"tcp"}, "tcp", "127.0.0.1:1", "dial tcp: address 127.0.0.1:0: mismatched local address type"},
		{(*foreignAddr)(nil), "tcp", "127.0.0.1:1", "dial tcp: address <nil>: mismatched local address type"},
		{&foreignAddr{"udp"}, "udp", "127.0.0.1:1", "dial udp: address 127.0.0.1:0: mismatched local address type"},
		{&foreignAddr{"unix"}, "unix", "/nonexistent/s", "dial unix: address 127.0.0.1:0: mismatched local address type"},
	} {
		d := Dialer{LocalAddr: tc.la}
		c, err := d.Dial(tc.network, tc.address)
		if err == nil {
			c.Close()
			t.Fatalf("dial %s with a foreign LocalAddr succeeded", tc.network)
		}
		assert.Equal(t, tc.text, err.Error())
	}
	// The addr types (and a typed nil of them) still work.
	ln, err := Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	for _, la := range []net.Addr{&addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1)}, (*addr.TCPAddr)(nil)} {
		c, err := (&Dialer{LocalAddr: la}).Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		c.Close()
	}
}
