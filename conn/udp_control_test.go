package conn_test

import (
	"context"
	"net"
	"strconv"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUDPControlHooks: ListenConfig.Control and Dialer.Control see the same
// network and address as the stdlib's for UDP (and raw IP as root), and
// run before bind, so an option they set is in force on the result.
func TestUDPControlHooks(t *testing.T) {
	type call struct{ network, address string }
	cases := []struct{ network, address string }{
		{"udp", "127.0.0.1:0"},
		{"udp4", "127.0.0.1:0"},
		{"udp6", "[::1]:0"},
		{"udp", ":0"},
	}
	for _, tt := range cases {
		var nk, std []call
		lc := conn.ListenConfig{Control: func(network, address string, c syscall.RawConn) error {
			nk = append(nk, call{network, address})
			return sockopt.SetReuseAddr(c, true)
		}}
		slc := net.ListenConfig{Control: func(network, address string, c syscall.RawConn) error {
			std = append(std, call{network, address})
			return nil
		}}
		pc, err := lc.ListenPacket(context.Background(), tt.network, tt.address)
		require.NoError(t, err, "%s %s", tt.network, tt.address)
		spc, err := slc.ListenPacket(context.Background(), tt.network, tt.address)
		require.NoError(t, err)
		assert.Equal(t, std, nk, "ListenPacket(%s, %s) Control calls", tt.network, tt.address)
		rc, err := pc.(*conn.UDPConn).SyscallConn()
		require.NoError(t, err)
		on, err := sockopt.ReuseAddr(rc)
		require.NoError(t, err)
		assert.True(t, on, "SO_REUSEADDR set in Control is not on the socket")

		// Dial to the stdlib listener and to ours: Control sees the remote address.
		nk, std = nil, nil
		d := conn.Dialer{Control: func(network, address string, _ syscall.RawConn) error {
			nk = append(nk, call{network, address})
			return nil
		}}
		sd := net.Dialer{Control: func(network, address string, _ syscall.RawConn) error {
			std = append(std, call{network, address})
			return nil
		}}
		target := spc.LocalAddr().String()
		if u := spc.LocalAddr().(*net.UDPAddr); u.IP.IsUnspecified() {
			target = net.JoinHostPort("127.0.0.1", strconv.Itoa(u.Port))
		}
		c, err := d.Dial(tt.network, target)
		require.NoError(t, err)
		sc, err := sd.Dial(tt.network, target)
		require.NoError(t, err)
		assert.Equal(t, std, nk, "Dial(%s, %s) Control calls", tt.network, target)
		c.Close()
		sc.Close()
		pc.Close()
		spc.Close()
	}
}
