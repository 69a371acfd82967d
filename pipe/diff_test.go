package pipe_test

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/pipe"
)

// shape is everything a caller can observe of an error, in a form that does
// not depend on which package's OpError carries it.
type shape struct {
	Text              string
	Op, Net           string // from the OpError, if any
	OpError           bool   // *net.OpError or *addr.OpError
	NoAddrs           bool   // Source and Addr are nil
	InnerIsDeadline   bool   // OpError.Err == os.ErrDeadlineExceeded
	Timeout, NetError bool   // net.Error and its Timeout
	EOF, ClosedPipe   bool   // the bare sentinels, compared with ==
	IsDeadline, IsEOF bool   // errors.Is
	IsClosedPipe, Nil bool
}

func shapeOf(err error) shape {
	if err == nil {
		return shape{Nil: true}
	}
	s := shape{
		Text:         err.Error(),
		EOF:          err == io.EOF,
		ClosedPipe:   err == io.ErrClosedPipe,
		IsDeadline:   errors.Is(err, os.ErrDeadlineExceeded),
		IsEOF:        errors.Is(err, io.EOF),
		IsClosedPipe: errors.Is(err, io.ErrClosedPipe),
	}
	var ne net.Error
	if errors.As(err, &ne) {
		s.NetError, s.Timeout = true, ne.Timeout()
	}
	var so *net.OpError
	var ko *addr.OpError
	switch {
	case errors.As(err, &so):
		s.OpError, s.Op, s.Net = true, so.Op, so.Net
		s.NoAddrs = so.Source == nil && so.Addr == nil
		s.InnerIsDeadline = so.Err == os.ErrDeadlineExceeded
	case errors.As(err, &ko):
		s.OpError, s.Op, s.Net = true, ko.Op, ko.Net
		s.NoAddrs = ko.Source == nil && ko.Addr == nil
		s.InnerIsDeadline = ko.Err == os.ErrDeadlineExceeded
	}
	return s
}

// result is one observed step of a scenario.
type result struct {
	Step string
	N    int
	Err  shape
}

type rec []result

func (r *rec) add(step string, n int, err error) { *r = append(*r, result{step, n, shapeOf(err)}) }

type maker func(t *testing.T) (net.Conn, net.Conn)

var syncMakers = map[string]maker{
	"std":    func(*testing.T) (net.Conn, net.Conn) { return net.Pipe() },
	"netkit": func(*testing.T) (net.Conn, net.Conn) { return pipe.Pipe() },
	"netkit-listener": func(t *testing.T) (net.Conn, net.Conn) {
		l := pipe.NewListener("")
		c, err := l.Dial()
		require.NoError(t, err)
		s, err := l.Accept()
		require.NoError(t, err)
		require.NoError(t, l.Close())
		return c, s
	},
}

// later runs f after d in a goroutine and returns a channel closed when f is done.
func later(d time.Duration, f func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(d)
		f()
	}()
	return done
}

const settle = 30 * time.Millisecond // long enough for a goroutine to block

var past = time.Unix(1, 0)

// scenarios are sequences of operations whose every result must be the same
// on net.Pipe and on netkit's pipes.
var scenarios = []struct {
	name string
	run  func(c1, c2 net.Conn, r *rec)
}{
	{"addresses", func(c1, c2 net.Conn, r *rec) {
		r.add(c1.LocalAddr().Network()+" "+c1.RemoteAddr().Network()+" "+c2.LocalAddr().Network(), 0, nil)
	}},
	{"transfer in small reads", func(c1, c2 net.Conn, r *rec) {
		msg := []byte("hello, synchronous world")
		var wn int
		var werr error
		done := later(0, func() { wn, werr = c1.Write(msg) })
		buf := make([]byte, 5)
		got := 0
		for got < len(msg) {
			n, err := c2.Read(buf)
			r.add("read "+string(buf[:n]), n, err)
			got += n
			if err != nil {
				break
			}
		}
		<-done
		r.add("write", wn, werr)
	}},
	{"big read buffer gets one write", func(c1, c2 net.Conn, r *rec) {
		done := later(0, func() {
			n, err := c2.Write([]byte("abc"))
			r.add("write", n, err)
		})
		buf := make([]byte, 100)
		n, err := c1.Read(buf)
		<-done
		r.add("read "+string(buf[:n]), n, err)
	}},
	{"zero-length write meets a read", func(c1, c2 net.Conn, r *rec) {
		done := later(0, func() {
			n, err := c1.Write(nil)
			r.add("write nil", n, err)
		})
		n, err := c2.Read(make([]byte, 4))
		<-done
		r.add("read", n, err)
	}},
	{"close local then everything", func(c1, c2 net.Conn, r *rec) {
		r.add("close", 0, c1.Close())
		r.add("close again", 0, c1.Close())
		n, err := c1.Read(make([]byte, 1))
		r.add("read closed", n, err)
		n, err = c1.Write([]byte("x"))
		r.add("write closed", n, err)
		n, err = c2.Read(make([]byte, 1))
		r.add("peer read", n, err)
		n, err = c2.Write([]byte("x"))
		r.add("peer write", n, err)
		r.add("set deadline", 0, c1.SetDeadline(time.Now()))
		r.add("set read deadline", 0, c1.SetReadDeadline(time.Now()))
		r.add("set write deadline", 0, c1.SetWriteDeadline(time.Now()))
		r.add("peer set deadline", 0, c2.SetDeadline(time.Time{}))
		r.add("peer close", 0, c2.Close())
	}},
	{"past deadlines", func(c1, c2 net.Conn, r *rec) {
		r.add("set", 0, c1.SetDeadline(past))
		n, err := c1.Read(make([]byte, 1))
		r.add("read", n, err)
		n, err = c1.Write([]byte("x"))
		r.add("write", n, err)
		n, err = c1.Write(nil)
		r.add("write nil", n, err)
		r.add("clear", 0, c1.SetDeadline(time.Time{}))
		done := later(0, func() {
			n, err := c2.Write([]byte("ok"))
			r.add("peer write", n, err)
		})
		buf := make([]byte, 2)
		n, err = c1.Read(buf)
		<-done
		r.add("read after clear "+string(buf[:n]), n, err)
	}},
	{"read deadline does not touch writes", func(c1, c2 net.Conn, r *rec) {
		r.add("set", 0, c1.SetReadDeadline(past))
		done := later(0, func() {
			n, err := c2.Read(make([]byte, 8))
			r.add("peer read", n, err)
		})
		n, err := c1.Write([]byte("data"))
		<-done
		r.add("write", n, err)
		n, err = c1.Read(make([]byte, 1))
		r.add("read", n, err)
	}},
	{"future deadline fires on a blocked read and write", func(c1, c2 net.Conn, r *rec) {
		r.add("set", 0, c1.SetDeadline(time.Now().Add(settle)))
		n, err := c1.Read(make([]byte, 1))
		r.add("read", n, err)
		n, err = c1.Write([]byte("x"))
		r.add("write", n, err)
	}},
	{"deadline moved while blocked", func(c1, c2 net.Conn, r *rec) {
		r.add("set far", 0, c1.SetReadDeadline(time.Now().Add(time.Hour)))
		done := later(settle, func() { r.add("set past", 0, c1.SetReadDeadline(past)) })
		n, err := c1.Read(make([]byte, 1))
		<-done
		r.add("read", n, err)
	}},
	{"partial write then deadline", func(c1, c2 net.Conn, r *rec) {
		r.add("set", 0, c1.SetWriteDeadline(time.Now().Add(3*settle)))
		done := later(0, func() {
			buf := make([]byte, 3)
			n, err := io.ReadFull(c2, buf)
			r.add("peer read "+string(buf[:n]), n, err)
		})
		n, err := c1.Write([]byte("abcdef"))
		<-done
		r.add("write", n, err)
	}},
	{"blocked read, local close", func(c1, c2 net.Conn, r *rec) {
		done := later(settle, func() { r.add("close", 0, c1.Close()) })
		n, err := c1.Read(make([]byte, 1))
		<-done
		r.add("read", n, err)
	}},
	{"blocked read, peer close", func(c1, c2 net.Conn, r *rec) {
		done := later(settle, func() { r.add("peer close", 0, c2.Close()) })
		n, err := c1.Read(make([]byte, 1))
		<-done
		r.add("read", n, err)
	}},
	{"blocked write, peer close", func(c1, c2 net.Conn, r *rec) {
		done := later(settle, func() { r.add("peer close", 0, c2.Close()) })
		n, err := c1.Write([]byte("xyz"))
		<-done
		r.add("write", n, err)
	}},
	{"partial write, local close", func(c1, c2 net.Conn, r *rec) {
		done := later(0, func() {
			n, err := c2.Read(make([]byte, 2))
			r.add("peer read", n, err)
			time.Sleep(settle)
			r.add("close", 0, c1.Close())
		})
		n, err := c1.Write([]byte("abcd"))
		<-done
		r.add("write", n, err)
	}},
	{"full duplex", func(c1, c2 net.Conn, r *rec) {
		// Both ends write first and read second: only possible because
		// the two directions are independent.
		var c2r rec
		done := later(0, func() {
			n, err := c2.Write([]byte("from c2"))
			c2r.add("c2 write", n, err)
			buf := make([]byte, 16)
			n, err = c2.Read(buf)
			c2r.add("c2 read "+string(buf[:n]), n, err)
		})
		errc := make(chan error, 1)
		go func() {
			_, err := c1.Write([]byte("from c1"))
			errc <- err
		}()
		buf := make([]byte, 16)
		n, err := c1.Read(buf)
		r.add("c1 read "+string(buf[:n]), n, err)
		r.add("c1 write", 0, <-errc)
		<-done
		*r = append(*r, c2r...)
	}},
}

// TestDifferential runs every scenario on net.Pipe and on netkit's
// synchronous pipes (from Pipe and from a Listener) and requires the same
// results: byte counts, error values, types, texts, Timeout and errors.Is.
func TestDifferential(t *testing.T) {
	t.Parallel()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			results := map[string]rec{}
			for name, mk := range syncMakers {
				c1, c2 := mk(t)
				var r rec
				sc.run(c1, c2, &r)
				c1.Close()
				c2.Close()
				results[name] = r
			}
			require.NotEmpty(t, results["std"])
			for name, r := range results {
				if name != "std" {
					assert.Equal(t, results["std"], r, "%s differs from net.Pipe (-std +%s)", name, name)
				}
			}
		})
	}
}

// TestDifferentialErrorTexts pins the texts themselves, so that a change in
// the standard library shows up here by name.
func TestDifferentialErrorTexts(t *testing.T) {
	c1, c2 := pipe.Pipe()
	defer c2.Close()
	require.NoError(t, c1.SetDeadline(past))
	_, rerr := c1.Read(nil)
	_, werr := c1.Write(nil)
	assert.EqualError(t, rerr, "read pipe: i/o timeout")
	assert.EqualError(t, werr, "write pipe: i/o timeout")
	require.NoError(t, c1.Close())
	_, err := c1.Read(nil)
	assert.Same(t, io.ErrClosedPipe, err)
	_, err = c2.Read(nil)
	assert.Same(t, io.EOF, err)
	_, err = c2.Write([]byte("x"))
	assert.Same(t, io.ErrClosedPipe, err)
	for _, a := range []net.Addr{c1.LocalAddr(), c1.RemoteAddr(), c2.LocalAddr(), c2.RemoteAddr()} {
		assert.Equal(t, "pipe", a.Network())
		assert.Equal(t, "pipe", a.String())
	}
}
