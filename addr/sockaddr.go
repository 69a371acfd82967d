package addr

import (
	"net/netip"
	"strconv"
)

// Addr represents a network end point address. It has the method set of
// the standard library's net.Addr, so every netkit address is a net.Addr.
type Addr interface {
	Network() string // name of the network (for example, "tcp", "udp")
	String() string  // string form of address (for example, "192.0.2.1:25", "[2001:db8::1]:80")
}

// Compile-time checks that the address types implement Addr.
var (
	_ Addr = (*IPAddr)(nil)
	_ Addr = (*TCPAddr)(nil)
	_ Addr = (*UDPAddr)(nil)
	_ Addr = (*UnixAddr)(nil)
	_ Addr = (*IPNet)(nil)
)

// IPAddr represents the address of an IP end point.
type IPAddr struct {
	IP   IP
	Zone string // IPv6 scoped addressing zone
}

// Network returns the address's network name, "ip".
func (a *IPAddr) Network() string { return "ip" }

// String returns the IP, followed by "%zone" when Zone is set;
// "<nil>" for a nil a.
func (a *IPAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	ip := ipEmptyString(a.IP)
	if a.Zone != "" {
		return ip + "%" + a.Zone
	}
	return ip
}

// TCPAddr represents the address of a TCP end point.
type TCPAddr struct {
	IP   IP
	Port int
	Zone string // IPv6 scoped addressing zone
}

// Network returns the address's network name, "tcp".
func (a *TCPAddr) Network() string { return "tcp" }

// String returns "host:port" ("[host%zone]:port" for IPv6); a nil or
// empty IP gives ":port", and a nil a gives "<nil>".
func (a *TCPAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	return hostPortString(a.IP, a.Zone, a.Port)
}

// AddrPort returns the TCPAddr a as a netip.AddrPort.
//
// If a.Port does not fit in a uint16, it's silently truncated.
//
// If a is nil, a zero value is returned. As in the standard library, a
// 16-byte IPv4-mapped IP gives an IPv4-mapped IPv6 netip.Addr; use
// [IP.NetipAddr] for a conversion that keeps IPv4 as IPv4.
func (a *TCPAddr) AddrPort() netip.AddrPort {
	if a == nil {
		return netip.AddrPort{}
	}
	na, _ := netip.AddrFromSlice(a.IP)
	na = na.WithZone(a.Zone)
	return netip.AddrPortFrom(na, uint16(a.Port))
}

// TCPAddrFromAddrPort returns addr as a TCPAddr. If addr.IsValid() is
// false, then the returned TCPAddr will contain a nil IP field,
// indicating an address family-agnostic unspecified address.
func TCPAddrFromAddrPort(addr netip.AddrPort) *TCPAddr {
	return &TCPAddr{
		IP:   addr.Addr().AsSlice(),
		Zone: addr.Addr().Zone(),
		Port: int(addr.Port()),
	}
}

// UDPAddr represents the address of a UDP end point.
type UDPAddr struct {
	IP   IP
	Port int
	Zone string // IPv6 scoped addressing zone
}

// Network returns the address's network name, "udp".
func (a *UDPAddr) Network() string { return "udp" }

// String returns "host:port" ("[host%zone]:port" for IPv6); a nil or
// empty IP gives ":port", and a nil a gives "<nil>".
func (a *UDPAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	return hostPortString(a.IP, a.Zone, a.Port)
}

// AddrPort returns the UDPAddr a as a netip.AddrPort.
//
// If a.Port does not fit in a uint16, it's silently truncated.
//
// If a is nil, a zero value is returned. As in the standard library, a
// 16-byte IPv4-mapped IP gives an IPv4-mapped IPv6 netip.Addr; use
// [IP.NetipAddr] for a conversion that keeps IPv4 as IPv4.
func (a *UDPAddr) AddrPort() netip.AddrPort {
	if a == nil {
		return netip.AddrPort{}
	}
	na, _ := netip.AddrFromSlice(a.IP)
	na = na.WithZone(a.Zone)
	return netip.AddrPortFrom(na, uint16(a.Port))
}

// UDPAddrFromAddrPort returns addr as a UDPAddr. If addr.IsValid() is
// false, then the returned UDPAddr will contain a nil IP field,
// indicating an address family-agnostic unspecified address.
func UDPAddrFromAddrPort(addr netip.AddrPort) *UDPAddr {
	return &UDPAddr{
		IP:   addr.Addr().AsSlice(),
		Zone: addr.Addr().Zone(),
		Port: int(addr.Port()),
	}
}

// UnixAddr represents the address of a Unix domain socket end point.
type UnixAddr struct {
	Name string
	Net  string
}

// Network returns the address's network name, "unix", "unixgram" or
// "unixpacket" (the Net field). Unlike net.UnixAddr's, it is nil-safe:
// a nil a gives "".
func (a *UnixAddr) Network() string {
	if a == nil {
		return ""
	}
	return a.Net
}

// String returns a.Name, or "<nil>" for a nil a.
func (a *UnixAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	return a.Name
}

// ipEmptyString is like ip.String except that it returns an empty
// string for an empty IP.
func ipEmptyString(ip IP) string {
	if len(ip) == 0 {
		return ""
	}
	return ip.String()
}

// hostPortString formats the host:port text of a TCP or UDP address the
// way the standard library does: JoinHostPort(ip[%zone], port).
func hostPortString(ip IP, zone string, port int) string {
	if len(ip) != 0 && len(ip) != IPv4len && len(ip) != IPv6len {
		// Rare: "?hex" text; no fast path.
		host := ip.String()
		if zone != "" {
			host += "%" + zone
		}
		return JoinHostPort(host, strconv.Itoa(port))
	}
	var buf [64]byte
	b := buf[:0]
	bracket := len(ip) != 0 && ip.To4() == nil || hasColon(zone)
	if bracket {
		b = append(b, '[')
	}
	if len(ip) != 0 {
		b = ip.appendTo(b)
	}
	if zone != "" {
		b = append(b, '%')
		b = append(b, zone...)
	}
	if bracket {
		b = append(b, ']')
	}
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(port), 10)
	return string(b)
}

func hasColon(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return true
		}
	}
	return false
}
