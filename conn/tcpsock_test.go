package conn_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/nettest"
)

func rawConnOf(t testing.TB, c any) syscall.RawConn {
	t.Helper()
	rc, err := c.(syscall.Conn).SyscallConn()
	require.NoError(t, err)
	return rc
}

// keepAliveState reads the keep-alive options of a connection.
type keepAliveState struct {
	On       bool
	Idle     time.Duration
	Interval time.Duration
	Count    int
}

func readKeepAlive(t testing.TB, c any) keepAliveState {
	t.Helper()
	rc := rawConnOf(t, c)
	var s keepAliveState
	var err error
	s.On, err = sockopt.KeepAlive(rc)
	require.NoError(t, err)
	s.Idle, err = sockopt.KeepAliveIdle(rc)
	require.NoError(t, err)
	s.Interval, err = sockopt.KeepAliveInterval(rc)
	require.NoError(t, err)
	s.Count, err = sockopt.KeepAliveCount(rc)
	require.NoError(t, err)
	return s
}

// TestKeepAliveMatchesStdlib dials and accepts with the same KeepAlive and
// KeepAliveConfig settings through netkit and the standard library and
// compares the socket options the kernel reports.
func TestKeepAliveMatchesStdlib(t *testing.T) {
	cases := []struct {
		name string
		ka   time.Duration
		cfg  conn.KeepAliveConfig
	}{
		{"zero is the 15s default", 0, conn.KeepAliveConfig{}},
		{"negative disables", -1, conn.KeepAliveConfig{}},
		{"42s", 42 * time.Second, conn.KeepAliveConfig{}},
		{"rounded up", 1500 * time.Millisecond, conn.KeepAliveConfig{}},
		{"config wins", -1, conn.KeepAliveConfig{Enable: true, Idle: 20 * time.Second, Interval: 5 * time.Second, Count: 3}},
		{"config defaults", 0, conn.KeepAliveConfig{Enable: true}},
		{"config negative fields unchanged", 0, conn.KeepAliveConfig{Enable: true, Idle: -1, Interval: -1, Count: -1}},
	}
	stdLn, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer stdLn.Close()
	go func() {
		for {
			c, err := stdLn.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nkd := conn.Dialer{KeepAlive: tc.ka, KeepAliveConfig: tc.cfg}
			stdd := net.Dialer{KeepAlive: tc.ka, KeepAliveConfig: net.KeepAliveConfig(tc.cfg)}
			nc, err := nkd.Dial("tcp4", stdLn.Addr().String())
			require.NoError(t, err)
			defer nc.Close()
			sc, err := stdd.Dial("tcp4", stdLn.Addr().String())
			require.NoError(t, err)
			defer sc.Close()
			assert.Equal(t, readKeepAlive(t, sc), readKeepAlive(t, nc), "dialed (-std +netkit)")

			// Accepted side.
			nkl, err := (&conn.ListenConfig{KeepAlive: tc.ka, KeepAliveConfig: tc.cfg}).Listen(context.Background(), "tcp4", "127.0.0.1:0")
			require.NoError(t, err)
			defer nkl.Close()
			stdl, err := (&net.ListenConfig{KeepAlive: tc.ka, KeepAliveConfig: net.KeepAliveConfig(tc.cfg)}).Listen(context.Background(), "tcp4", "127.0.0.1:0")
			require.NoError(t, err)
			defer stdl.Close()
			var accepted [2]net.Conn
			for i, l := range []net.Listener{nkl, stdl} {
				d, err := net.Dial("tcp4", l.Addr().String())
				require.NoError(t, err)
				defer d.Close()
				accepted[i], err = l.Accept()
				require.NoError(t, err)
				defer accepted[i].Close()
			}
			assert.Equal(t, readKeepAlive(t, accepted[1]), readKeepAlive(t, accepted[0]), "accepted (-std +netkit)")
		})
	}
}

// TestTCPConnOptions round-trips the TCPConn setters through the kernel;
// each case first checks that the value differs from the one to set.
func TestTCPConnOptions(t *testing.T) {
	c1, _, stop := streamPair(t, "tcp4")
	defer stop()
	tc := c1.(*conn.TCPConn)
	rc := rawConnOf(t, tc)

	nd, err := sockopt.NoDelay(rc)
	require.NoError(t, err)
	require.True(t, nd, "TCP_NODELAY is on by default")
	require.NoError(t, tc.SetNoDelay(false))
	nd, err = sockopt.NoDelay(rc)
	require.NoError(t, err)
	assert.False(t, nd)

	l, err := sockopt.Linger(rc)
	require.NoError(t, err)
	require.Equal(t, -1, l)
	require.NoError(t, tc.SetLinger(7))
	l, err = sockopt.Linger(rc)
	require.NoError(t, err)
	assert.Equal(t, 7, l)

	require.NoError(t, tc.SetKeepAlive(false))
	on, err := sockopt.KeepAlive(rc)
	require.NoError(t, err)
	require.False(t, on)
	require.NoError(t, tc.SetKeepAlive(true))
	on, err = sockopt.KeepAlive(rc)
	require.NoError(t, err)
	assert.True(t, on)

	require.NoError(t, tc.SetKeepAlivePeriod(77*time.Second))
	idle, err := sockopt.KeepAliveIdle(rc)
	require.NoError(t, err)
	assert.Equal(t, 77*time.Second, idle)

	rb, err := sockopt.ReadBuffer(rc)
	require.NoError(t, err)
	require.NoError(t, tc.SetReadBuffer(rb/2+4096))
	rb2, err := sockopt.ReadBuffer(rc)
	require.NoError(t, err)
	assert.NotEqual(t, rb, rb2)
	wb, err := sockopt.WriteBuffer(rc)
	require.NoError(t, err)
	require.NoError(t, tc.SetWriteBuffer(wb/2+4096))
	wb2, err := sockopt.WriteBuffer(rc)
	require.NoError(t, err)
	assert.NotEqual(t, wb, wb2)

	ok, err := tc.MultipathTCP()
	require.NoError(t, err)
	assert.False(t, ok, "a default Dialer does not use MPTCP")

	require.NoError(t, tc.Close())
	err = tc.SetNoDelay(true)
	checkOpError(t, err, "set")
	assert.True(t, errors.Is(err, net.ErrClosed), "%v", err)
}

// TestCloseReadWrite: half-closing one direction leaves the other usable.
func TestCloseReadWrite(t *testing.T) {
	for _, network := range []string{"tcp4", "unix"} {
		t.Run(network, func(t *testing.T) {
			c1, c2, stop := streamPair(t, network)
			defer stop()
			type halfCloser interface {
				CloseRead() error
				CloseWrite() error
			}
			require.NoError(t, c2.(halfCloser).CloseWrite())
			n, err := c1.Read(make([]byte, 1))
			assert.Equal(t, 0, n)
			assert.Equal(t, io.EOF, err)
			_, err = c2.Write([]byte("x"))
			checkOpError(t, err, "write")
			_, err = c1.Write([]byte("back"))
			require.NoError(t, err)
			buf := make([]byte, 4)
			_, err = io.ReadFull(c2, buf)
			require.NoError(t, err)
			assert.Equal(t, "back", string(buf))
			require.NoError(t, c2.(halfCloser).CloseRead())
		})
	}
}

// TestDualStackListen: Listen("tcp", ":0") accepts IPv4 and IPv6 clients
// on one socket.
func TestDualStackListen(t *testing.T) {
	if !nettest.SupportsIPv6() {
		t.Skip("IPv6 loopback not available on this host")
	}
	ln, err := conn.Listen("tcp", ":0")
	require.NoError(t, err)
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*addr.TCPAddr).Port)
	assert.Equal(t, "[::]:"+port, ln.Addr().String(), "same address as net.Listen gives")
	for _, target := range []string{"127.0.0.1:" + port, "[::1]:" + port, "localhost:" + port} {
		c, err := conn.Dial("tcp", target)
		require.NoError(t, err, target)
		s, err := ln.Accept()
		require.NoError(t, err)
		assert.Equal(t, c.LocalAddr().String(), s.RemoteAddr().String())
		c.Close()
		s.Close()
	}
}

// TestDialerControl: Control and ControlContext see "tcp4"/"tcp6" and the
// address; ControlContext wins; a Control error aborts the dial.
func TestDialerControl(t *testing.T) {
	ln := listenStream(t, "tcp4")
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	var got []string
	var mu sync.Mutex
	record := func(tag, network, address string, c syscall.RawConn) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, tag+" "+network+" "+address)
		return c.Control(func(fd uintptr) {})
	}
	d := conn.Dialer{
		Control: func(network, address string, c syscall.RawConn) error { return record("control", network, address, c) },
	}
	c, err := d.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	c.Close()
	d.ControlContext = func(ctx context.Context, network, address string, c syscall.RawConn) error {
		require.NotNil(t, ctx)
		return record("ctx", network, address, c)
	}
	c, err = d.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	c.Close()
	assert.Equal(t, []string{"control tcp4 " + ln.Addr().String(), "ctx tcp4 " + ln.Addr().String()}, got)

	boom := errors.New("boom")
	d = conn.Dialer{Control: func(string, string, syscall.RawConn) error { return boom }}
	_, err = d.Dial("tcp", ln.Addr().String())
	require.Error(t, err)
	assert.True(t, errors.Is(err, boom))
	assert.Equal(t, "dial tcp "+ln.Addr().String()+": boom", err.Error())

	var lcGot string
	lc := conn.ListenConfig{Control: func(network, address string, c syscall.RawConn) error {
		lcGot = network + " " + address
		return nil
	}}
	l2, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	l2.Close()
	assert.Equal(t, "tcp4 127.0.0.1:0", lcGot)
}

// TestDialerLocalAddr binds the local end of a dial.
func TestDialerLocalAddr(t *testing.T) {
	ln := listenStream(t, "tcp4")
	defer ln.Close()
	la := &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: freePort(t)}
	d := conn.Dialer{LocalAddr: la}
	c, err := d.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer c.Close()
	s, err := ln.Accept()
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, la.String(), c.LocalAddr().String())
	assert.Equal(t, la.String(), s.RemoteAddr().String())
}

// TestSendfile copies files into a TCP connection with ReadFrom
// (sendfile on Linux): the whole file, a LimitedReader, and from a file
// offset.
func TestSendfile(t *testing.T) {
	data := make([]byte, 3<<20+123)
	_, err := rand.Read(data)
	require.NoError(t, err)
	f, err := os.CreateTemp("", "nk-sendfile")
	require.NoError(t, err)
	defer os.Remove(f.Name())
	defer f.Close()
	_, err = f.Write(data)
	require.NoError(t, err)

	cases := []struct {
		name        string
		offset, lim int64 // lim < 0: whole rest
	}{
		{"whole", 0, -1},
		{"limited", 0, 1<<20 + 7},
		{"from offset", 12345, -1},
		{"limited beyond EOF", 3 << 20, 1 << 21},
		{"zero limit", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c1, c2, stop := streamPair(t, "tcp4")
			defer stop()
			_, err := f.Seek(tc.offset, io.SeekStart)
			require.NoError(t, err)
			want := data[tc.offset:]
			var r io.Reader = f
			if tc.lim >= 0 {
				if tc.lim < int64(len(want)) {
					want = want[:tc.lim]
				}
				r = &io.LimitedReader{R: f, N: tc.lim}
			}
			got := make(chan []byte)
			go func() {
				b, _ := io.ReadAll(c2)
				got <- b
			}()
			n, err := c1.(*conn.TCPConn).ReadFrom(r)
			require.NoError(t, err)
			assert.Equal(t, int64(len(want)), n)
			c1.(*conn.TCPConn).CloseWrite()
			assert.True(t, bytes.Equal(want, <-got), "received bytes differ")
			pos, err := f.Seek(0, io.SeekCurrent)
			require.NoError(t, err)
			assert.Equal(t, tc.offset+int64(len(want)), pos, "file offset advanced by what was sent")
			if lr, ok := r.(*io.LimitedReader); ok {
				assert.Equal(t, tc.lim-int64(len(want)), lr.N)
			}
		})
	}
}

// TestSpliceCopy proxies between TCP and Unix stream connections with
// io.Copy (splice on Linux) and checks the bytes.
func TestSpliceCopy(t *testing.T) {
	data := make([]byte, 2<<20+5)
	_, err := rand.Read(data)
	require.NoError(t, err)
	for _, pair := range [][2]string{{"tcp4", "tcp4"}, {"tcp4", "unix"}, {"unix", "tcp4"}} {
		t.Run(pair[0]+"->"+pair[1], func(t *testing.T) {
			srcW, srcR, stop1 := streamPair(t, pair[0])
			defer stop1()
			dstW, dstR, stop2 := streamPair(t, pair[1])
			defer stop2()
			go func() {
				srcW.Write(data)
				srcW.Close()
			}()
			got := make(chan []byte)
			go func() {
				b, _ := io.ReadAll(dstR)
				got <- b
			}()
			n, err := io.Copy(dstW, srcR)
			require.NoError(t, err)
			assert.Equal(t, int64(len(data)), n)
			dstW.Close()
			assert.True(t, bytes.Equal(data, <-got))
		})
	}
}

// TestBuffersWritev writes net.Buffers-style batches with one writev.
func TestBuffersWritev(t *testing.T) {
	c1, c2, stop := streamPair(t, "tcp4")
	defer stop()
	bufs := conn.Buffers{[]byte("hello, "), nil, []byte("vectored "), []byte("world")}
	got := make(chan []byte)
	go func() {
		b := make([]byte, len("hello, vectored world"))
		io.ReadFull(c2, b)
		got <- b
	}()
	n, err := bufs.WriteTo(c1)
	require.NoError(t, err)
	assert.Equal(t, int64(21), n)
	assert.Empty(t, bufs, "WriteTo consumes the buffers")
	assert.Equal(t, "hello, vectored world", string(<-got))

	r := conn.Buffers{[]byte("ab"), []byte("cde")}
	b, err := io.ReadAll(&r)
	require.NoError(t, err)
	assert.Equal(t, "abcde", string(b))
}

// TestConnFile: File returns a duplicate that reads the same stream and
// outlives Close of the connection.
func TestConnFile(t *testing.T) {
	c1, c2, stop := streamPair(t, "tcp4")
	defer stop()
	f, err := c1.(*conn.TCPConn).File()
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, c1.Close())
	_, err = c2.Write([]byte("via dup"))
	require.NoError(t, err)
	b := make([]byte, 7)
	_, err = io.ReadFull(f, b)
	require.NoError(t, err)
	assert.Equal(t, "via dup", string(b))

	ln := listenStream(t, "tcp4")
	defer ln.Close()
	lf, err := ln.(*conn.TCPListener).File()
	require.NoError(t, err)
	lf.Close()
	rc, err := ln.(*conn.TCPListener).SyscallConn()
	require.NoError(t, err)
	assert.NoError(t, rc.Control(func(uintptr) {}))
	assert.Error(t, rc.Read(func(uintptr) bool { return true }))
}

// TestUnixListenerUnlink: Close removes the socket file unless
// SetUnlinkOnClose(false).
func TestUnixListenerUnlink(t *testing.T) {
	for _, unlink := range []bool{true, false} {
		path := sockPath(t)
		ln, err := conn.ListenUnix("unix", &addr.UnixAddr{Name: path, Net: "unix"})
		require.NoError(t, err)
		_, err = os.Stat(path)
		require.NoError(t, err, "socket file exists while listening")
		if !unlink {
			ln.SetUnlinkOnClose(false)
		}
		require.NoError(t, ln.Close())
		_, err = os.Stat(path)
		if unlink {
			assert.True(t, os.IsNotExist(err), "socket file still there after Close: %v", err)
		} else {
			assert.NoError(t, err, "socket file removed despite SetUnlinkOnClose(false)")
		}
	}
	// An abstract socket has no file.
	ln, err := conn.Listen("unix", "@nk-abstract-"+strconv.Itoa(os.Getpid()))
	require.NoError(t, err)
	c, err := conn.Dial("unix", ln.Addr().String())
	require.NoError(t, err)
	c.Close()
	require.NoError(t, ln.Close())
}

// TestReadWriteAllocs: Read and Write of an established connection do not
// allocate.
func TestReadWriteAllocs(t *testing.T) {
	c1, c2, stop := streamPair(t, "tcp4")
	defer stop()
	buf := make([]byte, 64)
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := c1.Write(buf); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(c2, buf); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "allocations per Write+Read")
}

// TestDialLocalhost: "localhost" resolves (hosts file) to ::1 and
// 127.0.0.1; with a listener on 127.0.0.1 only, the refused ::1 attempt
// starts the IPv4 fallback at once instead of after FallbackDelay.
func TestDialLocalhost(t *testing.T) {
	ln := listenStream(t, "tcp4")
	defer ln.Close()
	done := acceptAll(ln)
	defer func() { ln.Close(); <-done }()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	d := conn.Dialer{FallbackDelay: 5 * time.Second}
	start := time.Now()
	c, err := d.Dial("tcp", "localhost:"+port)
	require.NoError(t, err)
	c.Close()
	assert.Less(t, time.Since(start), 2*time.Second, "the fallback waited for FallbackDelay")

	l2, err := conn.Listen("tcp", "localhost:0")
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", l2.Addr().(*addr.TCPAddr).IP.String(), "Listen on a name takes its first IPv4 address, as net does")
	l2.Close()
}

// TestDialerDialTCPNetip: the Go 1.26 netip-typed Dialer.DialTCP.
func TestDialerDialTCPNetip(t *testing.T) {
	ln := listenStream(t, "tcp4")
	defer ln.Close()
	done := acceptAll(ln)
	defer func() { ln.Close(); <-done }()
	raddr := ln.Addr().(*addr.TCPAddr).AddrPort()
	var d conn.Dialer
	c, err := d.DialTCP(context.Background(), "tcp", netip.AddrPort{}, raddr)
	require.NoError(t, err)
	assert.Equal(t, raddr.String(), c.RemoteAddr().String())
	c.Close()
	_, err = d.DialTCP(context.Background(), "tcp", netip.AddrPort{}, netip.AddrPort{})
	checkOpError(t, err, "dial")
	_, stdErr := (&net.Dialer{}).DialTCP(context.Background(), "tcp", netip.AddrPort{}, netip.AddrPort{})
	if assert.Error(t, stdErr) {
		assert.Equal(t, stdErr.Error(), err.Error())
	}
}
