//go:build unix

package poller_test

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// The benchmarks measure the server side of a loopback TCP connection,
// implemented once on poller.FD (netkit) and once on *net.TCPConn (std),
// against the same stdlib client. Both servers use TCP_NODELAY (the stdlib
// default).

// benchRound counts benchmark invocations; implOrder alternates which
// implementation runs first so that, over -count runs, neither always gets
// the warmer or the quieter slot.
var benchRound int

func implOrder() []string {
	benchRound++
	if benchRound%2 == 0 {
		return []string{"std", "netkit"}
	}
	return []string{"netkit", "std"}
}

// cpuMeter reports the process's CPU time (user+system, both ends of the
// connection) per op as "cpu-ns/op": on a shared, loaded machine it is a
// steadier comparison than wall time, which includes waiting for a CPU.
type cpuMeter struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuMeter { return cpuMeter{cpuNow()} }

func (m cpuMeter) report(b *testing.B) {
	b.ReportMetric(float64(cpuNow()-m.start)/float64(b.N), "cpu-ns/op")
}

// server is what the two implementations provide.
type server interface {
	io.ReadWriteCloser
}

// startServer accepts one connection from a stdlib client and runs serve on
// the server side of it in a goroutine; it returns the client conn and a
// function that waits for serve to finish.
func startServer(b *testing.B, impl string, serve func(server)) (net.Conn, func()) {
	b.Helper()
	var addr string
	var accept func() server
	switch impl {
	case "netkit":
		ln, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(b, err)
		b.Cleanup(func() { ln.Close() })
		require.NoError(b, ln.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
		require.NoError(b, ln.Listen(8))
		sa, err := ln.Sockname()
		require.NoError(b, err)
		addr = (&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: sa.(*unix.SockaddrInet4).Port}).String()
		accept = func() server {
			fd, _, err := ln.Accept()
			require.NoError(b, err)
			rc, err := fd.SyscallConn()
			require.NoError(b, err)
			require.NoError(b, rc.Control(func(s uintptr) {
				require.NoError(b, unix.SetsockoptInt(int(s), unix.IPPROTO_TCP, unix.TCP_NODELAY, 1))
			}))
			return fd
		}
	case "std":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(b, err)
		b.Cleanup(func() { ln.Close() })
		addr = ln.Addr().String()
		accept = func() server {
			c, err := ln.Accept()
			require.NoError(b, err)
			return c.(*net.TCPConn)
		}
	}
	srv := make(chan server, 1)
	go func() { srv <- accept() }()
	client, err := net.Dial("tcp", addr)
	require.NoError(b, err)
	s := <-srv
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer s.Close()
		serve(s)
	}()
	return client, func() { client.Close(); <-done }
}

// BenchmarkPingPong: 64-byte request, 64-byte reply, one round trip per op.
func BenchmarkPingPong(b *testing.B) {
	for _, impl := range implOrder() {
		b.Run(impl, func(b *testing.B) {
			client, stop := startServer(b, impl, func(s server) {
				buf := make([]byte, 64)
				for {
					if _, err := io.ReadFull(s, buf); err != nil {
						return
					}
					if _, err := s.Write(buf); err != nil {
						return
					}
				}
			})
			defer stop()
			msg := make([]byte, 64)
			b.ReportAllocs()
			b.SetBytes(int64(2 * len(msg)))
			b.ResetTimer()
			cpu := startCPU()
			defer cpu.report(b)
			for range b.N {
				if _, err := client.Write(msg); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(client, msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBulk: the server streams 32 KiB writes; the client reads them.
func BenchmarkBulk(b *testing.B) {
	const chunk = 32 << 10
	for _, impl := range implOrder() {
		b.Run(impl, func(b *testing.B) {
			n := b.N
			client, stop := startServer(b, impl, func(s server) {
				buf := make([]byte, chunk)
				for range n {
					if _, err := s.Write(buf); err != nil {
						return
					}
				}
			})
			defer stop()
			buf := make([]byte, chunk)
			b.ReportAllocs()
			b.SetBytes(chunk)
			b.ResetTimer()
			cpu := startCPU()
			defer cpu.report(b)
			for remaining := n * chunk; remaining > 0; {
				m, err := client.Read(buf[:min(len(buf), remaining)])
				if err != nil {
					b.Fatal(err)
				}
				remaining -= m
			}
		})
	}
}

// BenchmarkBulkRead: the client streams 32 KiB writes; the server reads
// them (the read side of the implementation under test).
func BenchmarkBulkRead(b *testing.B) {
	const chunk = 32 << 10
	for _, impl := range implOrder() {
		b.Run(impl, func(b *testing.B) {
			got := make(chan int, 1)
			client, stop := startServer(b, impl, func(s server) {
				buf := make([]byte, chunk)
				total := 0
				for {
					m, err := s.Read(buf)
					total += m
					if err != nil {
						got <- total
						return
					}
				}
			})
			buf := make([]byte, chunk)
			b.ReportAllocs()
			b.SetBytes(chunk)
			b.ResetTimer()
			cpu := startCPU()
			defer cpu.report(b)
			for range b.N {
				if _, err := client.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			client.(*net.TCPConn).CloseWrite()
			total := <-got
			b.StopTimer()
			stop()
			if total != b.N*chunk {
				b.Fatalf("server read %d bytes, want %d", total, b.N*chunk)
			}
		})
	}
}

// BenchmarkWritev: the server writes a 3-buffer message (16 B + 1 KiB + 2 B)
// with one writev per op: FD.Writev vs net.Buffers.WriteTo on *net.TCPConn.
func BenchmarkWritev(b *testing.B) {
	head, body, tail := make([]byte, 16), make([]byte, 1024), []byte("\r\n")
	const size = 16 + 1024 + 2
	for _, impl := range implOrder() {
		b.Run(impl, func(b *testing.B) {
			n := b.N
			client, stop := startServer(b, impl, func(s server) {
				bufs := [][]byte{head, body, tail}
				backing := make([][]byte, 3)
				for range n {
					var err error
					switch s := s.(type) {
					case *poller.FD:
						_, err = s.Writev(bufs)
					case *net.TCPConn:
						// WriteTo consumes its receiver's elements:
						// refill a reused backing array each time.
						copy(backing, bufs)
						nb := net.Buffers(backing)
						_, err = nb.WriteTo(s)
					}
					if err != nil {
						return
					}
				}
			})
			defer stop()
			buf := make([]byte, 64<<10)
			b.ReportAllocs()
			b.SetBytes(size)
			b.ResetTimer()
			cpu := startCPU()
			defer cpu.report(b)
			for remaining := n * size; remaining > 0; {
				m, err := client.Read(buf[:min(len(buf), remaining)])
				if err != nil {
					b.Fatal(err)
				}
				remaining -= m
			}
		})
	}
}
