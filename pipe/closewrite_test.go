package pipe_test

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/pipe"
)

type closeWriter interface {
	net.Conn
	CloseWrite() error
}

// halfCloseMakers: every kind of pipe conn, plus loopback TCP as the
// reference for the data flow of a half-close.
var halfCloseMakers = map[string]func(t *testing.T) (net.Conn, net.Conn){
	"Pipe":         func(*testing.T) (net.Conn, net.Conn) { return pipe.Pipe() },
	"BufferedPipe": func(*testing.T) (net.Conn, net.Conn) { return pipe.BufferedPipe(64) },
	"Listener": func(t *testing.T) (net.Conn, net.Conn) {
		l := pipe.NewListener("x")
		defer l.Close()
		c, err := l.Dial()
		require.NoError(t, err)
		s, err := l.Accept()
		require.NoError(t, err)
		return c, s
	},
	"std-tcp": func(t *testing.T) (net.Conn, net.Conn) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer l.Close()
		c, err := net.Dial("tcp", l.Addr().String())
		require.NoError(t, err)
		s, err := l.Accept()
		require.NoError(t, err)
		return c, s
	},
}

// TestCloseWrite: request, half-close, response; the same data flow as TCP.
func TestCloseWrite(t *testing.T) {
	t.Parallel()
	for name, mk := range halfCloseMakers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, s := mk(t)
			defer c.Close()
			defer s.Close()
			cw, ok := c.(closeWriter)
			require.True(t, ok, "%T has no CloseWrite", c)
			served := make(chan error, 1)
			go func() {
				req, err := io.ReadAll(s) // ends at the client's CloseWrite
				if err == nil {
					_, err = s.Write(append([]byte("got "), req...))
				}
				s.Close()
				served <- err
			}()
			_, err := c.Write([]byte("request"))
			require.NoError(t, err)
			require.NoError(t, cw.CloseWrite())
			if name != "std-tcp" {
				assert.NoError(t, cw.CloseWrite(), "repeated")
			}
			resp, err := io.ReadAll(c) // reading still works after CloseWrite
			require.NoError(t, err)
			require.NoError(t, <-served)
			assert.Equal(t, "got request", string(resp))
			if name != "std-tcp" {
				_, err = c.Write([]byte("late"))
				assert.Same(t, io.ErrClosedPipe, err)
				assert.Same(t, io.ErrClosedPipe, cw.CloseWrite(), "after the peer's Close")
				require.NoError(t, c.Close())
				assert.Same(t, io.ErrClosedPipe, cw.CloseWrite(), "after Close")
			}
		})
	}
}

// TestCloseWriteUnblocksWrite: a Write blocked on a full pipe fails when
// another goroutine half-closes the conn, and the reader then sees io.EOF
// after the bytes that made it.
func TestCloseWriteUnblocksWrite(t *testing.T) {
	t.Parallel()
	for name, mk := range map[string]func() (net.Conn, net.Conn){
		"Pipe":           pipe.Pipe,
		"BufferedPipe/4": func() (net.Conn, net.Conn) { return pipe.BufferedPipe(4) },
	} {
		t.Run(name, func(t *testing.T) {
			c1, c2 := mk()
			defer c1.Close()
			defer c2.Close()
			done := make(chan struct{})
			var n int
			var err error
			go func() {
				defer close(done)
				n, err = c1.Write([]byte("0123456789"))
			}()
			time.Sleep(settle)
			require.NoError(t, c1.(closeWriter).CloseWrite())
			<-done
			assert.Same(t, io.ErrClosedPipe, err)
			got, rerr := io.ReadAll(c2)
			require.NoError(t, rerr)
			assert.Equal(t, "0123456789"[:n], string(got), "the reader gets exactly the bytes Write counted")
		})
	}
}
