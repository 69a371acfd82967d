//go:build (linux || darwin || freebsd) && !race

package sockopt_test

import (
	"syscall"
	"testing"
	"time"

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
