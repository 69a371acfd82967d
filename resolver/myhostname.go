package resolver

import (
	"net/netip"
	"os"
	"strings"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
)

// osHostname is os.Hostname without the error.
func osHostname() string {
	hn, _ := os.Hostname()
	return hn
}

// myHostnameIPs returns nss-myhostname's answer for name (nil when it is
// not one of its names), RFC 6724 sorted.
func myHostnameIPs(name string) []ipResult {
	n := strings.TrimSuffix(name, ".")
	var ips []ipResult
	switch {
	case strings.EqualFold(n, "localhost") || hasSuffixFold(n, ".localhost"):
		ips = []ipResult{{ip: netip.IPv6Loopback(), fromFile: true}, {ip: netip.AddrFrom4([4]byte{127, 0, 0, 1}), fromFile: true}}
	case isMyHostnameName(n, osHostname()):
		ips = localAddrs()
		if len(ips) == 0 {
			ips = []ipResult{{ip: netip.AddrFrom4([4]byte{127, 0, 0, 2}), fromFile: true}, {ip: netip.IPv6Loopback(), fromFile: true}}
		}
	default:
		return nil
	}
	sortResults(ips)
	return ips
}

// localAddrs returns the machine's non-loopback interface addresses (link
// local ones with their zone).
func localAddrs() []ipResult {
	ifs, err := iface.Interfaces()
	if err != nil {
		return nil
	}
	var out []ipResult
	for _, ifi := range ifs {
		if ifi.Flags&iface.FlagLoopback != 0 || ifi.Flags&iface.FlagUp == 0 {
			continue
		}
		as, err := ifi.Addrs()
		if err != nil {
			continue
		}
		for _, a := range as {
			ipn, ok := a.(*addr.IPNet)
			if !ok {
				continue
			}
			ip, ok := ipn.IP.NetipAddr()
			if !ok || ip.IsLoopback() {
				continue
			}
			if ip.Is6() && ip.IsLinkLocalUnicast() {
				ip = ip.WithZone(ifi.Name)
			}
			out = append(out, ipResult{ip: ip, fromFile: true})
		}
	}
	return out
}
