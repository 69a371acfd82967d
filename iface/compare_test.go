package iface_test

import (
	"bytes"
	"errors"
	"math"
	"net"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers comparing netkit's results with the standard library's, field by
// field and byte by byte (a 16-byte IPv4 address is not equal to a 4-byte
// one here, nor a nil slice to an empty one).

func requireSameInterfaces(t testing.TB, got []iface.Interface, want []net.Interface) {
	t.Helper()
	require.Equal(t, len(want), len(got), "number of interfaces: got %v, want %v", names(got), want)
	require.Equal(t, want == nil, got == nil, "nil-ness of the list")
	for i := range want {
		requireSameInterface(t, &got[i], &want[i])
	}
}

func names(ift []iface.Interface) []string {
	var s []string
	for _, ifi := range ift {
		s = append(s, ifi.Name)
	}
	return s
}

func requireSameInterface(t testing.TB, got *iface.Interface, want *net.Interface) {
	t.Helper()
	require.Equal(t, want.Index, got.Index, "index of %s", want.Name)
	require.Equal(t, want.Name, got.Name, "name of index %d", want.Index)
	require.Equal(t, want.MTU, got.MTU, "MTU of %s", want.Name)
	require.Equal(t, uint(want.Flags), uint(got.Flags), "flags of %s: got %v want %v", want.Name, got.Flags, want.Flags)
	require.Equal(t, want.Flags.String(), got.Flags.String())
	require.True(t, bytes.Equal(want.HardwareAddr, got.HardwareAddr), "hardware address of %s: got %v want %v", want.Name, got.HardwareAddr, want.HardwareAddr)
	require.Equal(t, want.HardwareAddr == nil, got.HardwareAddr == nil, "nil-ness of the hardware address of %s", want.Name)
	require.Equal(t, want.HardwareAddr.String(), net.HardwareAddr(got.HardwareAddr).String())
}

func requireSameAddrs(t testing.TB, got []addr.Addr, want []net.Addr, what string) {
	t.Helper()
	require.Equal(t, len(want), len(got), "%s: got %v, want %v", what, got, want)
	require.Equal(t, want == nil, got == nil, "%s: nil-ness of the list", what)
	for i := range want {
		g, w := got[i], want[i]
		require.Equal(t, w.Network(), g.Network(), "%s[%d]", what, i)
		require.Equal(t, w.String(), g.String(), "%s[%d]", what, i)
		switch w := w.(type) {
		case *net.IPNet:
			g, ok := g.(*addr.IPNet)
			require.True(t, ok, "%s[%d]: got %T, want *addr.IPNet", what, i, got[i])
			requireSameBytes(t, g.IP, w.IP, what)
			requireSameBytes(t, g.Mask, w.Mask, what)
		case *net.IPAddr:
			g, ok := g.(*addr.IPAddr)
			require.True(t, ok, "%s[%d]: got %T, want *addr.IPAddr", what, i, got[i])
			requireSameBytes(t, g.IP, w.IP, what)
			require.Equal(t, w.Zone, g.Zone, what)
		default:
			t.Fatalf("%s[%d]: the standard library returned a %T", what, i, w)
		}
	}
}

func requireSameBytes[A, B ~[]byte](t testing.TB, got A, want B, what string) {
	t.Helper()
	require.Equal(t, []byte(want), []byte(got), what)
	require.Equal(t, want == nil, got == nil, "%s: nil-ness", what)
}

// requireSameError checks that both calls failed the same way: same text,
// and netkit's error is an *addr.OpError with the same Op and Net.
func requireSameError(t testing.TB, got, want error, what string) {
	t.Helper()
	if want == nil {
		require.NoError(t, got, what)
		return
	}
	require.Error(t, got, what)
	assert.Equal(t, want.Error(), got.Error(), what)
	var wop *net.OpError
	if errors.As(want, &wop) {
		var gop *addr.OpError
		require.True(t, errors.As(got, &gop), "%s: %T is not an *addr.OpError", what, got)
		assert.Equal(t, wop.Op, gop.Op)
		assert.Equal(t, wop.Net, gop.Net)
		assert.Equal(t, wop.Err.Error(), gop.Err.Error())
	}
}

// compareAll runs every enumeration function of both implementations in
// the calling goroutine's network namespace and requires equal results.
// withMulticast is false where the standard library would read /proc of
// another namespace (see MulticastAddrs).
func compareAll(t testing.TB, withMulticast bool) {
	t.Helper()
	want, err := net.Interfaces()
	require.NoError(t, err)
	got, err := iface.Interfaces()
	require.NoError(t, err)
	requireSameInterfaces(t, got, want)

	wantAll, err := net.InterfaceAddrs()
	require.NoError(t, err)
	gotAll, err := iface.InterfaceAddrs()
	require.NoError(t, err)
	requireSameAddrs(t, gotAll, wantAll, "InterfaceAddrs")

	for i := range want {
		w := &want[i]
		g := &got[i]
		wa, werr := w.Addrs()
		ga, gerr := g.Addrs()
		requireSameError(t, gerr, werr, "Addrs of "+w.Name)
		requireSameAddrs(t, ga, wa, "Addrs of "+w.Name)
		if withMulticast {
			wm, werr := w.MulticastAddrs()
			gm, gerr := g.MulticastAddrs()
			requireSameError(t, gerr, werr, "MulticastAddrs of "+w.Name)
			requireSameAddrs(t, gm, wm, "MulticastAddrs of "+w.Name)
		}

		wi, werr := net.InterfaceByIndex(w.Index)
		gi, gerr := iface.InterfaceByIndex(w.Index)
		requireSameError(t, gerr, werr, "InterfaceByIndex")
		requireSameInterface(t, gi, wi)
		wi, werr = net.InterfaceByName(w.Name)
		gi, gerr = iface.InterfaceByName(w.Name)
		requireSameError(t, gerr, werr, "InterfaceByName")
		requireSameInterface(t, gi, wi)
	}
	compareErrors(t)
}

// compareErrors checks the failures: bad and unknown indexes and names.
func compareErrors(t testing.TB) {
	t.Helper()
	for _, index := range []int{0, -1, 1 << 30, 65535, math.MaxInt32, int(^uint(0) >> 1), -1 << 31} {
		wi, werr := net.InterfaceByIndex(index)
		gi, gerr := iface.InterfaceByIndex(index)
		if werr == nil {
			requireSameInterface(t, gi, wi)
			continue
		}
		require.Nil(t, gi)
		requireSameError(t, gerr, werr, "InterfaceByIndex")
	}
	for _, name := range []string{"", "nk-nonexistent0", "a-name-much-longer-than-ifnamsiz", "lo\x00x", "eth0:1", "LO", "/", "."} {
		wi, werr := net.InterfaceByName(name)
		gi, gerr := iface.InterfaceByName(name)
		if werr == nil {
			requireSameInterface(t, gi, wi)
			continue
		}
		require.Nil(t, gi, "InterfaceByName(%q)", name)
		requireSameError(t, gerr, werr, "InterfaceByName("+name+")")
	}
	var nilIfi *iface.Interface
	var nilNet *net.Interface
	_, werr := nilNet.Addrs()
	_, gerr := nilIfi.Addrs()
	requireSameError(t, gerr, werr, "nil Addrs")
	_, werr = nilNet.MulticastAddrs()
	_, gerr = nilIfi.MulticastAddrs()
	requireSameError(t, gerr, werr, "nil MulticastAddrs")
	// An interface value that names nothing.
	ghostN := &net.Interface{Index: 1 << 30, Name: "nk-ghost"}
	ghostG := &iface.Interface{Index: 1 << 30, Name: "nk-ghost"}
	wa, werr := ghostN.Addrs()
	ga, gerr := ghostG.Addrs()
	requireSameError(t, gerr, werr, "ghost Addrs")
	requireSameAddrs(t, ga, wa, "ghost Addrs")
	for _, index := range []int64{1<<32 + 1, -1, math.MaxInt32 + 2} {
		if int64(int(index)) != index {
			continue // 32-bit int
		}
		wa, werr := (&net.Interface{Index: int(index)}).Addrs()
		ga, gerr := (&iface.Interface{Index: int(index)}).Addrs()
		requireSameError(t, gerr, werr, "Addrs of a truncating index")
		requireSameAddrs(t, ga, wa, "Addrs of a truncating index")
	}
	zeroN := &net.Interface{}
	zeroG := &iface.Interface{}
	wa, werr = zeroN.Addrs()
	ga, gerr = zeroG.Addrs()
	requireSameError(t, gerr, werr, "zero Addrs")
	requireSameAddrs(t, ga, wa, "zero Addrs")
}
