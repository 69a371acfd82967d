package conn

import (
	"context"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// UnixConn is an implementation of the net.Conn interface for connections
// to Unix domain sockets: stream ("unix"), datagram ("unixgram") and
// sequenced-packet ("unixpacket"). A "unixgram" UnixConn is also a
// net.PacketConn (its datagram methods are in unixgram.go).
type UnixConn struct {
	conn
}

var (
	_ net.Conn     = (*UnixConn)(nil)
	_ net.Listener = (*UnixListener)(nil)
	_ syscall.Conn = (*UnixConn)(nil)
	_ syscall.Conn = (*UnixListener)(nil)
)

// ResolveUnixAddr returns an address of Unix domain socket end point.
//
// The network must be a Unix network name ("unix", "unixgram" or
// "unixpacket").
func ResolveUnixAddr(network, address string) (*addr.UnixAddr, error) {
	switch network {
	case "unix", "unixgram", "unixpacket":
		return &addr.UnixAddr{Name: address, Net: network}, nil
	}
	return nil, addr.UnknownNetworkError(network)
}

// SyscallConn returns a raw network connection. This implements the
// syscall.Conn interface.
func (c *UnixConn) SyscallConn() (syscall.RawConn, error) {
	return c.conn.SyscallConn()
}

// CloseRead shuts down the reading side of the Unix domain connection.
// Most callers should just use Close.
func (c *UnixConn) CloseRead() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeRead(); err != nil {
		return opError("close", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// CloseWrite shuts down the writing side of the Unix domain connection.
// Most callers should just use Close.
func (c *UnixConn) CloseWrite() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeWrite(); err != nil {
		return opError("close", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

func newUnixConn(fd *netFD) *UnixConn { return &UnixConn{conn{fd}} }

// DialUnix acts like Dial for Unix networks.
//
// The network must be a Unix network name; see func Dial for details.
//
// If laddr is non-nil, it is used as the local address for the
// connection.
func DialUnix(network string, laddr, raddr *addr.UnixAddr) (*UnixConn, error) {
	return dialUnix(context.Background(), nil, network, laddr, raddr)
}

func dialUnix(ctx context.Context, dialer *Dialer, network string, laddr, raddr *addr.UnixAddr) (*UnixConn, error) {
	switch network {
	case "unix", "unixgram", "unixpacket":
	default:
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: addr.UnknownNetworkError(network)}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if dialer != nil {
		sd.Dialer = *dialer
	}
	c, err := sd.dialUnix(ctx, laddr, raddr)
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

// UnixListener is a Unix domain socket listener. Clients should typically
// use variables of type net.Listener instead of assuming Unix domain
// sockets.
type UnixListener struct {
	fd         *netFD
	path       string
	unlink     bool
	unlinkOnce sync.Once
}

func (l *UnixListener) ok() bool { return l != nil && l.fd != nil }

// SyscallConn returns a raw network connection. This implements the
// syscall.Conn interface.
//
// The returned RawConn only supports calling Control. Read and Write
// return an error.
func (l *UnixListener) SyscallConn() (syscall.RawConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	return &rawListener{rawConn{l.fd}}, nil
}

// AcceptUnix accepts the next incoming call and returns the new
// connection.
func (l *UnixListener) AcceptUnix() (*UnixConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	c, err := l.accept()
	if err != nil {
		return nil, opError("accept", l.fd.net, nil, l.fd.laddr, err)
	}
	return c, nil
}

// Accept implements the Accept method in the net.Listener interface.
// Returned connections will be of type *UnixConn.
func (l *UnixListener) Accept() (net.Conn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	c, err := l.accept()
	if err != nil {
		return nil, opError("accept", l.fd.net, nil, l.fd.laddr, err)
	}
	return c, nil
}

func (l *UnixListener) accept() (*UnixConn, error) {
	fd, err := l.fd.accept()
	if err != nil {
		return nil, err
	}
	return newUnixConn(fd), nil
}

// Close stops listening on the Unix address. Already accepted connections
// are not closed. Unless SetUnlinkOnClose(false) was called, the socket
// file of a listener created by Listen or ListenUnix is removed (an
// abstract "@name" has no file).
func (l *UnixListener) Close() error {
	if !l.ok() {
		return syscall.EINVAL
	}
	l.unlinkOnce.Do(func() {
		if l.unlink && l.path != "" && l.path[0] != '@' {
			os.Remove(l.path)
		}
	})
	if err := l.fd.Close(); err != nil {
		return opError("close", l.fd.net, nil, l.fd.laddr, err)
	}
	return nil
}

// Addr returns the listener's network address. The Addr returned is
// shared by all invocations of Addr, so do not modify it.
func (l *UnixListener) Addr() net.Addr { return l.fd.laddr }

// SetDeadline sets the deadline associated with the listener. A zero time
// value disables the deadline.
func (l *UnixListener) SetDeadline(t time.Time) error {
	if !l.ok() {
		return syscall.EINVAL
	}
	return l.fd.SetDeadline(t)
}

// File returns a copy of the underlying os.File. It is the caller's
// responsibility to close f when finished. Closing l does not affect f,
// and closing f does not affect l.
//
// The returned os.File's file descriptor is different from the
// listener's and in blocking mode; the listener is in blocking mode
// afterwards too (see TCPListener.File).
func (l *UnixListener) File() (f *os.File, err error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	f, err = l.fd.dup()
	if err != nil {
		err = opError("file", l.fd.net, nil, l.fd.laddr, err)
	}
	return
}

// SetUnlinkOnClose sets whether the underlying socket file should be
// removed from the file system when the listener is closed.
//
// The default behavior is to unlink the socket file only when the listener
// was created by Listen or ListenUnix (not by FileListener).
func (l *UnixListener) SetUnlinkOnClose(unlink bool) {
	l.unlink = unlink
}

// ListenUnix acts like Listen for Unix networks.
//
// The network must be "unix" or "unixpacket".
func ListenUnix(network string, laddr *addr.UnixAddr) (*UnixListener, error) {
	switch network {
	case "unix", "unixpacket":
	default:
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: addr.UnknownNetworkError(network)}
	}
	if laddr == nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	ln, err := sl.listenUnix(context.Background(), laddr)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return ln, nil
}
