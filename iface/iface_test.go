package iface_test

import (
	"fmt"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
)

// TestHostDifferential compares everything with net in the host's
// namespace, which other programs may change while the test runs: a
// mismatch is retried twice before it counts.
func TestHostDifferential(t *testing.T) {
	var last *softTB
	for attempt := 0; attempt < 3; attempt++ {
		last = &softTB{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			compareAll(last, true)
		}()
		<-done
		if !last.failed {
			return
		}
		t.Logf("attempt %d differed (the host's tables may have changed meanwhile):\n%s", attempt+1, strings.Join(last.msgs, "\n"))
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("netkit and net differ on the host:\n%s", strings.Join(last.msgs, "\n"))
}

// softTB records failures instead of reporting them, so that a
// comparison can be retried; FailNow ends the goroutine it runs in.
type softTB struct {
	testing.TB
	failed bool
	msgs   []string
}

func (s *softTB) Helper()           {}
func (s *softTB) Fail()             { s.failed = true }
func (s *softTB) Failed() bool      { return s.failed }
func (s *softTB) FailNow()          { s.failed = true; runtime.Goexit() }
func (s *softTB) Error(args ...any) { s.Fail(); s.msgs = append(s.msgs, fmt.Sprint(args...)) }
func (s *softTB) Errorf(f string, args ...any) {
	s.Fail()
	s.msgs = append(s.msgs, fmt.Sprintf(f, args...))
}
func (s *softTB) Fatal(args ...any)            { s.Error(args...); s.FailNow() }
func (s *softTB) Fatalf(f string, args ...any) { s.Errorf(f, args...); s.FailNow() }
func (s *softTB) Log(args ...any)              {}
func (s *softTB) Logf(f string, args ...any)   {}

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
