package conn_test

import (
	"fmt"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
)

// pkUDPEcho is the part of a UDP conn the ping-pong benchmark uses; both
// *conn.UDPConn and *net.UDPConn have it.
type pkUDPEcho interface {
	Read([]byte) (int, error)
	Write([]byte) (int, error)
	ReadFromUDPAddrPort([]byte) (int, netip.AddrPort, error)
	WriteToUDPAddrPort([]byte, netip.AddrPort) (int, error)
	Close() error
}

// BenchmarkUDPPingPong: a connected client writes a datagram, an echo
// goroutine reads it with ReadFromUDPAddrPort and sends it back with
// WriteToUDPAddrPort, the client reads the answer. One op is one round
// trip over 127.0.0.1.
func BenchmarkUDPPingPong(b *testing.B) {
	// The first sub-benchmark of a process pays for warming up the runtime
	// (threads, netpoller, heap); without this, whichever side runs first
	// looks slower. Both sides get the same untimed warm-up here.
	pkWarmUpOnce.Do(func() {
		for i := 0; i < 2; i++ {
			srv, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
			if err != nil {
				b.Fatal(err)
			}
			cli, err := conn.DialUDP("udp4", nil, srv.LocalAddr().(*addr.UDPAddr))
			if err != nil {
				b.Fatal(err)
			}
			pkPingPongN(b, srv, cli, 64, 3000)
			ssrv, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
			if err != nil {
				b.Fatal(err)
			}
			scli, err := net.DialUDP("udp4", nil, ssrv.LocalAddr().(*net.UDPAddr))
			if err != nil {
				b.Fatal(err)
			}
			pkPingPongN(b, ssrv, scli, 64, 3000)
		}
	})
	for _, size := range []int{64, 1400} {
		b.Run(fmt.Sprintf("%dB/netkit", size), func(b *testing.B) {
			srv, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
			if err != nil {
				b.Fatal(err)
			}
			cli, err := conn.DialUDP("udp4", nil, srv.LocalAddr().(*addr.UDPAddr))
			if err != nil {
				b.Fatal(err)
			}
			pkPingPong(b, srv, cli, size)
		})
		b.Run(fmt.Sprintf("%dB/std", size), func(b *testing.B) {
			srv, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
			if err != nil {
				b.Fatal(err)
			}
			cli, err := net.DialUDP("udp4", nil, srv.LocalAddr().(*net.UDPAddr))
			if err != nil {
				b.Fatal(err)
			}
			pkPingPong(b, srv, cli, size)
		})
	}
}

var pkWarmUpOnce sync.Once

// pkPingPongN runs n untimed round trips and closes both conns.
func pkPingPongN(b *testing.B, srv, cli pkUDPEcho, size, n int) {
	done := pkEchoServe(srv)
	msg, buf := make([]byte, size), make([]byte, 2048)
	for i := 0; i < n; i++ {
		if _, err := cli.Write(msg); err != nil {
			b.Fatal(err)
		}
		if _, err := cli.Read(buf); err != nil {
			b.Fatal(err)
		}
	}
	cli.Close()
	srv.Close()
	<-done
}

// pkEchoServe starts a goroutine that echoes datagrams on srv until it is
// closed; the channel is closed when it has returned.
func pkEchoServe(srv pkUDPEcho) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 2048)
		for {
			n, from, err := srv.ReadFromUDPAddrPort(buf)
			if err != nil {
				return
			}
			if _, err := srv.WriteToUDPAddrPort(buf[:n], from); err != nil {
				return
			}
		}
	}()
	return done
}

func pkPingPong(b *testing.B, srv, cli pkUDPEcho, size int) {
	done := pkEchoServe(srv)
	msg := make([]byte, size)
	buf := make([]byte, 2048)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := pkCPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := cli.Write(msg); err != nil {
			b.Fatal(err)
		}
		if _, err := cli.Read(buf); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// CPU time (user+system, all threads) per op: less disturbed than
	// wall time when other processes load the machine.
	b.ReportMetric(float64(pkCPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	cli.Close()
	srv.Close()
	<-done
}

// BenchmarkUDPReadFromWriteTo: unconnected WriteToUDP + ReadFromUDP between
// two sockets in one goroutine (no scheduler hand-off), to compare the
// per-call cost and allocations of the address-returning paths.
func BenchmarkUDPReadFromWriteTo(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		x, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer x.Close()
		y, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer y.Close()
		to := y.LocalAddr().(*addr.UDPAddr)
		msg, buf := make([]byte, 64), make([]byte, 64)
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := pkCPUTime()
		for i := 0; i < b.N; i++ {
			if _, err := x.WriteToUDP(msg, to); err != nil {
				b.Fatal(err)
			}
			if _, _, err := y.ReadFromUDP(buf); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(pkCPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("std", func(b *testing.B) {
		x, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer x.Close()
		y, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer y.Close()
		to := y.LocalAddr().(*net.UDPAddr)
		msg, buf := make([]byte, 64), make([]byte, 64)
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := pkCPUTime()
		for i := 0; i < b.N; i++ {
			if _, err := x.WriteToUDP(msg, to); err != nil {
				b.Fatal(err)
			}
			if _, _, err := y.ReadFromUDP(buf); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(pkCPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

// pkCPUTime returns the process's user+system CPU time in nanoseconds.
func pkCPUTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
