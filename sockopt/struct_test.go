//go:build linux || darwin || freebsd

package sockopt_test

import (
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestGetTCPInfo moves data over a loopback connection and checks that
// the kernel's statistics are sane: established, an RTT above zero and far
// below a second on loopback, a congestion window, the byte counts.
func TestGetTCPInfo(t *testing.T) {
	if runtime.GOOS == "freebsd" {
		t.Skip("TCP_INFO is not implemented for FreeBSD")
	}
	for _, network := range []string{"tcp4", "tcp6"} {
		t.Run(network, func(t *testing.T) {
			c, s := tcpPair(t, network)
			const rounds, size = 50, 1000
			buf := make([]byte, size)
			done := make(chan error, 1)
			go func() { // echo
				b := make([]byte, size)
				for i := 0; i < rounds; i++ {
					if _, err := io.ReadFull(s, b); err != nil {
						done <- err
						return
					}
					if _, err := s.Write(b); err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
			for i := 0; i < rounds; i++ {
				_, err := c.Write(buf)
				require.NoError(t, err)
				_, err = io.ReadFull(c, buf)
				require.NoError(t, err)
			}
			require.NoError(t, <-done)

			info, err := sockopt.GetTCPInfo(syscallConn(t, c))
			require.NoError(t, err)
			t.Logf("%+v", *info)
			assert.Equal(t, sockopt.TCPStateEstablished, info.State)
			assert.Equal(t, "ESTABLISHED", info.State.String())
			assert.Greater(t, info.RTT, time.Duration(0), "RTT")
			assert.Less(t, info.RTT, 100*time.Millisecond, "RTT on loopback")
			assert.Greater(t, info.RTO, info.RTT, "RTO")
			assert.NotZero(t, info.SndCwnd, "SndCwnd")
			assert.NotZero(t, info.SndMSS, "SndMSS")
			assert.Zero(t, info.Retransmits, "Retransmits on loopback")
			if runtime.GOOS == "linux" {
				assert.EqualValues(t, rounds*size, info.BytesSent)
				assert.EqualValues(t, rounds*size, info.BytesReceived)
				assert.Greater(t, info.MinRTT, time.Duration(0), "MinRTT")
				assert.LessOrEqual(t, info.MinRTT, info.RTT+info.RTTVar, "MinRTT")
			}

			// The listener's view.
			ln, err := net.Listen(network, "localhost:0")
			if err == nil {
				defer ln.Close()
				info, err := sockopt.GetTCPInfo(syscallConn(t, ln.(*net.TCPListener)))
				if err == nil { // MPTCP listeners refuse TCP_INFO on some kernels
					assert.Equal(t, sockopt.TCPStateListen, info.State)
				}
			}
		})
	}
}

// TestGetTCPInfoOnUDP checks the error for a socket that is not TCP.
func TestGetTCPInfoOnUDP(t *testing.T) {
	if runtime.GOOS == "freebsd" {
		t.Skip("TCP_INFO is not implemented for FreeBSD")
	}
	_, err := sockopt.GetTCPInfo(fixtures["std-udp4"](t))
	requireSyscallError(t, err, "getsockopt", unix.ENOPROTOOPT, unix.EOPNOTSUPP)
}

func TestTCPStateString(t *testing.T) {
	assert.Equal(t, "TIME-WAIT", sockopt.TCPStateTimeWait.String())
	assert.Equal(t, "CLOSED", sockopt.TCPStateClosed.String())
	assert.Equal(t, "TCPState(42)", sockopt.TCPState(42).String())
}

// TestPeerCred checks SO_PEERCRED over a socketpair (raw fds) and over a
// stdlib Unix connection against our own pid, uid and gid.
func TestPeerCred(t *testing.T) {
	want := sockopt.Ucred{Pid: int32(os.Getpid()), Uid: uint32(os.Getuid()), Gid: uint32(os.Getgid())}
	if runtime.GOOS == "darwin" || runtime.GOOS == "freebsd" {
		want.Gid = uint32(os.Getegid())
	}
	t.Run("socketpair", func(t *testing.T) {
		fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer unix.Close(fds[0])
		defer unix.Close(fds[1])
		for _, fd := range fds {
			cred, err := sockopt.PeerCred(rawFD(fd))
			require.NoError(t, err)
			assert.Equal(t, want, *cred)
		}
	})
	t.Run("stdlib", func(t *testing.T) {
		path := t.TempDir() + "/s"
		ln, err := net.Listen("unix", path)
		require.NoError(t, err)
		defer ln.Close()
		c, err := net.Dial("unix", path)
		require.NoError(t, err)
		defer c.Close()
		s, err := ln.Accept()
		require.NoError(t, err)
		defer s.Close()
		for _, conn := range []net.Conn{c, s} {
			cred, err := sockopt.PeerCred(syscallConn(t, conn.(*net.UnixConn)))
			require.NoError(t, err)
			assert.Equal(t, want, *cred)
		}
	})
	t.Run("unconnected", func(t *testing.T) {
		fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer unix.Close(fd)
		cred, err := sockopt.PeerCred(rawFD(fd))
		if runtime.GOOS == "linux" { // Linux reports no peer as pid 0, uid and gid -1
			require.NoError(t, err)
			assert.Equal(t, sockopt.Ucred{Pid: 0, Uid: ^uint32(0), Gid: ^uint32(0)}, *cred)
		} else {
			assert.Error(t, err)
		}
	})
}

// TestPacketInfoReceive receives datagrams on loopback with packet
// information on and checks the destination address and interface index
// parsed from the control message.
func TestPacketInfoReceive(t *testing.T) {
	if runtime.GOOS == "freebsd" {
		t.Skip("FreeBSD has no IP_PKTINFO")
	}
	lo := loopbackIndex()
	for _, tc := range []struct {
		network, listen, dst string
		set                  func(*net.UDPConn) error
		wantAddr             addr.IP
	}{
		{"udp4", "0.0.0.0:0", "127.0.0.1", func(c *net.UDPConn) error {
			return sockopt.SetReceivePacketInfoIPv4(syscallConn(t, c), true)
		}, addr.IP{127, 0, 0, 1}},
		{"udp4", "0.0.0.0:0", "127.1.2.3", func(c *net.UDPConn) error { // any 127/8 address is ours
			return sockopt.SetReceivePacketInfoIPv4(syscallConn(t, c), true)
		}, addr.IP{127, 1, 2, 3}},
		{"udp6", "[::]:0", "::1", func(c *net.UDPConn) error {
			return sockopt.SetReceivePacketInfoIPv6(syscallConn(t, c), true)
		}, addr.IP(net.IPv6loopback)},
	} {
		t.Run(tc.network+"/"+tc.dst, func(t *testing.T) {
			pc, err := net.ListenPacket(tc.network, tc.listen)
			require.NoError(t, err)
			defer pc.Close()
			c := pc.(*net.UDPConn)
			require.NoError(t, tc.set(c))

			port := c.LocalAddr().(*net.UDPAddr).Port
			sender, err := net.DialUDP(tc.network, nil, &net.UDPAddr{IP: net.ParseIP(tc.dst), Port: port})
			require.NoError(t, err)
			defer sender.Close()
			_, err = sender.Write([]byte("hello"))
			require.NoError(t, err)

			require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
			buf := make([]byte, 64)
			oob := make([]byte, sockopt.PacketInfoSpace())
			n, oobn, _, from, err := c.ReadMsgUDP(buf, oob)
			require.NoError(t, err)
			assert.Equal(t, "hello", string(buf[:n]))
			require.NotZero(t, oobn, "no control message (from %v)", from)
			info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, lo, info.IfIndex)
			assert.Equal(t, tc.wantAddr, info.Addr)
		})
	}
}

// TestPacketInfoSend sends from a socket bound to the wildcard address
// with an explicit source address in an IP_PKTINFO/IPV6_PKTINFO control
// message built by AppendIPv4/AppendIPv6, and checks the receiver sees
// that source.
func TestPacketInfoSend(t *testing.T) {
	if runtime.GOOS == "freebsd" {
		t.Skip("FreeBSD has no IP_PKTINFO")
	}
	for _, tc := range []struct {
		network, any, dst, src string
		build                  func(*sockopt.PacketInfo) ([]byte, error)
	}{
		{"udp4", "0.0.0.0:0", "127.0.0.1", "127.0.0.7", func(p *sockopt.PacketInfo) ([]byte, error) { return p.AppendIPv4(nil) }},
		{"udp6", "[::]:0", "::1", "::1", func(p *sockopt.PacketInfo) ([]byte, error) { return p.AppendIPv6(nil) }},
	} {
		t.Run(tc.network, func(t *testing.T) {
			rcv, err := net.ListenUDP(tc.network, &net.UDPAddr{IP: net.ParseIP(tc.dst)})
			require.NoError(t, err)
			defer rcv.Close()
			snd, err := net.ListenPacket(tc.network, tc.any)
			require.NoError(t, err)
			defer snd.Close()

			src := addr.IP(net.ParseIP(tc.src))
			if ip4 := net.ParseIP(tc.src).To4(); ip4 != nil {
				src = addr.IP(ip4)
			}
			oob, err := tc.build(&sockopt.PacketInfo{IfIndex: loopbackIndex(), Addr: src})
			require.NoError(t, err)
			require.LessOrEqual(t, len(oob), sockopt.PacketInfoSpace())

			// The control message we built parses back to what we put in.
			info, ok, err := sockopt.ParsePacketInfo(oob)
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, loopbackIndex(), info.IfIndex)

			_, _, err = snd.(*net.UDPConn).WriteMsgUDP([]byte("x"), oob, rcv.LocalAddr().(*net.UDPAddr))
			require.NoError(t, err)
			require.NoError(t, rcv.SetReadDeadline(time.Now().Add(5*time.Second)))
			buf := make([]byte, 8)
			_, from, err := rcv.ReadFromUDP(buf)
			require.NoError(t, err)
			assert.True(t, from.IP.Equal(net.ParseIP(tc.src)), "source %v, want %v", from.IP, tc.src)
			assert.Equal(t, snd.LocalAddr().(*net.UDPAddr).Port, from.Port)
		})
	}
}

// TestParsePacketInfoMalformed checks truncated and foreign control data.
func TestParsePacketInfoMalformed(t *testing.T) {
	_, ok, err := sockopt.ParsePacketInfo(nil)
	require.NoError(t, err)
	assert.False(t, ok)

	rights := unix.UnixRights(0) // a foreign control message is skipped
	_, ok, err = sockopt.ParsePacketInfo(rights)
	require.NoError(t, err)
	assert.False(t, ok)

	_, ok, err = sockopt.ParsePacketInfo([]byte{1, 2, 3}) // shorter than a header: no message
	require.NoError(t, err)
	assert.False(t, ok)

	bad := make([]byte, unix.CmsgSpace(4)) // a header whose length is below its own size
	_, _, err = sockopt.ParsePacketInfo(bad)
	var se *os.SyscallError
	require.True(t, errors.As(err, &se), "%v", err)

	good, err := (&sockopt.PacketInfo{IfIndex: 1}).AppendIPv6(rights)
	require.NoError(t, err)
	info, ok, err := sockopt.ParsePacketInfo(good)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, 1, info.IfIndex)
	_, _, err = sockopt.ParsePacketInfo(good[:len(good)-8]) // header says more than is there
	require.Error(t, err)

	_, err = (&sockopt.PacketInfo{Addr: addr.IP(net.ParseIP("2001:db8::1"))}).AppendIPv4(nil)
	require.Error(t, err)
}

// TestPacketInfoUnmarshalReuse parses IPv4, IPv6 and IPv4 messages in turn
// into one PacketInfo and checks nothing of the previous message remains.
func TestPacketInfoUnmarshalReuse(t *testing.T) {
	if runtime.GOOS == "freebsd" {
		t.Skip("FreeBSD has no IP_PKTINFO")
	}
	v4, err := (&sockopt.PacketInfo{IfIndex: 2, Addr: addr.IP{10, 0, 0, 1}}).AppendIPv4(nil)
	require.NoError(t, err)
	v6, err := (&sockopt.PacketInfo{IfIndex: 3, Addr: addr.IP(net.ParseIP("2001:db8::9"))}).AppendIPv6(nil)
	require.NoError(t, err)
	var pi sockopt.PacketInfo
	for i, tc := range []struct {
		oob  []byte
		want sockopt.PacketInfo
	}{
		// Built for sending, the IPv4 source is ipi_spec_dst: Local when parsed.
		{v4, sockopt.PacketInfo{IfIndex: 2, Addr: addr.IP{0, 0, 0, 0}, Local: addr.IP{10, 0, 0, 1}}},
		{v6, sockopt.PacketInfo{IfIndex: 3, Addr: addr.IP(net.ParseIP("2001:db8::9"))}},
		{v4, sockopt.PacketInfo{IfIndex: 2, Addr: addr.IP{0, 0, 0, 0}, Local: addr.IP{10, 0, 0, 1}}},
		{nil, sockopt.PacketInfo{}},
	} {
		ok, err := pi.Unmarshal(tc.oob)
		require.NoError(t, err, "step %d", i)
		assert.Equal(t, tc.oob != nil, ok, "step %d", i)
		assert.Equal(t, tc.want, pi, "step %d", i)
	}
}
