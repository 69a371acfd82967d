//go:build linux || darwin || freebsd

package sockopt_test

import (
	"fmt"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatchesStdlibSetters applies each of the standard library's setters
// to one connection and the sockopt setter with the same argument to
// another, then compares what the kernel reports for both.
func TestMatchesStdlibSetters(t *testing.T) {
	type reading func(syscall.RawConn) (any, error)
	wrap := func(f any) reading {
		return func(rc syscall.RawConn) (any, error) {
			switch f := f.(type) {
			case func(syscall.RawConn) (bool, error):
				return f(rc)
			case func(syscall.RawConn) (int, error):
				return f(rc)
			case func(syscall.RawConn) (time.Duration, error):
				return f(rc)
			}
			panic(fmt.Sprintf("unexpected getter %T", f))
		}
	}
	tcpCases := []struct {
		name string
		std  func(*net.TCPConn) error
		ours func(syscall.RawConn) error
		read reading
	}{
		{"NoDelay/false", func(c *net.TCPConn) error { return c.SetNoDelay(false) }, func(rc syscall.RawConn) error { return sockopt.SetNoDelay(rc, false) }, wrap(sockopt.NoDelay)},
		{"KeepAlive/false", func(c *net.TCPConn) error { return c.SetKeepAlive(false) }, func(rc syscall.RawConn) error { return sockopt.SetKeepAlive(rc, false) }, wrap(sockopt.KeepAlive)},
		{"Linger/-1", func(c *net.TCPConn) error { return c.SetLinger(-1) }, func(rc syscall.RawConn) error { return sockopt.SetLinger(rc, -1) }, wrap(sockopt.Linger)},
		{"Linger/0", func(c *net.TCPConn) error { return c.SetLinger(0) }, func(rc syscall.RawConn) error { return sockopt.SetLinger(rc, 0) }, wrap(sockopt.Linger)},
		{"Linger/9", func(c *net.TCPConn) error { return c.SetLinger(9) }, func(rc syscall.RawConn) error { return sockopt.SetLinger(rc, 9) }, wrap(sockopt.Linger)},
		{"ReadBuffer", func(c *net.TCPConn) error { return c.SetReadBuffer(50001) }, func(rc syscall.RawConn) error { return sockopt.SetReadBuffer(rc, 50001) }, wrap(sockopt.ReadBuffer)},
		{"WriteBuffer", func(c *net.TCPConn) error { return c.SetWriteBuffer(50001) }, func(rc syscall.RawConn) error { return sockopt.SetWriteBuffer(rc, 50001) }, wrap(sockopt.WriteBuffer)},
		{"KeepAlivePeriod/2500ms", func(c *net.TCPConn) error { return c.SetKeepAlivePeriod(2500 * time.Millisecond) }, func(rc syscall.RawConn) error { return sockopt.SetKeepAlivePeriod(rc, 2500*time.Millisecond) }, wrap(sockopt.KeepAliveIdle)},
		{"KeepAliveConfig/interval", func(c *net.TCPConn) error {
			return c.SetKeepAliveConfig(net.KeepAliveConfig{Enable: true, Idle: -1, Interval: 3300 * time.Millisecond, Count: -1})
		}, func(rc syscall.RawConn) error { return sockopt.SetKeepAliveInterval(rc, 3300*time.Millisecond) }, wrap(sockopt.KeepAliveInterval)},
		{"KeepAliveConfig/count", func(c *net.TCPConn) error {
			return c.SetKeepAliveConfig(net.KeepAliveConfig{Enable: true, Idle: -1, Interval: -1, Count: 3})
		}, func(rc syscall.RawConn) error { return sockopt.SetKeepAliveCount(rc, 3) }, wrap(sockopt.KeepAliveCount)},
	}
	for _, tc := range tcpCases {
		t.Run(tc.name, func(t *testing.T) {
			stdC, _ := tcpPair(t, "tcp4")
			ourC, _ := tcpPair(t, "tcp4")
			stdRC, ourRC := syscallConn(t, stdC), syscallConn(t, ourC)
			before, err := tc.read(stdRC)
			require.NoError(t, err)
			require.NoError(t, tc.std(stdC))
			require.NoError(t, tc.ours(ourRC))
			want, err := tc.read(stdRC)
			require.NoError(t, err)
			got, err := tc.read(ourRC)
			require.NoError(t, err)
			assert.Equal(t, want, got, "stdlib setter gave %v (from %v), sockopt gave %v", want, before, got)
		})
	}
}

// TestKeepAliveConfigMatchesStdlib applies the same configurations through
// (*net.TCPConn).SetKeepAliveConfig and SetKeepAliveConfig, starting from
// the same non-default values, and compares all four settings.
func TestKeepAliveConfigMatchesStdlib(t *testing.T) {
	for _, cfg := range []sockopt.KeepAliveConfig{
		{Enable: true},
		{Enable: false, Idle: -1, Interval: -1, Count: -1},
		{Enable: true, Idle: 1500 * time.Millisecond, Interval: 2 * time.Second, Count: 3},
		{Enable: true, Idle: -1, Interval: 5 * time.Second, Count: -1},
		{Enable: false, Idle: time.Hour, Interval: 0, Count: 0},
	} {
		t.Run(fmt.Sprintf("%+v", cfg), func(t *testing.T) {
			stdC, _ := tcpPair(t, "tcp4")
			ourC, _ := tcpPair(t, "tcp4")
			stdRC, ourRC := syscallConn(t, stdC), syscallConn(t, ourC)
			start := sockopt.KeepAliveConfig{Enable: !cfg.Enable, Idle: 111 * time.Second, Interval: 77 * time.Second, Count: 5}
			for _, rc := range []syscall.RawConn{stdRC, ourRC} {
				require.NoError(t, sockopt.SetKeepAliveConfig(rc, start))
			}
			require.NoError(t, stdC.SetKeepAliveConfig(net.KeepAliveConfig(cfg)))
			require.NoError(t, sockopt.SetKeepAliveConfig(ourRC, cfg))
			want, err := sockopt.GetKeepAliveConfig(stdRC)
			require.NoError(t, err)
			got, err := sockopt.GetKeepAliveConfig(ourRC)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.NotEqual(t, start, got, "the configuration changed nothing: the comparison could not fail")
		})
	}
}
