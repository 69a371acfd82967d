package resolver_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// stdBIND returns the standard library's pure Go resolver sending every
// query to the test BIND server.
func stdBIND(t testing.TB, server string) *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, server)
	}}
}

func TestBINDLookupHost(t *testing.T) {
	r := bindResolver(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		want []string
		n    int // when want is nil: expected count
		err  string
	}{
		{name: "host", want: []string{"127.0.10.1", "2001:db8:10::1"}},
		{name: "host.netkit.test.", want: []string{"127.0.10.1", "2001:db8:10::1"}},
		{name: "HOST.NetKit.Test", want: []string{"127.0.10.1", "2001:db8:10::1"}},
		{name: "v4only", want: []string{"127.0.10.4"}},
		{name: "v6only", want: []string{"2001:db8:10::6"}},
		{name: "multi", want: []string{"127.0.10.11", "127.0.10.12", "127.0.10.13", "127.0.10.14", "2001:db8:10::11", "2001:db8:10::12"}},
		{name: "www", want: []string{"127.0.10.1", "2001:db8:10::1"}},
		{name: "alias", want: []string{"127.0.10.1", "2001:db8:10::1"}},
		{name: "x.wild", want: []string{"127.0.10.7"}},
		{name: "many", n: 160}, // over UDP+EDNS size: TCP retry
		{name: "nxdomain.netkit.test.", err: "lookup nxdomain.netkit.test. on " + dnsServer(t) + ": no such host"},
		{name: "dangling.netkit.test.", err: "lookup dangling.netkit.test. on " + dnsServer(t) + ": no such host"},
		{name: "servfail.netkit.test.", err: "lookup servfail.netkit.test. on " + dnsServer(t) + ": server misbehaving"},
		{name: "refused.netkit.test.", err: "lookup refused.netkit.test. on " + dnsServer(t) + ": server misbehaving"},
		{name: "loop1.netkit.test.", err: "lookup loop1.netkit.test. on " + dnsServer(t) + ": server misbehaving"},
		{name: "bad..name", err: "lookup bad..name: no such host"},
		{name: "127.0.0.1", want: []string{"127.0.0.1"}},
		{name: "", err: "lookup : no such host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addrs, err := r.LookupHost(ctx, tc.name)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, tc.err, err.Error())
				return
			}
			require.NoError(t, err)
			if tc.want != nil {
				assert.Equal(t, tc.want, sorted(addrs))
			} else {
				assert.Len(t, addrs, tc.n)
			}
		})
	}
}

func TestBINDErrorFlags(t *testing.T) {
	r := bindResolver(t)
	ctx := context.Background()
	var de *resolver.DNSError
	_, err := r.LookupHost(ctx, "nxdomain.netkit.test.")
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsNotFound)
	assert.False(t, de.Temporary())
	assert.Equal(t, dnsServer(t), de.Server)

	_, err = r.LookupTXT(ctx, "x.servfail.netkit.test.")
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsTemporary, "SERVFAIL is temporary")
	assert.False(t, de.IsNotFound)

	_, err = r.LookupTXT(ctx, "refused.netkit.test.")
	require.ErrorAs(t, err, &de)
	assert.False(t, de.IsTemporary, "REFUSED is not temporary")

	// NODATA: the name exists, the type does not.
	_, err = r.LookupMX(ctx, "host.netkit.test.")
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsNotFound)
	assert.Equal(t, "lookup host.netkit.test. on "+dnsServer(t)+": no such host", err.Error())
}

func TestBINDLookupIP(t *testing.T) {
	r := bindResolver(t)
	ctx := context.Background()
	ips, err := r.LookupIP(ctx, "ip4", "host")
	require.NoError(t, err)
	require.Len(t, ips, 1)
	assert.Equal(t, "127.0.10.1", ips[0].String())
	assert.Len(t, ips[0], 4, "A records come back in 4-byte form")
	ips, err = r.LookupIP(ctx, "ip6", "host")
	require.NoError(t, err)
	require.Len(t, ips, 1)
	assert.Equal(t, "2001:db8:10::1", ips[0].String())
	_, err = r.LookupIP(ctx, "ip6", "v4only")
	require.Error(t, err)
	_, err = r.LookupIP(ctx, "tcp", "host")
	assert.EqualError(t, err, "unknown network tcp")
	nips, err := r.LookupNetIP(ctx, "ip", "multi")
	require.NoError(t, err)
	assert.Len(t, nips, 6)
	ia, err := r.LookupIPAddr(ctx, "dual")
	require.NoError(t, err)
	require.Len(t, ia, 2)
	assert.Equal(t, "::1", ia[0].IP.String(), "RFC 6724: ::1 (precedence 50) before 127.0.0.1 (35)")
}

func TestBINDLookupCNAME(t *testing.T) {
	r := bindResolver(t)
	ctx := context.Background()
	for name, want := range map[string]string{
		"www":   "host.netkit.test.",
		"alias": "host.netkit.test.",
		"host":  "host.netkit.test.",
	} {
		for i := 0; i < 5; i++ { // the answer must not depend on which query answers first
			got, err := r.LookupCNAME(ctx, name)
			require.NoError(t, err, name)
			assert.Equal(t, want, got, name)
		}
	}
	// A dangling CNAME still names its target (as in the standard library).
	got, err := r.LookupCNAME(ctx, "dangling.netkit.test.")
	require.NoError(t, err)
	assert.Equal(t, "nowhere.netkit.test.", got)
	_, err = r.LookupCNAME(ctx, "nxdomain.netkit.test.")
	require.Error(t, err)
}

func TestBINDLookupRecords(t *testing.T) {
	r := bindResolver(t)
	ctx := context.Background()

	mx, err := r.LookupMX(ctx, "netkit.test")
	require.NoError(t, err)
	require.Len(t, mx, 4)
	assert.Equal(t, "mx1.netkit.test.", mx[0].Host)
	assert.EqualValues(t, 10, mx[0].Pref)
	assert.ElementsMatch(t, []string{"mx2.netkit.test.", "mx3.netkit.test."}, []string{mx[1].Host, mx[2].Host})
	assert.Equal(t, "mx4.netkit.test.", mx[3].Host)
	nullMX, err := r.LookupMX(ctx, "mail.netkit.test.")
	require.NoError(t, err)
	require.Len(t, nullMX, 1)
	assert.Equal(t, ".", nullMX[0].Host)

	ns, err := r.LookupNS(ctx, "netkit.test.")
	require.NoError(t, err)
	var hosts []string
	for _, n := range ns {
		hosts = append(hosts, n.Host)
	}
	assert.Equal(t, []string{"ns1.netkit.test.", "ns2.netkit.test."}, sorted(hosts))

	cname, srv, err := r.LookupSRV(ctx, "http", "tcp", "netkit.test")
	require.NoError(t, err)
	assert.Equal(t, "_http._tcp.netkit.test.", cname)
	require.Len(t, srv, 4)
	assert.EqualValues(t, 10, srv[0].Priority)
	assert.EqualValues(t, 20, srv[3].Priority)
	assert.Equal(t, "srv4.netkit.test.", srv[3].Target)
	_, srv, err = r.LookupSRV(ctx, "", "", "_sip._udp.netkit.test.")
	require.NoError(t, err)
	require.Len(t, srv, 1)
	assert.EqualValues(t, 5060, srv[0].Port)
	_, srv, err = r.LookupSRV(ctx, "none", "tcp", "netkit.test.")
	require.NoError(t, err)
	require.Len(t, srv, 1)
	assert.Equal(t, ".", srv[0].Target)

	for name, want := range map[string][]string{
		"txt":        {"hello, netkit"},
		"txt-multi":  {"part one, part two, part three"},
		"txt-rrs":    {"first", "second", "third"},
		"txt-empty":  {""},
		"txt-escape": {"quote\" backslash\\ semicolon; tab\tend"},
	} {
		got, err := r.LookupTXT(ctx, name)
		require.NoError(t, err, name)
		assert.Equal(t, want, sorted(got), name)
	}
	for name, n := range map[string]int{"txt-over512": 3, "txt-over1232": 8, "txt-over4096": 20} {
		got, err := r.LookupTXT(ctx, name)
		require.NoError(t, err, name)
		assert.Len(t, got, n, name)
	}
	big, err := r.LookupTXT(ctx, "txt-onebig")
	require.NoError(t, err)
	require.Len(t, big, 1)
	assert.Len(t, big[0], 1530)

	names, err := r.LookupAddr(ctx, "127.0.10.1")
	require.NoError(t, err)
	assert.Equal(t, []string{"host.netkit.test.", "netkit.test."}, sorted(names))
	names, err = r.LookupAddr(ctx, "2001:db8:10::6")
	require.NoError(t, err)
	assert.Equal(t, []string{"v6only.netkit.test."}, names)
	_, err = r.LookupAddr(ctx, "127.0.10.66")
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsNotFound)
	_, err = r.LookupAddr(ctx, "not-an-ip")
	assert.EqualError(t, err, "lookup not-an-ip: unrecognized address")
}

func TestBINDOverIPv6(t *testing.T) {
	server := dnsServer6(t)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	r := resolver.New(cfg)
	addrs, err := r.LookupHost(context.Background(), "host.netkit.test.")
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.10.1", "2001:db8:10::1"}, sorted(addrs))
	txt, err := r.LookupTXT(context.Background(), "txt-over1232.netkit.test.")
	require.NoError(t, err)
	assert.Len(t, txt, 8)
}

func TestBINDUseTCPAndPipelined(t *testing.T) {
	for name, mod := range map[string]func(*resolver.Config){
		"use-vc":    func(c *resolver.Config) { c.UseTCP = true },
		"pipelined": func(c *resolver.Config) { c.Transport = resolver.TransportTCPPipelined },
		"no-edns":   func(c *resolver.Config) { c.EDNS0Size = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			r := bindResolver(t, mod)
			addrs, err := r.LookupHost(context.Background(), "many")
			require.NoError(t, err)
			assert.Len(t, addrs, 160)
			txt, err := r.LookupTXT(context.Background(), "txt-over512")
			require.NoError(t, err)
			assert.Len(t, txt, 3)
		})
	}
}

func TestBINDQuery(t *testing.T) {
	r := bindResolver(t)
	resp, err := r.Query(context.Background(), "host", dnsmessage.TypeAAAA)
	require.NoError(t, err)
	assert.Equal(t, "host.netkit.test.", resp.Name)
	require.Len(t, resp.Answers, 1)
	assert.EqualValues(t, 300, resp.Answers[0].Header.TTL)
	assert.True(t, resp.Header.Authoritative)
	assert.False(t, resp.AuthenticData())

	resp, err = r.Query(context.Background(), "alias.netkit.test.", dnsmessage.TypeA)
	require.NoError(t, err)
	assert.Len(t, resp.Answers, 4, "three CNAMEs and the A record")

	resp, err = r.Query(context.Background(), "v4only.netkit.test.", dnsmessage.TypeAAAA)
	require.NoError(t, err, "NODATA is not an error for Query")
	assert.Empty(t, resp.Answers)
	require.NotEmpty(t, resp.Authorities)
	assert.Equal(t, dnsmessage.TypeSOA, resp.Authorities[0].Header.Type)
}

func TestBINDCache(t *testing.T) {
	r := bindResolver(t, func(c *resolver.Config) { c.CacheSize = 10 })
	ctx := context.Background()
	first, err := r.LookupHost(ctx, "multi")
	require.NoError(t, err)
	start := time.Now()
	for i := 0; i < 1000; i++ {
		again, err := r.LookupHost(ctx, "multi")
		require.NoError(t, err)
		require.Equal(t, first, again)
	}
	assert.Less(t, time.Since(start), 500*time.Millisecond, "1000 cached lookups (no server round trip)")
	_, err = r.LookupHost(ctx, "nxdomain.netkit.test.")
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	_, err2 := r.LookupHost(ctx, "nxdomain.netkit.test.")
	assert.Equal(t, err.Error(), err2.Error())
}

// normErr reduces a lookup error to what both resolvers must agree on.
func normErr(err error) string {
	if err == nil {
		return ""
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return fmt.Sprintf("DNSError{Err:%q Name:%q NotFound:%v Temporary:%v Timeout:%v}", de.Err, de.Name, de.IsNotFound, de.IsTemporary, de.IsTimeout)
	}
	var ne *resolver.DNSError
	if errors.As(err, &ne) {
		return fmt.Sprintf("DNSError{Err:%q Name:%q NotFound:%v Temporary:%v Timeout:%v}", ne.Err, ne.Name, ne.IsNotFound, ne.IsTemporary, ne.IsTimeout)
	}
	return err.Error()
}

func strs[T any](in []T, f func(T) string) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	sort.Strings(out)
	return out
}

// TestBINDDifferential asks BIND the same questions through netkit and
// through the standard library's pure Go resolver (its Dial pointed at
// BIND) and compares answers (sorted) and errors. Names are rooted so that
// neither side applies a search list.
func TestBINDDifferential(t *testing.T) {
	server := dnsServer(t)
	nk := bindResolver(t, func(c *resolver.Config) { c.Search = nil })
	std := stdBIND(t, server)
	ctx := context.Background()
	names := []string{"host", "v4only", "v6only", "multi", "many", "www", "alias", "x.wild", "nxdomain", "dangling",
		"servfail", "x.servfail", "refused", "loop1", "txt", "txt-multi", "txt-rrs", "txt-empty", "txt-escape",
		"txt-over512", "txt-over1232", "txt-over4096", "txt-onebig", "_http._tcp", "mail", "ns1", "dual"}
	for _, n := range names {
		fq := n + ".netkit.test."
		t.Run(n, func(t *testing.T) {
			a1, e1 := nk.LookupHost(ctx, fq)
			a2, e2 := std.LookupHost(ctx, fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupHost error")
			assert.Equal(t, sorted(a2), sorted(a1), "LookupHost")

			i1, e1 := nk.LookupIP(ctx, "ip4", fq)
			i2, e2 := std.LookupIP(ctx, "ip4", fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupIP ip4 error")
			assert.Equal(t, strs(i2, func(ip net.IP) string { return ip.String() }), strs(i1, func(ip addr.IP) string { return ip.String() }), "LookupIP")

			t1, e1 := nk.LookupTXT(ctx, fq)
			t2, e2 := std.LookupTXT(ctx, fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupTXT error")
			assert.Equal(t, sorted(t2), sorted(t1), "LookupTXT")

			m1, e1 := nk.LookupMX(ctx, fq)
			m2, e2 := std.LookupMX(ctx, fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupMX error")
			assert.Equal(t, strs(m2, func(m *net.MX) string { return fmt.Sprint(m.Pref, m.Host) }), strs(m1, func(m *resolver.MX) string { return fmt.Sprint(m.Pref, m.Host) }))

			n1, e1 := nk.LookupNS(ctx, fq)
			n2, e2 := std.LookupNS(ctx, fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupNS error")
			assert.Equal(t, strs(n2, func(m *net.NS) string { return m.Host }), strs(n1, func(m *resolver.NS) string { return m.Host }))

			c1, s1, e1 := nk.LookupSRV(ctx, "", "", fq)
			c2, s2, e2 := std.LookupSRV(ctx, "", "", fq)
			assert.Equal(t, normErr(e2), normErr(e1), "LookupSRV error")
			assert.Equal(t, c2, c1)
			assert.Equal(t, strs(s2, func(s *net.SRV) string { return fmt.Sprint(s.Priority, s.Weight, s.Port, s.Target) }),
				strs(s1, func(s *resolver.SRV) string { return fmt.Sprint(s.Priority, s.Weight, s.Port, s.Target) }))

			if !strings.HasPrefix(n, "alias") { // the standard library's answer races (see testenv README)
				c1, e1 := nk.LookupCNAME(ctx, fq)
				c2, e2 := std.LookupCNAME(ctx, fq)
				assert.Equal(t, normErr(e2), normErr(e1), "LookupCNAME error")
				assert.Equal(t, c2, c1)
			}
		})
	}
	for _, a := range []string{"127.0.10.1", "127.0.10.4", "127.0.10.66", "2001:db8:10::1", "2001:db8:10::11", "::ffff:127.0.10.4", "bogus", "fe80::1%lo"} {
		t.Run("addr "+a, func(t *testing.T) {
			n1, e1 := nk.LookupAddr(ctx, a)
			n2, e2 := std.LookupAddr(ctx, a)
			assert.Equal(t, normErr(e2), normErr(e1))
			assert.Equal(t, sorted(n2), sorted(n1))
		})
	}
}
