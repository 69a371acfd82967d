package netcompat_test

import (
	"context"
	"net"
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	nc "github.com/netkit-go/netkit/netcompat"
)

// inSandbox skips unless the test runs under testenv/resolv-sandbox.sh,
// where /etc/resolv.conf and /etc/hosts point at the test DNS server.
func inSandbox(t *testing.T) {
	t.Helper()
	if os.Getenv("NETKIT_RESOLV_SANDBOX") == "" {
		t.Skip("not in the resolver sandbox: make test runs this package as testenv/resolv-sandbox.sh go test -run Sandbox ./...")
	}
}

// TestSandboxLookups checks the package-level Lookup functions against the
// standard library's pure-Go resolver on the same system files.
func TestSandboxLookups(t *testing.T) {
	inSandbox(t)
	std := &net.Resolver{PreferGo: true}
	ctx := context.Background()
	sorted := func(s []string) []string { sort.Strings(s); return s }

	for _, host := range []string{"host.netkit.test", "hosts-only.netkit.test", "override.netkit.test", "multi", "many.netkit.test", "localhost"} {
		want, wantErr := std.LookupHost(ctx, host)
		got, err := nc.LookupHost(host)
		require.Equal(t, wantErr == nil, err == nil, "LookupHost(%q): std err %v, netkit err %v", host, wantErr, err)
		assert.Equal(t, sorted(want), sorted(got), "LookupHost(%q)", host)
	}

	_, wantErr := std.LookupHost(ctx, "nxdomain.netkit.test")
	_, err := nc.LookupHost("nxdomain.netkit.test")
	require.Error(t, err)
	assert.Equal(t, wantErr.Error(), err.Error())
	var dnsErr *nc.DNSError
	require.ErrorAs(t, err, &dnsErr)
	assert.True(t, dnsErr.IsNotFound)

	wantMX, err := std.LookupMX(ctx, "netkit.test")
	require.NoError(t, err)
	gotMX, err := nc.LookupMX("netkit.test")
	require.NoError(t, err)
	require.Len(t, gotMX, len(wantMX))
	for i := range gotMX {
		assert.Equal(t, wantMX[i].Pref, gotMX[i].Pref, "MX records sorted by preference")
	}

	wantTXT, err := std.LookupTXT(ctx, "txt-over1232.netkit.test")
	require.NoError(t, err)
	gotTXT, err := nc.LookupTXT("txt-over1232.netkit.test")
	require.NoError(t, err)
	assert.Equal(t, sorted(wantTXT), sorted(gotTXT))

	wantNames, err := std.LookupAddr(ctx, "127.0.10.4")
	require.NoError(t, err)
	gotNames, err := nc.LookupAddr("127.0.10.4")
	require.NoError(t, err)
	assert.Equal(t, sorted(wantNames), sorted(gotNames))
}

// TestSandboxDialByName dials a loopback listener through a name that only
// DNS knows (dual.netkit.test: 127.0.0.1 and ::1).
func TestSandboxDialByName(t *testing.T) {
	inSandbox(t)
	ln, err := nc.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	_, port, err := nc.SplitHostPort(ln.Addr().String())
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	c, err := nc.Dial("tcp4", nc.JoinHostPort("dual.netkit.test", port))
	require.NoError(t, err)
	c.Close()
	require.NoError(t, <-done)
}
