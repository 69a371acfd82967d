package conn_test

import (
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestUDPReadMsgPacketInfo enables IP_PKTINFO / IPV6_RECVPKTINFO and checks
// the control message ReadMsgUDP returns: the destination address and the
// arriving interface (lo). It then sends with a source address chosen by a
// control message on WriteMsgUDP and checks the receiver saw that source.
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
			r := pkListenUDP(t, tt.network, tt.bind)
			s := pkListenUDP(t, tt.network, tt.bind)
			require.NoError(t, r.SetDeadline(time.Now().Add(5*time.Second)))
			rc, err := r.SyscallConn()
			require.NoError(t, err)
			require.NoError(t, pkSetPktInfo(rc, tt.network == "udp6"))
			port := r.LocalAddr().(*addr.UDPAddr).Port
			dst := &addr.UDPAddr{IP: tt.dst, Port: port}

			_, err = s.WriteToUDP([]byte("info"), dst)
			require.NoError(t, err)
			buf, oob := make([]byte, 16), make([]byte, 256)
			n, oobn, flags, from, err := r.ReadMsgUDP(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "info", string(buf[:n]))
			assert.Zero(t, flags&unix.MSG_CTRUNC, "control data truncated")
			require.NotNil(t, from)
			assert.Equal(t, s.LocalAddr().(*addr.UDPAddr).Port, from.Port)
			ifindex, gotDst := pkParsePktInfo(t, oob[:oobn])
			assert.Equal(t, lo.Index, ifindex)
			assert.True(t, gotDst.Equal(tt.dst), "pktinfo destination %v, want %v", gotDst, tt.dst)

			// The AddrPort variant returns the same.
			_, err = s.WriteToUDP([]byte("ap"), dst)
			require.NoError(t, err)
			n, oobn, _, fromAP, err := r.ReadMsgUDPAddrPort(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "ap", string(buf[:n]))
			assert.Equal(t, uint16(from.Port), fromAP.Port())
			assert.NotZero(t, oobn)

			// WriteMsgUDP with a control message picking the source address.
			var cm []byte
			if tt.network == "udp6" {
				cm = pkPktInfo6(tt.src, lo.Index)
			} else {
				cm = pkPktInfo4(tt.src)
			}
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

func pkPktInfo4(src addr.IP) []byte {
	b := make([]byte, unix.CmsgSpace(unix.SizeofInet4Pktinfo))
	h := (*unix.Cmsghdr)(unsafePointer(&b[0]))
	h.Level, h.Type = unix.IPPROTO_IP, unix.IP_PKTINFO
	h.SetLen(unix.CmsgLen(unix.SizeofInet4Pktinfo))
	pi := (*unix.Inet4Pktinfo)(unsafePointer(&b[unix.CmsgLen(0)]))
	copy(pi.Spec_dst[:], src.To4())
	return b
}

func pkPktInfo6(src addr.IP, ifindex int) []byte {
	b := make([]byte, unix.CmsgSpace(unix.SizeofInet6Pktinfo))
	h := (*unix.Cmsghdr)(unsafePointer(&b[0]))
	h.Level, h.Type = unix.IPPROTO_IPV6, unix.IPV6_PKTINFO
	h.SetLen(unix.CmsgLen(unix.SizeofInet6Pktinfo))
	pi := (*unix.Inet6Pktinfo)(unsafePointer(&b[unix.CmsgLen(0)]))
	copy(pi.Addr[:], src.To16())
	pi.Ifindex = uint32(ifindex)
	return b
}

func pkParsePktInfo(t testing.TB, oob []byte) (int, addr.IP) {
	t.Helper()
	msgs, err := unix.ParseSocketControlMessage(oob)
	require.NoError(t, err)
	for _, m := range msgs {
		switch {
		case m.Header.Level == unix.IPPROTO_IP && m.Header.Type == unix.IP_PKTINFO:
			pi := (*unix.Inet4Pktinfo)(unsafePointer(&m.Data[0]))
			return int(pi.Ifindex), addr.IPv4(pi.Addr[0], pi.Addr[1], pi.Addr[2], pi.Addr[3])
		case m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_PKTINFO:
			pi := (*unix.Inet6Pktinfo)(unsafePointer(&m.Data[0]))
			ip := make(addr.IP, 16)
			copy(ip, pi.Addr[:])
			return int(pi.Ifindex), ip
		}
	}
	t.Fatalf("no packet-info control message in %d bytes of control data", len(oob))
	return 0, nil
}

// pkSetPktInfo asks for IP_PKTINFO (IPv4) or IPV6_RECVPKTINFO control
// messages on rc.
func pkSetPktInfo(rc syscall.RawConn, v6 bool) error {
	level, name := unix.IPPROTO_IP, unix.IP_PKTINFO
	if v6 {
		level, name = unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), level, name, 1) }); err != nil {
		return err
	}
	return serr
}
