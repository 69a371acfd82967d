package addr_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
)

// Every netkit error satisfies net.Error.
var (
	_ net.Error  = (*addr.OpError)(nil)
	_ net.Error  = (*addr.ParseError)(nil)
	_ net.Error  = (*addr.AddrError)(nil)
	_ net.Error  = addr.UnknownNetworkError("")
	_ net.Error  = addr.InvalidAddrError("")
	_ addr.Error = (*addr.OpError)(nil)
	_ net.Addr   = (*addr.TCPAddr)(nil)
)

// wrappedErrs are the Err values an OpError carries in practice.
var wrappedErrs = []error{
	syscall.ETIMEDOUT,
	syscall.EAGAIN,
	syscall.EINTR,
	syscall.EMFILE,
	syscall.ECONNRESET,
	syscall.ECONNABORTED,
	syscall.ECONNREFUSED,
	os.NewSyscallError("read", syscall.ECONNRESET),
	os.NewSyscallError("accept", syscall.ECONNABORTED),
	os.NewSyscallError("connect", syscall.ETIMEDOUT),
	os.NewSyscallError("accept", syscall.EMFILE),
	os.ErrDeadlineExceeded,
	&os.PathError{Op: "open", Path: "/x", Err: syscall.EINTR},
	&os.PathError{Op: "open", Path: "", Err: syscall.EINTR},
	&os.LinkError{Op: "link", Old: "a", New: "b", Err: syscall.EMFILE},
	os.NewSyscallError("read", syscall.EINTR),
	os.NewSyscallError("read", syscall.EAGAIN),
	os.NewSyscallError("read", errors.New("")),
	context.DeadlineExceeded,
	context.Canceled,
	io.EOF,
	errors.New("connection reset by peer"),
	fmt.Errorf("wrapped: %w", syscall.EINTR),
	fmt.Errorf("wrapped: %w", syscall.ECONNRESET),
	&net.DNSError{Err: "no such host", Name: "x", IsTimeout: true, IsTemporary: true},
	&net.DNSError{Err: "no such host", Name: "x", IsNotFound: true},
	&addr.AddrError{Err: "bad", Addr: "x"},
}

func TestOpErrorMatchesNet(t *testing.T) {
	t.Parallel()
	srcs := []struct {
		g addr.Addr
		w net.Addr
	}{
		{nil, nil},
		{&addr.TCPAddr{IP: addr.IP{127, 0, 0, 1}, Port: 1}, &net.TCPAddr{IP: net.IP{127, 0, 0, 1}, Port: 1}},
	}
	dsts := []struct {
		g addr.Addr
		w net.Addr
	}{
		{nil, nil},
		{&addr.TCPAddr{IP: addr.ParseIP("::1"), Port: 80}, &net.TCPAddr{IP: net.ParseIP("::1"), Port: 80}},
		{&addr.UnixAddr{Name: "/tmp/s", Net: "unix"}, &net.UnixAddr{Name: "/tmp/s", Net: "unix"}},
	}
	for _, op := range []string{"read", "accept", "dial"} {
		for _, nw := range []string{"", "tcp"} {
			for _, s := range srcs {
				for _, d := range dsts {
					for _, err := range wrappedErrs {
						g := &addr.OpError{Op: op, Net: nw, Source: s.g, Addr: d.g, Err: err}
						w := &net.OpError{Op: op, Net: nw, Source: s.w, Addr: d.w, Err: err}
						assert.Equal(t, w.Error(), g.Error())
						assert.Equal(t, w.Timeout(), g.Timeout(), "Timeout: %s", w)
						assert.Equal(t, w.Temporary(), g.Temporary(), "Temporary: %s", w)
						assert.Equal(t, err, errors.Unwrap(g))
						assert.Equal(t, errors.Is(w, os.ErrDeadlineExceeded), errors.Is(g, os.ErrDeadlineExceeded))
					}
				}
			}
		}
	}
	assert.Equal(t, "<nil>", (*addr.OpError)(nil).Error())
}

func TestParseErrorMatchesNet(t *testing.T) {
	t.Parallel()
	for _, typ := range []string{"IP address", "CIDR address", ""} {
		g := &addr.ParseError{Type: typ, Text: "x/y"}
		w := &net.ParseError{Type: typ, Text: "x/y"}
		assert.Equal(t, w.Error(), g.Error())
		assert.Equal(t, w.Timeout(), g.Timeout())
		assert.Equal(t, w.Temporary(), g.Temporary())
	}
}

func TestAddrErrorMatchesNet(t *testing.T) {
	t.Parallel()
	for _, a := range []string{"", "1.2.3.4"} {
		g := &addr.AddrError{Err: "missing port in address", Addr: a}
		w := &net.AddrError{Err: "missing port in address", Addr: a}
		assert.Equal(t, w.Error(), g.Error())
		assert.Equal(t, w.Timeout(), g.Timeout())
		assert.Equal(t, w.Temporary(), g.Temporary())
	}
	assert.Equal(t, (*net.AddrError)(nil).Error(), (*addr.AddrError)(nil).Error())
}

func TestStringErrorsMatchNet(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "tcp7", "mptcp"} {
		g, w := addr.UnknownNetworkError(s), net.UnknownNetworkError(s)
		assert.Equal(t, w.Error(), g.Error())
		assert.Equal(t, w.Timeout(), g.Timeout())
		assert.Equal(t, w.Temporary(), g.Temporary())
		gi, wi := addr.InvalidAddrError(s), net.InvalidAddrError(s)
		assert.Equal(t, wi.Error(), gi.Error())
		assert.Equal(t, wi.Timeout(), gi.Timeout())
		assert.Equal(t, wi.Temporary(), gi.Temporary())
	}
}

func TestOpErrorNilErrPanics(t *testing.T) {
	t.Parallel()
	// As documented for net.OpError: Error panics if Err is nil.
	assert.Panics(t, func() { _ = (&addr.OpError{Op: "read"}).Error() })
}
