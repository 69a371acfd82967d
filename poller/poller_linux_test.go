package poller_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestPollerWaitRetriesEINTR sends signals to the very thread blocked in
// epoll_wait (SIGURG, which the runtime already handles for preemption, so
// the handler is harmless). epoll_wait is never restarted after a signal
// handler: without the retry, Wait would return early or fail with EINTR.
func TestPollerWaitRetriesEINTR(t *testing.T) {
	p := newPoller(t)
	a, _ := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))

	const timeout = 300 * time.Millisecond
	tid := make(chan int, 1)
	type result struct {
		n       int
		err     error
		elapsed time.Duration
	}
	res := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid <- unix.Gettid()
		start := time.Now()
		n, err := p.Wait(make([]poller.Event, 4), timeout)
		res <- result{n, err, time.Since(start)}
	}()
	target := <-tid
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	sent := 0
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if unix.Tgkill(unix.Getpid(), target, unix.SIGURG) == nil {
					sent++
				}
			}
		}
	}()
	r := <-res
	close(stop)
	wg.Wait()
	require.NoError(t, r.err)
	assert.Zero(t, r.n)
	assert.GreaterOrEqual(t, r.elapsed, timeout, "Wait returned early after %d signals", sent)
	assert.Less(t, r.elapsed, timeout+200*time.Millisecond)
	assert.Greater(t, sent, 10)
}

// TestEventString checks the description of an event carrying every
// readiness kind Linux merges into one report (a socketpair whose peer
// closed).
func TestEventString(t *testing.T) {
	p := newPoller(t)
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer unix.Close(fds[0])
	require.NoError(t, p.Add(fds[0], poller.Readable|poller.Writable, 12345))
	require.NoError(t, unix.Close(fds[1]))
	evs := make([]poller.Event, 4)
	n, err := p.Wait(evs, time.Second)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	assert.Equal(t, "token=12345 readable|writable|readclosed|writeclosed", evs[0].String())
	assert.Equal(t, "token=0", poller.Event{}.String())
	require.NoError(t, p.Delete(fds[0]))
}
