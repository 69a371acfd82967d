//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package poller_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func newPoller(t *testing.T) *poller.Poller {
	t.Helper()
	p, err := poller.New()
	require.NoError(t, err)
	t.Cleanup(func() { p.Close() })
	return p
}

// rawPair returns a non-blocking unix socketpair of raw descriptors.
func rawPair(t *testing.T, sotype int) (a, b int) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, sotype, 0)
	require.NoError(t, err)
	for _, fd := range fds {
		require.NoError(t, unix.SetNonblock(fd, true))
	}
	closeOnCleanup(t, fds[0])
	closeOnCleanup(t, fds[1])
	return fds[0], fds[1]
}

// closeOnCleanup closes fd at the end of the test unless the test did.
func closeOnCleanup(t *testing.T, fd int) {
	t.Cleanup(func() { unix.Close(fd) })
}

// wait calls Wait with a fresh 8-slot buffer and returns the events.
func wait(t *testing.T, p *poller.Poller, timeout time.Duration) []poller.Event {
	t.Helper()
	evs := make([]poller.Event, 8)
	n, err := p.Wait(evs, timeout)
	require.NoError(t, err)
	return evs[:n]
}

// waitFor waits up to 2s for an event with token tok, collecting its flags
// across the separate read and write events kqueue reports.
func waitFor(t *testing.T, p *poller.Poller, tok poller.Token) []poller.Event {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		var got []poller.Event
		for _, ev := range wait(t, p, 100*time.Millisecond) {
			if ev.Token == tok {
				got = append(got, ev)
			}
		}
		if len(got) > 0 {
			return got
		}
	}
	t.Fatalf("no event for token %d within 2s", tok)
	return nil
}

func hasEvent(evs []poller.Event, f func(poller.Event) bool) bool {
	for _, ev := range evs {
		if f(ev) {
			return true
		}
	}
	return false
}

func TestPollerReadLevelTriggered(t *testing.T) {
	p := newPoller(t)
	a, b := rawPair(t, unix.SOCK_STREAM)
	const tok = poller.Token(1<<63 | 7) // all 64 bits survive the kernel
	require.NoError(t, p.Add(a, poller.Readable, tok))
	assert.Empty(t, wait(t, p, 0), "nothing written yet")

	_, err := unix.Write(b, []byte("x"))
	require.NoError(t, err)
	evs := waitFor(t, p, tok)
	assert.True(t, hasEvent(evs, poller.Event.Readable), "%v", evs)
	assert.False(t, hasEvent(evs, poller.Event.Hangup), "%v", evs)

	// Level-triggered: still reported while the byte is unread.
	evs = wait(t, p, 0)
	require.Len(t, evs, 1)
	assert.True(t, evs[0].Readable())

	buf := make([]byte, 4)
	_, err = unix.Read(a, buf)
	require.NoError(t, err)
	assert.Empty(t, wait(t, p, 0), "drained: no longer readable")
}

func TestPollerReadEdgeTriggered(t *testing.T) {
	p := newPoller(t)
	a, b := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable|poller.EdgeTriggered, 3))

	_, err := unix.Write(b, []byte("x"))
	require.NoError(t, err)
	evs := waitFor(t, p, 3)
	assert.True(t, evs[0].Readable())
	// Edge-triggered: not reported again although the byte is unread.
	assert.Empty(t, wait(t, p, 20*time.Millisecond))
	// New data is a new edge.
	_, err = unix.Write(b, []byte("y"))
	require.NoError(t, err)
	evs = waitFor(t, p, 3)
	assert.True(t, evs[0].Readable())
}

func TestPollerWritableAndModify(t *testing.T) {
	p := newPoller(t)
	a, _ := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))
	assert.Empty(t, wait(t, p, 0))
	require.NoError(t, p.Modify(a, poller.Writable, 2))
	evs := waitFor(t, p, 2)
	assert.True(t, evs[0].Writable())
	assert.False(t, evs[0].Readable())

	// Fill the send buffer: no longer writable.
	chunk := make([]byte, 64<<10)
	for {
		if _, err := unix.Write(a, chunk); err != nil {
			require.ErrorIs(t, err, unix.EAGAIN)
			break
		}
	}
	assert.Empty(t, wait(t, p, 0), "full send buffer must not be writable")
}

func TestPollerHangupSocketpair(t *testing.T) {
	p := newPoller(t)
	a, b := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable|poller.Writable, 9))
	require.NoError(t, unix.Close(b))
	evs := waitFor(t, p, 9)
	assert.True(t, hasEvent(evs, poller.Event.Readable), "%v", evs)
	assert.True(t, hasEvent(evs, poller.Event.ReadClosed), "%v", evs)
	assert.True(t, hasEvent(evs, poller.Event.Hangup), "%v", evs)
}

// tcpRawPair returns a connected pair of raw non-blocking TCP sockets over
// loopback, and the listener, all registered for cleanup.
func tcpRawPair(t *testing.T) (client, server int) {
	t.Helper()
	ln, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	closeOnCleanup(t, ln)
	require.NoError(t, unix.Bind(ln, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, unix.Listen(ln, 8))
	sa, err := unix.Getsockname(ln)
	require.NoError(t, err)

	p := newPoller(t)
	require.NoError(t, p.Add(ln, poller.Readable, 100))
	c, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	closeOnCleanup(t, c)
	require.NoError(t, unix.SetNonblock(c, true))
	err = unix.Connect(c, sa)
	if err != nil {
		require.ErrorIs(t, err, unix.EINPROGRESS)
	}
	require.NoError(t, p.Add(c, poller.Writable, 200))
	// The listener becomes readable (a pending connection) and the
	// connecting socket writable (connect finished).
	seen := map[poller.Token]bool{}
	deadline := time.Now().Add(2 * time.Second)
	for (!seen[100] || !seen[200]) && time.Now().Before(deadline) {
		for _, ev := range wait(t, p, 100*time.Millisecond) {
			if (ev.Token == 100 && ev.Readable()) || (ev.Token == 200 && ev.Writable()) {
				seen[ev.Token] = true
			}
		}
	}
	require.True(t, seen[100], "listener never readable")
	require.True(t, seen[200], "connecting socket never writable")
	soerr, err := unix.GetsockoptInt(c, unix.SOL_SOCKET, unix.SO_ERROR)
	require.NoError(t, err)
	require.Zero(t, soerr)
	s, _, err := unix.Accept(ln)
	require.NoError(t, err)
	closeOnCleanup(t, s)
	require.NoError(t, unix.SetNonblock(s, true))
	return c, s
}

func TestPollerTCP(t *testing.T) {
	c, s := tcpRawPair(t)
	p := newPoller(t)
	require.NoError(t, p.Add(s, poller.Readable, 1))
	assert.Empty(t, wait(t, p, 0))

	_, err := unix.Write(c, []byte("ping"))
	require.NoError(t, err)
	evs := waitFor(t, p, 1)
	assert.True(t, evs[0].Readable())
	assert.False(t, evs[0].ReadClosed())
	buf := make([]byte, 8)
	n, err := unix.Read(s, buf)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf[:n]))

	// Half-close: the peer's FIN is a read hang-up, not a full one.
	require.NoError(t, unix.Shutdown(c, unix.SHUT_WR))
	evs = waitFor(t, p, 1)
	assert.True(t, evs[0].Readable(), "%v", evs)
	assert.True(t, evs[0].ReadClosed(), "%v", evs)
	assert.False(t, evs[0].WriteClosed(), "%v", evs)

	// Reset (SO_LINGER 0 + close): writes can no longer succeed.
	require.NoError(t, unix.SetsockoptLinger(c, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 0}))
	require.NoError(t, unix.Close(c))
	require.NoError(t, p.Modify(s, poller.Readable|poller.Writable, 1))
	evs = waitFor(t, p, 1)
	assert.True(t, hasEvent(evs, poller.Event.WriteClosed), "%v", evs)
}

func TestPollerWakeFromGoroutine(t *testing.T) {
	p := newPoller(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(50 * time.Millisecond)
		assert.NoError(t, p.Wake())
	}()
	start := time.Now()
	evs := wait(t, p, -1)
	assert.Empty(t, evs, "the wake-up is not reported as an event")
	assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond)
	wg.Wait()

	// Wakes before a Wait are coalesced into one early return.
	require.NoError(t, p.Wake())
	require.NoError(t, p.Wake())
	start = time.Now()
	assert.Empty(t, wait(t, p, 5*time.Second))
	assert.Less(t, time.Since(start), time.Second)
	start = time.Now()
	assert.Empty(t, wait(t, p, 30*time.Millisecond))
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond, "second Wait must not see the old wake-up")
}

func TestPollerWaitTimeout(t *testing.T) {
	p := newPoller(t)
	a, _ := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))
	for _, d := range []time.Duration{time.Microsecond, 1500 * time.Microsecond, 20 * time.Millisecond, 100 * time.Millisecond} {
		start := time.Now()
		assert.Empty(t, wait(t, p, d))
		got := time.Since(start)
		assert.GreaterOrEqual(t, got, d, "Wait(%v) returned early", d)
		assert.Less(t, got, d+150*time.Millisecond, "Wait(%v) overslept", d)
	}
	// A zero timeout never blocks.
	start := time.Now()
	assert.Empty(t, wait(t, p, 0))
	assert.Less(t, time.Since(start), 50*time.Millisecond)
}

func TestPollerDeleteClosedFD(t *testing.T) {
	p := newPoller(t)
	a, b := rawPair(t, unix.SOCK_STREAM)
	c, d := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))
	require.NoError(t, p.Add(c, poller.Readable, 2))
	require.NoError(t, unix.Close(a))
	err := p.Delete(a)
	require.Error(t, err)
	assert.ErrorIs(t, err, unix.EBADF)
	unix.Write(b, []byte("x"))

	// The poller keeps working and never reports the closed fd.
	_, err = unix.Write(d, []byte("x"))
	require.NoError(t, err)
	evs := waitFor(t, p, 2)
	assert.True(t, evs[0].Readable())
	for _, ev := range wait(t, p, 20*time.Millisecond) {
		assert.NotEqual(t, poller.Token(1), ev.Token, "event for a closed fd")
	}
}

func TestPollerErrors(t *testing.T) {
	p := newPoller(t)
	a, _ := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))
	assert.ErrorIs(t, p.Add(a, poller.Readable, 1), unix.EEXIST)
	require.NoError(t, p.Delete(a))
	assert.ErrorIs(t, p.Delete(a), unix.ENOENT)
	assert.ErrorIs(t, p.Modify(a, poller.Readable, 1), unix.ENOENT)
	assert.Error(t, p.Add(a, poller.Readable, ^poller.Token(0)), "reserved token")
	assert.Error(t, p.Add(a, poller.EdgeTriggered, 1), "no readiness kind")
	assert.Error(t, p.Add(-1, poller.Readable, 1))
	_, err := p.Wait(nil, 0)
	assert.Error(t, err)
}

func TestPollerCloseInterruptsWait(t *testing.T) {
	p, err := poller.New()
	require.NoError(t, err)
	errc := make(chan error, 1)
	go func() {
		_, err := p.Wait(make([]poller.Event, 4), -1)
		errc <- err
	}()
	time.Sleep(30 * time.Millisecond)
	require.NoError(t, p.Close())
	select {
	case err := <-errc:
		assert.True(t, errors.Is(err, poller.ErrClosed), "%v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("Wait still blocked 5s after Close")
	}
	assert.Equal(t, poller.ErrClosed, p.Close())
	assert.Equal(t, poller.ErrClosed, p.Wake())
	assert.Equal(t, poller.ErrClosed, p.Add(0, poller.Readable, 1))
	_, err = p.Wait(make([]poller.Event, 1), 0)
	assert.Equal(t, poller.ErrClosed, err)
}

func TestPollerWaitNoAllocs(t *testing.T) {
	p := newPoller(t)
	a, b := rawPair(t, unix.SOCK_STREAM)
	require.NoError(t, p.Add(a, poller.Readable, 1))
	_, err := unix.Write(b, []byte("x"))
	require.NoError(t, err)
	evs := make([]poller.Event, 16)
	allocs := testing.AllocsPerRun(200, func() {
		n, err := p.Wait(evs, time.Second)
		if err != nil || n != 1 {
			t.Fatalf("Wait = %d, %v", n, err)
		}
	})
	assert.Zero(t, allocs)
}

// TestPollerConcurrentUse runs an event loop while other goroutines add,
// modify and delete registrations, write to the peers and call Wake, then
// closes the Poller under the loop. Run it under -race.
func TestPollerConcurrentUse(t *testing.T) {
	p, err := poller.New()
	require.NoError(t, err)
	const workers, rounds = 4, 200
	loopDone := make(chan error, 1)
	var seen atomic.Int64
	go func() {
		evs := make([]poller.Event, 32)
		for {
			n, err := p.Wait(evs, -1)
			if err != nil {
				loopDone <- err
				return
			}
			seen.Add(int64(n))
		}
	}()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
				if !assert.NoError(t, err) {
					return
				}
				tok := poller.Token(w*rounds + i)
				assert.NoError(t, p.Add(fds[0], poller.Readable|poller.EdgeTriggered, tok))
				unix.Write(fds[1], []byte("x"))
				assert.NoError(t, p.Modify(fds[0], poller.Readable|poller.Writable, tok))
				if i%10 == 0 {
					assert.NoError(t, p.Wake())
				}
				assert.NoError(t, p.Delete(fds[0]))
				unix.Close(fds[0])
				unix.Close(fds[1])
			}
		}()
	}
	wg.Wait()
	// The registrations above may all be gone before the loop looks: one
	// that stays until the loop reports it proves the loop is live.
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	require.NoError(t, p.Add(fds[0], poller.Readable, 1<<40))
	_, err = unix.Write(fds[1], []byte("x"))
	require.NoError(t, err)
	deadline := time.Now().Add(5 * time.Second)
	for seen.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	require.NoError(t, p.Close())
	select {
	case err := <-loopDone:
		assert.Equal(t, poller.ErrClosed, err)
	case <-time.After(5 * time.Second):
		t.Fatal("event loop still blocked 5s after Close")
	}
	assert.Positive(t, seen.Load(), "the loop saw no events at all")
}
