package conn_test

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/netkit-go/netkit/conn"
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
