package pipe_test

import (
	"net"
	"testing"

	"golang.org/x/net/nettest"

	"github.com/netkit-go/netkit/pipe"
)

func stopBoth(c1, c2 net.Conn) func() {
	return func() {
		c1.Close()
		c2.Close()
	}
}

// TestConnConformance runs x/net/nettest's net.Conn test suite on every
// kind of pipe connection.
func TestConnConformance(t *testing.T) {
	t.Run("Pipe", func(t *testing.T) {
		nettest.TestConn(t, func() (net.Conn, net.Conn, func(), error) {
			c1, c2 := pipe.Pipe()
			return c1, c2, stopBoth(c1, c2), nil
		})
	})
	// The suite echoes up to 1024-byte chunks through the other end while
	// the first end is still writing, as over a socket with its buffers; a
	// buffer smaller than that deadlocks the echo by design (small sizes are
	// tested in TestBufferedSmall).
	for _, size := range []int{4096, 1 << 16} {
		t.Run("BufferedPipe/"+itoa(size), func(t *testing.T) {
			nettest.TestConn(t, func() (net.Conn, net.Conn, func(), error) {
				c1, c2 := pipe.BufferedPipe(size)
				return c1, c2, stopBoth(c1, c2), nil
			})
		})
	}
	for _, size := range []int{0, 4096} {
		t.Run("Listener/"+itoa(size), func(t *testing.T) {
			nettest.TestConn(t, func() (net.Conn, net.Conn, func(), error) {
				l := pipe.NewBufferedListener("server", size)
				client, err := l.Dial()
				if err != nil {
					return nil, nil, nil, err
				}
				server, err := l.Accept()
				if err != nil {
					client.Close()
					return nil, nil, nil, err
				}
				return client, server, func() {
					client.Close()
					server.Close()
					l.Close()
				}, nil
			})
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
