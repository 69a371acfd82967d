package addr_test

import (
	"strings"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseIPTests are ParseIP inputs with the expected String ("" = rejected).
var parseIPTests = []struct {
	in   string
	want string
}{
	// IPv4.
	{"127.0.1.2", "127.0.1.2"},
	{"0.0.0.0", "0.0.0.0"},
	{"255.255.255.255", "255.255.255.255"},
	{"1.2.3.4", "1.2.3.4"},
	{"192.168.1.10", "192.168.1.10"},
	{"256.0.0.1", ""},
	{"1.2.3", ""},
	{"1.2.3.4.5", ""},
	{"1.2.3.", ""},
	{".1.2.3", ""},
	{"1..2.3", ""},
	{"1.2.3.4 ", ""},
	{" 1.2.3.4", ""},
	{"1.2.3.-4", ""},
	{"1.2.3.+4", ""},
	{"1.2.3.4x", ""},
	{"1.2.3.1000", ""},
	// Leading zeros are rejected since Go 1.17.
	{"127.001.002.003", ""},
	{"01.2.3.4", ""},
	{"1.2.3.00", ""},
	{"1.2.3.0", "1.2.3.0"},
	{"0.0.0.010", ""},
	// IPv4-mapped IPv6.
	{"::ffff:127.1.2.3", "127.1.2.3"},
	{"::ffff:7f01:0203", "127.1.2.3"},
	{"0:0:0:0:0000:ffff:127.1.2.3", "127.1.2.3"},
	{"0:0:0:0:000000:ffff:127.1.2.3", ""},
	{"0:0:0:0::ffff:127.1.2.3", "127.1.2.3"},
	{"::ffff:127.001.2.3", ""},
	{"::ffff:1.2.3", ""},
	// IPv6.
	{"::", "::"},
	{"::1", "::1"},
	{"1::", "1::"},
	{"2001:4860:0:2001::68", "2001:4860:0:2001::68"},
	{"2001:4860:0000:2001:0000:0000:0000:0068", "2001:4860:0:2001::68"},
	{"2001:DB8::AbCd", "2001:db8::abcd"},
	{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
	{"1:0:0:4:0:0:0:8", "1:0:0:4::8"},
	{"1:0:0:0:5:0:0:8", "1::5:0:0:8"},
	{"0:0:1:0:0:0:0:0", "0:0:1::"},
	{"1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"},
	{"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"},
	{"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"},
	{"1:2:3:4:5:6:7:8:9", ""},
	{"1:2:3:4:5:6:7", ""},
	{"1:2:3:4:5:6:7:8::", ""},
	{"::1:2:3:4:5:6:7:8", ""},
	{"1::2::3", ""},
	{":1::", ""},
	{"1:::2", ""},
	{"1:", ""},
	{":", ""},
	{"12345::", ""},
	{"00000::", ""},
	{"0000::", "::"},
	{"g::", ""},
	{"::1.2.3.4", "::102:304"},
	{"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
	{"1:2:3:4:5:6:7:1.2.3.4", ""},
	{"1:2:3:4:5:1.2.3.4", ""},
	{"1::1.2.3.4", "1::102:304"},
	{"::1.2.3.4:5", ""},
	{"64:ff9b::192.0.2.33", "64:ff9b::c000:221"},
	{"fe80::1", "fe80::1"},
	// Zones are rejected.
	{"fe80::1%eth0", ""},
	{"fe80::1%", ""},
	{"%eth0", ""},
	{"1.2.3.4%eth0", ""},
	{"::ffff:1.2.3.4%1", ""},
	// Junk.
	{"", ""},
	{"a", ""},
	{"localhost", ""},
	{"[::1]", ""},
	{"1.2.3.4:80", ""},
	{"::1/128", ""},
	{strings.Repeat("1", 100), ""},
	{strings.Repeat("1:", 100) + "1", ""},
	{"1.2.3.4\x00", ""},
}

func TestParseIP(t *testing.T) {
	t.Parallel()
	for _, tt := range parseIPTests {
		got := addr.ParseIP(tt.in)
		if tt.want == "" {
			assert.Nil(t, got, "ParseIP(%q)", tt.in)
		} else if assert.Len(t, got, addr.IPv6len, "ParseIP(%q)", tt.in) {
			assert.Equal(t, tt.want, got.String(), "ParseIP(%q)", tt.in)
		}
		checkParseIP(t, tt.in)
	}
}

func TestParseIPDoesNotAliasInput(t *testing.T) {
	t.Parallel()
	a := addr.ParseIP("10.0.0.1")
	b := addr.ParseIP("10.0.0.1")
	a[15] = 2
	assert.Equal(t, "10.0.0.1", b.String())
}

func TestIPv4(t *testing.T) {
	t.Parallel()
	ip := addr.IPv4(192, 0, 2, 1)
	assert.Equal(t, addr.IP{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1}, ip)
	assert.Equal(t, addr.IP{192, 0, 2, 1}, ip.To4())
	assert.Equal(t, "192.0.2.1", ip.String())
}

func TestWellKnown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip   addr.IP
		want string
	}{
		{addr.IPv4bcast, "255.255.255.255"},
		{addr.IPv4allsys, "224.0.0.1"},
		{addr.IPv4allrouter, "224.0.0.2"},
		{addr.IPv4zero, "0.0.0.0"},
		{addr.IPv6zero, "::"},
		{addr.IPv6unspecified, "::"},
		{addr.IPv6loopback, "::1"},
		{addr.IPv6interfacelocalallnodes, "ff01::1"},
		{addr.IPv6linklocalallnodes, "ff02::1"},
		{addr.IPv6linklocalallrouters, "ff02::2"},
	}
	for _, tt := range tests {
		assert.Len(t, tt.ip, addr.IPv6len, tt.want)
		assert.Equal(t, tt.want, tt.ip.String())
		assert.True(t, addr.ParseIP(tt.want).Equal(tt.ip), tt.want)
	}
	assert.Equal(t, 4, addr.IPv4len)
	assert.Equal(t, 16, addr.IPv6len)
}

// ipBytesTests are raw IP slices of every interesting length and kind.
var ipBytesTests = [][]byte{
	nil,
	{},
	{1},
	{1, 2, 3},
	{10, 0, 0, 1},
	{127, 0, 0, 1},
	{0, 0, 0, 0},
	{255, 255, 255, 255},
	{172, 16, 0, 1},
	{172, 32, 0, 1},
	{192, 168, 0, 1},
	{169, 254, 1, 1},
	{224, 0, 0, 251},
	{224, 0, 1, 1},
	{239, 255, 255, 250},
	{1, 2, 3, 4, 5},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 255, 255, 255, 255},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 10, 1, 2, 3},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xfe, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
	{0xff, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
	{0xff, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
	{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1},
	{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
}

func TestIPMethods(t *testing.T) {
	t.Parallel()
	for _, b := range ipBytesTests {
		checkIP(t, b)
	}
}

func TestIPString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip   addr.IP
		want string
	}{
		{nil, "<nil>"},
		{addr.IP{}, "<nil>"},
		{addr.IP{1, 2, 3}, "?010203"},
		{addr.IP{10, 0, 0, 1}, "10.0.0.1"},
		{addr.IPv4(10, 0, 0, 1), "10.0.0.1"},
		{addr.ParseIP("2001:db8::1"), "2001:db8::1"},
		{addr.ParseIP("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1"},
		{addr.ParseIP("::ffff:0:1"), "0.0.0.1"},
		{addr.ParseIP("::fffe:0:1"), "::fffe:0:1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.ip.String())
		assert.Equal(t, "x"+tt.want, string(tt.ip.AppendTo([]byte("x"))))
	}
}

func TestIPPredicates(t *testing.T) {
	t.Parallel()
	type preds struct{ unspec, loop, priv, mc, ilmc, llmc, llu, gu bool }
	tests := []struct {
		in   string
		want preds
	}{
		{"0.0.0.0", preds{unspec: true}},
		{"::", preds{unspec: true}},
		{"127.0.0.1", preds{loop: true}},
		{"127.255.255.254", preds{loop: true}},
		{"::1", preds{loop: true}},
		{"10.1.2.3", preds{priv: true, gu: true}},
		{"172.16.0.1", preds{priv: true, gu: true}},
		{"172.31.255.255", preds{priv: true, gu: true}},
		{"172.32.0.1", preds{gu: true}},
		{"192.168.1.1", preds{priv: true, gu: true}},
		{"fc00::1", preds{priv: true, gu: true}},
		{"fd12::1", preds{priv: true, gu: true}},
		{"fe00::1", preds{gu: true}},
		{"224.0.0.1", preds{mc: true, llmc: true}},
		{"224.0.1.1", preds{mc: true}},
		{"239.1.1.1", preds{mc: true}},
		{"ff01::1", preds{mc: true, ilmc: true}},
		{"ff02::1", preds{mc: true, llmc: true}},
		{"ff05::2", preds{mc: true}},
		{"169.254.0.1", preds{llu: true}},
		{"fe80::1", preds{llu: true}},
		{"febf::1", preds{llu: true}},
		{"fec0::1", preds{gu: true}},
		{"255.255.255.255", preds{mc: false}},
		{"8.8.8.8", preds{gu: true}},
		{"2001:db8::1", preds{gu: true}},
	}
	for _, tt := range tests {
		ip := addr.ParseIP(tt.in)
		require.NotNil(t, ip, tt.in)
		for _, v := range []addr.IP{ip, ip.To4()} {
			if v == nil {
				continue
			}
			got := preds{v.IsUnspecified(), v.IsLoopback(), v.IsPrivate(), v.IsMulticast(),
				v.IsInterfaceLocalMulticast(), v.IsLinkLocalMulticast(), v.IsLinkLocalUnicast(), v.IsGlobalUnicast()}
			assert.Equal(t, tt.want, got, "%s (%d bytes)", tt.in, len(v))
			checkIP(t, v)
		}
	}
}

func TestTo4To16(t *testing.T) {
	t.Parallel()
	v4 := addr.IP{192, 0, 2, 1}
	assert.Equal(t, v4, v4.To4())
	assert.Equal(t, addr.IPv4(192, 0, 2, 1), v4.To16())
	mapped := addr.ParseIP("192.0.2.1")
	assert.Equal(t, v4, mapped.To4())
	mapped.To4()[0] = 10 // To4 shares memory
	assert.Equal(t, "10.0.2.1", mapped.String())
	assert.Nil(t, addr.ParseIP("2001:db8::1").To4())
	assert.Nil(t, addr.IP{1, 2, 3}.To4())
	assert.Nil(t, addr.IP{1, 2, 3}.To16())
	assert.Nil(t, addr.IP(nil).To16())
}

func TestEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b addr.IP
		want bool
	}{
		{addr.IP{1, 2, 3, 4}, addr.IPv4(1, 2, 3, 4), true},
		{addr.IPv4(1, 2, 3, 4), addr.IP{1, 2, 3, 4}, true},
		{addr.IP{1, 2, 3, 4}, addr.IP{1, 2, 3, 5}, false},
		{addr.IP{1, 2, 3, 4}, addr.ParseIP("::102:304"), false},
		{addr.IP{1, 2, 3}, addr.IP{1, 2, 3}, true},
		{nil, addr.IP{}, true},
		{nil, addr.IP{1, 2, 3, 4}, false},
		{addr.IPv6loopback, addr.ParseIP("::1"), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.a.Equal(tt.b), "%v.Equal(%v)", tt.a, tt.b)
		checkIP(t, tt.a)
	}
}

func TestDefaultMask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want addr.IPMask
	}{
		{"10.1.1.1", addr.IPv4Mask(255, 0, 0, 0)},
		{"127.0.0.1", addr.IPv4Mask(255, 0, 0, 0)},
		{"128.0.0.1", addr.IPv4Mask(255, 255, 0, 0)},
		{"191.255.0.1", addr.IPv4Mask(255, 255, 0, 0)},
		{"192.0.2.1", addr.IPv4Mask(255, 255, 255, 0)},
		{"240.0.0.1", addr.IPv4Mask(255, 255, 255, 0)},
		{"2001:db8::1", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, addr.ParseIP(tt.in).DefaultMask(), tt.in)
	}
}

func TestIPMask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip, mask []byte
		want     addr.IP
	}{
		{[]byte{192, 0, 2, 77}, addr.CIDRMask(24, 32), addr.IP{192, 0, 2, 0}},
		{addr.IPv4(192, 0, 2, 77), addr.CIDRMask(24, 32), addr.IP{192, 0, 2, 0}},
		{[]byte{192, 0, 2, 77}, addr.CIDRMask(120, 128), addr.IP{192, 0, 2, 0}},
		{[]byte{192, 0, 2, 77}, addr.CIDRMask(64, 128), nil},
		{addr.ParseIP("2001:db8::1"), addr.CIDRMask(24, 32), nil},
		{addr.ParseIP("2001:db8::1"), addr.CIDRMask(32, 128), addr.ParseIP("2001:db8::")},
		{nil, nil, addr.IP{}},
	}
	for _, tt := range tests {
		got := addr.IP(tt.ip).Mask(tt.mask)
		assert.Equal(t, tt.want, got, "%x.Mask(%x)", tt.ip, tt.mask)
		checkIP(t, tt.ip)
	}
}

func TestMarshalText(t *testing.T) {
	t.Parallel()
	b, err := addr.IP(nil).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, []byte{}, b)
	b, err = addr.IPv4(1, 2, 3, 4).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "1.2.3.4", string(b))
	_, err = addr.IP{1, 2, 3}.MarshalText()
	require.Error(t, err)
	assert.Equal(t, "address 010203: invalid IP address", err.Error())
	assert.IsType(t, &addr.AddrError{}, err)

	var ip addr.IP
	require.NoError(t, ip.UnmarshalText([]byte("2001:db8::1")))
	assert.Equal(t, "2001:db8::1", ip.String())
	require.NoError(t, ip.UnmarshalText(nil))
	assert.Nil(t, ip)
	err = ip.UnmarshalText([]byte("1.2.3.04"))
	require.Error(t, err)
	assert.Equal(t, "invalid IP address: 1.2.3.04", err.Error())
	var pe *addr.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "IP address", pe.Type)
}
