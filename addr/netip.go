package addr

import "net/netip"

// Conversions between this package's slice types and net/netip's value
// types. Unlike netip.AddrFromSlice applied to a 16-byte IPv4-mapped IP
// (which ParseIP returns for every IPv4 address), these keep an IPv4
// address IPv4: IP{::ffff:192.0.2.1}.NetipAddr() is 192.0.2.1, which
// equals netip.MustParseAddr("192.0.2.1"). The IP type cannot tell
// "192.0.2.1" from "::ffff:192.0.2.1" (both parse to the same bytes, and
// IP.String prints both as "192.0.2.1"), so neither conversion loses
// anything IP can express.

// IPFromNetipAddr returns a as an IP: 4 bytes for an IPv4 address, 16 bytes
// for an IPv6 address (including an IPv4-mapped one), nil for the zero
// Addr. The zone, which IP cannot hold, is dropped; use
// [IPAddrFromNetipAddr] to keep it.
func IPFromNetipAddr(a netip.Addr) IP {
	if !a.IsValid() {
		return nil
	}
	if a.Is4() {
		b := a.As4()
		return IP(b[:])
	}
	b := a.As16()
	return IP(b[:])
}

// NetipAddr returns ip as a netip.Addr. An IPv4 address, in its 4-byte or
// 16-byte (IPv4-mapped) form, becomes an IPv4 Addr (Is4 is true); any other
// 16-byte ip becomes an IPv6 Addr. ok is false, and the Addr the zero
// value, when ip is neither 4 nor 16 bytes long.
//
// The result's String equals ip.String().
func (ip IP) NetipAddr() (a netip.Addr, ok bool) {
	if p4 := ip.To4(); p4 != nil {
		return netip.AddrFrom4([4]byte(p4)), true
	}
	if len(ip) == IPv6len {
		return netip.AddrFrom16([16]byte(ip)), true
	}
	return netip.Addr{}, false
}

// IPAddrFromNetipAddr returns a as an *IPAddr, with IPFromNetipAddr's IP and
// a's zone.
func IPAddrFromNetipAddr(a netip.Addr) *IPAddr {
	return &IPAddr{IP: IPFromNetipAddr(a), Zone: a.Zone()}
}

// NetipAddr returns a as a netip.Addr carrying a.Zone (for IPv6
// addresses; netip keeps no zone on IPv4). ok is false for a nil a or an IP
// of the wrong length.
func (a *IPAddr) NetipAddr() (netip.Addr, bool) {
	if a == nil {
		return netip.Addr{}, false
	}
	na, ok := a.IP.NetipAddr()
	if ok && na.Is6() {
		na = na.WithZone(a.Zone)
	}
	return na, ok
}

// IPNetFromNetipPrefix returns p as an *IPNet, or nil for an invalid p. An
// IPv4 prefix gives a 4-byte IP and mask, an IPv6 prefix (including an
// IPv4-mapped one) 16-byte ones. The address is kept as is, host bits
// included, so IPNetFromNetipPrefix(p).String() == p.String() for IPv4 and
// non-mapped IPv6 prefixes; call p.Masked() first for the network number.
func IPNetFromNetipPrefix(p netip.Prefix) *IPNet {
	if !p.IsValid() {
		return nil
	}
	ip := IPFromNetipAddr(p.Addr())
	return &IPNet{IP: ip, Mask: CIDRMask(p.Bits(), 8*len(ip))}
}

// NetipPrefix returns n as a netip.Prefix, read the way IPNet.Contains and
// IPNet.String read it: an IPv4 address (4-byte or IPv4-mapped) gives an
// IPv4 prefix, with a 16-byte mask's last four bytes. The address keeps its
// host bits. ok is false for a nil n, a mask that is not ones followed by
// zeros, or an IP and mask that do not fit together.
//
// For every n with a canonical mask, the result's String equals n.String().
func (n *IPNet) NetipPrefix() (p netip.Prefix, ok bool) {
	if n == nil {
		return netip.Prefix{}, false
	}
	nn, m := networkNumberAndMask(n)
	if nn == nil || m == nil {
		return netip.Prefix{}, false
	}
	ones := simpleMaskLength(m)
	if ones < 0 {
		return netip.Prefix{}, false
	}
	a, _ := nn.NetipAddr()
	return netip.PrefixFrom(a, ones), true
}
