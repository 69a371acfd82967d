package conn_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"reflect"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkOpError walks the wrapping chain of err and fails t unless it has
// the shape of the standard library's errors for op: an *addr.OpError with
// that Op, a known network, no typed-nil addresses, and inside it one of
// the leaf errors the standard library uses (an *os.SyscallError around a
// syscall.Errno, net.ErrClosed, a deadline or cancel error, an address,
// parse, network or DNS error). Nested OpErrors appear only where the
// standard library nests them (readfrom/writeto around write/read).
func checkOpError(t testing.TB, err error, op string) {
	t.Helper()
	if err := opErrorShape(err, op); err != nil {
		t.Errorf("error %v (%T): %v", errText(err), errTypeChain(err), err)
	}
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// errTypeChain lists the types along err's Unwrap chain.
func errTypeChain(err error) []string {
	var types []string
	for err != nil {
		types = append(types, reflect.TypeOf(err).String())
		err = errors.Unwrap(err)
	}
	return types
}

type shapeError string

func (e shapeError) Error() string { return string(e) }

func opErrorShape(err error, op string) error {
	oe, ok := err.(*addr.OpError)
	if !ok {
		return shapeError("not an *addr.OpError")
	}
	if oe.Op != op {
		return shapeError("Op = " + strconv.Quote(oe.Op) + ", want " + strconv.Quote(op))
	}
	if oe.Net == "" {
		return shapeError("empty Net")
	}
	for _, a := range []addr.Addr{oe.Source, oe.Addr} {
		if a == nil {
			continue
		}
		if v := reflect.ValueOf(a); v.Kind() == reflect.Pointer && v.IsNil() {
			return shapeError("typed nil address " + v.Type().String())
		}
	}
	if oe.Err == nil {
		return shapeError("nil Err")
	}
	inner := oe.Err
	if nested, ok := inner.(*addr.OpError); ok {
		switch op {
		case "readfrom", "writeto":
			return opErrorShape(nested, nestedOp(op))
		}
		return shapeError("nested *addr.OpError")
	}
	return leafShape(inner)
}

func nestedOp(op string) string {
	if op == "readfrom" {
		return "write"
	}
	return "read"
}

// leafShape accepts the errors the standard library puts inside OpError.
func leafShape(err error) error {
	switch e := err.(type) {
	case *os.SyscallError:
		if _, ok := e.Err.(syscall.Errno); !ok {
			return shapeError("SyscallError around " + reflect.TypeOf(e.Err).String())
		}
		return nil
	case *addr.AddrError, addr.UnknownNetworkError, *addr.ParseError, addr.InvalidAddrError, *resolver.DNSError, syscall.Errno:
		return nil
	}
	switch {
	case err == net.ErrClosed, err == io.ErrUnexpectedEOF, err == conn.ErrWriteToConnected:
		return nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil
	case errors.Is(err, context.Canceled) && err.Error() == "operation was canceled":
		return nil
	case errors.Is(err, context.DeadlineExceeded) && err.Error() == "i/o timeout":
		return nil
	case err.Error() == "missing address", err.Error() == "no suitable address found":
		return nil
	}
	return shapeError("unexpected leaf " + reflect.TypeOf(err).String())
}

// freePort returns a loopback TCP port with no listener.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// TestDifferentialDialListenErrors makes the same failing calls with
// netkit and the standard library and wants the same error text, the same
// error kind, and a well-formed netkit error.
func TestDifferentialDialListenErrors(t *testing.T) {
	closed := strconv.Itoa(freePort(t))
	busy, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	busyAddr := busy.Addr().String()
	missingSock := sockPath(t)

	type call struct {
		name string
		op   string // Op of the netkit error; "" for a non-OpError
		nk   func() error
		std  func() error
	}
	dial := func(network, address string) call {
		return call{"Dial " + network + " " + address, "dial",
			func() error { c, err := conn.Dial(network, address); closeIf(c); return err },
			func() error { c, err := net.Dial(network, address); closeIf(c); return err }}
	}
	listen := func(network, address string) call {
		return call{"Listen " + network + " " + address, "listen",
			func() error { l, err := conn.Listen(network, address); closeIf(l); return err },
			func() error { l, err := net.Listen(network, address); closeIf(l); return err }}
	}
	calls := []call{
		dial("tcp7", "127.0.0.1:1"),
		dial("tcp", ""),
		dial("tcp", "127.0.0.1"),
		dial("tcp", "127.0.0.1:99999"),
		dial("tcp", "127.0.0.1:-1"),
		dial("tcp", "[::1"),
		dial("tcp", "1.2.3.4.5:80"+"x"),
		dial("tcp", "127.0.0.1:"+closed),
		dial("tcp4", "127.0.0.1:"+closed),
		dial("tcp6", "127.0.0.1:"+closed),
		dial("tcp4", "[::1]:"+closed),
		dial("unix", missingSock),
		dial("unixpacket", missingSock),
		dial("unix", ""),
		dial("ip4:nosuchproto", "127.0.0.1"),
		dial("ip", "127.0.0.1"),
		listen("tcp", busyAddr),
		listen("tcp4", busyAddr),
		listen("udp", "127.0.0.1:0"),
		listen("tcp", "127.0.0.1:99999"),
		listen("unix", "/nonexistent-netkit-dir/sock"),
		listen("bogus", ":0"),
		{"DialTCP nil raddr", "dial",
			func() error { c, err := conn.DialTCP("tcp", nil, nil); closeIf(c); return err },
			func() error { c, err := net.DialTCP("tcp", nil, nil); closeIf(c); return err }},
		{"DialTCP udp", "dial",
			func() error {
				c, err := conn.DialTCP("udp", nil, &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 1})
				closeIf(c)
				return err
			},
			func() error {
				c, err := net.DialTCP("udp", nil, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1})
				closeIf(c)
				return err
			}},
		{"ListenTCP udp", "listen",
			func() error { l, err := conn.ListenTCP("udp", nil); closeIf(l); return err },
			func() error { l, err := net.ListenTCP("udp", nil); closeIf(l); return err }},
		{"ListenUnix nil", "listen",
			func() error { l, err := conn.ListenUnix("unix", nil); closeIf(l); return err },
			func() error { l, err := net.ListenUnix("unix", nil); closeIf(l); return err }},
		{"ListenUnix tcp", "listen",
			func() error {
				l, err := conn.ListenUnix("tcp", &addr.UnixAddr{Name: "x", Net: "tcp"})
				closeIf(l)
				return err
			},
			func() error {
				l, err := net.ListenUnix("tcp", &net.UnixAddr{Name: "x", Net: "tcp"})
				closeIf(l)
				return err
			}},
		{"DialUnix missing", "dial",
			func() error {
				c, err := conn.DialUnix("unix", nil, &addr.UnixAddr{Name: missingSock, Net: "unix"})
				closeIf(c)
				return err
			},
			func() error {
				c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: missingSock, Net: "unix"})
				closeIf(c)
				return err
			}},
		{"Dialer LocalAddr mismatch", "dial",
			func() error {
				d := conn.Dialer{LocalAddr: &addr.UnixAddr{Name: "x", Net: "unix"}}
				c, err := d.Dial("tcp", "127.0.0.1:"+closed)
				closeIf(c)
				return err
			},
			func() error {
				d := net.Dialer{LocalAddr: &net.UnixAddr{Name: "x", Net: "unix"}}
				c, err := d.Dial("tcp", "127.0.0.1:"+closed)
				closeIf(c)
				return err
			}},
		{"Dialer LocalAddr family", "dial",
			func() error {
				d := conn.Dialer{LocalAddr: &addr.TCPAddr{IP: addr.IPv6loopback}}
				c, err := d.Dial("tcp", "127.0.0.1:"+closed)
				closeIf(c)
				return err
			},
			func() error {
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv6loopback}}
				c, err := d.Dial("tcp", "127.0.0.1:"+closed)
				closeIf(c)
				return err
			}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			nkErr, stdErr := c.nk(), c.std()
			require.Error(t, stdErr, "the standard library succeeded")
			require.Error(t, nkErr, "netkit succeeded where the standard library failed with %v", stdErr)
			assert.Equal(t, stdErr.Error(), nkErr.Error())
			assert.Equal(t, errKinds(stdErr), errKinds(nkErr), "error kinds along the chain")
			checkOpError(t, nkErr, c.op)
		})
	}
}

// errKinds names the error kinds along the chain in a way comparable
// between net and netkit (net.OpError and addr.OpError are both "OpError").
func errKinds(err error) []string {
	var kinds []string
	for err != nil {
		tp := reflect.TypeOf(err)
		for tp.Kind() == reflect.Pointer {
			tp = tp.Elem()
		}
		kinds = append(kinds, tp.Name())
		err = errors.Unwrap(err)
	}
	return kinds
}

func closeIf(c io.Closer) {
	if c != nil && !reflect.ValueOf(c).IsNil() {
		c.Close()
	}
}

// TestDifferentialResolveAddr compares Resolve*Addr on literal input.
func TestDifferentialResolveAddr(t *testing.T) {
	tcp := []struct{ network, address string }{
		{"tcp", "127.0.0.1:80"}, {"tcp", "[::1]:80"}, {"tcp4", "1.2.3.4:0"}, {"tcp6", "[2001:db8::1]:65535"},
		{"tcp", ":80"}, {"tcp", ""}, {"tcp", "[::]:0"}, {"tcp", "0.0.0.0:1"}, {"tcp", "[fe80::1%1]:53"},
		{"tcp", "[::ffff:1.2.3.4]:7"}, {"", "127.0.0.1:9"}, {"tcp", "127.0.0.1:+80"},
		{"tcp4", "[::1]:80"}, {"tcp6", "127.0.0.1:80"}, {"tcp", "127.0.0.1:65536"}, {"tcp", "127.0.0.1"},
		{"udp", "127.0.0.1:1"}, {"tcp", "[::1]80"},
	}
	for _, c := range tcp {
		nk, nkErr := conn.ResolveTCPAddr(c.network, c.address)
		std, stdErr := net.ResolveTCPAddr(c.network, c.address)
		if stdErr != nil {
			if assert.Error(t, nkErr, "ResolveTCPAddr(%q, %q)", c.network, c.address) {
				assert.Equal(t, stdErr.Error(), nkErr.Error(), "ResolveTCPAddr(%q, %q)", c.network, c.address)
			}
			continue
		}
		if assert.NoError(t, nkErr, "ResolveTCPAddr(%q, %q)", c.network, c.address) {
			assert.Equal(t, std.String(), nk.String(), "ResolveTCPAddr(%q, %q)", c.network, c.address)
			assert.Equal(t, []byte(std.IP), []byte(nk.IP), "IP of ResolveTCPAddr(%q, %q)", c.network, c.address)
			assert.Equal(t, std.Port, nk.Port)
			assert.Equal(t, std.Zone, nk.Zone)
		}
	}
	for _, c := range []struct{ network, address string }{
		{"unix", "/tmp/s"}, {"unixgram", "@abstract"}, {"unixpacket", ""}, {"tcp", "/tmp/s"},
	} {
		nk, nkErr := conn.ResolveUnixAddr(c.network, c.address)
		std, stdErr := net.ResolveUnixAddr(c.network, c.address)
		if stdErr != nil {
			if assert.Error(t, nkErr) {
				assert.Equal(t, stdErr.Error(), nkErr.Error())
			}
			continue
		}
		require.NoError(t, nkErr)
		assert.Equal(t, std.Name, nk.Name)
		assert.Equal(t, std.Net, nk.Net)
	}
}

// TestConnErrorShapes checks the errors of operations on a live and a
// closed connection.
func TestConnErrorShapes(t *testing.T) {
	for _, network := range []string{"tcp4", "unix"} {
		t.Run(network, func(t *testing.T) {
			c1, c2, stop := streamPair(t, network)
			defer stop()

			require.NoError(t, c1.SetReadDeadline(time.Now().Add(10*time.Millisecond)))
			_, err := c1.Read(make([]byte, 1))
			checkOpError(t, err, "read")
			assert.True(t, errors.Is(err, os.ErrDeadlineExceeded))
			var ne net.Error
			require.True(t, errors.As(err, &ne))
			assert.True(t, ne.Timeout())

			require.NoError(t, c2.Close())
			_, err = c2.Write([]byte("x"))
			checkOpError(t, err, "write")
			assert.True(t, errors.Is(err, net.ErrClosed), "write after close: %v", err)
			_, err = c2.Read(make([]byte, 1))
			checkOpError(t, err, "read")
			assert.True(t, errors.Is(err, net.ErrClosed), "read after close: %v", err)
			err = c2.Close()
			checkOpError(t, err, "close")
			assert.True(t, errors.Is(err, net.ErrClosed), "second close: %v", err)
			err = c2.SetDeadline(time.Now())
			checkOpError(t, err, "set")
			assert.True(t, errors.Is(err, net.ErrClosed))
			_, err = c2.(interface{ File() (*os.File, error) }).File()
			checkOpError(t, err, "file")
			rc, err := c2.(syscall.Conn).SyscallConn()
			require.NoError(t, err)
			err = rc.Control(func(uintptr) {})
			checkOpError(t, err, "raw-control")
			assert.True(t, errors.Is(err, net.ErrClosed))

			// The peer sees EOF, bare.
			require.NoError(t, c1.SetReadDeadline(time.Time{}))
			_, err = c1.Read(make([]byte, 1))
			assert.Equal(t, io.EOF, err)
		})
	}
}

// TestReadBlockedDuringClose: a Read blocked when Close runs returns an
// error wrapping net.ErrClosed, as the standard library's does.
func TestReadBlockedDuringClose(t *testing.T) {
	c1, _, stop := streamPair(t, "tcp4")
	defer stop()
	errc := make(chan error, 1)
	go func() {
		_, err := c1.Read(make([]byte, 1))
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, c1.Close())
	select {
	case err := <-errc:
		checkOpError(t, err, "read")
		assert.True(t, errors.Is(err, net.ErrClosed), "%v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("Read still blocked 5s after Close")
	}
}

// TestListenerErrorShapes: Accept on a closed listener and a listener
// deadline.
func TestListenerErrorShapes(t *testing.T) {
	for _, network := range []string{"tcp4", "unix"} {
		t.Run(network, func(t *testing.T) {
			ln := listenStream(t, network)
			type deadliner interface{ SetDeadline(time.Time) error }
			require.NoError(t, ln.(deadliner).SetDeadline(time.Now().Add(10*time.Millisecond)))
			_, err := ln.Accept()
			checkOpError(t, err, "accept")
			assert.True(t, errors.Is(err, os.ErrDeadlineExceeded))
			require.NoError(t, ln.Close())
			_, err = ln.Accept()
			checkOpError(t, err, "accept")
			assert.True(t, errors.Is(err, net.ErrClosed))
			err = ln.Close()
			checkOpError(t, err, "close")
		})
	}
}
