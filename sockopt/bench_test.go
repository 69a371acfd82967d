//go:build linux || darwin || freebsd

package sockopt_test

import (
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/sockopt"
)

// The standard library sets options through its own fd layer; sockopt goes
// through syscall.RawConn.Control. These pairs compare the two on the same
// connection.

func BenchmarkSetNoDelay(b *testing.B) {
	c, _ := benchPair(b)
	rc := syscallConn(b, c)
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if err := sockopt.SetNoDelay(rc, i&1 == 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if err := c.SetNoDelay(i&1 == 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSetKeepAlivePeriod(b *testing.B) {
	c, _ := benchPair(b)
	rc := syscallConn(b, c)
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := sockopt.SetKeepAlivePeriod(rc, 30*time.Second); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := c.SetKeepAlivePeriod(30 * time.Second); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSetLinger(b *testing.B) {
	c, _ := benchPair(b)
	rc := syscallConn(b, c)
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := sockopt.SetLinger(rc, 5); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := c.SetLinger(5); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNoDelay has no stdlib counterpart (net has no getters): it
// measures a getter.
func BenchmarkNoDelay(b *testing.B) {
	c, _ := benchPair(b)
	rc := syscallConn(b, c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sockopt.NoDelay(rc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetTCPInfo(b *testing.B) {
	c, _ := benchPair(b)
	rc := syscallConn(b, c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sockopt.GetTCPInfo(rc); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPair(b *testing.B) (*net.TCPConn, *net.TCPConn) {
	b.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		s, err := ln.Accept()
		if err != nil {
			close(acc)
			return
		}
		acc <- s
	}()
	c, err := net.Dial("tcp4", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	s, ok := <-acc
	if !ok {
		b.Fatal("accept failed")
	}
	b.Cleanup(func() { s.Close() })
	return c.(*net.TCPConn), s.(*net.TCPConn)
}

// skipConn is a RawConn whose Control does not run the function: it
// isolates sockopt's own cost (table lookup, pooled call state, dispatch)
// from the system call.
type skipConn struct{}

func (skipConn) Control(func(uintptr)) error    { return nil }
func (skipConn) Read(func(uintptr) bool) error  { return nil }
func (skipConn) Write(func(uintptr) bool) error { return nil }

// BenchmarkOverhead measures sockopt's cost per call without the system
// call, the part the SetX/netkit vs SetX/std pairs cannot separate from
// scheduling noise on a loaded machine.
func BenchmarkOverhead(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := sockopt.SetNoDelay(skipConn{}, true); err != nil {
			b.Fatal(err)
		}
	}
}
