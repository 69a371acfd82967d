package pipe_test

import (
	"bytes"
	"crypto/sha256"
	"io"
	"math/rand"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/pipe"
)

// checkOpError walks err's chain and requires the pipe's deadline shape:
// *addr.OpError{Op: op, Net: "pipe", no addresses} around exactly
// os.ErrDeadlineExceeded, which is a net.Error with Timeout() true.
func checkOpError(t *testing.T, err error, op string) {
	t.Helper()
	require.Error(t, err)
	oe, ok := err.(*addr.OpError)
	require.True(t, ok, "want *addr.OpError, got %T: %v", err, err)
	assert.Equal(t, op, oe.Op)
	assert.Equal(t, "pipe", oe.Net)
	assert.Nil(t, oe.Source)
	assert.Nil(t, oe.Addr)
	assert.Same(t, os.ErrDeadlineExceeded, oe.Err, "inner error")
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
	assert.Equal(t, op+" pipe: i/o timeout", err.Error())
}

// TestBufferedSmall moves 1 MiB one way through buffers far smaller than
// the writes and the reads, and checks every byte arrives in order.
func TestBufferedSmall(t *testing.T) {
	t.Parallel()
	data := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(data)
	for _, size := range []int{1, 7, 1000, 4096} {
		for _, chunk := range []int{1, 13, 4096, 65536} {
			c1, c2 := pipe.BufferedPipe(size)
			n := len(data)
			if chunk < 100 {
				n = 64 << 10 // byte-sized steps: keep it short
			}
			errc := make(chan error, 1)
			go func() {
				var err error
				for off := 0; off < n && err == nil; off += chunk {
					_, err = c1.Write(data[off:min(off+chunk, n)])
				}
				c1.Close()
				errc <- err
			}()
			got, err := io.ReadAll(struct{ io.Reader }{c2})
			require.NoError(t, err)
			require.NoError(t, <-errc)
			require.Equal(t, sha256.Sum256(data[:n]), sha256.Sum256(got), "size %d chunk %d: %d bytes", size, chunk, len(got))
			c2.Close()
		}
	}
}

// TestBufferedSemantics covers what a buffer changes relative to Pipe.
func TestBufferedSemantics(t *testing.T) {
	t.Parallel()
	t.Run("write returns before any read", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(8)
		defer c1.Close()
		defer c2.Close()
		n, err := c1.Write([]byte("12345678"))
		require.NoError(t, err)
		assert.Equal(t, 8, n)
		buf := make([]byte, 16)
		n, err = c2.Read(buf)
		require.NoError(t, err)
		assert.Equal(t, "12345678", string(buf[:n]))
	})
	t.Run("full buffer blocks until the deadline", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(4)
		defer c1.Close()
		defer c2.Close()
		require.NoError(t, c1.SetWriteDeadline(time.Now().Add(50*time.Millisecond)))
		start := time.Now()
		n, err := c1.Write([]byte("abcdefgh"))
		assert.Equal(t, 4, n, "the bytes that fit are written")
		checkOpError(t, err, "write")
		assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond)
		buf := make([]byte, 8)
		n, err = c2.Read(buf)
		require.NoError(t, err)
		assert.Equal(t, "abcd", string(buf[:n]))
	})
	t.Run("write returns once the rest fits", func(t *testing.T) {
		for _, first := range []string{"", "xy"} { // the large write finds the ring empty or not
			c1, c2 := pipe.BufferedPipe(4)
			_, err := c1.Write([]byte(first))
			require.NoError(t, err)
			msg := "0123456789"
			wrote := make(chan error, 1)
			go func() {
				_, err := c1.Write([]byte(msg))
				wrote <- err
			}()
			time.Sleep(settle)
			select {
			case err := <-wrote:
				t.Fatalf("Write of 10 bytes into 4 returned early: %v", err)
			default:
			}
			want := first + msg
			buf := make([]byte, len(want)-4)
			_, err = io.ReadFull(c2, buf)
			require.NoError(t, err)
			select {
			case err := <-wrote:
				require.NoError(t, err)
			case <-time.After(5 * time.Second):
				t.Fatal("Write still blocked although its last 4 bytes fit")
			}
			require.NoError(t, c1.Close())
			rest, err := io.ReadAll(c2)
			require.NoError(t, err)
			assert.Equal(t, want, string(buf)+string(rest))
			c2.Close()
		}
	})
	t.Run("buffered bytes survive the writer's close", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(64)
		_, err := c1.Write([]byte("last words"))
		require.NoError(t, err)
		require.NoError(t, c1.Close())
		got, err := io.ReadAll(c2)
		require.NoError(t, err)
		assert.Equal(t, "last words", string(got))
		_, err = c2.Read(make([]byte, 1))
		assert.Same(t, io.EOF, err)
		_, err = c2.Write([]byte("x"))
		assert.Same(t, io.ErrClosedPipe, err)
		require.NoError(t, c2.Close())
	})
	t.Run("closed reader fails the writer", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(2)
		defer c1.Close()
		go func() {
			time.Sleep(settle)
			c2.Close()
		}()
		n, err := c1.Write([]byte("abcdef"))
		assert.Equal(t, 2, n)
		assert.Same(t, io.ErrClosedPipe, err)
	})
	t.Run("own close", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(16)
		defer c2.Close()
		_, err := c2.Write([]byte("pending"))
		require.NoError(t, err)
		require.NoError(t, c1.Close())
		require.NoError(t, c1.Close())
		_, err = c1.Read(make([]byte, 4))
		assert.Same(t, io.ErrClosedPipe, err)
		_, err = c1.Write([]byte("x"))
		assert.Same(t, io.ErrClosedPipe, err)
		assert.Same(t, io.ErrClosedPipe, c1.SetDeadline(time.Time{}))
	})
	t.Run("read deadline wins over buffered data", func(t *testing.T) {
		// As on a socket: an expired deadline fails the Read even when
		// bytes are waiting; they are still there once it is cleared.
		c1, c2 := pipe.BufferedPipe(16)
		defer c1.Close()
		defer c2.Close()
		_, err := c1.Write([]byte("data"))
		require.NoError(t, err)
		require.NoError(t, c2.SetReadDeadline(past))
		_, err = c2.Read(make([]byte, 4))
		checkOpError(t, err, "read")
		require.NoError(t, c2.SetReadDeadline(time.Time{}))
		buf := make([]byte, 4)
		_, err = io.ReadFull(c2, buf)
		require.NoError(t, err)
		assert.Equal(t, "data", string(buf))
	})
	t.Run("zero-length read and write do not block", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(16)
		defer c1.Close()
		defer c2.Close()
		n, err := c1.Write(nil)
		assert.Zero(t, n)
		assert.NoError(t, err)
		n, err = c2.Read(nil)
		assert.Zero(t, n)
		assert.NoError(t, err)
	})
	t.Run("size 0 is a synchronous pipe", func(t *testing.T) {
		c1, c2 := pipe.BufferedPipe(0)
		defer c1.Close()
		defer c2.Close()
		require.NoError(t, c1.SetWriteDeadline(time.Now().Add(settle)))
		_, err := c1.Write([]byte("x"))
		checkOpError(t, err, "write")
	})
}

// TestConcurrentWritesDoNotInterleave has many writers share one end; each
// Write's bytes must arrive contiguous, on both kinds of pipe.
func TestConcurrentWritesDoNotInterleave(t *testing.T) {
	t.Parallel()
	for name, mk := range map[string]func() (net.Conn, net.Conn){
		"Pipe":           pipe.Pipe,
		"BufferedPipe/3": func() (net.Conn, net.Conn) { return pipe.BufferedPipe(3) },
	} {
		t.Run(name, func(t *testing.T) {
			c1, c2 := mk()
			const writers, per, size = 8, 50, 100
			var wg sync.WaitGroup
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					msg := bytes.Repeat([]byte{byte('a' + w)}, size)
					for range per {
						if _, err := c1.Write(msg); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			go func() {
				wg.Wait()
				c1.Close()
			}()
			got, err := io.ReadAll(struct{ io.Reader }{c2})
			require.NoError(t, err)
			require.Len(t, got, writers*per*size)
			for i := 0; i < len(got); i += size {
				assert.Equal(t, bytes.Repeat(got[i:i+1], size), got[i:i+size], "message at %d is mixed", i)
			}
			c2.Close()
		})
	}
}

// TestQueuedWriteHonoursDeadline: a Write waiting behind another Write gives
// up at its own deadline (net.Pipe would wait for the first Write).
func TestQueuedWriteHonoursDeadline(t *testing.T) {
	t.Parallel()
	c1, c2 := pipe.Pipe()
	defer c2.Close()
	first := make(chan error, 1)
	go func() {
		_, err := c1.Write([]byte("first, never read"))
		first <- err
	}()
	time.Sleep(settle)
	require.NoError(t, c1.SetWriteDeadline(time.Now().Add(settle)))
	_, err := c1.Write([]byte("second"))
	checkOpError(t, err, "write")
	checkOpError(t, <-first, "write")
	require.NoError(t, c1.Close())
}

// TestDeadlineRearm: a deadline that fired can be cleared and set again,
// many times, and a blocked Read honours each new value.
func TestDeadlineRearm(t *testing.T) {
	t.Parallel()
	c1, c2 := pipe.Pipe()
	defer c1.Close()
	defer c2.Close()
	for i := range 20 {
		require.NoError(t, c1.SetReadDeadline(time.Now().Add(time.Millisecond)))
		_, err := c1.Read(make([]byte, 1))
		checkOpError(t, err, "read")
		if i%2 == 0 {
			require.NoError(t, c1.SetReadDeadline(time.Time{}))
		}
	}
	// Extend a pending deadline: the read must outlive the first value.
	require.NoError(t, c1.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
	require.NoError(t, c1.SetReadDeadline(time.Now().Add(time.Hour)))
	go func() {
		time.Sleep(60 * time.Millisecond)
		c2.Write([]byte("z"))
	}()
	buf := make([]byte, 1)
	n, err := c1.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "z", string(buf[:n]))
}
