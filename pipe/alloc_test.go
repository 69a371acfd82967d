package pipe_test

import (
	"io"
	"net"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/netkit-go/netkit/pipe"
)

// TestNoAllocs: a Write and the matching Read allocate nothing, on both
// kinds of pipe (counted across all goroutines, the echo included).
func TestNoAllocs(t *testing.T) {
	for name, mk := range map[string]func() (net.Conn, net.Conn){
		"Pipe":         pipe.Pipe,
		"BufferedPipe": func() (net.Conn, net.Conn) { return pipe.BufferedPipe(4096) },
	} {
		t.Run(name, func(t *testing.T) {
			c1, c2 := mk()
			echoed := make(chan struct{})
			go func() {
				defer close(echoed)
				io.CopyBuffer(struct{ io.Writer }{c2}, struct{ io.Reader }{c2}, make([]byte, 512))
			}()
			msg, buf := make([]byte, 512), make([]byte, 512)
			allocs := testing.AllocsPerRun(200, func() {
				if _, err := c1.Write(msg); err != nil {
					t.Fatal(err)
				}
				if _, err := io.ReadFull(c1, buf); err != nil {
					t.Fatal(err)
				}
			})
			assert.Zero(t, allocs, "allocations per Write+Read round trip")
			c1.Close()
			<-echoed
			c2.Close()
		})
	}
}
