package sockopt

import (
	"syscall"

	"github.com/netkit-go/netkit/addr"
)

// JoinGroupIPv4 joins the IPv4 multicast group on an AF_INET datagram
// socket (IP_ADD_MEMBERSHIP). The interface is chosen by ifindex (0 = any)
// or by ifaddr, one of its IPv4 addresses (nil = unspecified); with both
// unspecified the kernel picks the interface of the route to the group.
// On darwin, which takes only an address, a non-zero ifindex needs ifaddr
// too.
//
// Group membership is an action, not a setting: there is no getter.
func JoinGroupIPv4(rc syscall.RawConn, ifindex int, ifaddr, group addr.IP) error {
	return membershipIPv4(rc, optJoinGroupIPv4, ifindex, ifaddr, group)
}

// LeaveGroupIPv4 leaves a group joined with JoinGroupIPv4, given the same
// arguments (IP_DROP_MEMBERSHIP).
func LeaveGroupIPv4(rc syscall.RawConn, ifindex int, ifaddr, group addr.IP) error {
	return membershipIPv4(rc, optLeaveGroupIPv4, ifindex, ifaddr, group)
}

func membershipIPv4(rc syscall.RawConn, id optID, ifindex int, ifaddr, group addr.IP) error {
	o, err := lookup(id)
	if err != nil {
		return err
	}
	g, ok := to4(group)
	if !ok || len(group) == 0 || ifindex < 0 {
		return errInvalid(setsockoptName)
	}
	a, ok := to4(ifaddr)
	if !ok {
		return errInvalid(setsockoptName)
	}
	if o.kind != kindMreqn && ifindex != 0 && len(ifaddr) == 0 {
		return errUnsupported(optNames[id] + " by interface index (pass the interface's address)")
	}
	return control(rc, setsockoptName, func(fd int) error { return setsockoptIPv4Iface(fd, o, ifindex, a, g) })
}

// JoinGroupIPv6 joins the IPv6 multicast group on the interface ifindex
// (0 = the interface of the route to the group) on an AF_INET6 datagram
// socket (IPV6_JOIN_GROUP, also called IPV6_ADD_MEMBERSHIP). Link-local
// groups (ff02::/16) need an explicit interface.
func JoinGroupIPv6(rc syscall.RawConn, ifindex int, group addr.IP) error {
	return membershipIPv6(rc, optJoinGroupIPv6, ifindex, group)
}

// LeaveGroupIPv6 leaves a group joined with JoinGroupIPv6 (IPV6_LEAVE_GROUP).
func LeaveGroupIPv6(rc syscall.RawConn, ifindex int, group addr.IP) error {
	return membershipIPv6(rc, optLeaveGroupIPv6, ifindex, group)
}

func membershipIPv6(rc syscall.RawConn, id optID, ifindex int, group addr.IP) error {
	o, err := lookup(id)
	if err != nil {
		return err
	}
	if len(group) != addr.IPv6len || ifindex < 0 {
		return errInvalid(setsockoptName)
	}
	g, _ := to16(group)
	return control(rc, setsockoptName, func(fd int) error { return setsockoptIPv6Mreq(fd, o, ifindex, g) })
}

// SetMulticastInterfaceIPv4 chooses the interface that IPv4 multicast
// packets sent on the socket leave through (IP_MULTICAST_IF), by index or
// by one of its IPv4 addresses; ifindex 0 and a nil ifaddr restore the
// routing table's choice. On darwin an index alone uses
// IP_MULTICAST_IFINDEX.
func SetMulticastInterfaceIPv4(rc syscall.RawConn, ifindex int, ifaddr addr.IP) error {
	o, err := lookup(optMulticastInterfaceIPv4)
	if err != nil {
		return err
	}
	a, ok := to4(ifaddr)
	if !ok || ifindex < 0 {
		return errInvalid(setsockoptName)
	}
	if o.kind != kindMreqn && ifindex != 0 && len(ifaddr) == 0 {
		if _, err := lookup(optMulticastIfIndexIPv4); err != nil {
			return errUnsupported(optNames[optMulticastInterfaceIPv4] + " by interface index (pass the interface's address)")
		}
		return setInt(rc, optMulticastIfIndexIPv4, ifindex)
	}
	return control(rc, setsockoptName, func(fd int) error {
		return setsockoptIPv4Iface(fd, o, ifindex, a, [4]byte{})
	})
}

// MulticastInterfaceIPv4 returns the interface address set with
// SetMulticastInterfaceIPv4 (IP_MULTICAST_IF). The kernel reports only the
// address: after choosing the interface by index alone it reports 0.0.0.0.
// The result is a 4-byte addr.IP.
func MulticastInterfaceIPv4(rc syscall.RawConn) (addr.IP, error) {
	o, err := lookup(optMulticastInterfaceIPv4)
	if err != nil {
		return nil, err
	}
	var a [4]byte
	err = control(rc, getsockoptName, func(fd int) error {
		var err error
		a, err = getsockoptInet4Addr(fd, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	return addr.IP{a[0], a[1], a[2], a[3]}, nil
}

// SetMulticastInterfaceIPv6 chooses the interface, by index, that IPv6
// multicast packets sent on the socket leave through (IPV6_MULTICAST_IF);
// 0 restores the routing table's choice.
func SetMulticastInterfaceIPv6(rc syscall.RawConn, ifindex int) error {
	return setInt(rc, optMulticastInterfaceIPv6, ifindex)
}

// MulticastInterfaceIPv6 returns the IPV6_MULTICAST_IF interface index.
func MulticastInterfaceIPv6(rc syscall.RawConn) (int, error) {
	return getInt(rc, optMulticastInterfaceIPv6)
}

// SetMulticastLoopbackIPv4 sets whether IPv4 multicast packets sent on the
// socket are looped back to local listeners (IP_MULTICAST_LOOP; on by
// default).
func SetMulticastLoopbackIPv4(rc syscall.RawConn, on bool) error {
	return setBool(rc, optMulticastLoopbackIPv4, on)
}

// MulticastLoopbackIPv4 reports the IP_MULTICAST_LOOP setting.
func MulticastLoopbackIPv4(rc syscall.RawConn) (bool, error) {
	return getBool(rc, optMulticastLoopbackIPv4)
}

// SetMulticastLoopbackIPv6 sets whether IPv6 multicast packets sent on the
// socket are looped back to local listeners (IPV6_MULTICAST_LOOP; on by
// default).
func SetMulticastLoopbackIPv6(rc syscall.RawConn, on bool) error {
	return setBool(rc, optMulticastLoopbackIPv6, on)
}

// MulticastLoopbackIPv6 reports the IPV6_MULTICAST_LOOP setting.
func MulticastLoopbackIPv6(rc syscall.RawConn) (bool, error) {
	return getBool(rc, optMulticastLoopbackIPv6)
}

// SetMulticastTTL sets the time-to-live of IPv4 multicast packets sent on
// the socket (IP_MULTICAST_TTL), 0 to 255; the default is 1 (the local
// network only).
func SetMulticastTTL(rc syscall.RawConn, ttl int) error {
	return setInt(rc, optMulticastTTL, ttl)
}

// MulticastTTL returns the IP_MULTICAST_TTL setting.
func MulticastTTL(rc syscall.RawConn) (int, error) { return getInt(rc, optMulticastTTL) }

// SetMulticastHopLimit sets the hop limit of IPv6 multicast packets sent
// on the socket (IPV6_MULTICAST_HOPS), 0 to 255, -1 for the default of 1.
func SetMulticastHopLimit(rc syscall.RawConn, hops int) error {
	return setInt(rc, optMulticastHopLimit, hops)
}

// MulticastHopLimit returns the IPV6_MULTICAST_HOPS setting.
func MulticastHopLimit(rc syscall.RawConn) (int, error) {
	return getInt(rc, optMulticastHopLimit)
}
