package resolver

import (
	"net/netip"
	"slices"

	"github.com/netkit-go/netkit/addr"
)

// SortByRFC6724 sorts addrs in place into the order RFC 6724 section 6
// prefers for destinations, as the standard library does for LookupIPAddr:
// the source address for each destination is the one the kernel picks when a
// UDP socket is connected to it (no packet is sent); unreachable destinations
// go last. Rules 1 (avoid unusable destinations), 2 (matching scope),
// 5 (matching label), 6 (higher precedence), 8 (smaller scope) and
// 9 (longest matching prefix, IPv6 only, capped at 64 bits) are applied with
// the RFC's default policy table; rules 3, 4 and 7 need information the
// kernel does not expose and are skipped, as in the standard library. The
// sort is stable (rule 10).
func SortByRFC6724(addrs []addr.IPAddr) {
	if len(addrs) < 2 {
		return
	}
	srcs := make([]netip.Addr, len(addrs))
	for i, a := range addrs {
		if ip, ok := netip.AddrFromSlice(a.IP); ok {
			srcs[i] = sourceAddr(ip.Unmap(), a.Zone)
		}
	}
	SortByRFC6724WithSources(addrs, srcs)
}

// SortByRFC6724WithSources is SortByRFC6724 with the source address of each
// destination given (srcs[i] for addrs[i]; the zero netip.Addr means
// unreachable). It is pure: the RFC's examples are its tests. It panics if
// the lengths differ.
func SortByRFC6724WithSources(addrs []addr.IPAddr, srcs []netip.Addr) {
	if len(addrs) != len(srcs) {
		panic("resolver: SortByRFC6724WithSources: len(addrs) != len(srcs)")
	}
	if len(addrs) < 2 {
		return
	}
	infos := make([]rfc6724Info, len(addrs))
	for i, a := range addrs {
		ip, _ := netip.AddrFromSlice(a.IP)
		ip = ip.Unmap()
		infos[i] = rfc6724Info{addr: a, dst: ip, dstAttr: attrOf(ip), src: srcs[i].Unmap(), srcAttr: attrOf(srcs[i].Unmap())}
	}
	slices.SortStableFunc(infos, compareRFC6724)
	for i := range infos {
		addrs[i] = infos[i].addr
	}
}

// sortResultsWithSources is SortByRFC6724WithSources for internal results.
func sortResultsWithSources(ips []ipResult, srcs []netip.Addr) {
	infos := make([]rfc6724Info, len(ips))
	for i, r := range ips {
		ip := r.ip.WithZone("").Unmap()
		src := srcs[i].Unmap()
		infos[i] = rfc6724Info{res: r, dst: ip, dstAttr: attrOf(ip), src: src, srcAttr: attrOf(src)}
	}
	slices.SortStableFunc(infos, compareRFC6724)
	for i := range infos {
		ips[i] = infos[i].res
	}
}

type rfc6724Info struct {
	res              ipResult
	addr             addr.IPAddr
	dst, src         netip.Addr
	dstAttr, srcAttr ipAttr
}

type ipAttr struct {
	scope      scope
	precedence uint8
	label      uint8
}

func attrOf(ip netip.Addr) ipAttr {
	if !ip.IsValid() {
		return ipAttr{}
	}
	e := classifyPolicy(ip)
	return ipAttr{scope: classifyScope(ip), precedence: e.precedence, label: e.label}
}

// compareRFC6724 returns -1 when a is preferred, 1 when b is, 0 when equal.
func compareRFC6724(a, b rfc6724Info) int {
	const preferA, preferB = -1, 1
	// Rule 1: avoid unusable destinations.
	switch {
	case !a.src.IsValid() && !b.src.IsValid():
		return 0
	case !b.src.IsValid():
		return preferA
	case !a.src.IsValid():
		return preferB
	}
	// Rule 2: prefer matching scope.
	aMatch, bMatch := a.dstAttr.scope == a.srcAttr.scope, b.dstAttr.scope == b.srcAttr.scope
	if aMatch && !bMatch {
		return preferA
	}
	if !aMatch && bMatch {
		return preferB
	}
	// Rule 5: prefer matching label.
	aMatch, bMatch = a.dstAttr.label == a.srcAttr.label, b.dstAttr.label == b.srcAttr.label
	if aMatch && !bMatch {
		return preferA
	}
	if !aMatch && bMatch {
		return preferB
	}
	// Rule 6: prefer higher precedence.
	if a.dstAttr.precedence != b.dstAttr.precedence {
		if a.dstAttr.precedence > b.dstAttr.precedence {
			return preferA
		}
		return preferB
	}
	// Rule 8: prefer smaller scope.
	if a.dstAttr.scope != b.dstAttr.scope {
		if a.dstAttr.scope < b.dstAttr.scope {
			return preferA
		}
		return preferB
	}
	// Rule 9: longest matching prefix (IPv6 only; limited to the 64-bit
	// network part, as RFC 6724 errata and the standard library do).
	if a.dst.Is6() && b.dst.Is6() {
		ca, cb := commonPrefixLen(a.src, a.dst), commonPrefixLen(b.src, b.dst)
		if ca > cb {
			return preferA
		}
		if ca < cb {
			return preferB
		}
	}
	// Rule 10: leave the order unchanged.
	return 0
}

type policyEntry struct {
	prefix     netip.Prefix
	precedence uint8
	label      uint8
}

// policyTable is RFC 6724 section 2.1's default policy table, longest
// prefix first.
var policyTable = []policyEntry{
	{netip.MustParsePrefix("::1/128"), 50, 0},
	{netip.MustParsePrefix("::ffff:0:0/96"), 35, 4},
	{netip.MustParsePrefix("::/96"), 1, 3},
	{netip.MustParsePrefix("2001::/32"), 5, 5},
	{netip.MustParsePrefix("2002::/16"), 30, 2},
	{netip.MustParsePrefix("3ffe::/16"), 1, 12},
	{netip.MustParsePrefix("fec0::/10"), 1, 11},
	{netip.MustParsePrefix("fc00::/7"), 3, 13},
	{netip.MustParsePrefix("::/0"), 40, 1},
}

func classifyPolicy(ip netip.Addr) policyEntry {
	if ip.Is4() {
		ip = netip.AddrFrom16(ip.As16())
	}
	for _, e := range policyTable {
		if e.prefix.Contains(ip) {
			return e
		}
	}
	return policyEntry{}
}

// scope is an RFC 4291 / RFC 6724 section 3.1 address scope.
type scope uint8

const (
	scopeInterfaceLocal scope = 0x1
	scopeLinkLocal      scope = 0x2
	scopeAdminLocal     scope = 0x4
	scopeSiteLocal      scope = 0x5
	scopeOrgLocal       scope = 0x8
	scopeGlobal         scope = 0xe
)

// classifyScope maps IPv4 addresses to scopes as RFC 6724 section 3.2 says
// (loopback and 169.254/16 link-local, everything else global).
func classifyScope(ip netip.Addr) scope {
	if ip.IsLoopback() || ip.IsLinkLocalUnicast() {
		return scopeLinkLocal
	}
	if ip.Is6() {
		b := ip.As16()
		if ip.IsMulticast() {
			return scope(b[1] & 0xf)
		}
		if b[0] == 0xfe && b[1]&0xc0 == 0xc0 {
			return scopeSiteLocal
		}
	}
	return scopeGlobal
}

// commonPrefixLen returns the number of leading bits a and b share, looking
// at no more than the first 64 bits; 0 when their families differ.
func commonPrefixLen(a, b netip.Addr) int {
	if a.Is4() != b.Is4() {
		return 0
	}
	as, bs := a.AsSlice(), b.AsSlice()
	if len(as) > 8 {
		as, bs = as[:8], bs[:8]
	}
	n := 0
	for i := range as {
		x := as[i] ^ bs[i]
		if x == 0 {
			n += 8
			continue
		}
		for x&0x80 == 0 {
			n++
			x <<= 1
		}
		return n
	}
	return n
}
