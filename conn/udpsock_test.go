package conn_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// pkUDPLoopbacks are the loopback end points every UDP test runs over.
var pkUDPLoopbacks = []struct {
	network string
	ip      addr.IP
}{
	{"udp4", addr.IPv4(127, 0, 0, 1)},
	{"udp6", addr.IPv6loopback},
	{"udp", addr.IPv4(127, 0, 0, 1)},
}

func pkListenUDP(t testing.TB, network string, ip addr.IP) *conn.UDPConn {
	t.Helper()
	c, err := conn.ListenUDP(network, &addr.UDPAddr{IP: ip})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c
}

func TestUDPReadFromWriteTo(t *testing.T) {
	for _, tt := range pkUDPLoopbacks {
		t.Run(tt.network, func(t *testing.T) {
			a := pkListenUDP(t, tt.network, tt.ip)
			b := pkListenUDP(t, tt.network, tt.ip)
			la, ok := a.LocalAddr().(*addr.UDPAddr)
			require.True(t, ok, "LocalAddr is %T, want *addr.UDPAddr", a.LocalAddr())
			lb := b.LocalAddr().(*addr.UDPAddr)
			assert.NotZero(t, la.Port)
			assert.True(t, la.IP.Equal(tt.ip), "LocalAddr IP %v, want %v", la.IP, tt.ip)
			assert.Nil(t, a.RemoteAddr(), "unconnected UDPConn has a RemoteAddr")
			require.NoError(t, a.SetDeadline(time.Now().Add(5*time.Second)))
			require.NoError(t, b.SetDeadline(time.Now().Add(5*time.Second)))

			// WriteTo / ReadFrom (net.PacketConn).
			n, err := a.WriteTo([]byte("hello"), lb)
			require.NoError(t, err)
			assert.Equal(t, 5, n)
			buf := make([]byte, 64)
			n, from, err := b.ReadFrom(buf)
			require.NoError(t, err)
			assert.Equal(t, "hello", string(buf[:n]))
			assert.Equal(t, la.String(), from.String())
			assert.Equal(t, "udp", from.Network())

			// WriteToUDP / ReadFromUDP.
			_, err = b.WriteToUDP([]byte("world"), la)
			require.NoError(t, err)
			n, ua, err := a.ReadFromUDP(buf)
			require.NoError(t, err)
			assert.Equal(t, "world", string(buf[:n]))
			assert.Equal(t, lb.Port, ua.Port)
			assert.True(t, ua.IP.Equal(tt.ip))

			// The AddrPort variants.
			_, err = a.WriteToUDPAddrPort([]byte("ap"), lb.AddrPort())
			require.NoError(t, err)
			n, ap, err := b.ReadFromUDPAddrPort(buf)
			require.NoError(t, err)
			assert.Equal(t, "ap", string(buf[:n]))
			assert.Equal(t, la.AddrPort().Port(), ap.Port())
			assert.Equal(t, la.AddrPort().Addr().Unmap(), ap.Addr().Unmap())

			// A datagram larger than the buffer is truncated, not split.
			_, err = a.WriteTo(bytes.Repeat([]byte{'x'}, 100), lb)
			require.NoError(t, err)
			n, _, err = b.ReadFrom(buf[:10])
			require.NoError(t, err)
			assert.Equal(t, 10, n)

			// An empty datagram is a datagram.
			_, err = a.WriteTo(nil, lb)
			require.NoError(t, err)
			n, _, err = b.ReadFrom(buf)
			require.NoError(t, err)
			assert.Equal(t, 0, n)
		})
	}
}

func TestUDPConnected(t *testing.T) {
	for _, tt := range pkUDPLoopbacks {
		t.Run(tt.network, func(t *testing.T) {
			srv := pkListenUDP(t, tt.network, tt.ip)
			c, err := conn.DialUDP(tt.network, nil, srv.LocalAddr().(*addr.UDPAddr))
			require.NoError(t, err)
			defer c.Close()
			require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
			require.NoError(t, srv.SetDeadline(time.Now().Add(5*time.Second)))
			assert.Equal(t, srv.LocalAddr().String(), c.RemoteAddr().String())

			n, err := c.Write([]byte("ping"))
			require.NoError(t, err)
			assert.Equal(t, 4, n)
			buf := make([]byte, 16)
			n, from, err := srv.ReadFromUDP(buf)
			require.NoError(t, err)
			assert.Equal(t, "ping", string(buf[:n]))
			assert.Equal(t, c.LocalAddr().String(), from.String())

			_, err = srv.WriteToUDP([]byte("pong"), from)
			require.NoError(t, err)
			n, err = c.Read(buf)
			require.NoError(t, err)
			assert.Equal(t, "pong", string(buf[:n]))

			// WriteMsgUDP on a connected socket with a nil address goes to the peer.
			n, _, err = c.WriteMsgUDP([]byte("msg"), nil, nil)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			n, _, err = srv.ReadFrom(buf)
			require.NoError(t, err)
			assert.Equal(t, "msg", string(buf[:n]))

			// Datagrams from another source are filtered by the kernel.
			other := pkListenUDP(t, tt.network, tt.ip)
			_, err = other.WriteTo([]byte("intruder"), c.LocalAddr())
			require.NoError(t, err)
			_, err = srv.WriteToUDP([]byte("legit"), from)
			require.NoError(t, err)
			n, err = c.Read(buf)
			require.NoError(t, err)
			assert.Equal(t, "legit", string(buf[:n]))

			// Writing to an address on a connected socket is refused.
			_, err = c.WriteTo([]byte("x"), srv.LocalAddr())
			pkCheckOpError(t, err, "write")
			assert.True(t, errors.Is(err, conn.ErrWriteToConnected))
			_, err = c.WriteToUDPAddrPort([]byte("x"), srv.LocalAddr().(*addr.UDPAddr).AddrPort())
			assert.True(t, errors.Is(err, conn.ErrWriteToConnected))
			_, _, err = c.WriteMsgUDP([]byte("x"), nil, srv.LocalAddr().(*addr.UDPAddr))
			assert.True(t, errors.Is(err, conn.ErrWriteToConnected))
		})
	}
}

// TestUDPConnectedRefused: a connected UDP socket reports the ICMP port
// unreachable of an earlier datagram as ECONNREFUSED on the next read.
func TestUDPConnectedRefused(t *testing.T) {
	srv := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	raddr := srv.LocalAddr().(*addr.UDPAddr)
	srv.Close() // nothing listens there any more
	c, err := conn.DialUDP("udp4", nil, raddr)
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = c.Write([]byte("anyone?"))
	require.NoError(t, err)
	_, err = c.Read(make([]byte, 8))
	pkCheckOpError(t, err, "read")
	assert.True(t, errors.Is(err, unix.ECONNREFUSED), "got %v", err)
}

func TestUDPDeadlineAndClose(t *testing.T) {
	c := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	require.NoError(t, c.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
	_, _, err := c.ReadFromUDP(make([]byte, 8))
	pkCheckOpError(t, err, "read")
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded))
	var ne net.Error
	require.True(t, errors.As(err, &ne))
	assert.True(t, ne.Timeout())

	// A read blocked in the kernel is released by Close with net.ErrClosed.
	require.NoError(t, c.SetReadDeadline(time.Time{}))
	var wg sync.WaitGroup
	wg.Add(1)
	var rerr error
	go func() {
		defer wg.Done()
		_, _, rerr = c.ReadFrom(make([]byte, 8))
	}()
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, c.Close())
	wg.Wait()
	pkCheckOpError(t, rerr, "read")
	assert.True(t, errors.Is(rerr, net.ErrClosed), "got %v", rerr)

	_, err = c.WriteTo([]byte("x"), &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 9})
	pkCheckOpError(t, err, "write")
	assert.True(t, errors.Is(err, net.ErrClosed))
	_, _, _, _, err = c.ReadMsgUDP(make([]byte, 8), nil)
	assert.True(t, errors.Is(err, net.ErrClosed))
}

// TestUDPBroadcast sends to the loopback broadcast address 127.255.255.255
// (SO_BROADCAST is on by default, as in the stdlib); TestUDPBroadcastNetns
// does the same across a veth link.
func TestUDPBroadcast(t *testing.T) {
	t.Run("loopback", func(t *testing.T) {
		r := pkListenUDP(t, "udp4", addr.IPv4zero)
		s := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
		require.NoError(t, r.SetReadDeadline(time.Now().Add(5*time.Second)))
		bc := &addr.UDPAddr{IP: addr.IPv4(127, 255, 255, 255), Port: r.LocalAddr().(*addr.UDPAddr).Port}
		_, err := s.WriteToUDP([]byte("to all"), bc)
		require.NoError(t, err)
		buf := make([]byte, 16)
		n, from, err := r.ReadFromUDP(buf)
		require.NoError(t, err)
		assert.Equal(t, "to all", string(buf[:n]))
		assert.Equal(t, s.LocalAddr().String(), from.String())
	})
}

// TestUDPErrorsMatchStd runs the same failing calls on netkit and on the
// stdlib and compares the error texts (addresses of the conns involved are
// replaced by placeholders first).
func TestUDPErrorsMatchStd(t *testing.T) {
	lo4 := addr.IPv4(127, 0, 0, 1)
	stdLo4 := net.IPv4(127, 0, 0, 1)
	t.Run("ListenUDP", func(t *testing.T) {
		for _, tt := range []struct {
			network string
			ip      string
			port    int
		}{
			{"tcp", "127.0.0.1", 0},
			{"udp7", "", 0},
			{"ip4", "127.0.0.1", 0},
			{"udp6", "127.0.0.1", 0},
			{"udp4", "::1", 0},
			{"udp4", "192.0.2.77", 0}, // never sends: bind fails, EADDRNOTAVAIL
		} {
			var nkA *addr.UDPAddr
			var stdA *net.UDPAddr
			if tt.ip != "" {
				nkA = &addr.UDPAddr{IP: addr.ParseIP(tt.ip), Port: tt.port}
				stdA = &net.UDPAddr{IP: net.ParseIP(tt.ip), Port: tt.port}
			}
			c, err := conn.ListenUDP(tt.network, nkA)
			if c != nil {
				c.Close()
			}
			sc, serr := net.ListenUDP(tt.network, stdA)
			if sc != nil {
				sc.Close()
			}
			pkSameText(t, tt.network+" "+tt.ip, err, serr)
			if err != nil {
				pkCheckOpError(t, err, "listen")
			}
		}
	})
	t.Run("DialUDP", func(t *testing.T) {
		c, err := conn.DialUDP("udp", nil, nil)
		_, serr := net.DialUDP("udp", nil, nil)
		assert.Nil(t, c)
		pkSameText(t, "nil raddr", err, serr)
		pkCheckOpError(t, err, "dial")
		c, err = conn.DialUDP("tcp", nil, &addr.UDPAddr{IP: lo4, Port: 1})
		_, serr = net.DialUDP("tcp", nil, &net.UDPAddr{IP: stdLo4, Port: 1})
		assert.Nil(t, c)
		pkSameText(t, "tcp", err, serr)
		pkCheckOpError(t, err, "dial")
	})
	t.Run("ListenMulticastUDP", func(t *testing.T) {
		for _, tt := range []struct {
			network string
			ip      string
		}{
			{"tcp", "224.0.0.251"},
			{"udp4", ""},
			{"udp4", "127.0.0.1"}, // not a group: the join fails with EINVAL
		} {
			var nkA *addr.UDPAddr
			var stdA *net.UDPAddr
			if tt.ip != "" {
				nkA = &addr.UDPAddr{IP: addr.ParseIP(tt.ip), Port: 5000}
				stdA = &net.UDPAddr{IP: net.ParseIP(tt.ip), Port: 5000}
			}
			c, err := conn.ListenMulticastUDP(tt.network, nil, nkA)
			if c != nil {
				c.Close()
			}
			sc, serr := net.ListenMulticastUDP(tt.network, nil, stdA)
			if sc != nil {
				sc.Close()
			}
			pkSameText(t, tt.network+" "+tt.ip, err, serr)
			if err != nil {
				pkCheckOpError(t, err, "listen")
			}
		}
	})
	t.Run("write", func(t *testing.T) {
		// The same calls on an unconnected and on a connected conn of each side.
		nk := pkListenUDP(t, "udp4", lo4)
		std, err := net.ListenUDP("udp4", &net.UDPAddr{IP: stdLo4})
		require.NoError(t, err)
		defer std.Close()
		nkC, err := conn.DialUDP("udp4", nil, nk.LocalAddr().(*addr.UDPAddr))
		require.NoError(t, err)
		defer nkC.Close()
		stdC, err := net.DialUDP("udp4", nil, std.LocalAddr().(*net.UDPAddr))
		require.NoError(t, err)
		defer stdC.Close()
		repl := func(nkc, stdc interface {
			LocalAddr() net.Addr
		}) [][2]string {
			return [][2]string{{nkc.LocalAddr().String(), "L"}, {stdc.LocalAddr().String(), "L"}}
		}
		r := repl(nk, std)
		rc := append(repl(nkC, stdC), [2]string{nk.LocalAddr().String(), "R"}, [2]string{std.LocalAddr().String(), "R"})
		dst := &addr.UDPAddr{IP: lo4, Port: 9}
		sdst := &net.UDPAddr{IP: stdLo4, Port: 9}

		_, err = nk.WriteToUDP([]byte("x"), nil)
		_, serr := std.WriteToUDP([]byte("x"), nil)
		pkSameText(t, "WriteToUDP nil", err, serr, r...)
		pkCheckOpError(t, err, "write")
		_, err = nk.WriteTo([]byte("x"), &addr.TCPAddr{IP: lo4, Port: 9})
		_, serr = std.WriteTo([]byte("x"), &net.TCPAddr{IP: stdLo4, Port: 9})
		pkSameText(t, "WriteTo TCPAddr", err, serr, r...)
		pkCheckOpError(t, err, "write")
		_, err = nk.WriteToUDPAddrPort([]byte("x"), netip.AddrPort{})
		_, serr = std.WriteToUDPAddrPort([]byte("x"), netip.AddrPort{})
		pkSameText(t, "WriteToUDPAddrPort zero", err, serr, r...)
		_, _, err = nk.WriteMsgUDP([]byte("x"), nil, nil)
		_, _, serr = std.WriteMsgUDP([]byte("x"), nil, nil)
		pkSameText(t, "WriteMsgUDP nil", err, serr, r...)
		_, err = nk.WriteToUDP([]byte("x"), &addr.UDPAddr{IP: addr.IPv6loopback, Port: 9})
		_, serr = std.WriteToUDP([]byte("x"), &net.UDPAddr{IP: net.IPv6loopback, Port: 9})
		pkSameText(t, "WriteToUDP v6 on udp4", err, serr, r...)
		pkCheckOpError(t, err, "write")

		_, err = nkC.WriteTo([]byte("x"), dst)
		_, serr = stdC.WriteTo([]byte("x"), sdst)
		pkSameText(t, "connected WriteTo", err, serr, rc...)
		_, _, err = nkC.WriteMsgUDP([]byte("x"), nil, dst)
		_, _, serr = stdC.WriteMsgUDP([]byte("x"), nil, sdst)
		pkSameText(t, "connected WriteMsgUDP", err, serr, rc...)
		_, err = nkC.WriteToUDPAddrPort([]byte("x"), dst.AddrPort())
		_, serr = stdC.WriteToUDPAddrPort([]byte("x"), sdst.AddrPort())
		pkSameText(t, "connected WriteToUDPAddrPort", err, serr, rc...)

		// After Close.
		nkC.Close()
		stdC.Close()
		_, err = nkC.Write([]byte("x"))
		_, serr = stdC.Write([]byte("x"))
		pkSameText(t, "Write after Close", err, serr, rc...)
		_, _, err = nkC.ReadFromUDP(make([]byte, 1))
		_, _, serr = stdC.ReadFromUDP(make([]byte, 1))
		pkSameText(t, "ReadFromUDP after Close", err, serr, rc...)
		_, _, err = nkC.ReadFromUDPAddrPort(make([]byte, 1))
		_, _, serr = stdC.ReadFromUDPAddrPort(make([]byte, 1))
		pkSameText(t, "ReadFromUDPAddrPort after Close", err, serr, rc...)
	})
	t.Run("deadline", func(t *testing.T) {
		nk := pkListenUDP(t, "udp4", lo4)
		std, err := net.ListenUDP("udp4", &net.UDPAddr{IP: stdLo4})
		require.NoError(t, err)
		defer std.Close()
		past := time.Now().Add(-time.Second)
		require.NoError(t, nk.SetReadDeadline(past))
		require.NoError(t, std.SetReadDeadline(past))
		_, _, err = nk.ReadFrom(make([]byte, 1))
		_, _, serr := std.ReadFrom(make([]byte, 1))
		pkSameText(t, "read timeout", err, serr, [2]string{nk.LocalAddr().String(), "L"}, [2]string{std.LocalAddr().String(), "L"})
	})
}

// TestUDPZeroConn: methods on a zero UDPConn (no socket) return
// syscall.EINVAL, as the stdlib's do.
func TestUDPZeroConn(t *testing.T) {
	c := new(conn.UDPConn)
	_, _, err := c.ReadFromUDP(nil)
	assert.Equal(t, unix.EINVAL, err)
	_, err = c.WriteToUDP(nil, &addr.UDPAddr{})
	assert.Equal(t, unix.EINVAL, err)
	_, _, err = c.ReadFrom(nil)
	assert.Equal(t, unix.EINVAL, err)
	_, _, _, _, err = c.ReadMsgUDP(nil, nil)
	assert.Equal(t, unix.EINVAL, err)
	_, err = c.SyscallConn()
	assert.Equal(t, unix.EINVAL, err)
}

func TestUDPResolveAndListenPacket(t *testing.T) {
	pc, err := conn.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	u, ok := pc.(*conn.UDPConn)
	require.True(t, ok, "ListenPacket(udp) returned %T", pc)
	c, err := conn.Dial("udp", u.LocalAddr().String())
	require.NoError(t, err)
	defer c.Close()
	_, ok = c.(*conn.UDPConn)
	require.True(t, ok, "Dial(udp) returned %T", c)
	require.NoError(t, pc.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = c.Write([]byte("via Dial"))
	require.NoError(t, err)
	buf := make([]byte, 16)
	n, from, err := pc.ReadFrom(buf)
	require.NoError(t, err)
	assert.Equal(t, "via Dial", string(buf[:n]))
	assert.Equal(t, c.LocalAddr().String(), from.String())

	_, err = conn.ListenPacket("tcp", "127.0.0.1:0")
	_, serr := net.ListenPacket("tcp", "127.0.0.1:0")
	pkSameText(t, "ListenPacket tcp", err, serr)
}

// TestDialerDialUDPAndIP: the Go 1.26 Dialer.DialUDP / DialIP methods.
func TestDialerDialUDPAndIP(t *testing.T) {
	srv := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	var d conn.Dialer
	c, err := d.DialUDP(context.Background(), "udp4", netip.AddrPort{}, srv.LocalAddr().(*addr.UDPAddr).AddrPort())
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, srv.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = c.Write([]byte("dialer"))
	require.NoError(t, err)
	buf := make([]byte, 8)
	n, from, err := srv.ReadFromUDP(buf)
	require.NoError(t, err)
	assert.Equal(t, "dialer", string(buf[:n]))
	assert.Equal(t, c.LocalAddr().String(), from.String())

	// Zero AddrPorts behave as in the stdlib: the local system, port 0.
	zc, err := d.DialUDP(context.Background(), "udp4", netip.AddrPort{}, netip.AddrPort{})
	var sd net.Dialer
	szc, serr := sd.DialUDP(context.Background(), "udp4", netip.AddrPort{}, netip.AddrPort{})
	require.Equal(t, serr == nil, err == nil, "netkit %v, std %v", err, serr)
	if err == nil {
		assert.Equal(t, szc.RemoteAddr().String(), zc.RemoteAddr().String())
		zc.Close()
		szc.Close()
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = d.DialUDP(ctx, "udp4", netip.AddrPort{}, srv.LocalAddr().(*addr.UDPAddr).AddrPort())
	assert.ErrorIs(t, err, context.Canceled)

	if os.Geteuid() != 0 {
		t.Log("not root: Dialer.DialIP needs a raw socket, left out")
		return
	}
	ic, err := d.DialIP(context.Background(), "ip4:icmp", netip.Addr{}, netip.MustParseAddr("127.0.0.1"))
	require.NoError(t, err)
	defer ic.Close()
	assert.Equal(t, "127.0.0.1", ic.RemoteAddr().String())
	zic, err := d.DialIP(context.Background(), "ip4:icmp", netip.Addr{}, netip.Addr{})
	szic, serr := sd.DialIP(context.Background(), "ip4:icmp", netip.Addr{}, netip.Addr{})
	require.Equal(t, serr == nil, err == nil, "netkit %v, std %v", err, serr)
	if err == nil {
		assert.Equal(t, szic.RemoteAddr().String(), zic.RemoteAddr().String())
		zic.Close()
		szic.Close()
	}
}

// TestUDPWriteToMappedAddrPort: an IPv4-mapped AddrPort reaches the IPv4
// address on a "udp4" socket, on both write paths.
func TestUDPWriteToMappedAddrPort(t *testing.T) {
	a := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	b := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	require.NoError(t, b.SetReadDeadline(time.Now().Add(5*time.Second)))
	port := uint16(b.LocalAddr().(*addr.UDPAddr).Port)
	mapped := netip.AddrPortFrom(netip.MustParseAddr("::ffff:127.0.0.1"), port)
	_, err := a.WriteToUDPAddrPort([]byte("m1"), mapped)
	require.NoError(t, err)
	_, _, err = a.WriteMsgUDPAddrPort([]byte("m2"), nil, mapped)
	require.NoError(t, err)
	buf := make([]byte, 4)
	for _, want := range []string{"m1", "m2"} {
		n, _, err := b.ReadFromUDPAddrPort(buf)
		require.NoError(t, err)
		assert.Equal(t, want, string(buf[:n]))
	}
	_, err = a.WriteToUDPAddrPort([]byte("x"), netip.AddrPortFrom(netip.IPv6Loopback(), port))
	pkCheckOpError(t, err, "write")
	assert.Contains(t, err.Error(), "non-IPv4 address")
}

// TestUDPDualStack: a wildcard "udp" listener is one IPv6 socket that also
// gets IPv4 datagrams; the sender comes back as the stdlib reports it (a
// 16-byte IPv4-mapped IP, ::ffff:a.b.c.d as an AddrPort) and can be
// answered at that address.
func TestUDPDualStack(t *testing.T) {
	nk := pkListenUDP(t, "udp", nil)
	std, err := net.ListenUDP("udp", nil)
	require.NoError(t, err)
	defer std.Close()
	assert.Equal(t, std.LocalAddr().(*net.UDPAddr).IP.String(), nk.LocalAddr().(*addr.UDPAddr).IP.String(), "wildcard LocalAddr")
	s := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	require.NoError(t, s.SetDeadline(time.Now().Add(5*time.Second)))
	for _, l := range []interface {
		LocalAddr() net.Addr
		SetDeadline(time.Time) error
	}{nk, std} {
		require.NoError(t, l.SetDeadline(time.Now().Add(5*time.Second)))
	}
	port := func(a net.Addr) int {
		switch a := a.(type) {
		case *addr.UDPAddr:
			return a.Port
		case *net.UDPAddr:
			return a.Port
		}
		return 0
	}
	lo := addr.IPv4(127, 0, 0, 1)
	buf := make([]byte, 8)

	_, err = s.WriteToUDP([]byte("v4"), &addr.UDPAddr{IP: lo, Port: port(nk.LocalAddr())})
	require.NoError(t, err)
	_, err = s.WriteToUDP([]byte("v4"), &addr.UDPAddr{IP: lo, Port: port(std.LocalAddr())})
	require.NoError(t, err)
	_, from, err := nk.ReadFromUDP(buf)
	require.NoError(t, err)
	_, sfrom, err := std.ReadFromUDP(buf)
	require.NoError(t, err)
	assert.Equal(t, len(sfrom.IP), len(from.IP), "IP length")
	assert.Equal(t, sfrom.IP.String(), from.IP.String())

	_, err = s.WriteToUDP([]byte("v4"), &addr.UDPAddr{IP: lo, Port: port(nk.LocalAddr())})
	require.NoError(t, err)
	_, err = s.WriteToUDP([]byte("v4"), &addr.UDPAddr{IP: lo, Port: port(std.LocalAddr())})
	require.NoError(t, err)
	_, ap, err := nk.ReadFromUDPAddrPort(buf)
	require.NoError(t, err)
	_, sap, err := std.ReadFromUDPAddrPort(buf)
	require.NoError(t, err)
	assert.Equal(t, sap.Addr().String(), ap.Addr().String())
	assert.True(t, ap.Addr().Is4In6())

	// Answer the IPv4 sender from the dual-stack socket, both ways.
	_, err = nk.WriteToUDP([]byte("back"), from)
	require.NoError(t, err)
	_, err = nk.WriteToUDPAddrPort([]byte("back2"), ap)
	require.NoError(t, err)
	for _, want := range []string{"back", "back2"} {
		n, got, err := s.ReadFromUDP(buf)
		require.NoError(t, err)
		assert.Equal(t, want, string(buf[:n]))
		assert.Equal(t, port(nk.LocalAddr()), got.Port)
	}
}
