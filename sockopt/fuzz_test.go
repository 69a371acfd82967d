//go:build linux || darwin

package sockopt_test

import (
	"net"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
	"golang.org/x/sys/unix"
)

// FuzzPacketInfo builds packet information control messages with
// AppendIPv4/AppendIPv6, optionally behind a foreign control message,
// parses them with ParsePacketInfo and with golang.org/x/net's ipv4 and
// ipv6 ControlMessage.Parse, and requires the same interface index and
// address.
func FuzzPacketInfo(f *testing.F) {
	f.Add(uint32(1), []byte{127, 0, 0, 1}, false)
	f.Add(uint32(7), []byte{0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, true)
	f.Add(uint32(0), []byte{}, true)
	f.Add(uint32(0x7fffffff), []byte{255, 255, 255, 255}, true)
	f.Fuzz(func(t *testing.T, ifindex uint32, ip []byte, withRights bool) {
		if ifindex > 0x7fffffff {
			return
		}
		var prefix []byte
		if withRights {
			prefix = unix.UnixRights(0)
		}
		pi := sockopt.PacketInfo{IfIndex: int(ifindex), Addr: addr.IP(ip)}
		switch len(ip) {
		case 0, 4:
			b, err := pi.AppendIPv4(prefix)
			require.NoError(t, err)
			got, ok, err := sockopt.ParsePacketInfo(b)
			require.NoError(t, err)
			require.True(t, ok)
			var cm ipv4.ControlMessage
			require.NoError(t, cm.Parse(b[len(prefix):]))
			require.Equal(t, cm.IfIndex, got.IfIndex)
			require.Equal(t, int(ifindex), got.IfIndex)
			// Built for sending, the address is ipi_spec_dst: Local on parse.
			want := net.IPv4zero.To4()
			if len(ip) == 4 {
				want = net.IP(ip)
			}
			require.Equal(t, addr.IP(want), got.Local)
		case 16:
			b, err := pi.AppendIPv6(prefix)
			require.NoError(t, err)
			got, ok, err := sockopt.ParsePacketInfo(b)
			require.NoError(t, err)
			require.True(t, ok)
			var cm ipv6.ControlMessage
			require.NoError(t, cm.Parse(b[len(prefix):]))
			require.Equal(t, cm.IfIndex, got.IfIndex)
			require.Equal(t, addr.IP(cm.Dst), got.Addr)
			require.Equal(t, addr.IP(ip), got.Addr)
		default:
			_, err4 := pi.AppendIPv4(prefix)
			require.Error(t, err4)
		}
	})
}

// FuzzParsePacketInfo feeds arbitrary bytes: ParsePacketInfo must not
// panic, and when x/sys/unix accepts the buffer as a whole and finds a
// packet information message it must find it too.
func FuzzParsePacketInfo(f *testing.F) {
	pi := sockopt.PacketInfo{IfIndex: 3, Addr: addr.IP(net.ParseIP("2001:db8::1"))}
	seed, _ := pi.AppendIPv6(unix.UnixRights(1, 2))
	f.Add(seed)
	f.Add([]byte{})
	f.Add(make([]byte, unix.SizeofCmsghdr))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, ok, err := sockopt.ParsePacketInfo(b)
		msgs, uerr := unix.ParseSocketControlMessage(b)
		if uerr != nil {
			return // malformed somewhere; ParsePacketInfo may stop earlier
		}
		var found bool
		for _, m := range msgs {
			if (m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_PKTINFO && len(m.Data) >= 20) ||
				(m.Header.Level == unix.IPPROTO_IP && m.Header.Type == unix.IP_PKTINFO && len(m.Data) >= 12) {
				found = true
				break
			}
			if (m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_PKTINFO) ||
				(m.Header.Level == unix.IPPROTO_IP && m.Header.Type == unix.IP_PKTINFO) {
				require.Error(t, err, "short packet information payload accepted")
				return
			}
		}
		require.NoError(t, err)
		require.Equal(t, found, ok, "%+v", info)
	})
}
