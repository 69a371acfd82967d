//go:build unix

package conn

import (
	"context"
	"net/netip"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

// isIPv4Raw reports whether fd is an AF_INET raw socket, whose reads the
// kernel prefixes with the IPv4 header.
func (fd *netFD) isIPv4Raw() bool {
	return fd.family == unix.AF_INET && fd.sotype == unix.SOCK_RAW
}

// sockaddrToIPAddr converts an IP sockaddr to an *addr.IPAddr with its own
// copy of the address bytes; nil for anything else.
func sockaddrToIPAddr(sa unix.Sockaddr) *addr.IPAddr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		ip := make(addr.IP, addr.IPv4len)
		copy(ip, sa.Addr[:])
		return &addr.IPAddr{IP: ip}
	case *unix.SockaddrInet6:
		ip := make(addr.IP, addr.IPv6len)
		copy(ip, sa.Addr[:])
		return &addr.IPAddr{IP: ip, Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func (c *IPConn) readFrom(b []byte) (int, *addr.IPAddr, error) {
	if c.fd.isIPv4Raw() {
		n, _, _, src, err := c.recvIPv4(b, nil)
		if err != nil {
			return n, nil, err
		}
		return n, netipToIPAddr(src), nil
	}
	n, sa, err := c.fd.readFrom(b)
	if err != nil {
		return n, nil, err
	}
	return n, sockaddrToIPAddr(sa), nil
}

func (c *IPConn) readMsg(b, oob []byte) (n, oobn, flags int, a *addr.IPAddr, err error) {
	if c.fd.isIPv4Raw() {
		var src netip.Addr
		n, oobn, flags, src, err = c.recvIPv4(b, oob)
		if err != nil {
			return n, oobn, flags, nil, err
		}
		return n, oobn, flags, netipToIPAddr(src), nil
	}
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, 0)
	if err != nil {
		return n, oobn, flags, nil, err
	}
	return n, oobn, flags, sockaddrToIPAddr(sa), nil
}

// netipToIPAddr converts the source of an "ip4" packet.
func netipToIPAddr(ip netip.Addr) *addr.IPAddr {
	if !ip.Is4() {
		return nil
	}
	v4 := ip.As4()
	a := &addr.IPAddr{IP: make(addr.IP, addr.IPv4len)}
	copy(a.IP, v4[:])
	return a
}

func (c *IPConn) writeTo(b []byte, a *addr.IPAddr) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if a == nil {
		return 0, errMissingAddress
	}
	sa, err := ipToSockaddr(c.fd.family, a.IP, 0, a.Zone)
	if err != nil {
		return 0, err
	}
	return c.fd.writeTo(b, sa)
}

func (c *IPConn) writeMsg(b, oob []byte, a *addr.IPAddr) (n, oobn int, err error) {
	if c.fd.isConnected {
		return 0, 0, ErrWriteToConnected
	}
	if a == nil {
		return 0, 0, errMissingAddress
	}
	sa, err := ipToSockaddr(c.fd.family, a.IP, 0, a.Zone)
	if err != nil {
		return 0, 0, err
	}
	return c.fd.writeMsg(b, oob, sa)
}

// ipNetwork splits an "ip4:icmp"-style network into the family part and
// the protocol number, refusing anything that is not an IP network.
func ipNetwork(network string) (string, int, error) {
	afnet, proto, err := parseNetwork(network, true)
	if err != nil {
		return "", 0, err
	}
	switch afnet {
	case "ip", "ip4", "ip6":
		return afnet, proto, nil
	}
	return "", 0, addr.UnknownNetworkError(network)
}

func (sd *sysDialer) dialIP(ctx context.Context, laddr, raddr *addr.IPAddr) (*IPConn, error) {
	afnet, proto, err := ipNetwork(sd.network)
	if err != nil {
		return nil, err
	}
	fd, err := internetSocket(ctx, afnet, laddr, raddr, unix.SOCK_RAW, proto, "dial", sd.Dialer.ctrl())
	if err != nil {
		return nil, err
	}
	return newIPConn(fd), nil
}

func (sl *sysListener) listenIP(ctx context.Context, laddr *addr.IPAddr) (*IPConn, error) {
	afnet, proto, err := ipNetwork(sl.network)
	if err != nil {
		return nil, err
	}
	fd, err := internetSocket(ctx, afnet, laddr, nil, unix.SOCK_RAW, proto, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	return newIPConn(fd), nil
}
