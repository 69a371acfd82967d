//go:build unix

package resolver_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"

	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDialHookStdlibConns returns standard library connections from
// Resolver.Dial, as netcompat's net.Resolver adapter does: a *net.UDPConn
// (a net.PacketConn) is used one message per datagram, a *net.TCPConn as a
// stream, whatever network was asked for.
func TestDialHookStdlibConns(t *testing.T) {
	s := newServer(t, nil)
	for _, force := range []string{"", "tcp"} {
		t.Run("force="+force, func(t *testing.T) {
			var dials atomic.Int64
			r := testResolver(t, []string{s.Addr})
			r.Dial = func(ctx context.Context, network, address string) (resolver.Conn, error) {
				dials.Add(1)
				if force != "" {
					network = force
				}
				var d net.Dialer
				return d.DialContext(ctx, network, address)
			}
			udp0, tcp0 := s.UDPQueries(), s.TCPQueries()
			addrs, err := r.LookupHost(context.Background(), "host")
			require.NoError(t, err)
			assert.Equal(t, []string{"127.0.55.1", "2001:db8:55::1"}, sorted(addrs))
			txt, err := r.LookupTXT(context.Background(), "big")
			require.NoError(t, err)
			assert.Len(t, txt, 10)
			if force == "tcp" {
				assert.Equal(t, udp0, s.UDPQueries())
				assert.Equal(t, tcp0+3, s.TCPQueries())
			} else {
				assert.Equal(t, udp0+3, s.UDPQueries())
				assert.Equal(t, tcp0+1, s.TCPQueries(), "the truncated TXT answer is retried over TCP")
			}
			assert.Positive(t, dials.Load())
		})
	}
}
