//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package iface

import (
	"os"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// On the BSDs and macOS the interface list and the addresses come from a
// routing-socket sysctl (NET_RT_IFLIST), parsed by golang.org/x/net/route.

func fetchRIB(typ route.RIBType, index int) ([]route.Message, error) {
	rib, err := route.FetchRIB(unix.AF_UNSPEC, typ, index)
	if err != nil {
		return nil, os.NewSyscallError("routerib", err)
	}
	msgs, err := route.ParseRIB(typ, rib)
	if err != nil {
		return nil, os.NewSyscallError("parseroutingmessage", err)
	}
	return msgs, nil
}

func interfaceTable(index int) ([]Interface, error) {
	msgs, err := fetchRIB(route.RIBTypeInterface, index)
	if err != nil {
		return nil, err
	}
	var ift []Interface
	for _, m := range msgs {
		im, ok := m.(*route.InterfaceMessage)
		if !ok || (index != 0 && im.Index != index) {
			continue
		}
		ift = append(ift, bsdInterface(im))
	}
	return ift, nil
}

func bsdInterface(im *route.InterfaceMessage) Interface {
	ifi := Interface{Index: im.Index, Name: im.Name, Flags: linkFlags(im.Flags)}
	if len(im.Addrs) > unix.RTAX_IFP {
		if la, ok := im.Addrs[unix.RTAX_IFP].(*route.LinkAddr); ok && len(la.Addr) > 0 {
			ifi.HardwareAddr = append(addr.HardwareAddr(nil), la.Addr...)
		}
	}
	for _, s := range im.Sys() {
		if mx, ok := s.(*route.InterfaceMetrics); ok {
			ifi.MTU = mx.MTU
		}
	}
	return ifi
}

func linkFlags(raw int) Flags {
	var f Flags
	if raw&unix.IFF_UP != 0 {
		f |= FlagUp
	}
	if raw&unix.IFF_BROADCAST != 0 {
		f |= FlagBroadcast
	}
	if raw&unix.IFF_LOOPBACK != 0 {
		f |= FlagLoopback
	}
	if raw&unix.IFF_POINTOPOINT != 0 {
		f |= FlagPointToPoint
	}
	if raw&unix.IFF_MULTICAST != 0 {
		f |= FlagMulticast
	}
	if raw&unix.IFF_RUNNING != 0 {
		f |= FlagRunning
	}
	return f
}

func interfaceByIndex(index int) (*Interface, error) {
	ift, err := interfaceTable(index)
	if err != nil {
		return nil, err
	}
	if len(ift) == 0 {
		return nil, errNoSuchInterface
	}
	return &ift[0], nil
}

func interfaceByName(name string) (*Interface, error) {
	ift, err := interfaceTable(0)
	if err != nil {
		return nil, err
	}
	for i := range ift {
		if ift[i].Name == name {
			return &ift[i], nil
		}
	}
	return nil, errNoSuchInterface
}

// bsdIP converts a routing-socket address to the standard library's form:
// IPv4 in 16-byte form.
func bsdIP(a route.Addr) addr.IP {
	switch a := a.(type) {
	case *route.Inet4Addr:
		return addr.IPv4(a.IP[0], a.IP[1], a.IP[2], a.IP[3])
	case *route.Inet6Addr:
		return append(addr.IP(nil), a.IP[:]...)
	}
	return nil
}

func bsdMask(a route.Addr) addr.IPMask {
	switch a := a.(type) {
	case *route.Inet4Addr:
		return addr.IPv4Mask(a.IP[0], a.IP[1], a.IP[2], a.IP[3])
	case *route.Inet6Addr:
		return append(addr.IPMask(nil), a.IP[:]...)
	}
	return nil
}

func interfaceAddrTable(ifi *Interface) ([]addr.Addr, error) {
	index := 0
	if ifi != nil {
		index = ifi.Index
		if index <= 0 {
			return nil, nil
		}
	}
	msgs, err := fetchRIB(route.RIBTypeInterface, index)
	if err != nil {
		return nil, err
	}
	var ifat []addr.Addr
	for _, m := range msgs {
		am, ok := m.(*route.InterfaceAddrMessage)
		if !ok || (index != 0 && am.Index != index) || len(am.Addrs) <= unix.RTAX_IFA {
			continue
		}
		ip := bsdIP(am.Addrs[unix.RTAX_IFA])
		mask := bsdMask(am.Addrs[unix.RTAX_NETMASK])
		if ip != nil && mask != nil {
			ifat = append(ifat, &addr.IPNet{IP: ip, Mask: mask})
		}
	}
	return ifat, nil
}

// multicastRIB is the sysctl that lists multicast memberships (0 where
// there is none).
func interfaceMulticastAddrTable(ifi *Interface) ([]addr.Addr, error) {
	if multicastRIB == 0 {
		return nil, nil
	}
	msgs, err := fetchRIB(multicastRIB, ifi.Index)
	if err != nil {
		return nil, err
	}
	var ifmat []addr.Addr
	for _, m := range msgs {
		mm, ok := m.(*route.InterfaceMulticastAddrMessage)
		if !ok || mm.Index != ifi.Index || len(mm.Addrs) <= unix.RTAX_IFA {
			continue
		}
		if ip := bsdIP(mm.Addrs[unix.RTAX_IFA]); ip != nil {
			ifmat = append(ifmat, &addr.IPAddr{IP: ip})
		}
	}
	return ifmat, nil
}
