package iface_test

import (
	"errors"
	"fmt"
	"net"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// fallbackTopology avoids the two things the ioctl fallback cannot
// reproduce (see the package doc): IPv4 addresses sharing a label with
// different masks, and the kernel's order of IPv6 addresses within a scope.
const fallbackTopology = `link set lo up
link add va0 mtu 1500 type veth peer name vb0 mtu 9000
addr add 198.51.100.1/25 dev va0
addr add 198.51.100.11/25 dev va0
addr add 2001:db8:100::1/64 dev va0 nodad
addr add fe80::1/64 dev va0 nodad
addr add 203.0.113.9/24 dev vb0
link add ifb7 address 00:00:5e:00:53:01 type ifb
link set ifb7 multicast on
addr add 198.18.0.1/24 dev ifb7
tuntap add dev tun0 mode tun
link set va0 up
link set vb0 up
link set ifb7 up
`

func sortedStrings(addrs []addr.Addr) []string {
	var s []string
	for _, a := range addrs {
		n := a.(*addr.IPNet)
		s = append(s, fmt.Sprintf("%x/%x", []byte(n.IP), []byte(n.Mask)))
	}
	sort.Strings(s)
	return s
}

func sortedStd(addrs []net.Addr) []string {
	var s []string
	for _, a := range addrs {
		n := a.(*net.IPNet)
		s = append(s, fmt.Sprintf("%x/%x", []byte(n.IP), []byte(n.Mask)))
	}
	sort.Strings(s)
	return s
}

// TestFallback refuses parts of the netlink path, as Android 11+ does for
// apps, and checks that the results still match the standard library's
// (which is not refused anything).
func TestFallback(t *testing.T) {
	ns := newNetns(t, fallbackTopology)
	inNetns(t, ns, func() {
		waitStable(t)
		// Only bind(2) refused: queries never bind (the kernel binds on
		// send), results are exactly the standard library's.
		restore := iface.SetDenyForTest(iface.DenyBind)
		compareAll(t, false)
		restore()

		for _, deny := range []struct {
			name string
			bits uint8
		}{
			{"no-getlink", iface.DenyLinkDump},
			{"no-getlink-no-getaddr", iface.DenyLinkDump | iface.DenyAddrDump},
			{"no-netlink-socket", iface.DenySocket},
		} {
			restore := iface.SetDenyForTest(deny.bits)
			want, err := net.Interfaces()
			require.NoError(t, err)
			got, err := iface.Interfaces()
			require.NoError(t, err, deny.name)
			requireSameInterfaces(t, got, want)
			for i := range want {
				gi, err := iface.InterfaceByIndex(want[i].Index)
				require.NoError(t, err, deny.name)
				requireSameInterface(t, gi, &want[i])
				gi, err = iface.InterfaceByName(want[i].Name)
				require.NoError(t, err, deny.name)
				requireSameInterface(t, gi, &want[i])
				wa, err := want[i].Addrs()
				require.NoError(t, err)
				ga, err := got[i].Addrs()
				require.NoError(t, err, deny.name)
				assert.Equal(t, sortedStd(wa), sortedStrings(ga), "%s: addresses of %s", deny.name, want[i].Name)
			}
			_, err = iface.InterfaceByName("nk-nonexistent0")
			assert.EqualError(t, err, "route ip+net: no such network interface", deny.name)
			_, err = iface.InterfaceByIndex(1 << 30)
			assert.EqualError(t, err, "route ip+net: no such network interface", deny.name)
			wall, err := net.InterfaceAddrs()
			require.NoError(t, err)
			gall, err := iface.InterfaceAddrs()
			require.NoError(t, err, deny.name)
			assert.Equal(t, sortedStd(wall), sortedStrings(gall), deny.name)
			s, err := iface.NewSnapshot()
			require.NoError(t, err, deny.name)
			requireSameInterfaces(t, s.Interfaces(), want)
			restore()
		}

		// Nothing works: a clear error naming both failures.
		restore = iface.SetDenyForTest(iface.DenySocket | iface.DenyProc | iface.DenyIoctl)
		defer restore()
		_, err := iface.Interfaces()
		require.Error(t, err)
		var fe *iface.FallbackError
		require.True(t, errors.As(err, &fe), "%T: %v", err, err)
		var op *addr.OpError
		require.True(t, errors.As(err, &op))
		assert.Equal(t, "route", op.Op)
		assert.True(t, errors.Is(err, unix.EACCES))
		assert.Contains(t, err.Error(), "netlink refused")
		assert.Contains(t, err.Error(), "fallback failed")
		_, err = iface.InterfaceAddrs()
		require.True(t, errors.As(err, &fe), "%T: %v", err, err)
		assert.Equal(t, "addresses", fe.What)
		_, err = iface.NewSnapshot()
		require.Error(t, err)
	})
}

// TestDumpInterrupted marks dump messages NLM_F_DUMP_INTR, as the kernel
// does when the table changes during a dump: the dump is restarted and the
// result is whole; when every attempt is interrupted, an error, never a
// partial list.
func TestDumpInterrupted(t *testing.T) {
	before := iface.DumpRetriesForTest()
	restore := iface.SetMessageHookForTest(func(flags *uint16, attempt int) {
		if attempt < 2 {
			*flags |= unix.NLM_F_DUMP_INTR
		}
	})
	compareAll(t, false)
	restore()
	assert.Greater(t, iface.DumpRetriesForTest(), before)

	restore = iface.SetMessageHookForTest(func(flags *uint16, attempt int) { *flags |= unix.NLM_F_DUMP_INTR })
	defer restore()
	ift, err := iface.Interfaces()
	require.Error(t, err)
	assert.Nil(t, ift)
	assert.Contains(t, err.Error(), "interrupted")
	var op *addr.OpError
	assert.True(t, errors.As(err, &op))
	_, err = iface.InterfaceAddrs()
	assert.Error(t, err)
	_, err = iface.NewSnapshot()
	assert.Error(t, err)
}

// TestChurn enumerates a namespace while interfaces and addresses come
// and go (real NLM_F_DUMP_INTR and vanishing interfaces): every call
// succeeds and returns whole records.
func TestChurn(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "link add ifb%d type ifb\naddr add 10.%d.%d.1/24 dev ifb%d\n", i, i/250, i%250, i)
	}
	ns := newNetns(t, b.String())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			cmd := exec.Command("ip", "-n", ns, "-batch", "-")
			cmd.Stdin = strings.NewReader(fmt.Sprintf(
				"link add churn%d type ifb\naddr add 10.200.%d.1/24 dev churn%d\nlink del ifb%d\nlink add ifb%d type ifb\n",
				i%5, i%250, i%5, i%300, i%300) +
				fmt.Sprintf("link del churn%d\n", i%5))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("churn: %v: %s", err, out)
				return
			}
		}
	}()
	before := iface.DumpRetriesForTest()
	inNetns(t, ns, func() {
		defer func() { close(stop); wg.Wait() }()
		for i := 0; i < 60; i++ {
			ift, err := iface.Interfaces()
			require.NoError(t, err)
			require.Greater(t, len(ift), 250)
			for _, ifi := range ift {
				require.Greater(t, ifi.Index, 0)
				require.NotEmpty(t, ifi.Name)
				// A vanished interface has no addresses, like net's answer.
				_, err := ifi.Addrs()
				require.NoError(t, err)
				if i%20 != 0 {
					break
				}
			}
			s, err := iface.NewSnapshot()
			require.NoError(t, err)
			require.Greater(t, len(s.Interfaces()), 250)
			_, err = iface.InterfaceByIndex(1 << 30)
			require.ErrorContains(t, err, "no such network interface")
		}
		gone := &iface.Interface{Index: 1 << 29, Name: "gone"}
		addrs, err := gone.Addrs()
		require.NoError(t, err)
		require.Nil(t, addrs)
	})
	t.Logf("dumps restarted after NLM_F_DUMP_INTR during the churn: %d", iface.DumpRetriesForTest()-before)
}

// TestSmallReceiveBuffers makes every answer larger than the buffers
// offered for it (a first datagram larger than the first buffer, link
// messages larger than a slot): each such request starts over on a new
// socket with larger buffers, and the results stay those of net, in a
// namespace whose dumps span many datagrams.
func TestSmallReceiveBuffers(t *testing.T) {
	ns := newNetns(t, scaleBatch(40))
	inNetns(t, ns, func() {
		waitStable(t)
		first := iface.FirstLenForTest() // the page size, at most 8 KiB
		for _, tc := range []struct {
			name         string
			slot, first  int
			wantReopen   bool
			wantFirstMin int
		}{
			{"first datagram larger than the first buffer", 32 << 10, 64, true, 128},
			{"link messages larger than a slot", 512, 512, true, 512},
			{"default", 32 << 10, first, false, first},
		} {
			t.Run(tc.name, func(t *testing.T) {
				restore := iface.SetRecvBuffersForTest(tc.slot, tc.first)
				defer restore()
				before := iface.ReopensForTest()
				compareAll(t, false)
				ift, err := iface.Interfaces()
				require.NoError(t, err)
				stdIft, err := net.Interfaces()
				require.NoError(t, err)
				for i := range ift {
					got, err := ift[i].Addrs()
					require.NoError(t, err)
					want, err := stdIft[i].Addrs()
					require.NoError(t, err)
					requireSameAddrs(t, got, want, "Addrs of "+ift[i].Name)
				}
				s, err := iface.NewSnapshot()
				require.NoError(t, err)
				requireSameInterfaces(t, s.Interfaces(), stdIft)
				if tc.wantReopen {
					assert.Greater(t, iface.ReopensForTest(), before, "no request was started over")
				} else {
					assert.Equal(t, before, iface.ReopensForTest(), "requests were started over with the default buffers")
				}
				assert.GreaterOrEqual(t, iface.FirstLenForTest(), tc.wantFirstMin)
			})
		}
	})
}
