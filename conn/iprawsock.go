package conn

import (
	"context"
	"net"
	"net/netip"
	"syscall"

	"github.com/netkit-go/netkit/addr"
)

// IPConn is the implementation of the net.Conn and net.PacketConn
// interfaces for raw IP network connections ("ip4:icmp", "ip6:58", ...).
// Raw sockets need privileges (root or CAP_NET_RAW on Linux).
//
// # IPv4 headers
//
// The stdlib documents a bug: on "ip4" its ReadFrom and ReadFromIP strip
// the IPv4 header while Read and ReadMsgIP return it, and whether a
// complete packet comes back depends on the platform. netkit has one
// contract on every OS instead: on an "ip4" IPConn every read method
// (Read, ReadFrom, ReadFromIP and ReadMsgIP) returns the IP payload
// only, never the IPv4 header, just as "ip6" sockets always do (the kernel
// delivers IPv6 payloads without their header).
//
// On Linux the fixed 20-byte header is received into a buffer of the conn,
// not into b, so all of b is available to the payload: a payload of
// len(b) bytes is returned complete (a packet carrying IPv4 options, which
// is rare, needs room for the options too, up to 40 bytes). On the BSDs
// and macOS the header is received into b and then removed, so there b
// needs 20 to 60 bytes of room beyond the payload. A b too short for the
// payload truncates it, as a short buffer truncates any datagram.
//
// Header fields you may need come as control messages through ReadMsgIP:
// the destination address and interface with IP_PKTINFO
// (sockopt.SetReceivePacketInfoIPv4, sockopt.ParsePacketInfo), TTL and TOS
// with IP_RECVTTL and IP_RECVTOS set on SyscallConn. Writes take the
// payload only; the kernel builds the header.
type IPConn struct {
	conn
	ip4 *ip4RecvOp // receive state of "ip4" sockets
}

var (
	_ net.Conn       = (*IPConn)(nil)
	_ net.PacketConn = (*IPConn)(nil)
)

func newIPConn(fd *netFD) *IPConn {
	c := &IPConn{conn: conn{fd}}
	if fd.isIPv4Raw() {
		c.ip4 = newIP4RecvOp()
	}
	return c
}

// Read implements the net.Conn Read method. On "ip4" it returns the IP
// payload without the IPv4 header (see "IPv4 headers" above).
func (c *IPConn) Read(b []byte) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	if !c.fd.isIPv4Raw() {
		return c.conn.Read(b)
	}
	n, _, _, _, err := c.recvIPv4(b, nil)
	if err != nil {
		return n, opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, nil
}

// ReadFromIP acts like ReadFrom but returns an *addr.IPAddr.
func (c *IPConn) ReadFromIP(b []byte) (int, *addr.IPAddr, error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, a, err := c.readFrom(b)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, a, err
}

// ReadFrom implements the net.PacketConn ReadFrom method. The address is
// an *addr.IPAddr, nil on error. On "ip4" it returns the IP payload without
// the IPv4 header (see "IPv4 headers" above).
func (c *IPConn) ReadFrom(b []byte) (int, net.Addr, error) {
	n, a, err := c.ReadFromIP(b)
	if a == nil {
		return n, nil, err
	}
	return n, a, err
}

// ReadMsgIP reads a message from c, copying the payload into b and the
// associated out-of-band data (control messages) into oob. It returns the
// number of bytes copied into b, the number of bytes copied into oob, the
// flags that were set on the message and the source address of the
// message. On "ip4" the payload comes without the IPv4 header (see "IPv4
// headers" above; the stdlib returns the header here).
func (c *IPConn) ReadMsgIP(b, oob []byte) (n, oobn, flags int, a *addr.IPAddr, err error) {
	if !c.ok() {
		return 0, 0, 0, nil, syscall.EINVAL
	}
	n, oobn, flags, a, err = c.readMsg(b, oob)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, oobn, flags, a, err
}

// WriteToIP acts like WriteTo but takes an *addr.IPAddr.
func (c *IPConn) WriteToIP(b []byte, a *addr.IPAddr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(b, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return n, err
}

// WriteTo implements the net.PacketConn WriteTo method. a must be an
// *addr.IPAddr (anything else is syscall.EINVAL); on a connected (dialed)
// conn WriteTo fails with ErrWriteToConnected.
func (c *IPConn) WriteTo(b []byte, a net.Addr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	ia, ok := a.(*addr.IPAddr)
	if !ok {
		return 0, opError("write", c.fd.net, c.fd.laddr, a, syscall.EINVAL)
	}
	n, err := c.writeTo(b, ia)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(ia), err)
	}
	return n, err
}

// WriteMsgIP writes a message to a via c, copying the payload from b and
// the associated out-of-band data from oob. It returns the number of
// payload and out-of-band bytes written.
func (c *IPConn) WriteMsgIP(b, oob []byte, a *addr.IPAddr) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsg(b, oob, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return n, oobn, err
}

// DialIP acts like Dial for IP networks.
//
// The network must be an IP network name followed by a colon and a
// protocol number or name, as in "ip4:1", "ip4:icmp" or "ip6:ipv6-icmp".
//
// If laddr is nil, a local address is automatically chosen. If the IP
// field of raddr is nil or an unspecified IP address, the local system is
// assumed.
func DialIP(network string, laddr, raddr *addr.IPAddr) (*IPConn, error) {
	return dialIP(context.Background(), nil, network, laddr, raddr)
}

func dialIP(ctx context.Context, d *Dialer, network string, laddr, raddr *addr.IPAddr) (*IPConn, error) {
	if raddr == nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: nil, Err: errMissingAddress}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if d != nil {
		sd.Dialer = *d
	}
	c, err := sd.dialIP(ctx, laddr, raddr)
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

// ListenIP acts like ListenPacket for IP networks.
//
// The network must be an IP network name followed by a colon and a
// protocol number or name, as in "ip4:1", "ip4:icmp" or "ip6:ipv6-icmp".
//
// If the IP field of laddr is nil or an unspecified IP address, ListenIP
// listens on all available IP addresses of the local system except
// multicast IP addresses.
func ListenIP(network string, laddr *addr.IPAddr) (*IPConn, error) {
	if laddr == nil {
		laddr = &addr.IPAddr{}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	c, err := sl.listenIP(context.Background(), laddr)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return c, nil
}

// ResolveIPAddr returns an address of IP end point.
//
// The network must be an IP network name ("ip", "ip4" or "ip6", with or
// without a ":protocol" suffix; "" means "ip").
//
// If the host in the address parameter is not a literal IP address,
// ResolveIPAddr resolves the address to an address of IP end point.
// Otherwise, it parses the address as a literal IP address. The address
// parameter can use a host name, but this is not recommended, because it
// will return at most one of the host name's IP addresses.
func ResolveIPAddr(network, address string) (*addr.IPAddr, error) {
	if network == "" { // a hint wildcard for Go 1.0 undocumented behavior
		network = "ip"
	}
	afnet, _, err := parseNetwork(network, false)
	if err != nil {
		return nil, err
	}
	switch afnet {
	case "ip", "ip4", "ip6":
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), afnet, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(network, address).(*addr.IPAddr), nil
}

// DialIP acts like Dial for IP networks using the provided context.
//
// The provided Context must be non-nil. If the context expires before the
// connection is complete, an error is returned. Once successfully
// connected, any expiration of the context will not affect the connection.
//
// The network must be an IP network name; see func Dial for details. As in
// the stdlib, a zero (invalid) netip.Addr is the unspecified address: a
// zero laddr lets the system choose, a zero raddr means the local system.
func (d *Dialer) DialIP(ctx context.Context, network string, laddr, raddr netip.Addr) (*IPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialIP(ctx, d, network, ipAddrFromNetip(laddr), ipAddrFromNetip(raddr))
}

// ipAddrFromNetip converts a as the stdlib does: never nil, a nil IP for
// the zero Addr.
func ipAddrFromNetip(a netip.Addr) *addr.IPAddr {
	return &addr.IPAddr{IP: a.AsSlice(), Zone: a.Zone()}
}
