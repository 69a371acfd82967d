//go:build (linux || darwin || freebsd) && !race

package sockopt_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
)

// TestNoAllocs checks that integer, boolean, duration and linger options
// cost no allocation per call, like the standard library's setters. (Not
// under -race, where sync.Pool drops items on purpose.) The Linger getter
// is left out: x/sys/unix returns the struct linger by pointer, one
// allocation.
func TestNoAllocs(t *testing.T) {
	c, _ := tcpPair(t, "tcp4")
	rc := syscallConn(t, c)
	for _, tc := range []struct {
		name string
		f    func(syscall.RawConn) error
	}{
		{"SetNoDelay", func(rc syscall.RawConn) error { return sockopt.SetNoDelay(rc, true) }},
		{"NoDelay", func(rc syscall.RawConn) error { _, err := sockopt.NoDelay(rc); return err }},
		{"SetKeepAlive", func(rc syscall.RawConn) error { return sockopt.SetKeepAlive(rc, true) }},
		{"SetKeepAlivePeriod", func(rc syscall.RawConn) error { return sockopt.SetKeepAlivePeriod(rc, time.Minute) }},
		{"KeepAliveIdle", func(rc syscall.RawConn) error { _, err := sockopt.KeepAliveIdle(rc); return err }},
		{"SetLinger", func(rc syscall.RawConn) error { return sockopt.SetLinger(rc, 3) }},
		{"SetReadBuffer", func(rc syscall.RawConn) error { return sockopt.SetReadBuffer(rc, 1<<16) }},
		{"SetTTL", func(rc syscall.RawConn) error { return sockopt.SetTTL(rc, 32) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			allocs := testing.AllocsPerRun(200, func() { err = tc.f(rc) })
			assert.NoError(t, err)
			assert.Zero(t, allocs)
		})
	}
}

// TestPacketInfoNoAllocs checks that a receive loop reusing one PacketInfo
// parses without allocating, and that building into a buffer with room
// does not allocate either.
func TestPacketInfoNoAllocs(t *testing.T) {
	v4, err := (&sockopt.PacketInfo{IfIndex: 2, Addr: addr.IP{10, 0, 0, 1}}).AppendIPv4(nil)
	assert.NoError(t, err)
	v6, err := (&sockopt.PacketInfo{IfIndex: 3, Addr: make(addr.IP, 16)}).AppendIPv6(nil)
	assert.NoError(t, err)
	var pi sockopt.PacketInfo
	for _, oob := range [][]byte{v4, v6} {
		allocs := testing.AllocsPerRun(100, func() {
			if ok, err := pi.Unmarshal(oob); !ok || err != nil {
				t.Fatal(ok, err)
			}
		})
		assert.Zero(t, allocs, "Unmarshal")
	}
	buf := make([]byte, 0, 2*sockopt.PacketInfoSpace())
	src := addr.IP{10, 0, 0, 1}
	allocs := testing.AllocsPerRun(100, func() {
		p := sockopt.PacketInfo{IfIndex: 1, Addr: src}
		if _, err := p.AppendIPv4(buf[:0]); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "AppendIPv4")
}
