package conn_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// blackHole6 makes [::1]:port a TCP end point that never completes a
// handshake: a listener with a backlog of 0 whose accept queue is already
// full, so Linux drops every further SYN. It reports false when the port
// is taken on ::1.
func blackHole6(t *testing.T, port int) bool {
	t.Helper()
	s, err := unix.Socket(unix.AF_INET6, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	require.NoError(t, unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 1))
	sa := &unix.SockaddrInet6{Addr: [16]byte{15: 1}, Port: port}
	if err := unix.Bind(s, sa); err != nil {
		unix.Close(s)
		return false
	}
	t.Cleanup(func() { unix.Close(s) })
	require.NoError(t, unix.Listen(s, 0))
	c, err := unix.Socket(unix.AF_INET6, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	t.Cleanup(func() { unix.Close(c) })
	require.NoError(t, unix.Connect(c, sa), "filling the accept queue")
	return true
}

// synSentTo counts this network namespace's IPv6 TCP sockets in SYN_SENT
// towards remote port port.
func synSentTo(t *testing.T, port int) int {
	t.Helper()
	b, err := os.ReadFile("/proc/net/tcp6")
	require.NoError(t, err)
	suffix := fmt.Sprintf(":%04X", port)
	n := 0
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 3 && strings.HasSuffix(f[2], suffix) && f[3] == "02" {
			n++
		}
	}
	return n
}

// TestHappyEyeballsCancelsLoser: a name resolving to a black-holed ::1
// (sorted first) and a working 127.0.0.1 connects over IPv4 right after
// FallbackDelay, and the IPv6 attempt that lost the race is aborted at
// once (its socket closed), not left retrying SYNs for minutes.
func TestHappyEyeballsCancelsLoser(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp6"); err != nil {
		t.Skip("no /proc/net/tcp6 (IPv6 disabled?): cannot watch the losing connect")
	}
	var (
		ln   interface{ Close() error }
		port int
	)
	for i := 0; i < 20 && port == 0; i++ {
		l, err := conn.Listen("tcp4", "127.0.0.1:0")
		require.NoError(t, err)
		p := l.Addr().(*addr.TCPAddr).Port
		if blackHole6(t, p) {
			ln, port = l, p
			done := acceptAll(l)
			t.Cleanup(func() { <-done })
		} else {
			l.Close()
		}
	}
	require.NotZero(t, port, "no port free on both 127.0.0.1 and ::1")
	defer ln.Close()

	// The probe sees a connect hanging on the black hole.
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	hung := make(chan error, 1)
	go func() {
		_, err := (&conn.Dialer{}).DialContext(ctx, "tcp6", "[::1]:"+strconv.Itoa(port))
		hung <- err
	}()
	time.Sleep(100 * time.Millisecond)
	require.Equal(t, 1, synSentTo(t, port), "precondition: the black hole holds a connect in SYN_SENT")
	require.Error(t, <-hung)

	r := heResolver(t, dnstest.AAAA("::1"), dnstest.A("127.0.0.1"))
	ips, err := r.LookupIPAddr(context.Background(), "he.test")
	require.NoError(t, err)
	require.Len(t, ips, 2)
	require.Equal(t, "::1", ips[0].IP.String(), "precondition: ::1 sorts first: %v", ips)

	const delay = 100 * time.Millisecond
	d := conn.Dialer{Resolver: r, FallbackDelay: delay}
	start := time.Now()
	c, err := d.Dial("tcp", "he.test:"+strconv.Itoa(port))
	elapsed := time.Since(start)
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, "127.0.0.1:"+strconv.Itoa(port), c.RemoteAddr().String())
	assert.GreaterOrEqual(t, elapsed, delay, "connected before the fallback delay")
	assert.Less(t, elapsed, delay+700*time.Millisecond, "fallback started late")

	deadline := time.Now().Add(time.Second)
	for synSentTo(t, port) != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.Zero(t, synSentTo(t, port), "the losing IPv6 connect is still in SYN_SENT after the dial returned")
}
