//go:build unix

package resolver_test

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
)

// TestLookupIPLiteralsDifferential compares the literal shortcuts of
// LookupIP, LookupNetIP, LookupIPAddr and LookupHost with the standard
// library's (no DNS is involved for literals). An IPv4-mapped IPv6 literal
// is IPv4 for network "ip4" and not IPv6 for "ip6", as net.IP.To4 decides.
func TestLookupIPLiteralsDifferential(t *testing.T) {
	var nk resolver.Resolver
	std := &net.Resolver{PreferGo: true}
	ctx := context.Background()
	for _, lit := range []string{"127.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:0:0:1", "fe80::1%lo", "fe80::1%42", "::", "0.0.0.0"} {
		for _, network := range []string{"ip", "ip4", "ip6"} {
			p1, e1 := nk.LookupIP(ctx, network, lit)
			p2, e2 := std.LookupIP(ctx, network, lit)
			assert.Equal(t, errText(e2), errText(e1), "LookupIP %s %s", network, lit)
			assert.Equal(t, fmt.Sprint(p2), fmt.Sprint(p1), "LookupIP %s %s", network, lit)
			n1, e1 := nk.LookupNetIP(ctx, network, lit)
			n2, e2 := std.LookupNetIP(ctx, network, lit)
			assert.Equal(t, errText(e2), errText(e1), "LookupNetIP %s %s", network, lit)
			assert.Equal(t, fmt.Sprint(n2), fmt.Sprint(n1), "LookupNetIP %s %s", network, lit)
		}
		i1, e1 := nk.LookupIPAddr(ctx, lit)
		i2, e2 := std.LookupIPAddr(ctx, lit)
		assert.Equal(t, errText(e2), errText(e1), "LookupIPAddr %s", lit)
		assert.Equal(t, fmt.Sprint(i2), fmt.Sprint(i1), "LookupIPAddr %s", lit)
		h1, e1 := nk.LookupHost(ctx, lit)
		h2, e2 := std.LookupHost(ctx, lit)
		assert.Equal(t, errText(e2), errText(e1), "LookupHost %s", lit)
		assert.Equal(t, h2, h1, "LookupHost %s", lit)
	}
}
