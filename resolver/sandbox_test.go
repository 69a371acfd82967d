package resolver_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSandboxDifferential runs the zero Resolver (system configuration)
// and the standard library's pure Go resolver on the same /etc files inside
// testenv/resolv-sandbox.sh and requires the same answers (sorted) and the
// same error texts.
func TestSandboxDifferential(t *testing.T) {
	inSandbox(t)
	var nk resolver.Resolver
	std := &net.Resolver{PreferGo: true}
	ctx := context.Background()
	hostname, _ := os.Hostname()
	names := []string{
		"host", "host.netkit.test", "host.netkit.test.", "HOST", "www", "many", "v4only", "v6only", "multi", "dual",
		"hosts-only", "hosts-only.netkit.test", "hosts-only6.netkit.test", "override", "override.netkit.test",
		"Mixed-Case.netkit.test", "mixed-case.netkit.test", "alias-one", "alias-two", "twice.netkit.test",
		"localhost", "ip6-localhost", hostname, "nxdomain", "nxdomain.netkit.test", "servfail", "refused",
		"example.com", "dangling", "loop1", "x.wild", "bad..name", "", "127.0.0.1", "::1", "fe80::1%lo",
	}
	for _, n := range names {
		t.Run("host "+n, func(t *testing.T) {
			a1, e1 := nk.LookupHost(ctx, n)
			a2, e2 := std.LookupHost(ctx, n)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, normErr(e2), normErr(e1))
			assert.Equal(t, sorted(a2), sorted(a1), "LookupHost")
			if n == "twice.netkit.test" {
				assert.Equal(t, a2, a1, "hosts-file order is kept")
			}

			i1, e1 := nk.LookupIPAddr(ctx, n)
			i2, e2 := std.LookupIPAddr(ctx, n)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, strs(i2, func(a net.IPAddr) string { return a.String() }), strs(i1, func(a addr.IPAddr) string { return a.String() }))

			for _, network := range []string{"ip4", "ip6"} {
				p1, e1 := nk.LookupIP(ctx, network, n)
				p2, e2 := std.LookupIP(ctx, network, n)
				assert.Equal(t, errText(e2), errText(e1), network)
				assert.Equal(t, strs(p2, func(a net.IP) string { return a.String() }), strs(p1, func(a addr.IP) string { return a.String() }), network)
			}
			if n != "alias" {
				c1, e1 := nk.LookupCNAME(ctx, n)
				c2, e2 := std.LookupCNAME(ctx, n)
				assert.Equal(t, errText(e2), errText(e1), "LookupCNAME")
				assert.Equal(t, c2, c1, "LookupCNAME")
			}
			t1, e1 := nk.LookupTXT(ctx, n)
			t2, e2 := std.LookupTXT(ctx, n)
			assert.Equal(t, errText(e2), errText(e1), "LookupTXT")
			assert.Equal(t, sorted(t2), sorted(t1), "LookupTXT")
		})
	}
	for _, n := range []string{"txt", "txt-over1232", "txt-over4096", "netkit.test", "nxdomain"} {
		t.Run("records "+n, func(t *testing.T) {
			t1, e1 := nk.LookupTXT(ctx, n)
			t2, e2 := std.LookupTXT(ctx, n)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, sorted(t2), sorted(t1))
			m1, e1 := nk.LookupMX(ctx, n)
			m2, e2 := std.LookupMX(ctx, n)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, strs(m2, func(m *net.MX) string { return fmt.Sprint(m.Pref, m.Host) }), strs(m1, func(m *resolver.MX) string { return fmt.Sprint(m.Pref, m.Host) }))
			s1, e1 := nk.LookupNS(ctx, n)
			s2, e2 := std.LookupNS(ctx, n)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, strs(s2, func(m *net.NS) string { return m.Host }), strs(s1, func(m *resolver.NS) string { return m.Host }))
		})
	}
	c1, s1, e1 := nk.LookupSRV(ctx, "http", "tcp", "netkit.test")
	c2, s2, e2 := std.LookupSRV(ctx, "http", "tcp", "netkit.test")
	require.Equal(t, errText(e2), errText(e1))
	assert.Equal(t, c2, c1)
	assert.Equal(t, len(s2), len(s1))
	for _, a := range []string{"127.0.20.1", "127.0.20.3", "127.0.20.4", "2001:db8:20::1", "127.0.10.1", "127.0.10.66", "::1", "127.0.0.1", "bogus"} {
		t.Run("addr "+a, func(t *testing.T) {
			n1, e1 := nk.LookupAddr(ctx, a)
			n2, e2 := std.LookupAddr(ctx, a)
			assert.Equal(t, errText(e2), errText(e1))
			assert.Equal(t, sorted(n2), sorted(n1))
		})
	}
	// A done context: every server is still gone through (the dials fail
	// at once) and the last one is reported.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	expired, cancel2 := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel2()
	for _, c := range []context.Context{cancelled, expired} {
		for _, n := range []string{"host", "host.netkit.test.", "nxdomain", "hosts-only", "127.0.0.1"} {
			i1, e1 := nk.LookupIPAddr(c, n)
			i2, e2 := std.LookupIPAddr(c, n)
			assert.Equal(t, errText(e2), errText(e1), "done context: LookupIPAddr %s", n)
			assert.Equal(t, len(i2), len(i1))
			a1, e1 := nk.LookupHost(c, n)
			a2, e2 := std.LookupHost(c, n)
			assert.Equal(t, errText(e2), errText(e1), "done context: LookupHost %s", n)
			assert.Equal(t, a2, a1)
			t1, e1 := nk.LookupTXT(c, n)
			t2, e2 := std.LookupTXT(c, n)
			assert.Equal(t, errText(e2), errText(e1), "done context: LookupTXT %s", n)
			assert.Equal(t, t2, t1)
		}
		n1, e1 := nk.LookupAddr(c, "127.0.10.1")
		n2, e2 := std.LookupAddr(c, "127.0.10.1")
		assert.Equal(t, errText(e2), errText(e1), "done context: LookupAddr")
		assert.Equal(t, n2, n1)
	}
	for _, p := range []struct{ network, service string }{
		{"tcp", "http"}, {"tcp", "https"}, {"udp", "domain"}, {"tcp", "ssh"}, {"udp", "ntp"}, {"tcp", "HTTP"},
		{"", "smtp"}, {"ip", "echo"}, {"tcp", "nonexistent"}, {"sctp", "http"}, {"tcp", "80"}, {"tcp", "-1"}, {"tcp", "65536"}, {"tcp", ""},
	} {
		p1, e1 := nk.LookupPort(ctx, p.network, p.service)
		p2, e2 := std.LookupPort(ctx, p.network, p.service)
		assert.Equal(t, errText(e2), errText(e1), "%s/%s", p.network, p.service)
		assert.Equal(t, p2, p1, "%s/%s", p.network, p.service)
	}
}

// TestSandboxExplain checks that the decision for the sandbox files is the
// one the standard library prints under GODEBUG=netdns=2 for them.
func TestSandboxExplain(t *testing.T) {
	inSandbox(t)
	var r resolver.Resolver
	d := r.Explain("host.netkit.test")
	assert.Equal(t, resolver.OrderFilesDNS, d.Order)
	assert.Equal(t, "go", d.Resolver)
	assert.Contains(t, d.Reason, "files dns")
	c := resolver.SystemConfig()
	assert.Equal(t, []string{"127.0.0.1:53", "[::1]:53"}, c.Servers)
	assert.Equal(t, []string{"netkit.test."}, c.Search)
	assert.Equal(t, "/etc/hosts", c.HostsFile)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
