//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package iface

import (
	"net/netip"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// snapPlatform keeps what the routing-socket answer says beyond the
// standard fields: link types and raw flags, address broadcast/peer.
type snapPlatform struct {
	types    []int
	rawFlags []uint32
	details  []Address
}

// fill reads NET_RT_IFLIST once: it holds the interfaces and their
// addresses.
func (s *Snapshot) fill() error {
	msgs, err := fetchRIB(route.RIBTypeInterface, 0)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		switch m := m.(type) {
		case *route.InterfaceMessage:
			s.ifs = append(s.ifs, bsdInterface(m))
			typ := 0
			for _, sy := range m.Sys() {
				if mx, ok := sy.(*route.InterfaceMetrics); ok {
					typ = mx.Type
				}
			}
			s.plat.types = append(s.plat.types, typ)
			s.plat.rawFlags = append(s.plat.rawFlags, uint32(m.Flags))
		case *route.InterfaceAddrMessage:
			if len(m.Addrs) <= unix.RTAX_IFA {
				continue
			}
			ip := bsdIP(m.Addrs[unix.RTAX_IFA])
			mask := bsdMask(m.Addrs[unix.RTAX_NETMASK])
			if ip == nil || mask == nil {
				continue
			}
			s.all = append(s.all, &addr.IPNet{IP: ip, Mask: mask})
			s.owner = append(s.owner, int32(m.Index))
			d := Address{Index: m.Index, PreferredLifetime: Forever, ValidLifetime: Forever}
			ones, _ := mask.Size()
			d.Prefix = netip.PrefixFrom(netipAddr(ip), ones)
			if len(m.Addrs) > unix.RTAX_BRD {
				if b := bsdIP(m.Addrs[unix.RTAX_BRD]); b != nil {
					if m.Flags&unix.IFF_POINTOPOINT != 0 {
						d.Peer = netipAddr(b)
					} else {
						d.Broadcast = netipAddr(b)
					}
				}
			}
			switch a := d.Prefix.Addr(); {
			case a.IsLoopback():
				d.Scope = ScopeHost
			case a.IsLinkLocalUnicast():
				d.Scope = ScopeLink
			}
			s.plat.details = append(s.plat.details, d)
		}
	}
	return nil
}

func netipAddr(ip addr.IP) netip.Addr {
	if v4 := ip.To4(); v4 != nil {
		return netip.AddrFrom4([4]byte(v4))
	}
	return netip.AddrFrom16([16]byte(ip.To16()))
}

func (p *snapPlatform) links(ifs []Interface) []Link {
	if len(ifs) == 0 {
		return nil
	}
	links := make([]Link, len(ifs))
	for i := range ifs {
		links[i] = Link{Interface: ifs[i], Type: p.types[i], RawFlags: p.rawFlags[i]}
		if ifs[i].Flags&FlagRunning != 0 {
			links[i].OperState = OperUp
		} else {
			links[i].OperState = OperDown
		}
	}
	return links
}

func (p *snapPlatform) addresses() []Address { return p.details }
