package iface_test

import (
	"net"
	"testing"
	"time"

	"github.com/netkit-go/netkit/iface"
)

// Host benchmarks of the single calls, side by side with the standard
// library. Every benchmark also reports the process's CPU time per
// operation (user and system, garbage collection included) as cpu-ns/op:
// on a shared, loaded machine it is a steadier comparison than wall time,
// which includes waiting for a CPU.

// cpuLoop runs fn b.N times (b.Loop) and reports allocations and
// cpu-ns/op.
func cpuLoop(b *testing.B, fn func() error) {
	b.Helper()
	b.ReportAllocs()
	var start time.Duration
	first := true
	for b.Loop() {
		if first {
			// b.Loop resets the timer on its first call: start the CPU
			// clock there too.
			start, first = cpuNow(), false
		}
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuNow()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkInterfaces(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := iface.Interfaces()
			return err
		})
	})
	b.Run("std", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := net.Interfaces()
			return err
		})
	})
}

func BenchmarkInterfaceAddrs(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := iface.InterfaceAddrs()
			return err
		})
	})
	b.Run("std", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := net.InterfaceAddrs()
			return err
		})
	})
}

func BenchmarkInterfaceByName(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := iface.InterfaceByName("lo")
			return err
		})
	})
	b.Run("std", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := net.InterfaceByName("lo")
			return err
		})
	})
}

func BenchmarkInterfaceByIndex(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := iface.InterfaceByIndex(1)
			return err
		})
	})
	b.Run("std", func(b *testing.B) {
		cpuLoop(b, func() error {
			_, err := net.InterfaceByIndex(1)
			return err
		})
	})
}

// BenchmarkAddrs is one interface's addresses (the loopback's):
// Interface.Addrs, which the standard library answers from a dump of the
// whole address table.
func BenchmarkAddrs(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		ifi, err := iface.InterfaceByName("lo")
		if err != nil {
			b.Fatal(err)
		}
		cpuLoop(b, func() error {
			_, err := ifi.Addrs()
			return err
		})
	})
	b.Run("std", func(b *testing.B) {
		ifi, err := net.InterfaceByName("lo")
		if err != nil {
			b.Fatal(err)
		}
		cpuLoop(b, func() error {
			_, err := ifi.Addrs()
			return err
		})
	})
}
