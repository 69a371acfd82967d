//go:build linux || darwin || freebsd

package sockopt_test

import (
	"errors"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestConcurrent sets and reads different options on one connection from
// many goroutines at once (the pooled per-call state must not be shared:
// run with -race), each goroutine checking it reads back its own option's
// value, then closes the connection while they keep going: every call
// then fails with the conn's closed error, none panics.
func TestConcurrent(t *testing.T) {
	for _, fx := range []string{"std-tcp4", "nk-tcp4"} {
		t.Run(fx, func(t *testing.T) {
			var rc syscall.RawConn
			var closer func() error
			if fx == "std-tcp4" {
				c, _ := tcpPair(t, "tcp4")
				rc, closer = syscallConn(t, c), c.Close
			} else {
				fd := pollerTCPConn(t, unix.AF_INET)
				rc, closer = syscallConn(t, fd), fd.Close
			}
			type op struct {
				set func(int) error
				get func() (int, error)
				val func(g, i int) int
			}
			ops := []op{
				{func(v int) error { return sockopt.SetKeepAliveCount(rc, v) }, func() (int, error) { return sockopt.KeepAliveCount(rc) }, func(g, i int) int { return 1 + (g+i)%100 }},
				{func(v int) error { return sockopt.SetTTL(rc, v) }, func() (int, error) { return sockopt.TTL(rc) }, func(g, i int) int { return 1 + (g*7+i)%200 }},
				{func(v int) error { return sockopt.SetLinger(rc, v) }, func() (int, error) { return sockopt.Linger(rc) }, func(g, i int) int { return (g+i)%50 - 1 }},
				{func(v int) error { return sockopt.SetKeepAliveIdle(rc, time.Duration(v)*time.Second) }, func() (int, error) {
					d, err := sockopt.KeepAliveIdle(rc)
					return int(d / time.Second), err
				}, func(g, i int) int { return 1 + (g*3+i)%1000 }},
			}
			var wg sync.WaitGroup
			for g, o := range ops { // one goroutine per option, so each can check its own read-back
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 300; i++ {
						v := o.val(g, i)
						if err := o.set(v); err != nil {
							t.Errorf("set %d: %v", v, err)
							return
						}
						got, err := o.get()
						if err != nil || got != v {
							t.Errorf("option %d: set %d, got %d, %v", g, v, got, err)
							return
						}
					}
				}()
			}
			wg.Wait()

			// Now close while others keep setting.
			start := make(chan struct{})
			errs := make(chan error, 8*200)
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					for i := 0; i < 200; i++ {
						errs <- sockopt.SetNoDelay(rc, i%2 == 0)
					}
				}()
			}
			close(start)
			require.NoError(t, closer())
			wg.Wait()
			close(errs)
			var closedErrs int
			for err := range errs {
				if err == nil {
					continue
				}
				closedErrs++
				assert.True(t, errors.Is(err, net.ErrClosed) || errors.Is(err, poller.ErrClosed), "%v", err)
			}
			t.Logf("%d of %d calls raced with Close and failed cleanly", closedErrs, 8*200)
			assert.Error(t, sockopt.SetNoDelay(rc, true), "after close")
		})
	}
}
