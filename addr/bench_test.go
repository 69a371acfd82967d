package addr_test

// Benchmarks in netkit/std pairs, run together so that the ratio comes from
// one run on one machine:
//
//	go test -run='^$' -bench=. -benchmem -count=10 .
//
// Besides ns/op (wall time), each benchmark reports cpu-ns/op: the CPU time
// of the benchmarking thread per operation (Linux only). On a shared,
// loaded machine wall time also counts the time the thread spent waiting
// for a CPU, which swamps differences of a few nanoseconds; CPU time does
// not. Work done for the benchmark on other threads (background garbage
// collection) is in neither side's cpu-ns/op.

import (
	"net"
	"runtime"
	"testing"

	"github.com/netkit-go/netkit/addr"
)

// cpuClock measures the CPU time of one benchmark's loop; see the file
// comment.
type cpuClock struct {
	b     *testing.B
	start int64
	ok    bool
}

// startCPU pins the benchmark goroutine to its thread and starts a clock;
// call stop after the b.Loop loop.
func startCPU(b *testing.B) cpuClock {
	b.ReportAllocs()
	runtime.LockOSThread()
	start, ok := threadCPUTime()
	return cpuClock{b: b, start: start, ok: ok}
}

func (c cpuClock) stop() {
	end, ok := threadCPUTime()
	runtime.UnlockOSThread()
	if c.ok && ok && c.b.N > 0 {
		c.b.ReportMetric(float64(end-c.start)/float64(c.b.N), "cpu-ns/op")
	}
}

// Sinks keep the compiler from dropping the benchmarked calls.
var (
	sinkIP    []byte
	sinkStr   string
	sinkErr   error
	sinkBool  bool
	sinkBytes []byte
)

func BenchmarkParseIP(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"v4", "192.168.100.200"},
		{"v6", "2001:db8:85a3::8a2e:370:7334"},
		{"v4in6", "::ffff:192.168.1.1"},
	} {
		b.Run(in.name+"/netkit", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP = addr.ParseIP(in.s)
			}
			c.stop()
		})
		b.Run(in.name+"/std", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP = net.ParseIP(in.s)
			}
			c.stop()
		})
	}
}

func BenchmarkIPString(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"v4", "192.168.100.200"},
		{"v6", "2001:db8:85a3::8a2e:370:7334"},
	} {
		gip, wip := addr.ParseIP(in.s), net.ParseIP(in.s)
		b.Run(in.name+"/netkit", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkStr = gip.String()
			}
			c.stop()
		})
		b.Run(in.name+"/std", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkStr = wip.String()
			}
			c.stop()
		})
	}
}

// BenchmarkIPAppend compares allocation-free AppendTo with the standard
// library's AppendText (its closest form).
func BenchmarkIPAppend(b *testing.B) {
	gip, wip := addr.ParseIP("2001:db8:85a3::8a2e:370:7334"), net.ParseIP("2001:db8:85a3::8a2e:370:7334")
	buf := make([]byte, 0, 64)
	b.Run("netkit", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkBytes = gip.AppendTo(buf[:0])
		}
		c.stop()
	})
	b.Run("std", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkBytes, sinkErr = wip.AppendText(buf[:0])
		}
		c.stop()
	})
}

func BenchmarkParseCIDR(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"v4", "192.168.100.200/24"},
		{"v6", "2001:db8:85a3::8a2e:370:7334/64"},
	} {
		b.Run(in.name+"/netkit", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP, _, sinkErr = addr.ParseCIDR(in.s)
			}
			c.stop()
		})
		b.Run(in.name+"/std", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP, _, sinkErr = net.ParseCIDR(in.s)
			}
			c.stop()
		})
	}
}

func BenchmarkParseMAC(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"colon", "00:00:5e:00:53:01"},
		{"dot", "0000.5e00.5301"},
	} {
		b.Run(in.name+"/netkit", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP, sinkErr = addr.ParseMAC(in.s)
			}
			c.stop()
		})
		b.Run(in.name+"/std", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkIP, sinkErr = net.ParseMAC(in.s)
			}
			c.stop()
		})
	}
}

func BenchmarkSplitHostPort(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"v4", "192.168.100.200:8080"},
		{"v6", "[2001:db8::1%eth0]:443"},
	} {
		b.Run(in.name+"/netkit", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkStr, _, sinkErr = addr.SplitHostPort(in.s)
			}
			c.stop()
		})
		b.Run(in.name+"/std", func(b *testing.B) {
			c := startCPU(b)
			for b.Loop() {
				sinkStr, _, sinkErr = net.SplitHostPort(in.s)
			}
			c.stop()
		})
	}
}

func BenchmarkIPNetContains(b *testing.B) {
	_, gn, _ := addr.ParseCIDR("10.0.0.0/8")
	_, wn, _ := net.ParseCIDR("10.0.0.0/8")
	gip, wip := addr.ParseIP("10.1.2.3"), net.ParseIP("10.1.2.3")
	b.Run("netkit", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkBool = gn.Contains(gip)
		}
		c.stop()
	})
	b.Run("std", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkBool = wn.Contains(wip)
		}
		c.stop()
	})
}

func BenchmarkTCPAddrString(b *testing.B) {
	g := &addr.TCPAddr{IP: addr.ParseIP("2001:db8::1"), Port: 443, Zone: "eth0"}
	w := &net.TCPAddr{IP: net.ParseIP("2001:db8::1"), Port: 443, Zone: "eth0"}
	b.Run("netkit", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkStr = g.String()
		}
		c.stop()
	})
	b.Run("std", func(b *testing.B) {
		c := startCPU(b)
		for b.Loop() {
			sinkStr = w.String()
		}
		c.stop()
	})
}
