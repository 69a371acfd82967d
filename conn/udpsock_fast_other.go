//go:build unix && !(linux && !386 && !s390x)

package conn

import (
	"net/netip"

	"golang.org/x/sys/unix"
)

// udpOps is empty off Linux, and on linux/386 and linux/s390x (where
// socket calls may have to go through socketcall(2)): the datagram paths
// use the poller's ReadFrom and WriteTo, which allocate the unix.Sockaddr
// of each call.
type udpOps struct{}

func newUDPOps() *udpOps { return nil }

// recvFrom reads one datagram into b and returns its length and source.
func (c *UDPConn) recvFrom(b []byte) (int, netip.AddrPort, error) {
	n, sa, err := c.fd.readFrom(b)
	if err != nil {
		return n, netip.AddrPort{}, err
	}
	return n, sockaddrToAddrPort(sa), nil
}

// sendTo writes b as one datagram to ap, converted for the socket's family.
func (c *UDPConn) sendTo(b []byte, ap netip.AddrPort) (int, error) {
	sa, err := addrPortToSockaddr(c.fd.family, ap)
	if err != nil {
		return 0, err
	}
	return c.fd.writeTo(b, sa)
}

// recvMsg reads one datagram into b and its control messages into oob.
func (c *UDPConn) recvMsg(b, oob []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, 0)
	if err != nil {
		return n, oobn, flags, netip.AddrPort{}, err
	}
	return n, oobn, flags, sockaddrToAddrPort(sa), nil
}

// sendMsg writes b with the control messages oob to ap, or to the peer of
// a connected socket when ap is the zero AddrPort.
func (c *UDPConn) sendMsg(b, oob []byte, ap netip.AddrPort) (n, oobn int, err error) {
	var sa unix.Sockaddr
	if ap.IsValid() {
		if sa, err = addrPortToSockaddr(c.fd.family, ap); err != nil {
			return 0, 0, err
		}
	}
	return c.fd.writeMsg(b, oob, sa)
}

// sockaddrToAddrPort converts an IP sockaddr to a netip.AddrPort; any other
// sockaddr is the zero AddrPort.
func sockaddrToAddrPort(sa unix.Sockaddr) netip.AddrPort {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port))
	case *unix.SockaddrInet6:
		ip := netip.AddrFrom16(sa.Addr)
		if sa.ZoneId != 0 {
			ip = ip.WithZone(zoneName(int(sa.ZoneId)))
		}
		return netip.AddrPortFrom(ip, uint16(sa.Port))
	}
	return netip.AddrPort{}
}

// addrPortToSockaddr converts ap to a sockaddr of family: an IPv4 (or
// IPv4-mapped) address is needed for AF_INET; an IPv4 address becomes
// IPv4-mapped for AF_INET6.
func addrPortToSockaddr(family int, ap netip.AddrPort) (unix.Sockaddr, error) {
	ip := ap.Addr()
	switch family {
	case unix.AF_INET:
		if ip.Is4In6() {
			ip = ip.Unmap()
		}
		if !ip.Is4() {
			return nil, addrErrNonIPv4(ip)
		}
		return &unix.SockaddrInet4{Addr: ip.As4(), Port: int(ap.Port())}, nil
	case unix.AF_INET6:
		sa := &unix.SockaddrInet6{Addr: ip.As16(), Port: int(ap.Port())}
		if z := ip.Zone(); z != "" {
			sa.ZoneId = uint32(zoneIndex(z))
		}
		return sa, nil
	}
	return nil, addrErrFamily(ip)
}
