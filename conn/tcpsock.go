package conn

import (
	"context"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// TCPConn is an implementation of the net.Conn interface for TCP network
// connections.
type TCPConn struct {
	conn
}

var (
	_ net.Conn                        = (*TCPConn)(nil)
	_ io.ReaderFrom                   = (*TCPConn)(nil)
	_ io.WriterTo                     = (*TCPConn)(nil)
	_ syscall.Conn                    = (*TCPConn)(nil)
	_ net.Listener                    = (*TCPListener)(nil)
	_ syscall.Conn                    = (*TCPListener)(nil)
	_ interface{ CloseWrite() error } = (*TCPConn)(nil)
)

// KeepAliveConfig contains TCP keep-alive options.
//
// If the Idle, Interval, or Count fields are zero, a default value is
// chosen. If a field is negative, the corresponding socket-level option
// will be left unchanged.
//
// Note that prior to Windows 10 version 1709, neither setting Idle and
// Interval separately nor changing Count (which is usually 10) is
// supported. Therefore, it's recommended to set both Idle and Interval to
// non-negative values in conjunction with a -1 for Count on those old
// Windows if you intend to customize the TCP keep-alive settings. By
// contrast, if only one of Idle and Interval is set to a non-negative
// value, the other will be set to the system default value, and
// ultimately, set both Idle and Interval to negative values if you want
// to leave them unchanged.
type KeepAliveConfig struct {
	// If Enable is true, keep-alive probes are enabled.
	Enable bool

	// Idle is the time that the connection must be idle before the first
	// keep-alive probe is sent. If zero, a default value of 15 seconds is
	// used.
	Idle time.Duration

	// Interval is the time between keep-alive probes. If zero, a default
	// value of 15 seconds is used.
	Interval time.Duration

	// Count is the maximum number of keep-alive probes that can go
	// unanswered before dropping a connection. If zero, a default value of
	// 9 is used.
	Count int
}

// ResolveTCPAddr returns an address of TCP end point.
//
// The network must be a TCP network name.
//
// If the host in the address parameter is not a literal IP address or the
// port is not a literal port number, ResolveTCPAddr resolves the address
// to an address of TCP end point. Otherwise, it parses the address as a
// pair of literal IP address and port number. The address parameter can
// use a host name, but this is not recommended, because it will return at
// most one of the host name's IP addresses.
//
// See func Dial for a description of the network and address parameters.
func ResolveTCPAddr(network, address string) (*addr.TCPAddr, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	case "": // a hint wildcard for Go 1.0 undocumented behavior
		network = "tcp"
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), network, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(network, address).(*addr.TCPAddr), nil
}

// SyscallConn returns a raw network connection. This implements the
// syscall.Conn interface.
func (c *TCPConn) SyscallConn() (syscall.RawConn, error) {
	return c.conn.SyscallConn()
}

// ReadFrom implements the io.ReaderFrom ReadFrom method.
//
// On Linux, reading from an *os.File (or an io.LimitedReader around one)
// uses sendfile(2), and reading from another TCPConn (or a Unix stream
// UnixConn) uses splice(2), so the data never enters user space.
func (c *TCPConn) ReadFrom(r io.Reader) (int64, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.readFrom(r)
	if err != nil && err != io.EOF {
		err = opError("readfrom", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, err
}

// WriteTo implements the io.WriterTo WriteTo method.
//
// On Linux, writing to another netkit TCPConn or Unix stream UnixConn uses
// splice(2).
func (c *TCPConn) WriteTo(w io.Writer) (int64, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(w)
	if err != nil && err != io.EOF {
		err = opError("writeto", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, err
}

// CloseRead shuts down the reading side of the TCP connection
// (shutdown(2) with SHUT_RD). Most callers should just use Close.
func (c *TCPConn) CloseRead() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeRead(); err != nil {
		return opError("close", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// CloseWrite shuts down the writing side of the TCP connection
// (shutdown(2) with SHUT_WR). Most callers should just use Close.
func (c *TCPConn) CloseWrite() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.closeWrite(); err != nil {
		return opError("close", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// SetLinger sets the behavior of Close on a connection which still has
// data waiting to be sent or to be acknowledged (SO_LINGER).
//
// If sec < 0 (the default), the operating system finishes sending the data
// in the background.
//
// If sec == 0, the operating system discards any unsent or unacknowledged
// data.
//
// If sec > 0, the data is sent in the background as with sec < 0. On some
// operating systems including Linux, this may cause Close to block until
// all data has been sent or discarded. On some operating systems after sec
// seconds have elapsed any remaining unsent data may be discarded.
func (c *TCPConn) SetLinger(sec int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setLinger(c.fd, sec); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// SetKeepAlive sets whether the operating system should send keep-alive
// messages on the connection (SO_KEEPALIVE).
func (c *TCPConn) SetKeepAlive(keepalive bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setKeepAlive(c.fd, keepalive); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// SetKeepAlivePeriod sets the duration the connection needs to remain
// idle before TCP starts sending keepalive probes (TCP_KEEPIDLE, rounded
// up to whole seconds). Zero means the 15 s default; a negative value
// leaves the setting unchanged.
func (c *TCPConn) SetKeepAlivePeriod(d time.Duration) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setKeepAliveIdle(c.fd, d); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// SetKeepAliveConfig configures keep-alive messages sent by the operating
// system: SO_KEEPALIVE, then TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT
// (zero fields take the defaults, negative ones are left unchanged).
func (c *TCPConn) SetKeepAliveConfig(config KeepAliveConfig) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setKeepAlive(c.fd, config.Enable); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	if err := setKeepAliveIdle(c.fd, config.Idle); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	if err := setKeepAliveInterval(c.fd, config.Interval); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	if err := setKeepAliveCount(c.fd, config.Count); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// SetNoDelay controls whether the operating system should delay packet
// transmission in hopes of sending fewer packets (Nagle's algorithm,
// TCP_NODELAY). The default is true (no delay), meaning that data is sent
// as soon as possible after a Write.
func (c *TCPConn) SetNoDelay(noDelay bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setNoDelay(c.fd, noDelay); err != nil {
		return opError("set", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return nil
}

// MultipathTCP reports whether the ongoing connection is using MPTCP.
//
// If Multipath TCP is not supported by the host, by the other peer or
// intentionally / accidentally filtered out by a device in between, a
// fallback to TCP will be done. This method does its best to check if
// MPTCP is still being used or not.
//
// On Linux, more conditions are verified on kernels >= v5.16, improving
// the results.
func (c *TCPConn) MultipathTCP() (bool, error) {
	if !c.ok() {
		return false, syscall.EINVAL
	}
	return isUsingMultipathTCP(c.fd), nil
}

// newTCPConn wraps an established socket: TCP_NODELAY on, then keep-alive
// as the Dialer or ListenConfig asks (KeepAlive 0 = 15 s, negative = off,
// unless KeepAliveConfig.Enable).
func newTCPConn(fd *netFD, keepAliveIdle time.Duration, keepAliveCfg KeepAliveConfig) *TCPConn {
	setNoDelay(fd, true)
	if !keepAliveCfg.Enable && keepAliveIdle >= 0 {
		keepAliveCfg = KeepAliveConfig{Enable: true, Idle: keepAliveIdle}
	}
	c := &TCPConn{conn{fd}}
	if keepAliveCfg.Enable {
		c.SetKeepAliveConfig(keepAliveCfg)
	}
	return c
}

// DialTCP acts like Dial for TCP networks.
//
// The network must be a TCP network name; see func Dial for details.
//
// If laddr is nil, a local address is automatically chosen. If the IP
// field of raddr is nil or an unspecified IP address, the local system is
// assumed.
func DialTCP(network string, laddr, raddr *addr.TCPAddr) (*TCPConn, error) {
	return dialTCP(context.Background(), nil, network, laddr, raddr)
}

func dialTCP(ctx context.Context, dialer *Dialer, network string, laddr, raddr *addr.TCPAddr) (*TCPConn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: addr.UnknownNetworkError(network)}
	}
	if raddr == nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: nil, Err: errMissingAddress}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if dialer != nil {
		sd.Dialer = *dialer
	}
	var (
		c   *TCPConn
		err error
	)
	if sd.MultipathTCP() {
		c, err = sd.dialMPTCP(ctx, laddr, raddr)
	} else {
		c, err = sd.dialTCP(ctx, laddr, raddr)
	}
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

// TCPListener is a TCP network listener. Clients should typically use
// variables of type net.Listener instead of assuming TCP.
type TCPListener struct {
	fd *netFD
	lc ListenConfig
}

func (l *TCPListener) ok() bool { return l != nil && l.fd != nil }

// SyscallConn returns a raw network connection. This implements the
// syscall.Conn interface.
//
// The returned RawConn only supports calling Control. Read and Write
// return an error.
func (l *TCPListener) SyscallConn() (syscall.RawConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	return &rawListener{rawConn{l.fd}}, nil
}

// AcceptTCP accepts the next incoming call and returns the new connection.
func (l *TCPListener) AcceptTCP() (*TCPConn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	c, err := l.accept()
	if err != nil {
		return nil, opError("accept", l.fd.net, nil, l.fd.laddr, err)
	}
	return c, nil
}

// Accept implements the Accept method in the net.Listener interface; it
// waits for the next call and returns a generic net.Conn.
func (l *TCPListener) Accept() (net.Conn, error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	c, err := l.accept()
	if err != nil {
		return nil, opError("accept", l.fd.net, nil, l.fd.laddr, err)
	}
	return c, nil
}

func (l *TCPListener) accept() (*TCPConn, error) {
	fd, err := l.fd.accept()
	if err != nil {
		return nil, err
	}
	return newTCPConn(fd, l.lc.KeepAlive, l.lc.KeepAliveConfig), nil
}

// Close stops listening on the TCP address. Already Accepted connections
// are not closed; a blocked Accept returns an error wrapping
// net.ErrClosed.
func (l *TCPListener) Close() error {
	if !l.ok() {
		return syscall.EINVAL
	}
	if err := l.fd.Close(); err != nil {
		return opError("close", l.fd.net, nil, l.fd.laddr, err)
	}
	return nil
}

// Addr returns the listener's network address, a *addr.TCPAddr. The Addr
// returned is shared by all invocations of Addr, so do not modify it.
func (l *TCPListener) Addr() net.Addr { return l.fd.laddr }

// SetDeadline sets the deadline associated with the listener. A zero time
// value disables the deadline.
func (l *TCPListener) SetDeadline(t time.Time) error {
	if !l.ok() {
		return syscall.EINVAL
	}
	return l.fd.SetDeadline(t)
}

// File returns a copy of the underlying os.File. It is the caller's
// responsibility to close f when finished. Closing l does not affect f,
// and closing f does not affect l.
//
// File sets the underlying socket to blocking mode and returns a copy: a
// file descriptor different from the listener's, in blocking mode, so
// that it can be handed to another process (exec.Cmd.ExtraFiles, socket
// activation) that expects an ordinary blocking socket. The two
// descriptors share one open file description, so afterwards the
// listener is in blocking mode too and its deadlines may stop working,
// as with the standard library once the copy's Fd method has been called;
// FileConn, FileListener and FilePacketConn put the socket back in
// non-blocking mode. The file is named as the standard library names it
// ("tcp:127.0.0.1:5000->" for a listener). Attempting to change
// properties of the original using this duplicate may or may not have the
// desired effect.
func (l *TCPListener) File() (f *os.File, err error) {
	if !l.ok() {
		return nil, syscall.EINVAL
	}
	f, err = l.fd.dup()
	if err != nil {
		return nil, opError("file", l.fd.net, nil, l.fd.laddr, err)
	}
	return f, nil
}

// ListenTCP acts like Listen for TCP networks.
//
// The network must be a TCP network name; see func Dial for details.
//
// If the IP field of laddr is nil or an unspecified IP address, ListenTCP
// listens on all available unicast and anycast IP addresses of the local
// system. If the Port field of laddr is 0, a port number is automatically
// chosen.
func ListenTCP(network string, laddr *addr.TCPAddr) (*TCPListener, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: addr.UnknownNetworkError(network)}
	}
	if laddr == nil {
		laddr = &addr.TCPAddr{}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	var (
		ln  *TCPListener
		err error
	)
	if sl.MultipathTCP() {
		ln, err = sl.listenMPTCP(context.Background(), laddr)
	} else {
		ln, err = sl.listenTCP(context.Background(), laddr)
	}
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return ln, nil
}
