package conn_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// init keeps the main goroutine on the main thread, so that no goroutine
// of pkInNetns can be scheduled there: a locked goroutine that exits
// terminates its thread, except the main thread, which the runtime keeps
// (wedged) in the test namespace, and /proc/net and /proc/self/net follow
// the main thread's namespace.
func init() { runtime.LockOSThread() }

// pkNetns is a pair of network namespaces joined by one veth link, made by
// the test itself and removed at cleanup.
type pkNetns struct {
	A, B     string // namespace names
	IfA, IfB string // veth ends
	A4, B4   string // IPv4 addresses (no prefix)
	A6, B6   string // IPv6 addresses (no prefix)
}

var pkNetnsSeq int

// pkMakeNetns creates two namespaces with a veth pair, addresses on both
// ends, multicast routes 224.0.0.0/4 and ff05::/16 through the veth, and
// returns them. It skips when not root or when ip(8) cannot do it.
func pkMakeNetns(t testing.TB) *pkNetns {
	t.Helper()
	pkNeedRoot(t, "network namespaces")
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("ip(8) not found: install iproute2 for the namespace tests")
	}
	pkNetnsSeq++
	tag := fmt.Sprintf("%d-%d", os.Getpid()%100000, pkNetnsSeq)
	n := &pkNetns{
		A: "nkpk-a-" + tag, B: "nkpk-b-" + tag,
		// Interface names (at most 15 bytes) carry the pid too, so that
		// test processes running at the same time do not collide while
		// the veth pair is still in the host namespace.
		IfA: fmt.Sprintf("nka%d-%d", os.Getpid()%100000, pkNetnsSeq), IfB: fmt.Sprintf("nkb%d-%d", os.Getpid()%100000, pkNetnsSeq),
		A4: "198.51.100.1", B4: "198.51.100.2",
		A6: "2001:db8:100::1", B6: "2001:db8:100::2",
	}
	run := func(args ...string) error {
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	t.Cleanup(func() {
		_ = run("netns", "del", n.A)
		_ = run("netns", "del", n.B)
	})
	steps := [][]string{
		{"netns", "add", n.A},
		{"netns", "add", n.B},
		{"link", "add", n.IfA, "type", "veth", "peer", "name", n.IfB},
		{"link", "set", n.IfA, "netns", n.A},
		{"link", "set", n.IfB, "netns", n.B},
		{"-n", n.A, "link", "set", "lo", "up"},
		{"-n", n.B, "link", "set", "lo", "up"},
		{"-n", n.A, "addr", "add", n.A4 + "/24", "brd", "+", "dev", n.IfA},
		{"-n", n.B, "addr", "add", n.B4 + "/24", "brd", "+", "dev", n.IfB},
		{"-n", n.A, "addr", "add", n.A6 + "/64", "dev", n.IfA, "nodad"},
		{"-n", n.B, "addr", "add", n.B6 + "/64", "dev", n.IfB, "nodad"},
		{"-n", n.A, "link", "set", n.IfA, "up"},
		{"-n", n.B, "link", "set", n.IfB, "up"},
		{"-n", n.A, "route", "add", "224.0.0.0/4", "dev", n.IfA},
		{"-n", n.B, "route", "add", "224.0.0.0/4", "dev", n.IfB},
		{"-n", n.A, "-6", "route", "add", "multicast", "ff05::/16", "dev", n.IfA, "table", "local"},
		{"-n", n.B, "-6", "route", "add", "multicast", "ff05::/16", "dev", n.IfB, "table", "local"},
	}
	for _, s := range steps {
		if err := run(s...); err != nil {
			t.Skipf("cannot build the test namespaces here: %v", err)
		}
	}
	return n
}

// pkInNetns runs fn on a goroutine locked to an OS thread that has joined
// the named namespace. The thread is never unlocked, so it exits with the
// goroutine instead of returning to the scheduler in the wrong namespace.
// Sockets made by fn stay in the namespace and may be used anywhere.
func pkInNetns(t testing.TB, name string, fn func() error) {
	t.Helper()
	target, err := os.Open("/run/netns/" + name)
	if err != nil {
		t.Fatalf("open namespace %s: %v", name, err)
	}
	defer target.Close()
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- fmt.Errorf("setns: %w", err)
			return
		}
		done <- fn()
	}()
	if err := <-done; err != nil {
		t.Fatalf("in netns %s: %v", name, err)
	}
}

// TestUDPBroadcastNetns sends to the subnet broadcast address from one
// namespace to a wildcard listener in the other, across the veth link.
func TestUDPBroadcastNetns(t *testing.T) {
	ns := pkMakeNetns(t)
	var r, s *conn.UDPConn
	pkInNetns(t, ns.B, func() (err error) {
		r, err = conn.ListenUDP("udp4", &addr.UDPAddr{Port: 0})
		return err
	})
	defer r.Close()
	pkInNetns(t, ns.A, func() (err error) {
		s, err = conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.ParseIP(ns.A4)})
		return err
	})
	defer s.Close()
	require.NoError(t, r.SetReadDeadline(time.Now().Add(5*time.Second)))
	port := r.LocalAddr().(*addr.UDPAddr).Port
	for _, dst := range []addr.IP{addr.IPv4(198, 51, 100, 255)} {
		_, err := s.WriteToUDP([]byte("bcast"), &addr.UDPAddr{IP: dst, Port: port})
		require.NoError(t, err, "to %v", dst)
		buf := make([]byte, 16)
		n, from, err := r.ReadFromUDP(buf)
		require.NoError(t, err, "to %v", dst)
		assert.Equal(t, "bcast", string(buf[:n]))
		assert.Equal(t, ns.A4, from.IP.String())
	}
}

// TestUDPLinkLocalZone sends between IPv6 link-local addresses across the
// veth link: the destination needs its zone (the sender's interface name,
// turned into the scope id), on WriteToUDP and on WriteToUDPAddrPort.
func TestUDPLinkLocalZone(t *testing.T) {
	ns := pkMakeNetns(t)
	for _, c := range [][]string{
		{"-n", ns.A, "addr", "add", "fe80::a/64", "dev", ns.IfA, "nodad"},
		{"-n", ns.B, "addr", "add", "fe80::b/64", "dev", ns.IfB, "nodad"},
	} {
		if out, err := exec.Command("ip", c...).CombinedOutput(); err != nil {
			t.Skipf("cannot add link-local addresses: %v: %s", err, out)
		}
	}
	var r, s *conn.UDPConn
	pkInNetns(t, ns.B, func() (err error) {
		r, err = conn.ListenUDP("udp6", &addr.UDPAddr{IP: addr.ParseIP("fe80::b"), Zone: ns.IfB})
		return err
	})
	defer r.Close()
	require.NoError(t, r.SetReadDeadline(time.Now().Add(5*time.Second)))
	port := r.LocalAddr().(*addr.UDPAddr).Port
	pkInNetns(t, ns.A, func() (err error) {
		if s, err = conn.ListenUDP("udp6", &addr.UDPAddr{IP: addr.ParseIP("fe80::a"), Zone: ns.IfA}); err != nil {
			return err
		}
		// Zones are resolved in the sender's namespace, so send from here.
		dst := &addr.UDPAddr{IP: addr.ParseIP("fe80::b"), Port: port, Zone: ns.IfA}
		if _, err := s.WriteToUDP([]byte("zone"), dst); err != nil {
			return err
		}
		_, err = s.WriteToUDPAddrPort([]byte("zone2"), dst.AddrPort())
		return err
	})
	defer s.Close()
	for _, want := range []string{"zone", "zone2"} {
		buf := make([]byte, 16)
		n, from, err := r.ReadFromUDPAddrPort(buf)
		require.NoError(t, err)
		assert.Equal(t, want, string(buf[:n]))
		assert.Equal(t, "fe80::a", from.Addr().WithZone("").String())
		assert.NotEmpty(t, from.Addr().Zone(), "link-local source without a zone")
	}
}
