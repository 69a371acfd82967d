package pipe_test

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/pipe"
)

// TestManyReadersManyWriters has several writers and several readers on
// each direction at once, with read sizes unrelated to write sizes. Every
// byte must arrive exactly once (counted per value) and nobody may hang: a
// lost wake-up shows up as the test's 20 s limit.
func TestManyReadersManyWriters(t *testing.T) {
	t.Parallel()
	for name, mk := range map[string]func() (net.Conn, net.Conn){
		"Pipe":             pipe.Pipe,
		"BufferedPipe/5":   func() (net.Conn, net.Conn) { return pipe.BufferedPipe(5) },
		"BufferedPipe/4Ki": func() (net.Conn, net.Conn) { return pipe.BufferedPipe(4096) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c1, c2 := mk()
			deadline := time.Now().Add(20 * time.Second)
			require.NoError(t, c1.SetDeadline(deadline))
			require.NoError(t, c2.SetDeadline(deadline))
			const writers, readers, per = 4, 3, 200
			type dir struct {
				w, r net.Conn
				sent [256]atomic.Int64
				got  [256]atomic.Int64
			}
			dirs := []*dir{{w: c1, r: c2}, {w: c2, r: c1}}
			var wwg, rwg sync.WaitGroup
			for _, d := range dirs {
				for w := range writers {
					wwg.Add(1)
					go func() {
						defer wwg.Done()
						for i := range per {
							msg := make([]byte, 1+(i*7+w*13)%300)
							for j := range msg {
								msg[j] = byte(w*31 + i + j)
								d.sent[msg[j]].Add(1)
							}
							if _, err := d.w.Write(msg); err != nil {
								t.Errorf("write: %v", err)
								return
							}
						}
					}()
				}
				for r := range readers {
					rwg.Add(1)
					go func() {
						defer rwg.Done()
						buf := make([]byte, 1+r*97)
						for {
							n, err := d.r.Read(buf)
							for _, b := range buf[:n] {
								d.got[b].Add(1)
							}
							if err == io.EOF || err == io.ErrClosedPipe {
								return
							}
							if err != nil {
								t.Errorf("read: %v", err)
								return
							}
						}
					}()
				}
			}
			wwg.Wait()
			// Everything is written; a buffered pipe may still hold bytes.
			// Wait until the readers caught up, then close.
			for _, d := range dirs {
				for time.Now().Before(deadline) {
					var s, g int64
					for i := range 256 {
						s += d.sent[i].Load()
						g += d.got[i].Load()
					}
					if s == g {
						break
					}
					time.Sleep(time.Millisecond)
				}
			}
			c1.Close()
			c2.Close()
			rwg.Wait()
			for k, d := range dirs {
				for i := range 256 {
					assert.Equal(t, d.sent[i].Load(), d.got[i].Load(), "direction %d, byte %d", k, i)
				}
			}
		})
	}
}
