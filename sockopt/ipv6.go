package sockopt

import "syscall"

// SetIPv6Only sets IPV6_V6ONLY on an AF_INET6 socket: when on, the socket
// carries IPv6 only; when off (the Linux default unless
// net.ipv6.bindv6only is set), it also accepts IPv4 traffic through
// IPv4-mapped addresses. It must be set before bind.
func SetIPv6Only(rc syscall.RawConn, on bool) error { return setBool(rc, optIPv6Only, on) }

// IPv6Only reports whether IPV6_V6ONLY is set.
func IPv6Only(rc syscall.RawConn) (bool, error) { return getBool(rc, optIPv6Only) }

// SetTrafficClass sets the traffic class (DSCP and ECN bits) of the IPv6
// header of packets sent on the socket (IPV6_TCLASS), 0 to 255; -1
// restores the default.
func SetTrafficClass(rc syscall.RawConn, tclass int) error {
	return setInt(rc, optTrafficClass, tclass)
}

// TrafficClass returns the IPV6_TCLASS setting.
func TrafficClass(rc syscall.RawConn) (int, error) { return getInt(rc, optTrafficClass) }

// SetHopLimit sets the hop limit of IPv6 unicast packets sent on the
// socket (IPV6_UNICAST_HOPS), 1 to 255; -1 restores the route's default.
func SetHopLimit(rc syscall.RawConn, hops int) error { return setInt(rc, optHopLimit, hops) }

// HopLimit returns the IPV6_UNICAST_HOPS setting: the system default (64
// on Linux) until SetHopLimit is called.
func HopLimit(rc syscall.RawConn) (int, error) { return getInt(rc, optHopLimit) }
