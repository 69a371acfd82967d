//go:build unix

package conn

import (
	"context"
	"net"
	"net/netip"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"golang.org/x/sys/unix"
)

// The datagram paths use the poller's Inet4/Inet6 variants, which take the
// peer address in a unix.SockaddrInet4/6 value owned by the caller (here, on
// the stack) instead of allocating a unix.Sockaddr per call: on Linux they
// allocate nothing.

// recvFrom reads one datagram into b and returns its length and source.
func (c *UDPConn) recvFrom(b []byte) (int, netip.AddrPort, error) {
	switch c.fd.family {
	case unix.AF_INET:
		var from unix.SockaddrInet4
		n, err := c.fd.pfd.ReadFromInet4(b, &from)
		if err != nil {
			return n, netip.AddrPort{}, mapPollErr(err)
		}
		return n, netip.AddrPortFrom(netip.AddrFrom4(from.Addr), uint16(from.Port)), nil
	case unix.AF_INET6:
		var from unix.SockaddrInet6
		n, err := c.fd.pfd.ReadFromInet6(b, &from)
		if err != nil {
			return n, netip.AddrPort{}, mapPollErr(err)
		}
		return n, inet6ToAddrPort(&from), nil
	}
	return 0, netip.AddrPort{}, unix.EAFNOSUPPORT
}

// sendTo writes b as one datagram to ap, converted for the socket's family.
func (c *UDPConn) sendTo(b []byte, ap netip.AddrPort) (int, error) {
	switch c.fd.family {
	case unix.AF_INET:
		var to unix.SockaddrInet4
		if err := addrPortToInet4(ap, &to); err != nil {
			return 0, err
		}
		n, err := c.fd.pfd.WriteToInet4(b, &to)
		return n, mapPollErr(err)
	case unix.AF_INET6:
		var to unix.SockaddrInet6
		addrPortToInet6(ap, &to)
		n, err := c.fd.pfd.WriteToInet6(b, &to)
		return n, mapPollErr(err)
	}
	return 0, addrErrFamily(ap.Addr())
}

// recvMsg reads one datagram into b and its control messages into oob.
func (c *UDPConn) recvMsg(b, oob []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	switch c.fd.family {
	case unix.AF_INET:
		var from unix.SockaddrInet4
		n, oobn, flags, err = c.fd.pfd.ReadMsgInet4(b, oob, 0, &from)
		if err != nil {
			return n, oobn, flags, netip.AddrPort{}, mapPollErr(err)
		}
		return n, oobn, flags, netip.AddrPortFrom(netip.AddrFrom4(from.Addr), uint16(from.Port)), nil
	case unix.AF_INET6:
		var from unix.SockaddrInet6
		n, oobn, flags, err = c.fd.pfd.ReadMsgInet6(b, oob, 0, &from)
		if err != nil {
			return n, oobn, flags, netip.AddrPort{}, mapPollErr(err)
		}
		return n, oobn, flags, inet6ToAddrPort(&from), nil
	}
	return 0, 0, 0, netip.AddrPort{}, unix.EAFNOSUPPORT
}

// sendMsg writes b with the control messages oob to ap, or to the peer of
// a connected socket when ap is the zero AddrPort.
func (c *UDPConn) sendMsg(b, oob []byte, ap netip.AddrPort) (n, oobn int, err error) {
	if !ap.IsValid() {
		return c.fd.writeMsg(b, oob, nil)
	}
	switch c.fd.family {
	case unix.AF_INET:
		var to unix.SockaddrInet4
		if err := addrPortToInet4(ap, &to); err != nil {
			return 0, 0, err
		}
		n, oobn, err = c.fd.pfd.WriteMsgInet4(b, oob, &to)
		return n, oobn, mapPollErr(err)
	case unix.AF_INET6:
		var to unix.SockaddrInet6
		addrPortToInet6(ap, &to)
		n, oobn, err = c.fd.pfd.WriteMsgInet6(b, oob, &to)
		return n, oobn, mapPollErr(err)
	}
	return 0, 0, addrErrFamily(ap.Addr())
}

// inet6ToAddrPort converts an AF_INET6 sockaddr, zone included.
func inet6ToAddrPort(sa *unix.SockaddrInet6) netip.AddrPort {
	ip := netip.AddrFrom16(sa.Addr)
	if sa.ZoneId != 0 {
		ip = ip.WithZone(zoneName(int(sa.ZoneId)))
	}
	return netip.AddrPortFrom(ip, uint16(sa.Port))
}

// addrPortToInet4 fills sa from ap, which must be an IPv4 (or IPv4-mapped)
// address.
func addrPortToInet4(ap netip.AddrPort, sa *unix.SockaddrInet4) error {
	ip := ap.Addr()
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if !ip.Is4() {
		return addrErrNonIPv4(ip)
	}
	sa.Addr, sa.Port = ip.As4(), int(ap.Port())
	return nil
}

// addrPortToInet6 fills sa from ap; an IPv4 address becomes IPv4-mapped.
func addrPortToInet6(ap netip.AddrPort, sa *unix.SockaddrInet6) {
	ip := ap.Addr()
	sa.Addr, sa.Port = ip.As16(), int(ap.Port())
	if z := ip.Zone(); z != "" {
		sa.ZoneId = uint32(zoneIndex(z))
	}
}

func addrErrNonIPv4(ip netip.Addr) error {
	return &addr.AddrError{Err: "non-IPv4 address", Addr: ip.String()}
}

func addrErrFamily(ip netip.Addr) error {
	return &addr.AddrError{Err: "invalid address family", Addr: ip.String()}
}

// udpAddrToAddrPort converts a for a socket of family with the stdlib's
// rules (those of ipToSockaddr): an empty IP is the unspecified address of
// the family; AF_INET needs an IPv4 (or IPv4-mapped) address, with the
// stdlib's error text otherwise.
func udpAddrToAddrPort(family int, a *addr.UDPAddr) (netip.AddrPort, error) {
	switch family {
	case unix.AF_INET:
		if len(a.IP) == 0 {
			return netip.AddrPortFrom(netip.IPv4Unspecified(), uint16(a.Port)), nil
		}
		ip4 := a.IP.To4()
		if ip4 == nil {
			return netip.AddrPort{}, &addr.AddrError{Err: "non-IPv4 address", Addr: a.IP.String()}
		}
		return netip.AddrPortFrom(netip.AddrFrom4([4]byte(ip4)), uint16(a.Port)), nil
	case unix.AF_INET6:
		ip := a.IP
		if len(ip) == 0 || ip.Equal(addr.IPv4zero) {
			ip = addr.IPv6zero
		}
		ip16 := ip.To16()
		if ip16 == nil {
			return netip.AddrPort{}, &addr.AddrError{Err: "non-IPv6 address", Addr: a.IP.String()}
		}
		na := netip.AddrFrom16([16]byte(ip16))
		if a.Zone != "" {
			na = na.WithZone(a.Zone)
		}
		return netip.AddrPortFrom(na, uint16(a.Port)), nil
	}
	return netip.AddrPort{}, &addr.AddrError{Err: "invalid address family", Addr: a.IP.String()}
}

// readFromUDP reads a datagram and fills a with its source; a is nil on
// error.
func (c *UDPConn) readFromUDP(b []byte, a *addr.UDPAddr) (int, *addr.UDPAddr, error) {
	n, ap, err := c.recvFrom(b)
	if err != nil {
		return n, nil, err
	}
	if !ap.IsValid() {
		return n, nil, nil // no sender address reported
	}
	ip := ap.Addr()
	if ip.Is4() {
		v4 := ip.As4()
		a.IP = make(addr.IP, addr.IPv4len)
		copy(a.IP, v4[:])
	} else {
		v6 := ip.As16()
		a.IP = make(addr.IP, addr.IPv6len)
		copy(a.IP, v6[:])
	}
	a.Port, a.Zone = int(ap.Port()), ip.Zone()
	return n, a, nil
}

func (c *UDPConn) readFromAddrPort(b []byte) (int, netip.AddrPort, error) {
	return c.recvFrom(b)
}

func (c *UDPConn) readMsg(b, oob []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	return c.recvMsg(b, oob)
}

func (c *UDPConn) writeTo(b []byte, a *addr.UDPAddr) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if a == nil {
		return 0, errMissingAddress
	}
	ap, err := udpAddrToAddrPort(c.fd.family, a)
	if err != nil {
		return 0, err
	}
	return c.sendTo(b, ap)
}

func (c *UDPConn) writeToAddrPort(b []byte, ap netip.AddrPort) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if !ap.IsValid() {
		return 0, errMissingAddress
	}
	return c.sendTo(b, ap)
}

func (c *UDPConn) writeMsg(b, oob []byte, a *addr.UDPAddr) (n, oobn int, err error) {
	if c.fd.isConnected && a != nil {
		return 0, 0, ErrWriteToConnected
	}
	if !c.fd.isConnected && a == nil {
		return 0, 0, errMissingAddress
	}
	var ap netip.AddrPort
	if a != nil {
		if ap, err = udpAddrToAddrPort(c.fd.family, a); err != nil {
			return 0, 0, err
		}
	}
	return c.sendMsg(b, oob, ap)
}

func (c *UDPConn) writeMsgAddrPort(b, oob []byte, ap netip.AddrPort) (n, oobn int, err error) {
	if c.fd.isConnected && ap.IsValid() {
		return 0, 0, ErrWriteToConnected
	}
	if !c.fd.isConnected && !ap.IsValid() {
		return 0, 0, errMissingAddress
	}
	return c.sendMsg(b, oob, ap)
}

// dialPacket dials the UDP or raw IP end point ra for Dialer.DialContext;
// the caller wraps the error in an *OpError.
func (sd *sysDialer) dialPacket(ctx context.Context, la, ra net.Addr) (net.Conn, error) {
	switch ra := ra.(type) {
	case *addr.UDPAddr:
		la, _ := la.(*addr.UDPAddr)
		return sd.dialUDP(ctx, la, ra)
	case *addr.IPAddr:
		la, _ := la.(*addr.IPAddr)
		return sd.dialIP(ctx, la, ra)
	}
	return nil, &addr.AddrError{Err: "unexpected address type", Addr: sd.address}
}

// listenPacket listens on the UDP or raw IP end point la for
// ListenConfig.ListenPacket; the caller wraps the error.
func (sl *sysListener) listenPacket(ctx context.Context, la net.Addr) (net.PacketConn, error) {
	switch la := la.(type) {
	case *addr.UDPAddr:
		return sl.listenUDP(ctx, la)
	case *addr.IPAddr:
		return sl.listenIP(ctx, la)
	}
	return nil, &addr.AddrError{Err: "unexpected address type", Addr: sl.address}
}

func (sd *sysDialer) dialUDP(ctx context.Context, laddr, raddr *addr.UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_DGRAM, 0, "dial", sd.Dialer.ctrl())
	if err != nil {
		return nil, err
	}
	return newUDPConn(fd), nil
}

func (sl *sysListener) listenUDP(ctx context.Context, laddr *addr.UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sl.network, laddr, nil, unix.SOCK_DGRAM, 0, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	return newUDPConn(fd), nil
}

func (sl *sysListener) listenMulticastUDP(ctx context.Context, ifi *iface.Interface, gaddr *addr.UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sl.network, gaddr, nil, unix.SOCK_DGRAM, 0, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	c := newUDPConn(fd)
	if ip4 := gaddr.IP.To4(); ip4 != nil {
		err = joinIPv4Multicast(fd, ifi, ip4)
	} else {
		err = joinIPv6Multicast(fd, ifi, gaddr.IP)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}
