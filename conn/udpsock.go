package conn

import (
	"context"
	"net"
	"net/netip"
	"syscall"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
)

// UDPConn is the implementation of the net.Conn and net.PacketConn
// interfaces for UDP network connections.
//
// Every failing method returns an *addr.OpError with the standard
// library's Op ("read", "write", "set", "close", ...), Net, Source and Addr;
// the cause is an *os.SyscallError around the errno, net.ErrClosed after
// Close, a deadline error (Timeout() == true, errors.Is
// os.ErrDeadlineExceeded), ErrWriteToConnected, or an *addr.AddrError.
// Methods on a zero UDPConn (one not made by this package) return
// syscall.EINVAL, as the stdlib's do.
//
// On Linux the AddrPort methods (ReadFromUDPAddrPort, WriteToUDPAddrPort,
// ReadMsgUDPAddrPort, WriteMsgUDPAddrPort) and Read/Write on a connected
// conn allocate nothing; ReadFromUDP allocates only the returned IP, like
// the stdlib's. All methods are safe for concurrent use.
type UDPConn struct {
	conn
}

var (
	_ net.Conn       = (*UDPConn)(nil)
	_ net.PacketConn = (*UDPConn)(nil)
)

func newUDPConn(fd *netFD) *UDPConn { return &UDPConn{conn{fd}} }

// addrPortUDPAddr is a netip.AddrPort-based UDP address that satisfies the
// net.Addr interface, for the errors of the AddrPort methods.
type addrPortUDPAddr struct {
	netip.AddrPort
}

// Network returns "udp".
func (addrPortUDPAddr) Network() string { return "udp" }

// ReadFromUDP acts like ReadFrom but returns a *addr.UDPAddr.
func (c *UDPConn) ReadFromUDP(b []byte) (int, *addr.UDPAddr, error) {
	// Small enough to be inlined, so that the UDPAddr can live in the
	// caller's frame when it does not escape there (as in the stdlib).
	return c.readFromUDPInto(b, &addr.UDPAddr{})
}

func (c *UDPConn) readFromUDPInto(b []byte, a *addr.UDPAddr) (int, *addr.UDPAddr, error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, a, err := c.readFromUDP(b, a)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, a, err
}

// ReadFrom implements the net.PacketConn ReadFrom method. The address is
// a *addr.UDPAddr; it is nil (an untyped nil net.Addr) on error.
func (c *UDPConn) ReadFrom(b []byte) (int, net.Addr, error) {
	n, a, err := c.readFromUDPInto(b, &addr.UDPAddr{})
	if a == nil {
		return n, nil, err
	}
	return n, a, err
}

// ReadFromUDPAddrPort acts like ReadFrom but returns a netip.AddrPort.
//
// If c is bound to an unspecified address, the returned netip.AddrPort's
// address might be an IPv4-mapped IPv6 address. Use netip.Addr.Unmap to get
// the address without the IPv6 prefix.
func (c *UDPConn) ReadFromUDPAddrPort(b []byte) (n int, a netip.AddrPort, err error) {
	if !c.ok() {
		return 0, netip.AddrPort{}, syscall.EINVAL
	}
	n, a, err = c.readFromAddrPort(b)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, a, err
}

// ReadMsgUDP reads a message from c, copying the payload into b and the
// associated out-of-band data (control messages, see package sockopt for
// IP_PKTINFO and friends) into oob. It returns the number of bytes copied
// into b, the number of bytes copied into oob, the flags that were set on
// the message (MSG_TRUNC, MSG_CTRUNC, ...) and the source address of the
// message. The address is nil on error (the stdlib returns 0.0.0.0:0 there).
func (c *UDPConn) ReadMsgUDP(b, oob []byte) (n, oobn, flags int, a *addr.UDPAddr, err error) {
	var ap netip.AddrPort
	n, oobn, flags, ap, err = c.ReadMsgUDPAddrPort(b, oob)
	if ap.IsValid() {
		a = addr.UDPAddrFromAddrPort(ap)
	}
	return n, oobn, flags, a, err
}

// ReadMsgUDPAddrPort is like ReadMsgUDP but returns a netip.AddrPort
// (the zero AddrPort on error).
func (c *UDPConn) ReadMsgUDPAddrPort(b, oob []byte) (n, oobn, flags int, a netip.AddrPort, err error) {
	if !c.ok() {
		return 0, 0, 0, netip.AddrPort{}, syscall.EINVAL
	}
	n, oobn, flags, a, err = c.readMsg(b, oob)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, oobn, flags, a, err
}

// WriteToUDP acts like WriteTo but takes a *addr.UDPAddr.
func (c *UDPConn) WriteToUDP(b []byte, a *addr.UDPAddr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(b, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return n, err
}

// WriteToUDPAddrPort acts like WriteTo but takes a netip.AddrPort. On a
// "udp4" socket an IPv4-mapped IPv6 address is sent to as the IPv4 address
// it maps (as WriteToUDP does with a 16-byte IP; the stdlib's
// WriteToUDPAddrPort refuses it as a non-IPv4 address).
func (c *UDPConn) WriteToUDPAddrPort(b []byte, a netip.AddrPort) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeToAddrPort(b, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, addrPortUDPAddr{a}, err)
	}
	return n, err
}

// WriteTo implements the net.PacketConn WriteTo method. a must be a
// *addr.UDPAddr (anything else is syscall.EINVAL); on a connected
// (dialed) conn WriteTo fails with ErrWriteToConnected.
func (c *UDPConn) WriteTo(b []byte, a net.Addr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	ua, ok := a.(*addr.UDPAddr)
	if !ok {
		return 0, opError("write", c.fd.net, c.fd.laddr, a, syscall.EINVAL)
	}
	n, err := c.writeTo(b, ua)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(ua), err)
	}
	return n, err
}

// WriteMsgUDP writes a message to a if c is not connected, or to c's
// remote address if c is connected (in which case a must be nil). The
// payload is copied from b and the associated out-of-band data (control
// messages) from oob. It returns the number of payload and out-of-band
// bytes written.
func (c *UDPConn) WriteMsgUDP(b, oob []byte, a *addr.UDPAddr) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsg(b, oob, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return n, oobn, err
}

// WriteMsgUDPAddrPort is like WriteMsgUDP but takes a netip.AddrPort (the
// zero AddrPort on a connected conn).
func (c *UDPConn) WriteMsgUDPAddrPort(b, oob []byte, a netip.AddrPort) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsgAddrPort(b, oob, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, addrPortUDPAddr{a}, err)
	}
	return n, oobn, err
}

// DialUDP acts like Dial for UDP networks.
//
// The network must be a UDP network name ("udp", "udp4" or "udp6"); see
// Dial for details. If laddr is nil, a local address is automatically
// chosen. If the IP field of raddr is nil or an unspecified IP address,
// the local system is assumed.
//
// The returned conn is connected: Write and Read exchange datagrams with
// raddr only, and WriteTo/WriteToUDP/WriteMsgUDP with an address fail
// with ErrWriteToConnected.
func DialUDP(network string, laddr, raddr *addr.UDPAddr) (*UDPConn, error) {
	return dialUDP(context.Background(), nil, network, laddr, raddr)
}

func dialUDP(ctx context.Context, d *Dialer, network string, laddr, raddr *addr.UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: addr.UnknownNetworkError(network)}
	}
	if raddr == nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: nil, Err: errMissingAddress}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if d != nil {
		sd.Dialer = *d
	}
	c, err := sd.dialUDP(ctx, laddr, raddr)
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

// ListenUDP acts like ListenPacket for UDP networks.
//
// The network must be a UDP network name ("udp", "udp4" or "udp6"). If
// the IP field of laddr is nil or an unspecified IP address, ListenUDP
// listens on all available IP addresses of the local system except
// multicast IP addresses; "udp" then listens dual-stack where the kernel
// allows it. If the Port field of laddr is 0, a port number is
// automatically chosen.
//
// A multicast laddr binds the wildcard address with SO_REUSEADDR, as the
// stdlib does, so that several sockets can share the group's port; it
// does not join the group (see ListenMulticastUDP).
func ListenUDP(network string, laddr *addr.UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: addr.UnknownNetworkError(network)}
	}
	if laddr == nil {
		laddr = &addr.UDPAddr{}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	c, err := sl.listenUDP(context.Background(), laddr)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return c, nil
}

// ListenMulticastUDP acts like ListenPacket for UDP networks but takes a
// group address on a specific network interface.
//
// The network must be a UDP network name ("udp", "udp4" or "udp6").
//
// ListenMulticastUDP listens on all available IP addresses of the local
// system including the group, multicast IP address: the socket is bound
// to the wildcard address and gaddr's port with SO_REUSEADDR, so that
// several listeners (in this or other processes) can share the group and
// port, and then joins the group. If ifi is nil, ListenMulticastUDP uses
// the system-assigned multicast interface (the route to the group),
// although this is not recommended because the assignment depends on
// platforms and sometimes it might require routing configuration; with an
// ifi it also sends through ifi (IP_MULTICAST_IF / IPV6_MULTICAST_IF).
// If the Port field of gaddr is 0, a port number is automatically chosen.
//
// ListenMulticastUDP turns multicast loopback off on the returned socket
// (IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP set to 0), as the stdlib does:
// datagrams this socket sends to a group are not delivered back to
// listeners on the same host. Datagrams from other sockets (on this host
// with loopback on, or from other hosts) are received as usual.
//
// ListenMulticastUDP is just for convenience of simple, small
// applications. For anything more (several groups, source-specific
// multicast, per-packet interface info) use ListenUDP with a multicast or
// wildcard address and the sockopt package's JoinGroupIPv4/JoinGroupIPv6
// on the conn's SyscallConn.
func ListenMulticastUDP(network string, ifi *iface.Interface, gaddr *addr.UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: addr.UnknownNetworkError(network)}
	}
	if gaddr == nil || gaddr.IP == nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: gaddr.String()}
	c, err := sl.listenMulticastUDP(context.Background(), ifi, gaddr)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: err}
	}
	return c, nil
}

// ResolveUDPAddr returns an address of UDP end point.
//
// The network must be a UDP network name ("udp", "udp4" or "udp6"; ""
// means "udp").
//
// If the host in the address parameter is not a literal IP address or
// the port is not a literal port number, ResolveUDPAddr resolves the
// address to an address of UDP end point. Otherwise, it parses the address
// as a pair of literal IP address and port number. The address parameter
// can use a host name, but this is not recommended, because it will
// return at most one of the host name's IP addresses.
//
// See func Dial for a description of the network and address parameters.
func ResolveUDPAddr(network, address string) (*addr.UDPAddr, error) {
	switch network {
	case "udp", "udp4", "udp6":
	case "": // a hint wildcard for Go 1.0 undocumented behavior
		network = "udp"
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), network, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(network, address).(*addr.UDPAddr), nil
}

// DialUDP acts like Dial for UDP networks using the provided context.
//
// The provided Context must be non-nil. If the context expires before the
// connection is complete, an error is returned. Once successfully
// connected, any expiration of the context will not affect the connection.
//
// The network must be a UDP network name; see func Dial for details. As in
// the stdlib, a zero (invalid) AddrPort is the unspecified address with
// port 0: a zero laddr lets the system choose, a zero raddr means the
// local system.
func (d *Dialer) DialUDP(ctx context.Context, network string, laddr, raddr netip.AddrPort) (*UDPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialUDP(ctx, d, network, addr.UDPAddrFromAddrPort(laddr), addr.UDPAddrFromAddrPort(raddr))
}
