//go:build unix

package conn

import (
	"net"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

// Conversions between unix.Sockaddr and the netkit address types. A
// sockaddr of the wrong kind converts to an untyped nil Addr.

func sockaddrToTCP(sa unix.Sockaddr) net.Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &addr.TCPAddr{IP: addr.IP(sa.Addr[:]), Port: sa.Port}
	case *unix.SockaddrInet6:
		return &addr.TCPAddr{IP: addr.IP(sa.Addr[:]), Port: sa.Port, Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToUDP(sa unix.Sockaddr) net.Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &addr.UDPAddr{IP: addr.IP(sa.Addr[:]), Port: sa.Port}
	case *unix.SockaddrInet6:
		return &addr.UDPAddr{IP: addr.IP(sa.Addr[:]), Port: sa.Port, Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToIP(sa unix.Sockaddr) net.Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &addr.IPAddr{IP: addr.IP(sa.Addr[:])}
	case *unix.SockaddrInet6:
		return &addr.IPAddr{IP: addr.IP(sa.Addr[:]), Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToUnix(sa unix.Sockaddr) net.Addr {
	if s, ok := sa.(*unix.SockaddrUnix); ok {
		return &addr.UnixAddr{Name: s.Name, Net: "unix"}
	}
	return nil
}

func sockaddrToUnixgram(sa unix.Sockaddr) net.Addr {
	if s, ok := sa.(*unix.SockaddrUnix); ok {
		return &addr.UnixAddr{Name: s.Name, Net: "unixgram"}
	}
	return nil
}

func sockaddrToUnixpacket(sa unix.Sockaddr) net.Addr {
	if s, ok := sa.(*unix.SockaddrUnix); ok {
		return &addr.UnixAddr{Name: s.Name, Net: "unixpacket"}
	}
	return nil
}

// ipToSockaddrInet4 converts ip:port to an AF_INET sockaddr; an empty IP is
// the unspecified address.
func ipToSockaddrInet4(ip addr.IP, port int) (*unix.SockaddrInet4, error) {
	if len(ip) == 0 {
		ip = addr.IPv4zero
	}
	ip4 := ip.To4()
	if ip4 == nil {
		return nil, &addr.AddrError{Err: "non-IPv4 address", Addr: ip.String()}
	}
	sa := &unix.SockaddrInet4{Port: port}
	copy(sa.Addr[:], ip4)
	return sa, nil
}

// ipToSockaddrInet6 converts ip:port%zone to an AF_INET6 sockaddr; an empty
// IP or 0.0.0.0 is the IPv6 unspecified address.
func ipToSockaddrInet6(ip addr.IP, port int, zone string) (*unix.SockaddrInet6, error) {
	if len(ip) == 0 || ip.Equal(addr.IPv4zero) {
		ip = addr.IPv6zero
	}
	ip6 := ip.To16()
	if ip6 == nil {
		return nil, &addr.AddrError{Err: "non-IPv6 address", Addr: ip.String()}
	}
	sa := &unix.SockaddrInet6{Port: port, ZoneId: uint32(zoneIndex(zone))}
	copy(sa.Addr[:], ip6)
	return sa, nil
}

// ipToSockaddr converts an IP end point to a sockaddr of family.
func ipToSockaddr(family int, ip addr.IP, port int, zone string) (unix.Sockaddr, error) {
	switch family {
	case unix.AF_INET:
		return ipToSockaddrInet4(ip, port)
	case unix.AF_INET6:
		return ipToSockaddrInet6(ip, port, zone)
	}
	return nil, &addr.AddrError{Err: "invalid address family", Addr: ip.String()}
}

// toSockaddr converts a netkit address to a sockaddr of family; a nil
// address (or nil pointer) converts to a nil sockaddr without error.
func toSockaddr(a net.Addr, family int) (unix.Sockaddr, error) {
	switch a := a.(type) {
	case *addr.TCPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, a.Port, a.Zone)
	case *addr.UDPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, a.Port, a.Zone)
	case *addr.IPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, 0, a.Zone)
	case *addr.UnixAddr:
		if a == nil {
			return nil, nil
		}
		return &unix.SockaddrUnix{Name: a.Name}, nil
	case nil:
		return nil, nil
	}
	return nil, &addr.AddrError{Err: "unexpected address type", Addr: a.String()}
}

// addrFamily returns the address family a socket for a needs: AF_INET for
// a nil, empty or IPv4 (incl. IPv4-mapped) IP, AF_INET6 otherwise, and
// AF_UNIX for Unix addresses.
func addrFamily(a net.Addr) int {
	var ip addr.IP
	switch a := a.(type) {
	case *addr.TCPAddr:
		if a != nil {
			ip = a.IP
		}
	case *addr.UDPAddr:
		if a != nil {
			ip = a.IP
		}
	case *addr.IPAddr:
		if a != nil {
			ip = a.IP
		}
	case *addr.UnixAddr:
		return unix.AF_UNIX
	}
	if len(ip) <= addr.IPv4len || ip.To4() != nil {
		return unix.AF_INET
	}
	return unix.AF_INET6
}
