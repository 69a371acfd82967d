package addr_test

import (
	"net/netip"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
)

func TestSockaddrString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip        addr.IP
		zone      string
		port      int
		tcp, ipst string
	}{
		{nil, "", 0, ":0", ""},
		{nil, "", 80, ":80", ""},
		{addr.IPv4(127, 0, 0, 1), "", 80, "127.0.0.1:80", "127.0.0.1"},
		{addr.IP{127, 0, 0, 1}, "", 80, "127.0.0.1:80", "127.0.0.1"},
		{addr.ParseIP("::1"), "", 80, "[::1]:80", "::1"},
		{addr.ParseIP("fe80::1"), "eth0", 80, "[fe80::1%eth0]:80", "fe80::1%eth0"},
		{addr.IPv4(10, 0, 0, 1), "eth0", 80, "10.0.0.1%eth0:80", "10.0.0.1%eth0"},
		{nil, "eth0", 80, "%eth0:80", "%eth0"},
		{nil, "a:b", 80, "[%a:b]:80", "%a:b"},
		{addr.IP{1, 2, 3}, "", 80, "?010203:80", "?010203"},
		{addr.IP{1, 2, 3}, "z", 80, "?010203%z:80", "?010203%z"},
		{addr.IPv4(10, 0, 0, 1), "", -1, "10.0.0.1:-1", "10.0.0.1"},
		{addr.IPv4(10, 0, 0, 1), "", 65536, "10.0.0.1:65536", "10.0.0.1"},
	}
	for _, tt := range tests {
		tcp := &addr.TCPAddr{IP: tt.ip, Port: tt.port, Zone: tt.zone}
		udp := &addr.UDPAddr{IP: tt.ip, Port: tt.port, Zone: tt.zone}
		ipa := &addr.IPAddr{IP: tt.ip, Zone: tt.zone}
		assert.Equal(t, tt.tcp, tcp.String())
		assert.Equal(t, tt.tcp, udp.String())
		assert.Equal(t, tt.ipst, ipa.String())
		assert.Equal(t, "tcp", tcp.Network())
		assert.Equal(t, "udp", udp.Network())
		assert.Equal(t, "ip", ipa.Network())
		checkSockaddrs(t, tt.ip, tt.zone, tt.port)
	}
}

func TestSockaddrNil(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "<nil>", (*addr.TCPAddr)(nil).String())
	assert.Equal(t, "<nil>", (*addr.UDPAddr)(nil).String())
	assert.Equal(t, "<nil>", (*addr.IPAddr)(nil).String())
	assert.Equal(t, "<nil>", (*addr.UnixAddr)(nil).String())
	assert.Equal(t, "", (*addr.UnixAddr)(nil).Network())
	assert.Equal(t, "tcp", (*addr.TCPAddr)(nil).Network())
	assert.Equal(t, netip.AddrPort{}, (*addr.TCPAddr)(nil).AddrPort())
	assert.Equal(t, netip.AddrPort{}, (*addr.UDPAddr)(nil).AddrPort())
}

func TestUnixAddr(t *testing.T) {
	t.Parallel()
	for _, n := range []string{"unix", "unixgram", "unixpacket"} {
		a := &addr.UnixAddr{Name: "/tmp/sock", Net: n}
		assert.Equal(t, n, a.Network())
		assert.Equal(t, "/tmp/sock", a.String())
	}
	checkSockaddrs(t, nil, "@abstract", 0)
}

func TestAddrPortConversions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ap   netip.AddrPort
		ip   addr.IP
		zone string
	}{
		{netip.MustParseAddrPort("192.0.2.1:80"), addr.IP{192, 0, 2, 1}, ""},
		{netip.MustParseAddrPort("[::ffff:192.0.2.1]:80"), addr.IPv4(192, 0, 2, 1), ""},
		{netip.MustParseAddrPort("[fe80::1%eth0]:80"), addr.ParseIP("fe80::1"), "eth0"},
		{netip.AddrPort{}, nil, ""},
	}
	for _, tt := range tests {
		tcp := addr.TCPAddrFromAddrPort(tt.ap)
		udp := addr.UDPAddrFromAddrPort(tt.ap)
		assert.Equal(t, tt.ip, tcp.IP, "%v", tt.ap)
		assert.Equal(t, tt.ip, udp.IP, "%v", tt.ap)
		assert.Equal(t, tt.zone, tcp.Zone)
		assert.Equal(t, int(tt.ap.Port()), tcp.Port)
		assert.Equal(t, tt.ap, tcp.AddrPort())
		assert.Equal(t, tt.ap, udp.AddrPort())
		checkSockaddrs(t, tt.ip, tt.zone, int(tt.ap.Port()))
	}
	// Like the standard library, AddrPort truncates the port and keeps a
	// 16-byte IPv4 address IPv4-mapped.
	a := &addr.TCPAddr{IP: addr.IPv4(10, 0, 0, 1), Port: 65537}
	assert.Equal(t, netip.MustParseAddrPort("[::ffff:10.0.0.1]:1"), a.AddrPort())
	checkSockaddrs(t, a.IP, "", a.Port)
}
