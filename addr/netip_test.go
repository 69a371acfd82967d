package addr_test

import (
	"net/netip"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNetipAddr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip   addr.IP
		want netip.Addr
		ok   bool
	}{
		{addr.ParseIP("192.0.2.1"), netip.MustParseAddr("192.0.2.1"), true},
		{addr.IP{192, 0, 2, 1}, netip.MustParseAddr("192.0.2.1"), true},
		{addr.ParseIP("::ffff:192.0.2.1"), netip.MustParseAddr("192.0.2.1"), true},
		{addr.ParseIP("2001:db8::1"), netip.MustParseAddr("2001:db8::1"), true},
		{addr.ParseIP("::"), netip.IPv6Unspecified(), true},
		{addr.IP{1, 2, 3}, netip.Addr{}, false},
		{nil, netip.Addr{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.ip.NetipAddr()
		assert.Equal(t, tt.ok, ok, "%v", tt.ip)
		assert.Equal(t, tt.want, got, "%v", tt.ip)
		checkNetipAddr(t, tt.ip)
	}
}

func TestIPFromNetipAddr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a    netip.Addr
		want addr.IP
	}{
		{netip.MustParseAddr("192.0.2.1"), addr.IP{192, 0, 2, 1}},
		{netip.MustParseAddr("::ffff:192.0.2.1"), addr.IPv4(192, 0, 2, 1)},
		{netip.MustParseAddr("2001:db8::1"), addr.ParseIP("2001:db8::1")},
		{netip.MustParseAddr("fe80::1%eth0"), addr.ParseIP("fe80::1")},
		{netip.Addr{}, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, addr.IPFromNetipAddr(tt.a), "%v", tt.a)
	}
	// IPv4 and IPv6 keep their family through a round trip.
	for _, s := range []string{"0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "2001:db8::68", "fe80::1"} {
		a := netip.MustParseAddr(s)
		back, ok := addr.IPFromNetipAddr(a).NetipAddr()
		require.True(t, ok)
		assert.Equal(t, a, back, s)
	}
}

func TestIPAddrNetip(t *testing.T) {
	t.Parallel()
	a := addr.IPAddrFromNetipAddr(netip.MustParseAddr("fe80::1%eth0"))
	assert.Equal(t, "fe80::1%eth0", a.String())
	na, ok := a.NetipAddr()
	require.True(t, ok)
	assert.Equal(t, netip.MustParseAddr("fe80::1%eth0"), na)

	b := addr.IPAddrFromNetipAddr(netip.MustParseAddr("10.0.0.1"))
	assert.Equal(t, addr.IP{10, 0, 0, 1}, b.IP)
	nb, ok := (&addr.IPAddr{IP: addr.IPv4(10, 0, 0, 1), Zone: "eth0"}).NetipAddr()
	require.True(t, ok)
	assert.Equal(t, netip.MustParseAddr("10.0.0.1"), nb) // netip keeps no IPv4 zone

	_, ok = (*addr.IPAddr)(nil).NetipAddr()
	assert.False(t, ok)
	_, ok = (&addr.IPAddr{IP: addr.IP{1}}).NetipAddr()
	assert.False(t, ok)
}

func TestNetipPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cidr string
		want netip.Prefix
	}{
		{"192.0.2.1/24", netip.MustParsePrefix("192.0.2.0/24")},
		{"10.0.0.0/8", netip.MustParsePrefix("10.0.0.0/8")},
		{"0.0.0.0/0", netip.MustParsePrefix("0.0.0.0/0")},
		{"2001:db8::1/64", netip.MustParsePrefix("2001:db8::/64")},
		{"::ffff:192.0.2.1/120", netip.MustParsePrefix("192.0.2.0/24")},
		{"::/0", netip.MustParsePrefix("::/0")},
	}
	for _, tt := range tests {
		_, n, err := addr.ParseCIDR(tt.cidr)
		require.NoError(t, err)
		p, ok := n.NetipPrefix()
		require.True(t, ok, tt.cidr)
		assert.Equal(t, tt.want, p, tt.cidr)
		assert.Equal(t, n.String(), p.String())
	}
	bad := []*addr.IPNet{
		nil,
		{},
		{IP: addr.IPv4(10, 0, 0, 0), Mask: addr.IPv4Mask(255, 0, 255, 0)},
		{IP: addr.ParseIP("2001:db8::"), Mask: addr.CIDRMask(8, 32)},
		{IP: addr.IP{1, 2, 3}, Mask: addr.CIDRMask(8, 32)},
	}
	for _, n := range bad {
		_, ok := n.NetipPrefix()
		assert.False(t, ok, "%v", n)
	}
	// Host bits are kept, as the IPNet holds them.
	p, ok := (&addr.IPNet{IP: addr.IP{10, 1, 2, 3}, Mask: addr.CIDRMask(8, 32)}).NetipPrefix()
	require.True(t, ok)
	assert.Equal(t, netip.MustParsePrefix("10.1.2.3/8"), p)
}

func TestIPNetFromNetipPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p        netip.Prefix
		ip, mask []byte
	}{
		{netip.MustParsePrefix("192.0.2.0/24"), []byte{192, 0, 2, 0}, []byte{255, 255, 255, 0}},
		{netip.MustParsePrefix("192.0.2.7/24"), []byte{192, 0, 2, 7}, []byte{255, 255, 255, 0}},
		{netip.MustParsePrefix("2001:db8::/32"), addr.ParseIP("2001:db8::"), addr.CIDRMask(32, 128)},
		{netip.MustParsePrefix("::ffff:192.0.2.0/120"), addr.IPv4(192, 0, 2, 0), addr.CIDRMask(120, 128)},
	}
	for _, tt := range tests {
		n := addr.IPNetFromNetipPrefix(tt.p)
		require.NotNil(t, n)
		assert.Equal(t, addr.IP(tt.ip), n.IP, "%v", tt.p)
		assert.Equal(t, addr.IPMask(tt.mask), n.Mask, "%v", tt.p)
		checkIPNet(t, n.IP, n.Mask)
		if !tt.p.Addr().Is4In6() {
			assert.Equal(t, tt.p.String(), n.String())
			back, ok := n.NetipPrefix()
			require.True(t, ok)
			assert.Equal(t, tt.p, back)
		}
	}
	assert.Nil(t, addr.IPNetFromNetipPrefix(netip.Prefix{}))
}
