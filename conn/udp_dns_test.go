package conn_test

import (
	"context"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUDPAsResolverTransport: the pure-Go resolver talks DNS over netkit's
// own UDP conns (dialed by a netkit Dialer) to the test BIND server.
func TestUDPAsResolverTransport(t *testing.T) {
	server := os.Getenv("NETKIT_DNS_ADDR")
	if server == "" {
		t.Skip(`NETKIT_DNS_ADDR not set: run eval "$(testenv/dns-server.sh start)" first (needs bind9; make test does it)`)
	}
	var udpDials atomic.Int32
	r := &conn.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			if network == "udp" || network == "udp4" || network == "udp6" {
				udpDials.Add(1)
			}
			var d conn.Dialer
			c, err := d.DialContext(ctx, network, server)
			if err == nil && (network == "udp" || network == "udp4") {
				if _, ok := c.(*conn.UDPConn); !ok {
					t.Errorf("Dial(%s) gave %T", network, c)
				}
			}
			return c, err
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	addrs, err := r.LookupHost(ctx, "host.netkit.test")
	require.NoError(t, err)
	assert.Contains(t, addrs, "127.0.10.1")
	assert.NotZero(t, udpDials.Load(), "the resolver never dialed UDP")
}
