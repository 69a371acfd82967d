package conn_test

import (
	"context"
	"errors"
	"net"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dualListener listens on the dual-stack wildcard (all of 127/8 and ::1
// reach it) and accepts until the test ends.
func dualListener(t *testing.T) string {
	t.Helper()
	ln, err := conn.Listen("tcp", ":0")
	require.NoError(t, err)
	done := acceptAll(ln)
	t.Cleanup(func() { ln.Close(); <-done })
	return strconv.Itoa(ln.Addr().(*addr.TCPAddr).Port)
}

// TestDialNamesViaBIND resolves names of the test zone served by BIND
// (testenv) through Resolvers whose Dial hook reaches it, netkit's and
// the standard library's side by side, and dials them.
func TestDialNamesViaBIND(t *testing.T) {
	server := os.Getenv("NETKIT_DNS_ADDR")
	if server == "" {
		t.Skip("NETKIT_DNS_ADDR not set: run via make test (testenv/up.sh starts BIND)")
	}
	hook := func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, server)
	}
	nk := &conn.Resolver{PreferGo: true, Dial: hook}
	std := &net.Resolver{PreferGo: true, Dial: hook}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	for _, name := range []string{"dual.netkit.test.", "v4only.netkit.test.", "multi.netkit.test.", "www.netkit.test.", "alias.netkit.test."} {
		got, err := nk.LookupHost(ctx, name)
		require.NoError(t, err, name)
		want, err := std.LookupHost(ctx, name)
		require.NoError(t, err, name)
		sort.Strings(got)
		sort.Strings(want)
		assert.Equal(t, want, got, "LookupHost(%q)", name)
	}
	for _, name := range []string{"nosuch.netkit.test.", "x.servfail.netkit.test."} {
		_, nkErr := nk.LookupHost(ctx, name)
		_, stdErr := std.LookupHost(ctx, name)
		require.Error(t, stdErr)
		if assert.Error(t, nkErr, name) {
			assert.Equal(t, stdErr.Error(), nkErr.Error(), name)
			var de *resolver.DNSError
			require.True(t, errors.As(nkErr, &de), "%T", nkErr)
			var sde *net.DNSError
			require.True(t, errors.As(stdErr, &sde))
			assert.Equal(t, sde.IsNotFound, de.IsNotFound, name)
		}
	}

	port := dualListener(t)
	d := conn.Dialer{Resolver: nk, Timeout: 10 * time.Second}
	// www is a CNAME to host (127.0.10.1, loopback here, and
	// 2001:db8:10::1, which must not be dialed from the host's network):
	// tcp4 only.
	for _, target := range [][2]string{{"tcp", "dual.netkit.test"}, {"tcp", "v4only.netkit.test"}, {"tcp4", "www.netkit.test"}} {
		name := target[1]
		c, err := d.DialContext(ctx, target[0], net.JoinHostPort(name, port))
		require.NoError(t, err, name)
		assert.Equal(t, port, strconv.Itoa(c.RemoteAddr().(*addr.TCPAddr).Port))
		c.Close()
	}
	for _, network := range []string{"tcp4", "tcp6"} {
		c, err := d.DialContext(ctx, network, net.JoinHostPort("dual.netkit.test", port))
		require.NoError(t, err, network)
		ip := c.RemoteAddr().(*addr.TCPAddr).IP
		assert.Equal(t, network == "tcp4", ip.To4() != nil, "%s dialed %v", network, ip)
		c.Close()
	}

	_, err := d.DialContext(ctx, "tcp", "nosuch.netkit.test:"+port)
	require.Error(t, err)
	checkOpError(t, err, "dial")
	stdd := net.Dialer{Resolver: std}
	_, stdErr := stdd.DialContext(ctx, "tcp", "nosuch.netkit.test:"+port)
	require.Error(t, stdErr)
	assert.Equal(t, stdErr.Error(), err.Error())
}

// TestSandboxDialSystemResolver runs inside testenv's resolver sandbox
// (make test runs the Sandbox tests there): the default resolver reads
// the sandbox's resolv.conf, hosts and nsswitch.conf, so plain Dial works
// with names from DNS (search list applied) and from the hosts file.
func TestSandboxDialSystemResolver(t *testing.T) {
	if os.Getenv("NETKIT_RESOLV_SANDBOX") == "" {
		t.Skip("NETKIT_RESOLV_SANDBOX not set: run via make test (testenv/resolv-sandbox.sh)")
	}
	port := dualListener(t)
	for _, name := range []string{"dual.netkit.test", "dual", "hosts-only.netkit.test", "hosts-only", "localhost"} {
		c, err := conn.DialTimeout("tcp", net.JoinHostPort(name, port), 10*time.Second)
		require.NoError(t, err, name)
		c.Close()
		nkAddr, err := conn.ResolveTCPAddr("tcp", net.JoinHostPort(name, port))
		require.NoError(t, err, name)
		stdAddr, err := net.ResolveTCPAddr("tcp", net.JoinHostPort(name, port))
		require.NoError(t, err, name)
		assert.Equal(t, stdAddr.String(), nkAddr.String(), "ResolveTCPAddr(%q)", name)
	}
	_, err := conn.Dial("tcp", "nosuch.netkit.test:"+port)
	_, stdErr := net.Dial("tcp", "nosuch.netkit.test:"+port)
	require.Error(t, err)
	require.Error(t, stdErr)
	assert.Equal(t, stdErr.Error(), err.Error())
}
