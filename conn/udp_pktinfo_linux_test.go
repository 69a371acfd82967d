package conn_test

import (
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestUDPReadMsgPacketInfo turns on IP_PKTINFO / IPV6_RECVPKTINFO with
// sockopt and checks the control message ReadMsgUDP returns: the
// destination address and the arriving interface (lo). It then sends with
// a source address chosen by a control message on WriteMsgUDP and checks
// the receiver saw that source.
func TestUDPReadMsgPacketInfo(t *testing.T) {
	lo, err := net.InterfaceByName("lo")
	if err != nil {
		t.Skipf("no loopback interface named lo here: %v", err)
	}
	for _, tt := range []struct {
		network  string
		bind     addr.IP
		dst, src addr.IP
	}{
		{"udp4", addr.IPv4zero, addr.IPv4(127, 0, 0, 1), addr.IPv4(127, 0, 0, 5)},
		{"udp6", addr.IPv6unspecified, addr.IPv6loopback, addr.IPv6loopback},
	} {
		t.Run(tt.network, func(t *testing.T) {
			v6 := tt.network == "udp6"
			r := pkListenUDP(t, tt.network, tt.bind)
			s := pkListenUDP(t, tt.network, tt.bind)
			require.NoError(t, r.SetDeadline(time.Now().Add(5*time.Second)))
			rc, err := r.SyscallConn()
			require.NoError(t, err)
			if v6 {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv6(rc, true))
			} else {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv4(rc, true))
			}
			port := r.LocalAddr().(*addr.UDPAddr).Port
			dst := &addr.UDPAddr{IP: tt.dst, Port: port}

			_, err = s.WriteToUDP([]byte("info"), dst)
			require.NoError(t, err)
			buf, oob := make([]byte, 16), make([]byte, sockopt.PacketInfoSpace())
			n, oobn, flags, from, err := r.ReadMsgUDP(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "info", string(buf[:n]))
			assert.Zero(t, flags&unix.MSG_CTRUNC, "control data truncated")
			require.NotNil(t, from)
			assert.Equal(t, s.LocalAddr().(*addr.UDPAddr).Port, from.Port)
			info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
			require.NoError(t, err)
			require.True(t, ok, "no packet-info control message in %d bytes", oobn)
			assert.Equal(t, lo.Index, info.IfIndex)
			assert.True(t, info.Addr.Equal(tt.dst), "pktinfo destination %v, want %v", info.Addr, tt.dst)

			// The AddrPort variant returns the same.
			_, err = s.WriteToUDP([]byte("ap"), dst)
			require.NoError(t, err)
			n, oobn, _, fromAP, err := r.ReadMsgUDPAddrPort(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "ap", string(buf[:n]))
			assert.Equal(t, uint16(from.Port), fromAP.Port())
			_, ok, _ = sockopt.ParsePacketInfo(oob[:oobn])
			assert.True(t, ok)

			// A datagram larger than b comes back truncated with MSG_TRUNC.
			_, err = s.WriteToUDP(make([]byte, 100), dst)
			require.NoError(t, err)
			n, _, flags, _, err = r.ReadMsgUDP(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, len(buf), n)
			assert.NotZero(t, flags&unix.MSG_TRUNC, "MSG_TRUNC not reported")

			// WriteMsgUDP with a control message picking the source address.
			pi := sockopt.PacketInfo{Addr: tt.src}
			var cm []byte
			if v6 {
				pi.IfIndex = lo.Index
				cm, err = pi.AppendIPv6(nil)
			} else {
				cm, err = pi.AppendIPv4(nil)
			}
			require.NoError(t, err)
			n, oobn, err = s.WriteMsgUDP([]byte("src"), cm, dst)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			assert.Equal(t, len(cm), oobn)
			n, _, _, from, err = r.ReadMsgUDP(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "src", string(buf[:n]))
			assert.True(t, from.IP.Equal(tt.src), "source %v, want %v", from.IP, tt.src)

			n, _, err = s.WriteMsgUDPAddrPort([]byte("ap2"), nil, dst.AddrPort())
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			n, _, err = r.ReadFromUDPAddrPort(buf)
			require.NoError(t, err)
			assert.Equal(t, "ap2", string(buf[:n]))
		})
	}
}
