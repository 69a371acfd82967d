package resolver_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGodebugHelper is run as a subprocess by TestGodebugNetDNS.
func TestGodebugHelper(t *testing.T) {
	if os.Getenv("NETKIT_GODEBUG_HELPER") == "" {
		t.Skip("helper for TestGodebugNetDNS (runs only as its subprocess)")
	}
	r := resolver.New(resolver.Config{Hosts: mustHosts(t, "127.0.0.1 helper.test\n")})
	_, err := r.LookupHost(context.Background(), "helper.test")
	require.NoError(t, err)
	_, _ = r.LookupAddr(context.Background(), "127.0.0.1")
	_, _ = r.LookupHost(context.Background(), "printer.local")
	d := resolver.DefaultResolver.Explain("helper.test")
	os.Stdout.WriteString("DECISION " + d.Stdlib + " " + d.Debug + "\n")
}

func TestGodebugNetDNS(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	for _, tc := range []struct {
		godebug string
		want    []string
		not     []string
	}{
		{"netdns=cgo+2", []string{
			"netkit resolver: ignoring GODEBUG=netdns=cgo: netkit has no cgo resolver; using the Go DNS resolver",
			"netkit resolver: hostLookupOrder(helper.test) = files,dns",
			"netkit resolver: addrLookupOrder() = files,dns",
			"printer.local is a .local (mDNS, RFC 6762) name",
			"DECISION cgo cgo+2",
		}, nil},
		{"netdns=go+1", []string{"netkit resolver: GODEBUG setting forcing use of the Go resolver", "DECISION go go+1"}, []string{"hostLookupOrder"}},
		{"netdns=1", []string{"netkit resolver: using the Go DNS resolver"}, []string{"hostLookupOrder"}},
		{"netdns=bogus+1", []string{"invalid dns mode"}, nil},
		{"", nil, []string{"netkit resolver:"}},
	} {
		t.Run(tc.godebug, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run", "^TestGodebugHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), "NETKIT_GODEBUG_HELPER=1", "GODEBUG="+tc.godebug)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			for _, w := range tc.want {
				assert.Contains(t, string(out), w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, string(out), n)
			}
		})
	}
}

func mustHosts(t testing.TB, s string) *resolver.Hosts {
	h, err := resolver.ParseHosts(stringsReader(s))
	require.NoError(t, err)
	return h
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
