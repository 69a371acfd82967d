package iface_test

import (
	"net"
	"testing"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
)

func TestHostDifferential(t *testing.T) {
	compareAll(t, true)
}

func TestFlagsString(t *testing.T) {
	for f := iface.Flags(0); f < 1<<7; f++ {
		assert.Equal(t, net.Flags(f).String(), f.String(), "flags %#x", uint(f))
	}
	assert.Equal(t, net.Flags(1<<20|3).String(), (iface.Flags(1<<20 | 3)).String())
	assert.Equal(t, uint(net.FlagRunning), uint(iface.FlagRunning))
	assert.Equal(t, uint(net.FlagUp), uint(iface.FlagUp))
}

// TestAllocs checks that every call allocates less than the standard
// library's counterpart.
func TestAllocs(t *testing.T) {
	ift, err := net.Interfaces()
	if err != nil || len(ift) == 0 {
		t.Skipf("no interfaces to look up: %v", err)
	}
	first := ift[0]
	for _, tc := range []struct {
		name     string
		netkit   func()
		std      func()
		maxAlloc float64
	}{
		{"Interfaces", func() { _, _ = iface.Interfaces() }, func() { _, _ = net.Interfaces() }, 20},
		{"InterfaceAddrs", func() { _, _ = iface.InterfaceAddrs() }, func() { _, _ = net.InterfaceAddrs() }, 20},
		{"InterfaceByIndex", func() { _, _ = iface.InterfaceByIndex(first.Index) }, func() { _, _ = net.InterfaceByIndex(first.Index) }, 12},
		{"InterfaceByName", func() { _, _ = iface.InterfaceByName(first.Name) }, func() { _, _ = net.InterfaceByName(first.Name) }, 12},
		{"Addrs", func() { _, _ = (&iface.Interface{Index: first.Index, Name: first.Name}).Addrs() }, func() { _, _ = first.Addrs() }, 12},
	} {
		nk := testing.AllocsPerRun(20, tc.netkit)
		std := testing.AllocsPerRun(20, tc.std)
		t.Logf("%s: %v allocations, std %v", tc.name, nk, std)
		assert.Less(t, nk, std, tc.name)
		assert.LessOrEqual(t, nk, tc.maxAlloc, tc.name)
	}
}

// FuzzLookupDifferential looks up arbitrary indexes and names with both
// implementations on the host: same interface or same error, same
// addresses.
func FuzzLookupDifferential(f *testing.F) {
	for _, s := range []struct {
		index int64
		name  string
	}{{1, "lo"}, {0, ""}, {-1, "eth0"}, {1<<32 + 1, "lo\x00"}, {65536, "a/b"}, {2, "LO"}, {1 << 31, "0123456789abcdef"}} {
		f.Add(s.index, s.name)
	}
	f.Fuzz(func(t *testing.T, index int64, name string) {
		if int64(int(index)) != index {
			return
		}
		wi, werr := net.InterfaceByIndex(int(index))
		gi, gerr := iface.InterfaceByIndex(int(index))
		requireSameError(t, gerr, werr, "InterfaceByIndex")
		if werr == nil {
			requireSameInterface(t, gi, wi)
		}
		wi, werr = net.InterfaceByName(name)
		gi, gerr = iface.InterfaceByName(name)
		requireSameError(t, gerr, werr, "InterfaceByName")
		if werr == nil {
			requireSameInterface(t, gi, wi)
		}
		wa, werr := (&net.Interface{Index: int(index), Name: name}).Addrs()
		ga, gerr := (&iface.Interface{Index: int(index), Name: name}).Addrs()
		requireSameError(t, gerr, werr, "Addrs")
		requireSameAddrs(t, ga, wa, "Addrs")
		wm, werr := (&net.Interface{Index: int(index), Name: name}).MulticastAddrs()
		gm, gerr := (&iface.Interface{Index: int(index), Name: name}).MulticastAddrs()
		requireSameError(t, gerr, werr, "MulticastAddrs")
		requireSameAddrs(t, gm, wm, "MulticastAddrs")
	})
}
