package conn_test

import (
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/require"
)

// TestUDPErrorShapesAfterClose runs every method of a closed UDPConn (and
// of a closed stdlib UDPConn) and checks, for each, the wrapping chain with
// pkCheckOpError and the text against the stdlib's.
func TestUDPErrorShapesAfterClose(t *testing.T) {
	nk, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	std, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	repl := [][2]string{{nk.LocalAddr().String(), "L"}, {std.LocalAddr().String(), "L"}}
	require.NoError(t, nk.Close())
	require.NoError(t, std.Close())
	dst := &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 9}
	sdst := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}
	buf := make([]byte, 8)
	for _, tt := range []struct {
		op      string
		nk, std func() error
	}{
		{"read", func() error { _, err := nk.Read(buf); return err }, func() error { _, err := std.Read(buf); return err }},
		{"write", func() error { _, err := nk.Write(buf); return err }, func() error { _, err := std.Write(buf); return err }},
		{"read", func() error { _, _, err := nk.ReadFrom(buf); return err }, func() error { _, _, err := std.ReadFrom(buf); return err }},
		{"read", func() error { _, _, err := nk.ReadFromUDP(buf); return err }, func() error { _, _, err := std.ReadFromUDP(buf); return err }},
		{"read", func() error { _, _, _, _, err := nk.ReadMsgUDP(buf, nil); return err }, func() error { _, _, _, _, err := std.ReadMsgUDP(buf, nil); return err }},
		{"write", func() error { _, err := nk.WriteTo(buf, dst); return err }, func() error { _, err := std.WriteTo(buf, sdst); return err }},
		{"write", func() error { _, err := nk.WriteToUDP(buf, dst); return err }, func() error { _, err := std.WriteToUDP(buf, sdst); return err }},
		{"write", func() error { _, err := nk.WriteToUDPAddrPort(buf, dst.AddrPort()); return err }, func() error { _, err := std.WriteToUDPAddrPort(buf, sdst.AddrPort()); return err }},
		{"write", func() error { _, _, err := nk.WriteMsgUDP(buf, nil, dst); return err }, func() error { _, _, err := std.WriteMsgUDP(buf, nil, sdst); return err }},
		{"set", func() error { return nk.SetDeadline(time.Now()) }, func() error { return std.SetDeadline(time.Now()) }},
		{"set", func() error { return nk.SetReadDeadline(time.Now()) }, func() error { return std.SetReadDeadline(time.Now()) }},
		{"set", func() error { return nk.SetWriteDeadline(time.Now()) }, func() error { return std.SetWriteDeadline(time.Now()) }},
		{"set", func() error { return nk.SetReadBuffer(4096) }, func() error { return std.SetReadBuffer(4096) }},
		{"set", func() error { return nk.SetWriteBuffer(4096) }, func() error { return std.SetWriteBuffer(4096) }},
		{"close", nk.Close, std.Close},
		{"file", func() error { _, err := nk.File(); return err }, func() error { _, err := std.File(); return err }},
	} {
		err, serr := tt.nk(), tt.std()
		pkCheckOpError(t, err, tt.op)
		pkSameText(t, tt.op, err, serr, repl...)
	}
}

// TestUDPWriteDeadlineMatchesStd: a write deadline in the past fails every
// write method with the same timeout error as the stdlib's.
func TestUDPWriteDeadlineMatchesStd(t *testing.T) {
	nk := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	std, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer std.Close()
	repl := [][2]string{{nk.LocalAddr().String(), "L"}, {std.LocalAddr().String(), "L"}}
	past := time.Now().Add(-time.Second)
	require.NoError(t, nk.SetWriteDeadline(past))
	require.NoError(t, std.SetWriteDeadline(past))
	dst := &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 9}
	sdst := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}
	buf := []byte("x")
	_, err = nk.WriteToUDP(buf, dst)
	_, serr := std.WriteToUDP(buf, sdst)
	pkCheckOpError(t, err, "write")
	pkSameText(t, "WriteToUDP past deadline", err, serr, repl...)
	_, err = nk.WriteToUDPAddrPort(buf, dst.AddrPort())
	_, serr = std.WriteToUDPAddrPort(buf, sdst.AddrPort())
	pkSameText(t, "WriteToUDPAddrPort past deadline", err, serr, repl...)
	_, _, err = nk.WriteMsgUDP(buf, nil, dst)
	_, _, serr = std.WriteMsgUDP(buf, nil, sdst)
	pkSameText(t, "WriteMsgUDP past deadline", err, serr, repl...)
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	require.True(t, ne.Timeout())
}

// TestIPConnErrorShapesAfterClose is TestUDPErrorShapesAfterClose for a raw
// IP conn (root only).
func TestIPConnErrorShapesAfterClose(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets")
	nk, err := conn.ListenIP("ip4:icmp", &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	std, err := net.ListenIP("ip4:icmp", &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	require.NoError(t, nk.Close())
	require.NoError(t, std.Close())
	dst := &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)}
	sdst := &net.IPAddr{IP: net.IPv4(127, 0, 0, 1)}
	buf := make([]byte, 8)
	for _, tt := range []struct {
		op      string
		nk, std func() error
	}{
		{"read", func() error { _, err := nk.Read(buf); return err }, func() error { _, err := std.Read(buf); return err }},
		{"read", func() error { _, _, err := nk.ReadFrom(buf); return err }, func() error { _, _, err := std.ReadFrom(buf); return err }},
		{"read", func() error { _, _, err := nk.ReadFromIP(buf); return err }, func() error { _, _, err := std.ReadFromIP(buf); return err }},
		{"read", func() error { _, _, _, _, err := nk.ReadMsgIP(buf, nil); return err }, func() error { _, _, _, _, err := std.ReadMsgIP(buf, nil); return err }},
		{"write", func() error { _, err := nk.WriteTo(buf, dst); return err }, func() error { _, err := std.WriteTo(buf, sdst); return err }},
		{"write", func() error { _, err := nk.WriteToIP(buf, dst); return err }, func() error { _, err := std.WriteToIP(buf, sdst); return err }},
		{"write", func() error { _, _, err := nk.WriteMsgIP(buf, nil, dst); return err }, func() error { _, _, err := std.WriteMsgIP(buf, nil, sdst); return err }},
		{"set", func() error { return nk.SetDeadline(time.Now()) }, func() error { return std.SetDeadline(time.Now()) }},
		{"close", nk.Close, std.Close},
	} {
		err, serr := tt.nk(), tt.std()
		pkCheckOpError(t, err, tt.op)
		pkSameText(t, tt.op, err, serr)
	}
}
