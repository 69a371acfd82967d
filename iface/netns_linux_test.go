package iface_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

var nsCounter atomic.Int32

// requireRoot skips a test that needs to create network namespaces.
func requireRoot(t testing.TB) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("network namespaces are Linux only (GOOS=%s)", runtime.GOOS)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN) to create network namespaces")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2's ip command (apt-get install iproute2)")
	}
}

// newNetns creates a network namespace, removed when the test ends, with
// automatic IPv6 link-local addresses and duplicate address detection off
// (so that the address table does not change behind the test's back), and
// runs the ip(8) batch commands in it.
func newNetns(t testing.TB, batch string) string {
	t.Helper()
	requireRoot(t)
	name := fmt.Sprintf("nkif-%d-%d", os.Getpid(), nsCounter.Add(1))
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here: ip netns add: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("ip", "netns", "del", name).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v: %s", name, err, out)
		}
	})
	sysctl := `for k in default all lo; do
		[ -d /proc/sys/net/ipv6/conf/$k ] || continue
		echo 1 >/proc/sys/net/ipv6/conf/$k/addr_gen_mode 2>/dev/null
		echo 0 >/proc/sys/net/ipv6/conf/$k/accept_dad
		echo 0 >/proc/sys/net/ipv6/conf/$k/router_solicitations
	done; true`
	if out, err := exec.Command("ip", "netns", "exec", name, "sh", "-c", sysctl).CombinedOutput(); err != nil {
		t.Fatalf("sysctls in %s: %v: %s", name, err, out)
	}
	if batch != "" {
		cmd := exec.Command("ip", "-n", name, "-batch", "-")
		cmd.Stdin = strings.NewReader(batch)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ip -n %s -batch: %v: %s", name, err, out)
		}
	}
	return name
}

// inNetns runs fn in a goroutine locked to an OS thread that has joined
// the namespace. The thread is never unlocked: it exits with the goroutine
// rather than go back to the scheduler in the wrong namespace. fn may call
// t.Fatal (the goroutine then ends and the test fails).
func inNetns(t testing.TB, name string, fn func()) {
	t.Helper()
	target, err := os.Open("/run/netns/" + name)
	require.NoError(t, err)
	defer target.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			t.Errorf("setns %s: %v", name, err)
			return
		}
		fn()
	}()
	<-done
	if t.Failed() {
		t.FailNow()
	}
}

// waitStable waits until the standard library has seen the same
// interface and address tables for 1.2 s: the kernel updates the running
// state of links asynchronously (linkwatch, up to a second) after they
// come up.
func waitStable(t testing.TB) {
	t.Helper()
	prev := ""
	since := time.Now()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		cur := stdState(t)
		if cur != prev {
			prev, since = cur, time.Now()
			continue
		}
		if time.Since(since) >= 1200*time.Millisecond {
			return
		}
	}
	t.Fatalf("interface table still changing after 60 s:\n%s", prev)
}

// stdState is the standard library's view of the tables, in one link dump
// and one address dump (Interface.Addrs for each would be quadratic).
func stdState(t testing.TB) string {
	ift, err := net.Interfaces()
	require.NoError(t, err)
	addrs, err := net.InterfaceAddrs()
	require.NoError(t, err)
	var b strings.Builder
	for _, ifi := range ift {
		fmt.Fprintf(&b, "%d %s %d %v %v\n", ifi.Index, ifi.Name, ifi.MTU, ifi.HardwareAddr, ifi.Flags)
	}
	fmt.Fprintln(&b, addrs)
	return b.String()
}

// joinGroup joins a multicast group on the interface named ifname, in the
// calling thread's namespace; the membership lasts until fd is closed.
func joinGroup(t testing.TB, ifname, group string) (fd int) {
	t.Helper()
	ifi, err := net.InterfaceByName(ifname)
	require.NoError(t, err)
	ip := net.ParseIP(group)
	require.NotNil(t, ip, group)
	if ip4 := ip.To4(); ip4 != nil {
		fd, err = unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		require.NoError(t, err)
		mreq := &unix.IPMreqn{Ifindex: int32(ifi.Index)}
		copy(mreq.Multiaddr[:], ip4)
		require.NoError(t, unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, mreq), "join %s on %s", group, ifname)
		return fd
	}
	fd, err = unix.Socket(unix.AF_INET6, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	mreq := &unix.IPv6Mreq{Interface: uint32(ifi.Index)}
	copy(mreq.Multiaddr[:], ip)
	require.NoError(t, unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, mreq), "join %s on %s", group, ifname)
	return fd
}

// runChild re-executes this test binary inside the namespace (ip netns
// exec), running only the named test with the extra environment.
func runChild(t testing.TB, ns, test string, env ...string) string {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command("ip", "netns", "exec", ns, exe, "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(append(os.Environ(), childEnv+"=1"), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child %s in %s:\n%s", test, ns, out)
	require.Contains(t, string(out), "--- PASS: "+test, "the child did not run %s:\n%s", test, out)
	return string(out)
}
