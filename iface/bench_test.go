package iface_test

import (
	"net"
	"testing"

	"github.com/netkit-go/netkit/iface"
)

// Host benchmarks of the single calls, side by side with the standard
// library.

func BenchmarkInterfaces(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := iface.Interfaces(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := net.Interfaces(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkInterfaceAddrs(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := iface.InterfaceAddrs(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := net.InterfaceAddrs(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkInterfaceByName(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := iface.InterfaceByName("lo"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := net.InterfaceByName("lo"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkInterfaceByIndex(b *testing.B) {
	b.Run("netkit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := iface.InterfaceByIndex(1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("std", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := net.InterfaceByIndex(1); err != nil {
				b.Fatal(err)
			}
		}
	})
}
