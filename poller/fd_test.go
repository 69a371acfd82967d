//go:build unix

package poller_test

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func TestFDReadWriteEOF(t *testing.T) {
	c, s := tcpPair(t)
	n, err := c.Write([]byte("hello"))
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	buf := make([]byte, 16)
	n, err = io.ReadFull(s, buf[:5])
	require.NoError(t, err)
	assert.Equal(t, "hello", string(buf[:n]))
	require.NoError(t, c.Close())
	n, err = s.Read(buf)
	assert.Equal(t, 0, n)
	assert.Equal(t, io.EOF, err)
}

func TestFDCloseTwice(t *testing.T) {
	c, _ := tcpPair(t)
	require.NoError(t, c.Close())
	assert.Equal(t, poller.ErrClosed, c.Close())
	_, err := c.Read(make([]byte, 1))
	assert.Equal(t, poller.ErrClosed, err)
	_, err = c.Write([]byte("x"))
	assert.Equal(t, poller.ErrClosed, err)
	_, err = c.Sockname()
	assert.Equal(t, poller.ErrClosed, err)
	assert.Equal(t, poller.ErrClosed, c.SetDeadline(time.Now()))
}

func TestFDCloseUnblocksRead(t *testing.T) {
	c, _ := tcpPair(t)
	errc := make(chan error, 1)
	go func() {
		_, err := c.Read(make([]byte, 1))
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, c.Close())
	select {
	case err := <-errc:
		assert.Equal(t, poller.ErrClosed, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Read still blocked 5s after Close")
	}
}

func TestFDReadDeadline(t *testing.T) {
	c, _ := tcpPair(t)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(30*time.Millisecond)))
	start := time.Now()
	_, err := c.Read(make([]byte, 1))
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	var te interface{ Timeout() bool }
	require.True(t, errors.As(err, &te))
	assert.True(t, te.Timeout())
	assert.GreaterOrEqual(t, time.Since(start), 25*time.Millisecond)
}

func TestFDDatagramZeroRead(t *testing.T) {
	a, b := socketPair(t, unix.SOCK_DGRAM)
	n, err := a.Write(nil)
	require.NoError(t, err)
	assert.Equal(t, 0, n)
	n, err = b.Read(make([]byte, 8))
	require.NoError(t, err)
	assert.Equal(t, 0, n)
}
