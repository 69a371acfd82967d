package addr_test

import (
	"net/netip"
	"runtime"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
)

// TestNoAllocs pins the allocation count of every hot function.
func TestNoAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: allocation counts are not checked")
	}
	ip4, ip6 := addr.ParseIP("192.0.2.1"), addr.ParseIP("2001:db8::1")
	_, n4, _ := addr.ParseCIDR("192.0.2.0/24")
	hw, _ := addr.ParseMAC("00:00:5e:00:53:01")
	tcp := &addr.TCPAddr{IP: ip6, Port: 443, Zone: "eth0"}
	buf := make([]byte, 0, 128)
	tests := []struct {
		name string
		want float64
		f    func()
	}{
		{"ParseIP/v4", 1, func() { sinkIP = addr.ParseIP("192.0.2.1") }},
		{"ParseIP/v6", 1, func() { sinkIP = addr.ParseIP("2001:db8::1") }},
		{"ParseIP/v4in6", 1, func() { sinkIP = addr.ParseIP("::ffff:192.0.2.1") }},
		{"ParseIP/bad", 0, func() { sinkIP = addr.ParseIP("192.0.2.01") }},
		{"ParseCIDR/v4", 1, func() { sinkIP, _, _ = addr.ParseCIDR("192.0.2.1/24") }},
		{"ParseCIDR/v6", 1, func() { sinkIP, _, _ = addr.ParseCIDR("2001:db8::1/64") }},
		{"ParseMAC", 1, func() { sinkIP, _ = addr.ParseMAC("00:00:5e:00:53:01") }},
		{"ParseMAC/dot", 1, func() { sinkIP, _ = addr.ParseMAC("0000.5e00.5301") }},
		{"SplitHostPort/v4", 0, func() { _, _, _ = addr.SplitHostPort("192.0.2.1:80") }},
		{"SplitHostPort/v6", 0, func() { _, _, _ = addr.SplitHostPort("[2001:db8::1%eth0]:80") }},
		{"IP.String/v4", 1, func() { sinkStr = ip4.String() }},
		{"IP.String/v6", 1, func() { sinkStr = ip6.String() }},
		{"IP.AppendTo", 0, func() { buf = ip6.AppendTo(buf[:0]) }},
		{"IP.AppendText", 0, func() { buf, _ = ip6.AppendText(buf[:0]) }},
		{"IP.MarshalText", 1, func() { sinkBytes, _ = ip4.MarshalText() }},
		{"IP.To4", 0, func() { sinkIP = ip4.To4() }},
		{"IP.Equal", 0, func() { _ = ip4.Equal(ip6) }},
		{"IP.IsGlobalUnicast", 0, func() { _ = ip6.IsGlobalUnicast() }},
		{"IP.IsPrivate", 0, func() { _ = ip4.IsPrivate() }},
		{"IP.NetipAddr", 0, func() { _, _ = ip4.NetipAddr() }},
		{"IPNet.Contains", 0, func() { _ = n4.Contains(ip4) }},
		{"IPNet.String", 1, func() { sinkStr = n4.String() }},
		{"IPNet.AppendTo", 0, func() { buf = n4.AppendTo(buf[:0]) }},
		{"IPNet.NetipPrefix", 0, func() { _, _ = n4.NetipPrefix() }},
		{"IPMask.Size", 0, func() { _, _ = n4.Mask.Size() }},
		{"HardwareAddr.String", 1, func() { sinkStr = hw.String() }},
		{"HardwareAddr.AppendTo", 0, func() { buf = hw.AppendTo(buf[:0]) }},
		{"JoinHostPort", 1, func() { sinkStr = addr.JoinHostPort("2001:db8::1", "443") }},
		{"AppendHostPort", 0, func() { buf = addr.AppendHostPort(buf[:0], "2001:db8::1", "443") }},
		{"TCPAddr.String", 1, func() { sinkStr = tcp.String() }},
		{"TCPAddr.AddrPort", 0, func() { _ = tcp.AddrPort() }},
		{"IPFromNetipAddr", 1, func() { sinkIP = addr.IPFromNetipAddr(netip.AddrFrom4([4]byte{1, 2, 3, 4})) }},
	}
	for _, tt := range tests {
		got := testing.AllocsPerRun(100, tt.f)
		assert.Equal(t, tt.want, got, "%s allocations", tt.name)
	}
}

// TestParseIPAllocSize checks that ParseIP's one allocation is the 16
// bytes it returns: cap == len, and 16 bytes allocated per call.
func TestParseIPAllocSize(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: allocation sizes are not checked")
	}
	for _, s := range []string{"192.0.2.1", "2001:db8::1"} {
		ip := addr.ParseIP(s)
		assert.Equal(t, 16, len(ip), s)
		assert.Equal(t, 16, cap(ip), s)
		// Non-parallel top-level tests run alone, so the heap counters see
		// only these calls.
		const n = 1000
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range n {
			sinkIP = addr.ParseIP(s)
		}
		runtime.ReadMemStats(&after)
		assert.Equal(t, uint64(16*n), after.TotalAlloc-before.TotalAlloc, "%s: bytes allocated by %d calls", s, n)
		assert.Equal(t, uint64(n), after.Mallocs-before.Mallocs, "%s: allocations by %d calls", s, n)
	}
}
