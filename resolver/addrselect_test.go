package resolver_test

import (
	"net/netip"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
)

func ipAddrs(ss ...string) []addr.IPAddr {
	out := make([]addr.IPAddr, len(ss))
	for i, s := range ss {
		out[i] = addr.IPAddr{IP: addr.IPFromNetipAddr(netip.MustParseAddr(s))}
	}
	return out
}

func addrStrings(a []addr.IPAddr) []string {
	out := make([]string, len(a))
	for i, v := range a {
		out[i] = v.IP.String()
	}
	return out
}

// TestRFC6724Examples runs the destination address selection examples of
// RFC 6724 section 10.2 (those that do not need rules 3, 4 and 7, which
// the kernel's source selection covers) plus cases for each rule.
func TestRFC6724Examples(t *testing.T) {
	for _, tc := range []struct {
		name string
		dsts []string
		srcs []string // source for each destination, "" = unreachable
		want []string
	}{
		{
			"10.2 prefer matching scope (IPv6 global, IPv4 link-local source)",
			[]string{"198.51.100.121", "2001:db8:1::1"},
			[]string{"169.254.13.78", "2001:db8:1::2"},
			[]string{"2001:db8:1::1", "198.51.100.121"},
		},
		{
			"10.2 prefer matching scope (IPv6 only link-local source)",
			[]string{"2001:db8:1::1", "198.51.100.121"},
			[]string{"fe80::1", "198.51.100.117"},
			[]string{"198.51.100.121", "2001:db8:1::1"},
		},
		{
			"10.2 prefer higher precedence",
			[]string{"10.1.2.3", "2001:db8:1::1"},
			[]string{"10.1.2.4", "2001:db8:1::2"},
			[]string{"2001:db8:1::1", "10.1.2.3"},
		},
		{
			"10.2 prefer smaller scope",
			[]string{"2001:db8:1::1", "fe80::1"},
			[]string{"2001:db8:1::2", "fe80::2"},
			[]string{"fe80::1", "2001:db8:1::1"},
		},
		{
			"10.2 prefer matching label (6to4)",
			[]string{"2001:db8:1::1", "2002:c633:6401::1"},
			[]string{"2002:c633:6401::2", "2002:c633:6401::2"},
			[]string{"2002:c633:6401::1", "2001:db8:1::1"},
		},
		{
			"10.2 prefer higher precedence (native IPv6 over 6to4)",
			[]string{"2002:c633:6401::1", "2001:db8:1::1"},
			[]string{"2002:c633:6401::2", "2001:db8:1::2"},
			[]string{"2001:db8:1::1", "2002:c633:6401::1"},
		},
		{
			"10.2 IPv4 vs ULA: ULA precedence 3 loses to IPv4 35",
			[]string{"fd11:5ee:bad:c0de::1", "198.51.100.121"},
			[]string{"fd11:5ee:bad:c0de::2", "198.51.100.117"},
			[]string{"198.51.100.121", "fd11:5ee:bad:c0de::1"},
		},
		{
			"rule 1 avoid unusable destinations",
			[]string{"2001:db8:1::1", "198.51.100.121"},
			[]string{"", "198.51.100.117"},
			[]string{"198.51.100.121", "2001:db8:1::1"},
		},
		{
			"rule 9 longest matching prefix",
			[]string{"2001:db8:2::1", "2001:db8:1::1"},
			[]string{"2001:db8:9::2", "2001:db8:1::2"},
			[]string{"2001:db8:1::1", "2001:db8:2::1"},
		},
		{
			"rule 10 stable otherwise (IPv4 has no rule 9)",
			[]string{"198.51.100.1", "203.0.113.1"},
			[]string{"203.0.113.2", "203.0.113.2"},
			[]string{"198.51.100.1", "203.0.113.1"},
		},
		{
			"loopback ::1 before 127.0.0.1",
			[]string{"127.0.0.1", "::1"},
			[]string{"127.0.0.1", "::1"},
			[]string{"::1", "127.0.0.1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsts := ipAddrs(tc.dsts...)
			srcs := make([]netip.Addr, len(tc.srcs))
			for i, s := range tc.srcs {
				if s != "" {
					srcs[i] = netip.MustParseAddr(s)
				}
			}
			resolver.SortByRFC6724WithSources(dsts, srcs)
			assert.Equal(t, tc.want, addrStrings(dsts))
		})
	}
}

func TestSortByRFC6724Loopback(t *testing.T) {
	a := ipAddrs("127.0.0.1", "::1")
	resolver.SortByRFC6724(a)
	assert.Equal(t, []string{"::1", "127.0.0.1"}, addrStrings(a))
	assert.Panics(t, func() { resolver.SortByRFC6724WithSources(a, nil) })
}
