//go:build unix

package conn

import (
	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"github.com/netkit-go/netkit/sockopt"
)

// joinIPv4Multicast prepares fd as ListenMulticastUDP documents: send
// through ifi if given, multicast loopback off, then join group on ifi (or
// on the interface of the route to group when ifi is nil).
func joinIPv4Multicast(fd *netFD, ifi *iface.Interface, group addr.IP) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	var ifindex int
	var ifaddr addr.IP
	if ifi != nil {
		ifindex = ifi.Index
		if ifaddr, err = interfaceIPv4(ifi); err != nil {
			return err
		}
		if err := sockopt.SetMulticastInterfaceIPv4(rc, ifindex, ifaddr); err != nil {
			return err
		}
	}
	if err := sockopt.SetMulticastLoopbackIPv4(rc, false); err != nil {
		return err
	}
	return sockopt.JoinGroupIPv4(rc, ifindex, ifaddr, group)
}

// joinIPv6Multicast is joinIPv4Multicast for IPv6 groups.
func joinIPv6Multicast(fd *netFD, ifi *iface.Interface, group addr.IP) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	var ifindex int
	if ifi != nil {
		ifindex = ifi.Index
		if err := sockopt.SetMulticastInterfaceIPv6(rc, ifindex); err != nil {
			return err
		}
	}
	if err := sockopt.SetMulticastLoopbackIPv6(rc, false); err != nil {
		return err
	}
	return sockopt.JoinGroupIPv6(rc, ifindex, group)
}

// interfaceIPv4 returns the first IPv4 address of ifi, or nil when it has
// none (Linux joins by index alone; platforms that need an address then
// report an error wrapping errors.ErrUnsupported from sockopt).
func interfaceIPv4(ifi *iface.Interface) (addr.IP, error) {
	addrs, err := ifi.Addrs()
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		var ip addr.IP
		switch a := a.(type) {
		case *addr.IPNet:
			ip = a.IP
		case *addr.IPAddr:
			ip = a.IP
		}
		if ip4 := ip.To4(); ip4 != nil {
			return ip4, nil
		}
	}
	return nil, nil
}
