package sockopt_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// vethNet is a pair of network namespaces made by the test, joined by a
// veth pair:
//
//	nsA: ifA 198.51.100.1/24 2001:db8:5::1/64 2001:db8:5::7/64
//	nsB: ifB 198.51.100.2/24 2001:db8:5::2/64
type vethNet struct {
	nsA, nsB string
	ifA, ifB string
}

var (
	vethA4  = net.IPv4(198, 51, 100, 1).To4()
	vethB4  = net.IPv4(198, 51, 100, 2).To4()
	vethA6  = net.ParseIP("2001:db8:5::1")
	vethA6b = net.ParseIP("2001:db8:5::7")
)

// newVethNet creates the namespaces and the veth pair, and removes them
// when the test ends. It skips when not root or when the kernel lacks
// namespaces or veth.
func newVethNet(t *testing.T) *vethNet {
	t.Helper()
	requireRoot(t, "network namespaces and a veth pair")
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skipf("the ip command (iproute2) is not installed: %v", err)
	}
	id := fmt.Sprintf("%d%d", os.Getpid()%100000, time.Now().UnixNano()%1000)
	n := &vethNet{nsA: "nkso-a" + id, nsB: "nkso-b" + id, ifA: "vso-a" + id, ifB: "vso-b" + id}
	ip := func(args ...string) error {
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := ip("netns", "add", n.nsA); err != nil {
		t.Skipf("cannot create a network namespace here: %v", err)
	}
	t.Cleanup(func() { ip("netns", "del", n.nsA) })
	require.NoError(t, ip("netns", "add", n.nsB))
	t.Cleanup(func() { ip("netns", "del", n.nsB) })
	if err := ip("link", "add", n.ifA, "netns", n.nsA, "type", "veth", "peer", "name", n.ifB, "netns", n.nsB); err != nil {
		t.Skipf("cannot create a veth pair here: %v", err)
	}
	for _, cmd := range [][]string{
		{"-n", n.nsA, "addr", "add", "198.51.100.1/24", "dev", n.ifA},
		{"-n", n.nsA, "addr", "add", "2001:db8:5::1/64", "dev", n.ifA, "nodad"},
		{"-n", n.nsA, "addr", "add", "2001:db8:5::7/64", "dev", n.ifA, "nodad"},
		{"-n", n.nsB, "addr", "add", "198.51.100.2/24", "dev", n.ifB},
		{"-n", n.nsB, "addr", "add", "2001:db8:5::2/64", "dev", n.ifB, "nodad"},
		{"-n", n.nsA, "link", "set", "lo", "up"},
		{"-n", n.nsB, "link", "set", "lo", "up"},
		{"-n", n.nsA, "link", "set", n.ifA, "up"},
		{"-n", n.nsB, "link", "set", n.ifB, "up"},
	} {
		require.NoError(t, ip(cmd...))
	}
	return n
}

// in runs fn on a goroutine locked to an OS thread that has joined the
// namespace ns. The goroutine never unlocks: its thread exits with it
// instead of returning to the scheduler inside the wrong namespace.
// Sockets fn creates stay in ns and may be used from any goroutine.
func (n *vethNet) in(t *testing.T, ns string, fn func() error) {
	t.Helper()
	f, err := os.Open("/run/netns/" + ns)
	require.NoError(t, err)
	defer f.Close()
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		done <- fn()
	}()
	require.NoError(t, <-done)
}

// index returns the interface index of name inside ns.
func (n *vethNet) index(t *testing.T, ns, name string) int {
	var idx int
	n.in(t, ns, func() error {
		ifi, err := net.InterfaceByName(name)
		if err != nil {
			return err
		}
		idx = ifi.Index
		return nil
	})
	return idx
}

// listenUDP opens a stdlib UDP socket inside ns.
func (n *vethNet) listenUDP(t *testing.T, ns, network, address string) *net.UDPConn {
	var c *net.UDPConn
	n.in(t, ns, func() error {
		pc, err := net.ListenPacket(network, address)
		if err != nil {
			return err
		}
		c = pc.(*net.UDPConn)
		return nil
	})
	t.Cleanup(func() { c.Close() })
	return c
}

// received reports whether a datagram with payload arrives on c within wait.
func received(t *testing.T, c *net.UDPConn, payload string, wait time.Duration) bool {
	t.Helper()
	require.NoError(t, c.SetReadDeadline(time.Now().Add(wait)))
	buf := make([]byte, 64)
	for {
		n, _, err := c.ReadFromUDP(buf)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return false
		}
		require.NoError(t, err)
		if string(buf[:n]) == payload {
			return true
		}
	}
}

// TestMulticastVeth joins and leaves IPv4 and IPv6 groups in one namespace
// and sends to them from the other over a veth pair: nothing arrives before
// the join, the datagram arrives after it, nothing after the leave.
func TestMulticastVeth(t *testing.T) {
	n := newVethNet(t)
	idxA := n.index(t, n.nsA, n.ifA)
	idxB := n.index(t, n.nsB, n.ifB)

	for _, tc := range []struct {
		name            string
		network, listen string
		group           net.IP
		setIface        func(rc syscall.RawConn) error
		join, leave     func(rc syscall.RawConn) error
	}{
		{
			name: "IPv4", network: "udp4", listen: "0.0.0.0:0", group: net.IPv4(239, 255, 42, 1).To4(),
			setIface: func(rc syscall.RawConn) error { return sockopt.SetMulticastInterfaceIPv4(rc, idxA, nil) },
			join: func(rc syscall.RawConn) error {
				return sockopt.JoinGroupIPv4(rc, idxB, nil, addr.IP(net.IPv4(239, 255, 42, 1).To4()))
			},
			leave: func(rc syscall.RawConn) error {
				return sockopt.LeaveGroupIPv4(rc, idxB, nil, addr.IP(net.IPv4(239, 255, 42, 1).To4()))
			},
		},
		{
			name: "IPv4/by-address", network: "udp4", listen: "0.0.0.0:0", group: net.IPv4(239, 255, 42, 2).To4(),
			setIface: func(rc syscall.RawConn) error { return sockopt.SetMulticastInterfaceIPv4(rc, 0, addr.IP(vethA4)) },
			join: func(rc syscall.RawConn) error {
				return sockopt.JoinGroupIPv4(rc, 0, addr.IP(vethB4), addr.IP(net.IPv4(239, 255, 42, 2).To4()))
			},
			leave: func(rc syscall.RawConn) error {
				return sockopt.LeaveGroupIPv4(rc, 0, addr.IP(vethB4), addr.IP(net.IPv4(239, 255, 42, 2).To4()))
			},
		},
		{
			name: "IPv6", network: "udp6", listen: "[::]:0", group: net.ParseIP("ff05::4242"),
			setIface: func(rc syscall.RawConn) error { return sockopt.SetMulticastInterfaceIPv6(rc, idxA) },
			join: func(rc syscall.RawConn) error {
				return sockopt.JoinGroupIPv6(rc, idxB, addr.IP(net.ParseIP("ff05::4242")))
			},
			leave: func(rc syscall.RawConn) error {
				return sockopt.LeaveGroupIPv6(rc, idxB, addr.IP(net.ParseIP("ff05::4242")))
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rcv := n.listenUDP(t, n.nsB, tc.network, tc.listen)
			snd := n.listenUDP(t, n.nsA, tc.network, tc.listen)
			rcvRC, sndRC := syscallConn(t, rcv), syscallConn(t, snd)
			require.NoError(t, tc.setIface(sndRC))
			if tc.network == "udp4" { // the kernel reports the address only: 0.0.0.0 after choosing by index
				got, err := sockopt.MulticastInterfaceIPv4(sndRC)
				require.NoError(t, err)
				if tc.name == "IPv4" {
					assert.Equal(t, addr.IP{0, 0, 0, 0}, got)
				} else {
					assert.Equal(t, addr.IP(vethA4), got)
				}
			} else {
				got, err := sockopt.MulticastInterfaceIPv6(sndRC)
				require.NoError(t, err)
				assert.Equal(t, idxA, got)
			}
			if tc.network == "udp4" {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv4(rcvRC, true))
			} else {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv6(rcvRC, true))
			}
			dst := &net.UDPAddr{IP: tc.group, Port: rcv.LocalAddr().(*net.UDPAddr).Port}
			send := func(payload string) {
				_, err := snd.WriteToUDP([]byte(payload), dst)
				require.NoError(t, err)
			}

			send("before join")
			assert.False(t, received(t, rcv, "before join", 300*time.Millisecond), "received a datagram before joining the group")

			require.NoError(t, tc.join(rcvRC))
			send("joined")
			require.NoError(t, rcv.SetReadDeadline(time.Now().Add(5*time.Second)))
			buf, oob := make([]byte, 64), make([]byte, sockopt.PacketInfoSpace())
			nr, oobn, _, from, err := rcv.ReadMsgUDP(buf, oob)
			require.NoError(t, err, "no datagram after joining the group")
			assert.Equal(t, "joined", string(buf[:nr]))
			info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, idxB, info.IfIndex, "arrival interface")
			assert.True(t, net.IP(info.Addr).Equal(tc.group), "destination %v, want the group %v", info.Addr, tc.group)
			if tc.network == "udp4" {
				assert.True(t, from.IP.Equal(vethA4), "source %v", from.IP)
				assert.True(t, net.IP(info.Local).Equal(vethB4), "local address %v", info.Local)
			} else {
				assert.True(t, from.IP.Equal(vethA6) || from.IP.Equal(vethA6b), "source %v", from.IP)
			}

			require.NoError(t, tc.leave(rcvRC))
			send("after leave")
			assert.False(t, received(t, rcv, "after leave", 300*time.Millisecond), "received a datagram after leaving the group")

			err = tc.leave(rcvRC) // not a member any more
			requireSyscallError(t, err, "setsockopt", unix.EADDRNOTAVAIL, unix.ENOENT, unix.EINVAL)
		})
	}
}

// TestPacketInfoSendVeth chooses the source address of a datagram with an
// IPV6_PKTINFO control message: the sender is bound to the wildcard address
// in nsA, which has two addresses; the receiver in nsB sees the one chosen,
// whichever the kernel would have picked.
func TestPacketInfoSendVeth(t *testing.T) {
	n := newVethNet(t)
	idxA := n.index(t, n.nsA, n.ifA)
	rcv := n.listenUDP(t, n.nsB, "udp6", "[2001:db8:5::2]:0") // vethB6
	snd := n.listenUDP(t, n.nsA, "udp6", "[::]:0")
	var oob []byte
	var err error
	for _, src := range []net.IP{vethA6b, vethA6} {
		oob, err = (&sockopt.PacketInfo{IfIndex: idxA, Addr: addr.IP(src)}).AppendIPv6(nil)
		require.NoError(t, err)
		_, _, err = snd.WriteMsgUDP([]byte("from "+src.String()), oob, rcv.LocalAddr().(*net.UDPAddr))
		require.NoError(t, err)
		require.NoError(t, rcv.SetReadDeadline(time.Now().Add(5*time.Second)))
		buf := make([]byte, 64)
		nr, from, err := rcv.ReadFromUDP(buf)
		require.NoError(t, err)
		assert.Equal(t, "from "+src.String(), string(buf[:nr]))
		assert.True(t, from.IP.Equal(src), "source %v, want %v", from.IP, src)
	}
	// And IPv4 with IP_PKTINFO choosing the source by address on a
	// two-address interface.
	out, err := exec.Command("ip", "-n", n.nsA, "addr", "add", "198.51.100.7/24", "dev", n.ifA).CombinedOutput()
	require.NoError(t, err, "%s", out)
	rcv4 := n.listenUDP(t, n.nsB, "udp4", "198.51.100.2:0")
	snd4 := n.listenUDP(t, n.nsA, "udp4", "0.0.0.0:0")
	src4 := net.IPv4(198, 51, 100, 7).To4()
	oob, err = (&sockopt.PacketInfo{Addr: addr.IP(src4)}).AppendIPv4(nil)
	require.NoError(t, err)
	_, _, err = snd4.WriteMsgUDP([]byte("v4"), oob, rcv4.LocalAddr().(*net.UDPAddr))
	require.NoError(t, err)
	require.NoError(t, rcv4.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 8)
	_, from, err := rcv4.ReadFromUDP(buf)
	require.NoError(t, err)
	assert.True(t, from.IP.Equal(src4), "source %v, want %v", from.IP, src4)
}

// TestBindToDeviceVeth shows SO_BINDTODEVICE filtering: a socket in nsB
// bound to lo does not get a datagram that arrives on the veth; unbound
// again, it does.
func TestBindToDeviceVeth(t *testing.T) {
	n := newVethNet(t)
	rcv := n.listenUDP(t, n.nsB, "udp4", "0.0.0.0:0")
	snd := n.listenUDP(t, n.nsA, "udp4", "0.0.0.0:0")
	rc := syscallConn(t, rcv)
	dst := &net.UDPAddr{IP: vethB4, Port: rcv.LocalAddr().(*net.UDPAddr).Port}

	require.NoError(t, sockopt.SetBindToDevice(rc, "lo"))
	name, err := sockopt.BindToDevice(rc)
	require.NoError(t, err)
	require.Equal(t, "lo", name)
	_, err = snd.WriteToUDP([]byte("to lo only"), dst)
	require.NoError(t, err)
	assert.False(t, received(t, rcv, "to lo only", 300*time.Millisecond), "a socket bound to lo received a datagram from the veth")

	require.NoError(t, sockopt.SetBindToDevice(rc, n.ifB))
	_, err = snd.WriteToUDP([]byte("to veth"), dst)
	require.NoError(t, err)
	assert.True(t, received(t, rcv, "to veth", 5*time.Second), "a socket bound to the veth missed its datagram")

	require.NoError(t, sockopt.SetBindToDevice(rc, ""))
	name, err = sockopt.BindToDevice(rc)
	require.NoError(t, err)
	assert.Equal(t, "", name)
	_, err = snd.WriteToUDP([]byte("unbound"), dst)
	require.NoError(t, err)
	assert.True(t, received(t, rcv, "unbound", 5*time.Second), "an unbound socket missed its datagram")
}

// newLoopNetns creates a network namespace with only lo, up, and removes it
// when the test ends.
func newLoopNetns(t *testing.T) *vethNet {
	t.Helper()
	requireRoot(t, "a network namespace")
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skipf("the ip command (iproute2) is not installed: %v", err)
	}
	ns := fmt.Sprintf("nkso-l%d%d", os.Getpid()%100000, time.Now().UnixNano()%1000)
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	out, err := exec.Command("ip", "-n", ns, "link", "set", "lo", "up").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return &vethNet{nsA: ns}
}

// netstat returns a TcpExt counter of namespace ns.
func netstat(t *testing.T, ns, name string) int {
	t.Helper()
	out, err := exec.Command("ip", "netns", "exec", ns, "cat", "/proc/net/netstat").CombinedOutput()
	require.NoError(t, err, "%s", out)
	lines := strings.Split(string(out), "\n")
	for i := 0; i+1 < len(lines); i += 2 {
		keys, vals := strings.Fields(lines[i]), strings.Fields(lines[i+1])
		if len(keys) == 0 || keys[0] != "TcpExt:" || len(keys) != len(vals) {
			continue
		}
		for j, k := range keys {
			if k == name {
				var v int
				_, err := fmt.Sscan(vals[j], &v)
				require.NoError(t, err)
				return v
			}
		}
	}
	t.Fatalf("no TcpExt counter %s in /proc/net/netstat", name)
	return 0
}

// TestFastOpenNetns makes TCP Fast Open happen: in a namespace of its own
// (net.ipv4.tcp_fastopen is per namespace) with client and server enabled,
// a listener with SetFastOpen and clients with SetFastOpenConnect; the
// first connection fetches a cookie, the next ones carry their data in the
// SYN, which the server's TCPFastOpenPassive counter shows.
func TestFastOpenNetns(t *testing.T) {
	n := newLoopNetns(t)
	out, err := exec.Command("ip", "netns", "exec", n.nsA, "sysctl", "-w", "net.ipv4.tcp_fastopen=3").CombinedOutput()
	require.NoError(t, err, "%s", out)

	var ln net.Listener
	n.in(t, n.nsA, func() error {
		lc := net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error { return sockopt.SetFastOpen(c, 16) }}
		lc.SetMultipathTCP(false) // plain TCP: the option is TCP's
		var err error
		ln, err = lc.Listen(t.Context(), "tcp4", "127.0.0.1:0")
		return err
	})
	defer ln.Close()
	qlen, err := sockopt.FastOpen(syscallConn(t, ln.(*net.TCPListener)))
	require.NoError(t, err)
	require.Equal(t, 16, qlen)

	go func() { // echo one message per connection
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 16)
			n, _ := c.Read(buf)
			c.Write(buf[:n])
			c.Close()
		}
	}()

	before := netstat(t, n.nsA, "TCPFastOpenPassive")
	for i := 0; i < 3; i++ {
		var c net.Conn
		n.in(t, n.nsA, func() error { // the dialing socket must be created inside the namespace
			d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error { return sockopt.SetFastOpenConnect(c, true) }}
			var err error
			c, err = d.Dial("tcp4", ln.Addr().String())
			return err
		})
		on, err := sockopt.FastOpenConnect(syscallConn(t, c.(*net.TCPConn)))
		require.NoError(t, err)
		require.True(t, on)
		_, err = c.Write([]byte("hello"))
		require.NoError(t, err)
		require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
		buf := make([]byte, 16)
		nr, err := c.Read(buf)
		require.NoError(t, err)
		assert.Equal(t, "hello", string(buf[:nr]))
		c.Close()
	}
	after := netstat(t, n.nsA, "TCPFastOpenPassive")
	assert.GreaterOrEqual(t, after-before, 2, "Fast Open SYNs with data accepted by the server (TcpExt TCPFastOpenPassive)")
}
