package pipe_test

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/pipe"
)

// playOps interprets ops as a deterministic script on a pipe pair and
// records every result. Each op byte picks an action by its low 3 bits; the
// high bits size the data. Transfers run the writer in a goroutine and read
// on the caller until the write is consumed, so the script never deadlocks.
func playOps(c1, c2 net.Conn, ops []byte) rec {
	var r rec
	ends := [2]net.Conn{c1, c2}
	closed := [2]bool{}
	for i, op := range ops {
		if i >= 64 {
			break
		}
		a := int(op>>3) & 1 // which end acts
		me, peer := ends[a], ends[1-a]
		size := int(op >> 4)
		switch op & 7 {
		case 0, 1, 2: // transfer size+1 bytes from me to peer, read in pieces of size%5+1
			if closed[0] || closed[1] {
				n, err := me.Write(make([]byte, size+1))
				r.add("write to closed", n, err)
				n, err = peer.Read(make([]byte, 4))
				r.add("read on closed", n, err)
				continue
			}
			msg := make([]byte, size+1)
			for j := range msg {
				msg[j] = byte(i + j)
			}
			var wn int
			var werr error
			done := later(0, func() { wn, werr = me.Write(msg) })
			buf := make([]byte, size%5+1)
			for got := 0; got < len(msg); {
				n, err := peer.Read(buf)
				r.add("read "+string(buf[:n]), n, err)
				got += n
				if err != nil {
					break
				}
			}
			<-done
			r.add("write", wn, werr)
		case 3: // expire my read deadline, read, clear
			r.add("set read deadline", 0, me.SetReadDeadline(past))
			n, err := me.Read(make([]byte, 1))
			r.add("read expired", n, err)
			r.add("clear read deadline", 0, me.SetReadDeadline(time.Time{}))
		case 4: // expire my write deadline, write, clear
			r.add("set write deadline", 0, me.SetWriteDeadline(past))
			n, err := me.Write(make([]byte, size))
			r.add("write expired", n, err)
			r.add("clear write deadline", 0, me.SetWriteDeadline(time.Time{}))
		case 5: // zero-length read and write against an empty pipe, with a deadline
			r.add("set deadline", 0, me.SetDeadline(time.Now().Add(time.Millisecond)))
			n, err := me.Read(nil)
			r.add("read nil", n, err)
			n, err = me.Write(nil)
			r.add("write nil", n, err)
			r.add("clear deadline", 0, me.SetDeadline(time.Time{}))
		case 6: // close me
			r.add("close", 0, me.Close())
			closed[a] = true
		case 7: // probe both directions without blocking
			r.add("set deadline", 0, me.SetDeadline(past))
			n, err := me.Read(make([]byte, 1))
			r.add("probe read", n, err)
			n, err = me.Write([]byte{1})
			r.add("probe write", n, err)
			r.add("clear deadline", 0, me.SetDeadline(time.Time{}))
		}
	}
	return r
}

// FuzzDifferential plays random scripts on net.Pipe and on Pipe and
// requires identical results.
func FuzzDifferential(f *testing.F) {
	for _, seed := range [][]byte{
		{0x00}, {0xf1, 0x08}, {0x32, 0x3b, 0x06, 0x01}, {0x05, 0x0c, 0x07, 0x0e, 0x0f},
		{0x13, 0x24, 0x42, 0x06, 0x00, 0x07}, {0x0e, 0x07, 0x00, 0x03, 0x04},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		s1, s2 := net.Pipe()
		want := playOps(s1, s2, ops)
		s1.Close()
		s2.Close()
		k1, k2 := pipe.Pipe()
		got := playOps(k1, k2, ops)
		k1.Close()
		k2.Close()
		require.Equal(t, want, got, "script %x: net.Pipe (-) vs pipe.Pipe (+)", ops)
	})
}
