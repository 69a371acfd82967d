package conn_test

import (
	"net"
	"net/netip"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/conn"
)

// FuzzResolveTCPAddr compares ResolveTCPAddr with net's on inputs whose
// host is empty or a literal IP (names would mean DNS traffic): same
// result or same error text. net's pure-Go resolver is the oracle: with
// cgo, net looks service names up with getaddrinfo, whose answers differ
// ("tcp6/x" in the error, " 0" accepted as port 0, NUL "invalid
// argument"), and netkit's resolver is pure Go.
func FuzzResolveTCPAddr(f *testing.F) {
	net.DefaultResolver.PreferGo = true
	for _, s := range []string{
		"127.0.0.1:80", "[::1]:443", ":0", "", "[fe80::1%eth0]:22", "1.2.3.4:http", "[::ffff:1.2.3.4]:1",
		"127.0.0.1:", "127.0.0.1:99999", "[::1", "::1:80", "0.0.0.0:-5", "[::]:+7", "1.2.3.4:ssh",
	} {
		for _, network := range []string{"tcp", "tcp4", "tcp6", "", "udp"} {
			f.Add(network, s)
		}
	}
	f.Fuzz(func(t *testing.T, network, address string) {
		if host, _, err := net.SplitHostPort(address); err == nil && host != "" {
			if i := strings.LastIndexByte(host, '%'); i > 0 {
				host = host[:i]
			}
			if _, err := netip.ParseAddr(host); err != nil {
				t.Skip("not a literal address")
			}
		}
		nk, nkErr := conn.ResolveTCPAddr(network, address)
		std, stdErr := net.ResolveTCPAddr(network, address)
		if stdErr != nil || nkErr != nil {
			if stdErr == nil || nkErr == nil || stdErr.Error() != nkErr.Error() {
				t.Fatalf("ResolveTCPAddr(%q, %q): netkit %v, std %v", network, address, nkErr, stdErr)
			}
			return
		}
		if nk.String() != std.String() || string(nk.IP) != string(std.IP) || nk.Port != std.Port || nk.Zone != std.Zone {
			t.Fatalf("ResolveTCPAddr(%q, %q): netkit %#v, std %#v", network, address, nk, std)
		}
	})
}
