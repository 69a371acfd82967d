//go:build unix

package poller_test

import (
	"context"
	"io"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestFDReadCloseRace races Read, Write, Close and a second Close on
// thousands of socket pairs and checks every outcome, then that no
// descriptor is left open. Run it under -race.
func TestFDReadCloseRace(t *testing.T) {
	const total, parallel = 2000, 50
	before := openFDs()
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	closeNil, closeErr := 0, 0
	for i := range total {
		fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		a, err := poller.NewFD(fds[0], unix.AF_UNIX, unix.SOCK_STREAM, "a")
		require.NoError(t, err)
		b, err := poller.NewFD(fds[1], unix.AF_UNIX, unix.SOCK_STREAM, "b")
		require.NoError(t, err)
		sem <- struct{}{}
		wg.Add(4)
		go func() { // reader: reads until an error, which must be a clean one
			defer wg.Done()
			buf := make([]byte, 4)
			for {
				_, err := a.Read(buf)
				if err != nil {
					if err != poller.ErrClosed && err != io.EOF {
						t.Errorf("Read: unexpected error %v", err)
					}
					return
				}
			}
		}()
		closer := func() {
			defer wg.Done()
			if i%2 == 0 {
				runtime.Gosched()
			}
			err := a.Close()
			mu.Lock()
			defer mu.Unlock()
			switch err {
			case nil:
				closeNil++
			case poller.ErrClosed:
				closeErr++
			default:
				t.Errorf("Close: %v", err)
			}
		}
		go closer()
		go closer()
		go func() { // peer: writes a little, sometimes goes away first
			defer wg.Done()
			defer func() { <-sem }()
			if _, err := b.Write([]byte("ping")); err != nil && err != poller.ErrClosed {
				if !assert.ErrorIs(t, err, unix.EPIPE) {
					return
				}
			}
			if i%3 == 0 {
				b.Close()
			} else {
				time.Sleep(time.Millisecond)
				b.Close()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, total, closeNil, "exactly one Close per FD succeeds")
	assert.Equal(t, total, closeErr, "the other Close reports ErrClosed")
	if before >= 0 {
		var after int
		for range 50 {
			if after = openFDs(); after <= before {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		assert.LessOrEqual(t, after, before, "descriptors leaked")
	}
}

// TestFDNoAllocs checks the steady path of Read and Write: stream sockets
// through (*os.File).Read/Write, datagram sockets through the preallocated
// RawConn callbacks.
func TestFDNoAllocs(t *testing.T) {
	c, s := tcpPair(t)
	a, b := socketPair(t, unix.SOCK_DGRAM)
	msg := []byte("ping")
	buf := make([]byte, 4)
	for _, tc := range []struct {
		name string
		w, r *poller.FD
	}{{"tcp", c, s}, {"unixgram", a, b}} {
		allocs := testing.AllocsPerRun(500, func() {
			if _, err := tc.w.Write(msg); err != nil {
				t.Fatal(err)
			}
			if _, err := io.ReadFull(tc.r, buf); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, "%s: allocations per Write+Read", tc.name)
	}
}

// TestFDInet4DatagramNoAllocs checks the allocation-free UDP path.
func TestFDInet4DatagramNoAllocs(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH == "386" {
		t.Skipf("ReadFromInet4 allocates through x/sys/unix on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	a, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer a.Close()
	b, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer b.Close()
	lo := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	require.NoError(t, a.Bind(lo))
	require.NoError(t, b.Bind(lo))
	sa, err := b.Sockname()
	require.NoError(t, err)
	to := *sa.(*unix.SockaddrInet4)
	msg, buf := []byte("ping"), make([]byte, 8)
	var from unix.SockaddrInet4
	allocs := testing.AllocsPerRun(500, func() {
		if _, err := a.WriteToInet4(msg, &to); err != nil {
			t.Fatal(err)
		}
		if _, err := b.ReadFromInet4(buf, &from); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

// TestFDAcceptConnectContextRace races AcceptContext and ConnectContext
// against cancellation and Close on loopback, where connects succeed at
// once, so every interleaving of "done" and "cancelled" occurs. Each
// outcome must be clean and every socket must end up closed.
func TestFDAcceptConnectContextRace(t *testing.T) {
	const rounds = 300
	before := openFDs()
	ln, sa := listenTCP(t)
	accepted := make(chan *poller.FD, rounds)
	acceptDone := make(chan struct{})
	go func() {
		defer close(acceptDone)
		for {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rand.IntN(200))*time.Microsecond)
			fd, _, err := ln.AcceptContext(ctx)
			cancel()
			switch {
			case err == nil:
				accepted <- fd
			case err == poller.ErrClosed:
				return
			case err != context.DeadlineExceeded:
				t.Errorf("AcceptContext: %v", err)
				return
			}
		}
	}()
	connected := 0
	for range rounds {
		c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
			cancel()
		}()
		err = c.ConnectContext(ctx, sa)
		switch err {
		case nil:
			connected++
			// The write deadline was restored: a write goes through.
			_, werr := c.Write([]byte("x"))
			assert.NoError(t, werr)
		case context.Canceled:
		default:
			t.Errorf("ConnectContext: %v", err)
		}
		cancel()
		require.NoError(t, c.Close())
	}
	require.NoError(t, ln.Close())
	<-acceptDone
	close(accepted)
	for fd := range accepted {
		require.NoError(t, fd.Close())
	}
	t.Logf("%d of %d connects completed before cancellation", connected, rounds)
	if before >= 0 {
		var after int
		for range 50 {
			if after = openFDs(); after <= before {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		assert.LessOrEqual(t, after, before, "descriptors leaked")
	}
}

// TestFDWritevNoAllocs checks that Writev reuses its buffers where netkit
// calls writev(2) directly.
func TestFDWritevNoAllocs(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "freebsd", "netbsd", "dragonfly":
	default:
		t.Skipf("Writev allocates through x/sys/unix on %s", runtime.GOOS)
	}
	c, s := tcpPair(t)
	bufs := [][]byte{[]byte("head:"), []byte("body"), []byte("\n")}
	got := make([]byte, 10)
	allocs := testing.AllocsPerRun(500, func() {
		if _, err := c.Writev(bufs); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(s, got); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, "head:body\n", string(got))
}
