package iface_test

import (
	"fmt"
	"math"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/require"
)

// scaleBatch returns ip(8) batch commands for a namespace with n
// interfaces: lo and n-1 ifb devices, each up with an IPv4 and an IPv6
// address.
func scaleBatch(n int) string {
	var b strings.Builder
	b.WriteString("link set lo up\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "link add s%d type ifb\n", i)
		fmt.Fprintf(&b, "addr add 10.%d.%d.1/24 dev s%d\n", i/250, i%250, i)
		fmt.Fprintf(&b, "addr add 2001:db8:%x::1/64 dev s%d nodad\n", i, i)
		fmt.Fprintf(&b, "link set s%d up\n", i)
	}
	return b.String()
}

// TestScale compares both implementations in a namespace with many
// interfaces (dumps that span many reads): 200 interfaces, or the number
// in NETKIT_IFACE_SCALE (e.g. 3000).
func TestScale(t *testing.T) {
	n := 200
	if s := os.Getenv("NETKIT_IFACE_SCALE"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(t, err, "NETKIT_IFACE_SCALE")
	}
	ns := newNetns(t, scaleBatch(n))
	inNetns(t, ns, func() {
		waitStable(t)
		want, err := net.Interfaces()
		require.NoError(t, err)
		require.Len(t, want, n)
		got, err := iface.Interfaces()
		require.NoError(t, err)
		requireSameInterfaces(t, got, want)
		wantAll, err := net.InterfaceAddrs()
		require.NoError(t, err)
		gotAll, err := iface.InterfaceAddrs()
		require.NoError(t, err)
		requireSameAddrs(t, gotAll, wantAll, "InterfaceAddrs")
		s, err := iface.NewSnapshot()
		require.NoError(t, err)
		requireSameInterfaces(t, s.Interfaces(), want)
		requireSameAddrs(t, s.InterfaceAddrs(), wantAll, "Snapshot.InterfaceAddrs")
		// The standard library's Addrs is a full dump per interface: check
		// every tenth interface against it, all of them against the plain
		// API.
		for i := range want {
			ga, err := got[i].Addrs()
			require.NoError(t, err)
			sa, err := s.Addrs(&got[i])
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint(ga), fmt.Sprint(sa), "Addrs of %s", want[i].Name)
			if i%10 == 0 {
				wa, err := want[i].Addrs()
				require.NoError(t, err)
				requireSameAddrs(t, ga, wa, "Addrs of "+want[i].Name)
			}
		}
		// A Snapshot's allocations grow only with the logarithm of the
		// table (amortised slice growth): 78 with 1,000 interfaces, 101
		// with 3,000, where net makes about 350 per interface.
		allocs := testing.AllocsPerRun(3, func() {
			s, err := iface.NewSnapshot()
			require.NoError(t, err)
			ift := s.Interfaces()
			for i := range ift {
				_, err := s.Addrs(&ift[i])
				require.NoError(t, err)
			}
		})
		require.Less(t, allocs, 40+8*math.Log2(float64(n)), "allocations per snapshot of %d interfaces", n)
	})
}

// BenchmarkInterfacesAddrs is the measure: Interfaces, then
// Interface.Addrs for every interface, through the plain, stdlib-shaped
// API on both sides, in a namespace with 10 and with 1,000 interfaces.
// netkit asks the kernel for one interface's addresses per call; the
// standard library dumps the whole address table every time.
func BenchmarkInterfacesAddrs(b *testing.B) {
	benchScale(b, func() error {
		ift, err := iface.Interfaces()
		if err != nil {
			return err
		}
		for i := range ift {
			if _, err := ift[i].Addrs(); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkSnapshotAddrs is the same work where netkit answers from one
// Snapshot (one link dump, one address dump).
func BenchmarkSnapshotAddrs(b *testing.B) {
	benchScale(b, func() error {
		s, err := iface.NewSnapshot()
		if err != nil {
			return err
		}
		ift := s.Interfaces()
		for i := range ift {
			if _, err := s.Addrs(&ift[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// benchScale runs netkit's fn side by side with the standard library's
// Interfaces and Interface.Addrs for each, in namespaces with 10 and
// 1,000 interfaces.
func benchScale(b *testing.B, netkit func() error) {
	std := func() error {
		ift, err := net.Interfaces()
		if err != nil {
			return err
		}
		for i := range ift {
			if _, err := ift[i].Addrs(); err != nil {
				return err
			}
		}
		return nil
	}
	for _, n := range []int{10, 1000} {
		ns := newNetns(b, scaleBatch(n))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.Run("netkit", func(b *testing.B) {
				inNetns(b, ns, func() { cpuLoop(b, netkit) })
			})
			b.Run("std", func(b *testing.B) {
				inNetns(b, ns, func() { cpuLoop(b, std) })
			})
		})
	}
}
