package poller_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// blackholeAddr is an address that, inside the namespace made by
// blackholeNetns, swallows TCP SYNs: no RST, no ICMP, so connect hangs.
var blackholeAddr = &unix.SockaddrInet4{Addr: [4]byte{198, 51, 100, 2}, Port: 9}

// blackholeNetns creates two network namespaces joined by a veth pair. In
// the first, 198.51.100.1/24 is on the veth and 198.51.100.2 has a permanent
// neighbour entry pointing at the peer; the peer, in the second namespace,
// is up with no address, so it silently drops everything sent to it. It
// returns a function that creates an FD inside the first namespace. The test
// skips, saying why, when it is not root or iproute2 is missing.
func blackholeNetns(t *testing.T) func(family, sotype int) *poller.FD {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root (CAP_NET_ADMIN) to create a network namespace")
	}
	ipPath, err := exec.LookPath("ip")
	if err != nil {
		for _, p := range []string{"/usr/sbin/ip", "/sbin/ip"} {
			if _, err := os.Stat(p); err == nil {
				ipPath = p
			}
		}
	}
	if ipPath == "" {
		t.Skip("needs iproute2 (the ip command) to create a network namespace")
	}
	id := fmt.Sprintf("%d%d", os.Getpid()%100000, len(t.Name())%10)
	nsA, nsB := "nkpoll-"+id+"-a", "nkpoll-"+id+"-b"
	vethA, vethB := "nkp"+id+"a", "nkp"+id+"b"
	ip := func(args ...string) {
		t.Helper()
		out, err := exec.Command(ipPath, args...).CombinedOutput()
		require.NoError(t, err, "ip %s: %s", strings.Join(args, " "), out)
	}
	ip("netns", "add", nsA)
	t.Cleanup(func() { exec.Command(ipPath, "netns", "del", nsA).Run() })
	ip("netns", "add", nsB)
	t.Cleanup(func() { exec.Command(ipPath, "netns", "del", nsB).Run() })
	ip("link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB)
	ip("-n", nsA, "link", "set", "lo", "up")
	ip("-n", nsA, "link", "set", vethA, "up")
	ip("-n", nsB, "link", "set", vethB, "up")
	ip("-n", nsA, "addr", "add", "198.51.100.1/24", "dev", vethA)
	mac, err := exec.Command(ipPath, "-n", nsB, "-br", "link", "show", vethB).Output()
	require.NoError(t, err)
	fields := strings.Fields(string(mac))
	require.GreaterOrEqual(t, len(fields), 3, "ip -br link: %s", mac)
	ip("-n", nsA, "neigh", "add", "198.51.100.2", "lladdr", fields[2], "dev", vethA, "nud", "permanent")

	return func(family, sotype int) *poller.FD {
		t.Helper()
		type result struct {
			fd  *poller.FD
			err error
		}
		ch := make(chan result, 1)
		go func() {
			// The thread is never unlocked: it dies with this
			// goroutine instead of carrying the namespace elsewhere.
			runtime.LockOSThread()
			nsfd, err := unix.Open("/var/run/netns/"+nsA, unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				ch <- result{nil, err}
				return
			}
			defer unix.Close(nsfd)
			if err := unix.Setns(nsfd, unix.CLONE_NEWNET); err != nil {
				ch <- result{nil, err}
				return
			}
			fd, err := poller.Socket(family, sotype, 0)
			ch <- result{fd, err}
		}()
		r := <-ch
		require.NoError(t, r.err)
		t.Cleanup(func() { r.fd.Close() })
		return r.fd
	}
}
