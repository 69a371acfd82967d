package conn

import (
	"bufio"
	"context"
	"net"
	"os"
	"strings"
	"sync"

	"github.com/netkit-go/netkit/addr"
)

// addrList is a list of resolved end points, in resolver order.
type addrList []net.Addr

// ipOf returns the IP of an IP-family address, or nil.
func ipOf(a net.Addr) addr.IP {
	switch a := a.(type) {
	case *addr.TCPAddr:
		if a != nil {
			return a.IP
		}
	case *addr.UDPAddr:
		if a != nil {
			return a.IP
		}
	case *addr.IPAddr:
		if a != nil {
			return a.IP
		}
	}
	return nil
}

// isIPv4 reports whether a holds an IPv4 (or IPv4-mapped) address.
func isIPv4(a net.Addr) bool { return ipOf(a).To4() != nil }

// isNotIPv4 reports whether a does not hold an IPv4 address.
func isNotIPv4(a net.Addr) bool { return !isIPv4(a) }

// isWildcard reports whether a is nil or holds no IP or the unspecified IP.
func isWildcard(a net.Addr) bool {
	a = opAddr(a)
	if a == nil {
		return true
	}
	switch a.(type) {
	case *addr.TCPAddr, *addr.UDPAddr, *addr.IPAddr:
		ip := ipOf(a)
		return ip == nil || ip.IsUnspecified()
	}
	return false
}

// isAddrType reports whether a is one of the addr module's end point
// types, the only ones a Dialer can use as its LocalAddr.
func isAddrType(a net.Addr) bool {
	switch a.(type) {
	case *addr.TCPAddr, *addr.UDPAddr, *addr.IPAddr, *addr.UnixAddr:
		return true
	}
	return false
}

// matchAddrFamily reports whether x and y are both IPv4 or both IPv6.
func matchAddrFamily(x, y addr.IP) bool {
	return x.To4() != nil && y.To4() != nil || x.To16() != nil && x.To4() == nil && y.To16() != nil && y.To4() == nil
}

// forResolve picks the address Resolve*Addr returns: IPv4 first unless the
// input held an IPv6 literal.
func (addrs addrList) forResolve(network, address string) net.Addr {
	var want6 bool
	switch network {
	case "ip":
		want6 = strings.Contains(address, ":")
	case "tcp", "udp":
		want6 = strings.Contains(address, "[")
	}
	if want6 {
		return addrs.first(isNotIPv4)
	}
	return addrs.first(isIPv4)
}

// first returns the first address satisfying strategy, or else the first
// address.
func (addrs addrList) first(strategy func(net.Addr) bool) net.Addr {
	for _, a := range addrs {
		if strategy(a) {
			return a
		}
	}
	return addrs[0]
}

// partition splits addrs into primaries (the first address and every
// address with its label) and fallbacks (the others), keeping order: the
// two lists raced by happy eyeballs (RFC 8305 §4 wants the families
// interleaved per attempt; like the standard library netkit races the two
// families as two serial lists, RFC 6555).
func (addrs addrList) partition(strategy func(net.Addr) bool) (primaries, fallbacks addrList) {
	var primaryLabel bool
	for i, a := range addrs {
		label := strategy(a)
		if i == 0 || label == primaryLabel {
			primaryLabel = label
			primaries = append(primaries, a)
		} else {
			fallbacks = append(fallbacks, a)
		}
	}
	return primaries, fallbacks
}

// filterAddrList keeps the addresses passing filter (nil keeps all) and
// converts them with inetaddr; an empty result is "no suitable address".
func filterAddrList(filter func(addr.IPAddr) bool, ips []addr.IPAddr, inetaddr func(addr.IPAddr) net.Addr, originalAddr string) (addrList, error) {
	var addrs addrList
	for _, ip := range ips {
		if filter == nil || filter(ip) {
			addrs = append(addrs, inetaddr(ip))
		}
	}
	if len(addrs) == 0 {
		return nil, &addr.AddrError{Err: errNoSuitableAddress.Error(), Addr: originalAddr}
	}
	return addrs, nil
}

func ipv4only(a addr.IPAddr) bool { return a.IP.To4() != nil }

func ipv6only(a addr.IPAddr) bool { return len(a.IP) == addr.IPv6len && a.IP.To4() == nil }

// parseNetwork checks a network name and splits "ip4:icmp" into "ip4" and
// the protocol number. needsProto rejects a bare "ip", "ip4", "ip6".
func parseNetwork(network string, needsProto bool) (afnet string, proto int, err error) {
	i := strings.LastIndexByte(network, ':')
	if i < 0 {
		switch network {
		case "tcp", "tcp4", "tcp6":
		case "udp", "udp4", "udp6":
		case "ip", "ip4", "ip6":
			if needsProto {
				return "", 0, addr.UnknownNetworkError(network)
			}
		case "unix", "unixgram", "unixpacket":
		default:
			return "", 0, addr.UnknownNetworkError(network)
		}
		return network, 0, nil
	}
	afnet = network[:i]
	switch afnet {
	case "ip", "ip4", "ip6":
		protostr := network[i+1:]
		proto, n, ok := dtoi(protostr)
		if !ok || n != len(protostr) {
			proto, err = lookupProtocol(protostr)
			if err != nil {
				return "", 0, err
			}
		}
		return afnet, proto, nil
	}
	return "", 0, addr.UnknownNetworkError(network)
}

// bigNumber is larger than any 32-bit int.
const bigNumber = 0xFFFFFF

// dtoi parses a leading decimal number: value, characters consumed, ok.
func dtoi(s string) (n int, i int, ok bool) {
	n = 0
	for i = 0; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		if n >= bigNumber {
			return bigNumber, i, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	return n, i, true
}

// protocols maps IP protocol names to numbers: a few well-known entries,
// then /etc/protocols (read once).
var protocols = sync.OnceValue(func() map[string]int {
	m := map[string]int{"icmp": 1, "igmp": 2, "tcp": 6, "udp": 17, "ipv6-icmp": 58}
	f, err := os.Open("/etc/protocols")
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		if proto, _, ok := dtoi(fields[1]); ok {
			for _, name := range append(fields[:1:1], fields[2:]...) {
				if _, dup := m[name]; !dup {
					m[name] = proto
				}
			}
		}
	}
	return m
})

// lookupProtocol returns the number of an IP protocol name, matched
// without regard to ASCII case.
func lookupProtocol(name string) (int, error) {
	proto, ok := protocols()[strings.ToLower(name)]
	if !ok || len(name) > 25 {
		return 0, &addr.AddrError{Err: "unknown IP protocol specified", Addr: name}
	}
	return proto, nil
}

// internetAddrList resolves address ("host:port" for TCP/UDP, "host" for
// IP networks) into end points of network. Literal IPs and an empty host
// need no resolver; names go through r.
func (r *Resolver) internetAddrList(ctx context.Context, network, address string) (addrList, error) {
	var (
		err        error
		host, port string
		portnum    int
	)
	switch network {
	case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6":
		if address != "" {
			if host, port, err = addr.SplitHostPort(address); err != nil {
				return nil, err
			}
			if portnum, err = r.LookupPort(ctx, network, port); err != nil {
				return nil, err
			}
		}
	case "ip", "ip4", "ip6":
		if address != "" {
			host = address
		}
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	inetaddr := func(ip addr.IPAddr) net.Addr {
		switch network {
		case "tcp", "tcp4", "tcp6":
			return &addr.TCPAddr{IP: ip.IP, Port: portnum, Zone: ip.Zone}
		case "udp", "udp4", "udp6":
			return &addr.UDPAddr{IP: ip.IP, Port: portnum, Zone: ip.Zone}
		default:
			return &addr.IPAddr{IP: ip.IP, Zone: ip.Zone}
		}
	}
	if host == "" {
		return addrList{inetaddr(addr.IPAddr{})}, nil
	}
	ips, err := r.lookupIPAddr(ctx, network, host)
	if err != nil {
		return nil, err
	}
	// A host whose IPv6 is configured halfway can bind "::" without being
	// able to connect back to it: also offer 0.0.0.0.
	if len(ips) == 1 && ips[0].IP.Equal(addr.IPv6unspecified) {
		ips = append(ips, addr.IPAddr{IP: addr.IPv4zero})
	}
	var filter func(addr.IPAddr) bool
	switch network[len(network)-1] {
	case '4':
		filter = ipv4only
	case '6':
		filter = ipv6only
	}
	return filterAddrList(filter, ips, inetaddr, host)
}

// resolveAddrList resolves address for op ("dial" or "listen") on network.
// For a dial with a local address hint, the result keeps the addresses of
// the hint's family (any family when either side is a wildcard).
func (r *Resolver) resolveAddrList(ctx context.Context, op, network, address string, hint net.Addr) (addrList, error) {
	afnet, _, err := parseNetwork(network, true)
	if err != nil {
		return nil, err
	}
	if op == "dial" && address == "" {
		return nil, errMissingAddress
	}
	hint = opAddr(hint)
	if hint != nil && !isAddrType(hint) {
		// A local address of another package's type (net.TCPAddr, say)
		// would otherwise be dropped or filtered out silently.
		return nil, &addr.AddrError{Err: "mismatched local address type", Addr: hint.String()}
	}
	switch afnet {
	case "unix", "unixgram", "unixpacket":
		ua, err := ResolveUnixAddr(afnet, address)
		if err != nil {
			return nil, err
		}
		if op == "dial" && hint != nil && ua.Network() != hint.Network() {
			return nil, &addr.AddrError{Err: "mismatched local address type", Addr: hint.String()}
		}
		return addrList{ua}, nil
	}
	addrs, err := r.internetAddrList(ctx, afnet, address)
	if err != nil || op != "dial" || hint == nil {
		return addrs, err
	}
	wildcard := isWildcard(hint)
	hintIP := ipOf(hint)
	naddrs := addrs[:0]
	for _, a := range addrs {
		if a.Network() != hint.Network() {
			return nil, &addr.AddrError{Err: "mismatched local address type", Addr: hint.String()}
		}
		if !wildcard && !isWildcard(a) && !matchAddrFamily(ipOf(a), hintIP) {
			continue
		}
		naddrs = append(naddrs, a)
	}
	if len(naddrs) == 0 {
		return nil, &addr.AddrError{Err: errNoSuitableAddress.Error(), Addr: hint.String()}
	}
	return naddrs, nil
}

// loopbackIP is the loopback address of network's family.
func loopbackIP(network string) addr.IP {
	if network != "" && network[len(network)-1] == '6' {
		return addr.IPv6loopback
	}
	return addr.IPv4(127, 0, 0, 1)
}

// toLocal returns a copy of the IP end point a with the loopback address
// of network's family.
func toLocal(a net.Addr, network string) net.Addr {
	switch a := a.(type) {
	case *addr.TCPAddr:
		return &addr.TCPAddr{IP: loopbackIP(network), Port: a.Port, Zone: a.Zone}
	case *addr.UDPAddr:
		return &addr.UDPAddr{IP: loopbackIP(network), Port: a.Port, Zone: a.Zone}
	case *addr.IPAddr:
		return &addr.IPAddr{IP: loopbackIP(network), Zone: a.Zone}
	}
	return a
}
