package addr_test

import (
	"strconv"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCIDRMask(t *testing.T) {
	t.Parallel()
	assert.Equal(t, addr.IPMask{0xff, 0xff, 0xff, 0}, addr.CIDRMask(24, 32))
	assert.Equal(t, addr.IPMask{0xff, 0xf0, 0, 0}, addr.CIDRMask(12, 32))
	assert.Equal(t, addr.IPMask{0, 0, 0, 0}, addr.CIDRMask(0, 32))
	assert.Len(t, addr.CIDRMask(65, 128), 16)
	for _, bad := range [][2]int{{-1, 32}, {33, 32}, {129, 128}, {8, 64}, {0, 0}, {8, 24}} {
		assert.Nil(t, addr.CIDRMask(bad[0], bad[1]), "CIDRMask(%d, %d)", bad[0], bad[1])
	}
	// Every length round-trips through Size, for both families.
	for _, bits := range []int{32, 128} {
		for ones := 0; ones <= bits; ones++ {
			m := addr.CIDRMask(ones, bits)
			o, b := m.Size()
			require.Equal(t, [2]int{ones, bits}, [2]int{o, b}, "CIDRMask(%d, %d).Size()", ones, bits)
			checkMask(t, m)
		}
	}
}

func TestIPv4Mask(t *testing.T) {
	t.Parallel()
	m := addr.IPv4Mask(255, 255, 252, 0)
	assert.Equal(t, addr.IPMask{255, 255, 252, 0}, m)
	ones, bits := m.Size()
	assert.Equal(t, 22, ones)
	assert.Equal(t, 32, bits)
	assert.Equal(t, "fffffc00", m.String())
}

func TestIPMaskSizeString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m          []byte
		ones, bits int
		str        string
	}{
		{nil, 0, 0, "<nil>"},
		{[]byte{0xff, 0xff, 0xff}, 24, 24, "ffffff"},
		{[]byte{0xff, 0, 0xff, 0}, 0, 0, "ff00ff00"},
		{[]byte{0xff, 0xfe, 0, 1}, 0, 0, "fffe0001"},
		{[]byte{0xff, 0xff, 0xff, 0xff}, 32, 32, "ffffffff"},
		{[]byte{0x80, 0, 0, 0}, 1, 32, "80000000"},
		{[]byte{0x40, 0, 0, 0}, 0, 0, "40000000"},
	}
	for _, tt := range tests {
		ones, bits := addr.IPMask(tt.m).Size()
		assert.Equal(t, tt.ones, ones, "%x", tt.m)
		assert.Equal(t, tt.bits, bits, "%x", tt.m)
		assert.Equal(t, tt.str, addr.IPMask(tt.m).String())
		checkMask(t, tt.m)
	}
}

// parseCIDRTests are ParseCIDR inputs with the expected address and network
// text ("" = rejected).
var parseCIDRTests = []struct {
	in, ip, net string
}{
	{"135.104.0.0/32", "135.104.0.0", "135.104.0.0/32"},
	{"0.0.0.0/24", "0.0.0.0", "0.0.0.0/24"},
	{"135.104.0.0/24", "135.104.0.0", "135.104.0.0/24"},
	{"135.104.0.1/32", "135.104.0.1", "135.104.0.1/32"},
	{"135.104.0.1/24", "135.104.0.1", "135.104.0.0/24"},
	{"192.0.2.77/0", "192.0.2.77", "0.0.0.0/0"},
	{"192.0.2.77/024", "192.0.2.77", "192.0.2.0/24"},
	{"::1/128", "::1", "::1/128"},
	{"abcd:2345::/127", "abcd:2345::", "abcd:2345::/127"},
	{"abcd:2345::/65", "abcd:2345::", "abcd:2345::/65"},
	{"abcd:2345::/64", "abcd:2345::", "abcd:2345::/64"},
	{"abcd:2345::/63", "abcd:2345::", "abcd:2345::/63"},
	{"abcd:2345::/33", "abcd:2345::", "abcd:2345::/33"},
	{"abcd:2345::/32", "abcd:2345::", "abcd:2345::/32"},
	{"abcd:2344::/31", "abcd:2344::", "abcd:2344::/31"},
	{"abcd:2300::/24", "abcd:2300::", "abcd:2300::/24"},
	{"abcd:2345::/24", "abcd:2345::", "abcd:2300::/24"},
	{"2001:DB8::/48", "2001:db8::", "2001:db8::/48"},
	{"2001:DB8::1/48", "2001:db8::1", "2001:db8::/48"},
	{"::/0", "::", "::/0"},
	// IPv4-mapped IPv6 keeps a 16-byte mask; the network prints as IPv4.
	{"::ffff:192.0.2.1/120", "192.0.2.1", "192.0.2.0/24"},
	{"::ffff:192.0.2.1/96", "192.0.2.1", "0.0.0.0/0"},
	{"::ffff:192.0.2.1/64", "192.0.2.1", "::/64"},
	{"192.168.1.1/255.255.255.0", "", ""},
	{"192.168.1.1/35", "", ""},
	{"192.168.1.1/-1", "", ""},
	{"192.168.1.1/+1", "", ""},
	{"192.168.1.1/", "", ""},
	{"192.168.1.1", "", ""},
	{"192.168.1.1/24/", "", ""},
	{"192.168.1.1/24 ", "", ""},
	{"192.168.01.1/24", "", ""},
	{"2001:db8::1/-1", "", ""},
	{"2001:db8::1/-0", "", ""},
	{"2001:db8::1/129", "", ""},
	{"2001:db8::1/99999999999999999999", "", ""},
	{"fe80::1%eth0/64", "", ""},
	{"%eth0/64", "", ""},
	{"1.2.3.4%eth0/24", "", ""},
	{"/24", "", ""},
	{"", "", ""},
	{"a/24", "", ""},
}

func TestParseCIDR(t *testing.T) {
	t.Parallel()
	for _, tt := range parseCIDRTests {
		ip, n, err := addr.ParseCIDR(tt.in)
		if tt.ip == "" {
			require.Error(t, err, tt.in)
			assert.Equal(t, "invalid CIDR address: "+tt.in, err.Error())
			assert.Nil(t, ip)
			assert.Nil(t, n)
		} else {
			require.NoError(t, err, tt.in)
			assert.Equal(t, tt.ip, ip.String(), tt.in)
			assert.Equal(t, tt.net, n.String(), tt.in)
		}
		checkParseCIDR(t, tt.in)
	}
	// Every prefix length of both families.
	for l := 0; l <= 32; l++ {
		checkParseCIDR(t, "203.0.113.255/"+strconv.Itoa(l))
	}
	for l := 0; l <= 128; l++ {
		checkParseCIDR(t, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/"+strconv.Itoa(l))
		checkParseCIDR(t, "::ffff:203.0.113.255/"+strconv.Itoa(l))
	}
}

func TestParseCIDRResultsAreIndependent(t *testing.T) {
	t.Parallel()
	ip, n, err := addr.ParseCIDR("192.0.2.77/24")
	require.NoError(t, err)
	// Appending to one result must not write into another.
	_ = append(ip, 1, 2, 3, 4)
	_ = append(n.IP, 9, 9, 9, 9)
	_ = append(n.Mask, 7, 7, 7, 7)
	assert.Equal(t, "192.0.2.77", ip.String())
	assert.Equal(t, "192.0.2.0/24", n.String())
	ip[15] = 1
	assert.Equal(t, "192.0.2.0/24", n.String())
}

func TestIPNetContains(t *testing.T) {
	t.Parallel()
	tests := []struct {
		net  *addr.IPNet
		ip   addr.IP
		want bool
	}{
		{&addr.IPNet{IP: addr.IPv4(172, 16, 1, 0), Mask: addr.CIDRMask(24, 32)}, addr.IPv4(172, 16, 1, 1), true},
		{&addr.IPNet{IP: addr.IPv4(172, 16, 1, 0), Mask: addr.CIDRMask(24, 32)}, addr.IPv4(172, 16, 2, 1), false},
		{&addr.IPNet{IP: addr.IP{172, 16, 1, 0}, Mask: addr.CIDRMask(24, 32)}, addr.IPv4(172, 16, 1, 1), true},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 0, 0), Mask: addr.IPv4Mask(0xff, 0xff, 0xff, 0xfc)}, addr.IPv4(192, 168, 0, 3), true},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 0, 0), Mask: addr.IPv4Mask(0xff, 0xff, 0xff, 0xfc)}, addr.IPv4(192, 168, 0, 4), false},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 0, 0), Mask: addr.IPv4Mask(0xff, 0, 0xff, 0)}, addr.IPv4(192, 7, 0, 3), true},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 0, 0), Mask: addr.CIDRMask(112, 128)}, addr.IPv4(192, 168, 0, 3), true},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8:1:2::"), Mask: addr.CIDRMask(64, 128)}, addr.ParseIP("2001:db8:1:2::1"), true},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8:1:2::"), Mask: addr.CIDRMask(64, 128)}, addr.ParseIP("2001:db8:1:3::1"), false},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8:1:2::"), Mask: addr.CIDRMask(64, 128)}, addr.IPv4(1, 2, 3, 4), false},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8:1:2::"), Mask: addr.CIDRMask(24, 32)}, addr.ParseIP("2001:db8:1:2::"), false},
		// The zero IPNet contains the nil IP, as net.IPNet's does.
		{&addr.IPNet{}, nil, true},
		{&addr.IPNet{}, addr.IPv4(1, 2, 3, 4), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.net.Contains(tt.ip), "%v.Contains(%v)", tt.net, tt.ip)
		checkIPNet(t, tt.net.IP, tt.net.Mask)
	}
}

func TestIPNetString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		net  *addr.IPNet
		want string
	}{
		{nil, "<nil>"},
		{&addr.IPNet{}, "<nil>"},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 1, 0), Mask: addr.CIDRMask(26, 32)}, "192.168.1.0/26"},
		{&addr.IPNet{IP: addr.IPv4(192, 168, 1, 0), Mask: addr.IPv4Mask(0xff, 0, 0xff, 0)}, "192.168.1.0/ff00ff00"},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8::"), Mask: addr.CIDRMask(55, 128)}, "2001:db8::/55"},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8::"), Mask: addr.IPMask(addr.ParseIP("8000:f123:0:cafe::"))}, "2001:db8::/8000f1230000cafe0000000000000000"},
		{&addr.IPNet{IP: addr.ParseIP("2001:db8::"), Mask: addr.CIDRMask(24, 32)}, "<nil>"},
		{&addr.IPNet{IP: addr.IP{1, 2, 3}, Mask: addr.CIDRMask(24, 32)}, "<nil>"},
		{&addr.IPNet{IP: addr.IPv4(10, 0, 0, 0), Mask: addr.IPMask{0xff}}, "<nil>"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.net.String())
		assert.Equal(t, "ip+net", tt.net.Network())
		assert.Equal(t, "x"+tt.want, string(tt.net.AppendTo([]byte("x"))))
		if tt.net != nil {
			checkIPNet(t, tt.net.IP, tt.net.Mask)
		}
	}
}
