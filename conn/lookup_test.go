package conn_test

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// TestResolverDialHook: a Resolver whose Dial returns net.Conns (here
// netkit's, to a dnstest server on loopback) resolves names for Dial.
func TestResolverDialHook(t *testing.T) {
	srv, err := dnstest.NewServer("127.0.0.1", func(q dnsmessage.Message) (dnsmessage.Message, error) {
		if len(q.Questions) > 0 && strings.HasPrefix(q.Questions[0].Name.String(), "svc.netkit-test.") {
			return dnstest.Answer(q, dnstest.RR(60, dnstest.A("127.0.0.1"))), nil
		}
		return dnstest.Answer(q), nil
	})
	require.NoError(t, err)
	defer srv.Close()
	var dials atomic.Int64
	r := &conn.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		dials.Add(1)
		// The resolver passes literal addresses only.
		_, _, err := net.SplitHostPort(address)
		require.NoError(t, err)
		var d conn.Dialer
		return d.DialContext(ctx, network, srv.Addr)
	}}
	ips, err := r.LookupIPAddr(context.Background(), "svc.netkit-test")
	require.NoError(t, err)
	require.Len(t, ips, 1)
	assert.Equal(t, "127.0.0.1", ips[0].IP.String())
	assert.NotZero(t, dials.Load())

	ln := listenStream(t, "tcp4")
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	d := conn.Dialer{Resolver: r}
	c, err := d.Dial("tcp", "svc.netkit-test:"+port)
	require.NoError(t, err)
	c.Close()

	_, err = d.Dial("tcp", "nosuch.netkit-test:"+port)
	require.Error(t, err)
	checkOpError(t, err, "dial")
	// "lookup NAME on SERVER: no such host", SERVER from resolv.conf, as
	// the standard library words it.
	assert.True(t, strings.HasPrefix(err.Error(), "dial tcp: lookup nosuch.netkit-test"), "%v", err)
	assert.True(t, strings.HasSuffix(err.Error(), ": no such host"), "%v", err)
}

// TestLookupPortMatchesStdlib compares LookupPort with net's.
func TestLookupPortMatchesStdlib(t *testing.T) {
	for _, c := range []struct{ network, service string }{
		{"tcp", "80"}, {"tcp", "http"}, {"udp", "domain"}, {"tcp", "65536"}, {"tcp", "-1"},
		{"tcp", "nosuchservice"}, {"bogus", "http"}, {"", "80"}, {"tcp", ""},
	} {
		np, nerr := conn.DefaultResolver.LookupPort(context.Background(), c.network, c.service)
		sp, serr := net.DefaultResolver.LookupPort(context.Background(), c.network, c.service)
		if serr != nil {
			if assert.Error(t, nerr, "%q %q", c.network, c.service) {
				assert.Equal(t, serr.Error(), nerr.Error())
			}
			continue
		}
		if assert.NoError(t, nerr, "%q %q", c.network, c.service) {
			assert.Equal(t, sp, np, "%q %q", c.network, c.service)
		}
	}
	hosts, err := conn.DefaultResolver.LookupHost(context.Background(), "::1")
	require.NoError(t, err)
	assert.Equal(t, []string{"::1"}, hosts)
}
