package conn_test

import (
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/nettest"
)

// streamPair returns a connected pair over network ("tcp4", "tcp6", "unix",
// "unixpacket") made by netkit's Listen and Dial.
func streamPair(t testing.TB, network string) (c1, c2 net.Conn, stop func()) {
	t.Helper()
	ln := listenStream(t, network)
	type res struct {
		c   net.Conn
		err error
	}
	ch := make(chan res, 1)
	go func() {
		c, err := ln.Accept()
		ch <- res{c, err}
	}()
	d, err := conn.Dial(network, ln.Addr().String())
	if err != nil {
		ln.Close()
		t.Fatalf("Dial: %v", err)
	}
	r := <-ch
	ln.Close()
	if r.err != nil {
		d.Close()
		t.Fatalf("Accept: %v", r.err)
	}
	return r.c, d, func() { r.c.Close(); d.Close() }
}

// listenStream listens on loopback (or a temporary socket file) for
// network, skipping when the host lacks the stack.
func listenStream(t testing.TB, network string) net.Listener {
	t.Helper()
	var address string
	switch network {
	case "tcp", "tcp4":
		address = "127.0.0.1:0"
	case "tcp6":
		if !nettest.SupportsIPv6() {
			t.Skip("IPv6 loopback not available on this host")
		}
		address = "[::1]:0"
	case "unix", "unixpacket":
		address = sockPath(t)
	default:
		t.Fatalf("listenStream: network %q", network)
	}
	ln, err := conn.Listen(network, address)
	if err != nil {
		t.Fatalf("Listen(%q, %q): %v", network, address, err)
	}
	return ln
}

// sockPath returns a fresh socket path in a short temporary directory
// (sun_path is limited to 108 bytes).
func sockPath(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "nk")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "s")
}

// TestNettestConn runs x/net/nettest's conformance suite on every stream
// type netkit has.
func TestNettestConn(t *testing.T) {
	for _, network := range []string{"tcp4", "tcp6", "unix", "unixpacket"} {
		t.Run(network, func(t *testing.T) {
			listenStream(t, network).Close() // skip early if unsupported
			nettest.TestConn(t, func() (c1, c2 net.Conn, stop func(), err error) {
				c1, c2, stop = streamPair(t, network)
				return c1, c2, stop, nil
			})
		})
	}
}

// TestAddrsMatchStdlib compares the Local/RemoteAddr of listeners, dialed
// and accepted connections with the standard library's for the same
// setup: type name, network, string form (ports masked) and IP length.
func TestAddrsMatchStdlib(t *testing.T) {
	type setup struct{ lnet, laddr, dnet, daddr string }
	setups := []setup{
		{"tcp4", "127.0.0.1:0", "tcp4", "127.0.0.1"},
		{"tcp", ":0", "tcp4", "127.0.0.1"}, // IPv4 client on a dual-stack listener
		{"tcp", "0.0.0.0:0", "tcp", "127.0.0.1"},
		{"tcp4", ":0", "tcp", "127.0.0.1"},
		{"unix", "", "unix", ""},
		{"unixpacket", "", "unixpacket", ""},
	}
	if nettest.SupportsIPv6() {
		setups = append(setups, setup{"tcp6", "[::1]:0", "tcp6", "::1"}, setup{"tcp", ":0", "tcp", "::1"},
			setup{"tcp", "[::]:0", "tcp", "127.0.0.1"}, setup{"tcp6", ":0", "tcp6", "::1"})
	}
	describe := func(a net.Addr, ports ...string) string {
		if a == nil {
			return "nil"
		}
		s := a.String()
		for _, p := range ports {
			s = strings.ReplaceAll(s, p, "PORT")
		}
		if ta, ok := a.(interface{ AddrPort() netip.AddrPort }); ok {
			s += " port=" + strconv.Itoa(int(ta.AddrPort().Port()))
		}
		if ip := reflect.ValueOf(a).Elem().FieldByName("IP"); ip.IsValid() {
			s += " iplen=" + strconv.Itoa(ip.Len())
		}
		return strings.TrimPrefix(strings.TrimPrefix(reflect.TypeOf(a).String(), "*addr."), "*net.") + " " + a.Network() + " " + s
	}
	for _, su := range setups {
		var got [2][]string
		for i, im := range impls {
			laddr := su.laddr
			if laddr == "" {
				laddr = sockPath(t)
			}
			ln, err := im.listen(su.lnet, laddr)
			require.NoError(t, err)
			target := ln.Addr().String()
			var lport string
			if strings.HasPrefix(su.lnet, "tcp") {
				_, lport, _ = net.SplitHostPort(target)
				target = net.JoinHostPort(su.daddr, lport)
			}
			c, err := im.dial(su.dnet, target)
			require.NoError(t, err)
			s, err := ln.Accept()
			require.NoError(t, err)
			var cport string
			if strings.HasPrefix(su.lnet, "tcp") {
				_, cport, _ = net.SplitHostPort(c.LocalAddr().String())
			}
			masks := []string{lport, cport}
			if lport == "" {
				masks = []string{laddr}
			}
			for _, a := range []net.Addr{ln.Addr(), c.LocalAddr(), c.RemoteAddr(), s.LocalAddr(), s.RemoteAddr()} {
				d := describe(a, masks...)
				d = strings.ReplaceAll(d, "port="+lport, "port=LPORT")
				if cport != "" {
					d = strings.ReplaceAll(d, "port="+cport, "port=CPORT")
				}
				got[i] = append(got[i], d)
			}
			c.Close()
			s.Close()
			ln.Close()
		}
		assert.Equal(t, got[1], got[0], "%+v: (-std +netkit)", su)
	}
}
