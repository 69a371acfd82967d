package conn_test

import (
	"net"
	"net/netip"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
)

// pkPureGoOracle makes the stdlib oracle use its pure-Go resolver for the
// duration of t (service names: net's cgo path, getaddrinfo, answers
// "udp4/A" and NUL differently from its own Go path, which netkit follows).
func pkPureGoOracle(t testing.TB) {
	old := net.DefaultResolver.PreferGo
	net.DefaultResolver.PreferGo = true
	t.Cleanup(func() { net.DefaultResolver.PreferGo = old })
}

// pkLiteralOnly reports whether address (host:port or a bare host) names
// no host that would need a DNS lookup: the fuzz targets must never send
// queries, so anything but an IP literal or an empty host is skipped.
func pkLiteralOnly(address string, withPort bool) bool {
	host := address
	if withPort {
		h, _, err := net.SplitHostPort(address)
		if err != nil {
			return true // a syntax error, no lookup
		}
		host = h
	}
	if host == "" {
		return true
	}
	if i := strings.IndexByte(host, '%'); i >= 0 {
		host = host[:i]
	}
	_, err := netip.ParseAddr(host)
	return err == nil
}

var pkResolveUDPCases = []struct{ network, address string }{
	{"udp", "127.0.0.1:53"},
	{"udp4", "127.0.0.1:0"},
	{"udp6", "[::1]:5353"},
	{"udp", "[fe80::1%lo]:80"},
	{"udp", ":80"},
	{"udp", ""},
	{"udp", "127.0.0.1"},
	{"udp", "127.0.0.1:99999"},
	{"udp", "127.0.0.1:-1"},
	{"udp", "127.0.0.1:domain"},
	{"udp", "127.0.0.1:nosuchservice"},
	{"udp4", ":A"},
	{"", ":\x00"},
	{"udp4", "[::1]:53"},
	{"udp6", "127.0.0.1:53"},
	{"udp", "[::ffff:127.0.0.1]:53"},
	{"udp4", "[::ffff:127.0.0.1]:53"},
	{"tcp", "127.0.0.1:53"},
	{"", "127.0.0.1:53"},
	{"udp7", "127.0.0.1:53"},
}

// TestResolveUDPAddrMatchesStd: literal addresses resolve to what the
// stdlib returns, and failures give the same error text. Every case is a
// literal (no DNS query is ever sent).
func TestResolveUDPAddrMatchesStd(t *testing.T) {
	pkPureGoOracle(t)
	for _, tt := range pkResolveUDPCases {
		pkCompareResolveUDP(t, tt.network, tt.address)
	}
}

func pkCompareResolveUDP(t *testing.T, network, address string) {
	t.Helper()
	got, err := conn.ResolveUDPAddr(network, address)
	want, serr := net.ResolveUDPAddr(network, address)
	if (err == nil) != (serr == nil) {
		t.Errorf("ResolveUDPAddr(%q, %q): netkit %v, %v; std %v, %v", network, address, got, err, want, serr)
		return
	}
	if err != nil {
		assert.Equal(t, serr.Error(), err.Error(), "ResolveUDPAddr(%q, %q)", network, address)
		return
	}
	assert.Equal(t, want.String(), got.String(), "ResolveUDPAddr(%q, %q)", network, address)
	assert.Equal(t, []byte(want.IP), []byte(got.IP), "ResolveUDPAddr(%q, %q) IP bytes", network, address)
}

var pkResolveIPCases = []struct{ network, address string }{
	{"ip", "127.0.0.1"},
	{"ip4", "127.0.0.1"},
	{"ip6", "::1"},
	{"ip6", "fe80::1%lo"},
	{"ip4:icmp", "127.0.0.1"},
	{"ip6:58", "::1"},
	{"ip", ""},
	{"", "::1"},
	{"ip4", "::1"},
	{"ip6", "127.0.0.1"},
	{"ip4:nosuchproto", "127.0.0.1"},
	{"udp", "127.0.0.1"},
	{"ip", "::ffff:127.0.0.1"},
}

// TestResolveIPAddrMatchesStd: the same for ResolveIPAddr.
func TestResolveIPAddrMatchesStd(t *testing.T) {
	pkPureGoOracle(t)
	for _, tt := range pkResolveIPCases {
		pkCompareResolveIP(t, tt.network, tt.address)
	}
}

func pkCompareResolveIP(t *testing.T, network, address string) {
	t.Helper()
	got, err := conn.ResolveIPAddr(network, address)
	want, serr := net.ResolveIPAddr(network, address)
	if (err == nil) != (serr == nil) {
		t.Errorf("ResolveIPAddr(%q, %q): netkit %v, %v; std %v, %v", network, address, got, err, want, serr)
		return
	}
	if err != nil {
		assert.Equal(t, serr.Error(), err.Error(), "ResolveIPAddr(%q, %q)", network, address)
		return
	}
	assert.Equal(t, want.String(), got.String(), "ResolveIPAddr(%q, %q)", network, address)
	assert.Equal(t, []byte(want.IP), []byte(got.IP), "ResolveIPAddr(%q, %q) IP bytes", network, address)
}

// FuzzResolveUDPAddr compares ResolveUDPAddr with the stdlib's on literal
// addresses (inputs that would need a DNS lookup are skipped).
func FuzzResolveUDPAddr(f *testing.F) {
	pkPureGoOracle(f)
	for _, tt := range pkResolveUDPCases {
		f.Add(tt.network, tt.address)
	}
	f.Fuzz(func(t *testing.T, network, address string) {
		if !pkLiteralOnly(address, true) {
			t.Skip("needs a name lookup")
		}
		pkCompareResolveUDP(t, network, address)
	})
}

// FuzzResolveIPAddr is FuzzResolveUDPAddr for ResolveIPAddr.
func FuzzResolveIPAddr(f *testing.F) {
	pkPureGoOracle(f)
	for _, tt := range pkResolveIPCases {
		f.Add(tt.network, tt.address)
	}
	f.Fuzz(func(t *testing.T, network, address string) {
		if !pkLiteralOnly(address, false) {
			t.Skip("needs a name lookup")
		}
		pkCompareResolveIP(t, network, address)
	})
}
