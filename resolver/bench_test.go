package resolver_test

import (
	"context"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
)

// The benchmarks ask the test BIND server (NETKIT_DNS_ADDR) through netkit
// and through the standard library's pure Go resolver, whose Dial is
// pointed at the same server. Run them with
//
//	go test -run '^$' -bench . -benchmem
//
// after eval "$(testenv/dns-server.sh start)".

func benchResolvers(b testing.TB) (*resolver.Resolver, func(ctx context.Context, name string) error, func(ctx context.Context, name string) error) {
	server := dnsServer(b)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	nk := resolver.New(cfg)
	std := stdBIND(b, server)
	return nk, func(ctx context.Context, name string) error {
			_, err := nk.LookupHost(ctx, name)
			return err
		}, func(ctx context.Context, name string) error {
			_, err := std.LookupHost(ctx, name)
			return err
		}
}

// reportCPU adds a cpu-ns/op metric (process CPU time per lookup, the
// DNS server's excluded), steadier than ns/op on a busy machine.
func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() {
		if cpu := processCPU() - start; cpu > 0 && b.N > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func runSerial(b *testing.B, name string, f func(context.Context, string) error) {
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := f(ctx, name); err != nil {
			b.Fatal(err)
		}
	}
}

func runParallel(b *testing.B, goroutines int, name string, f func(context.Context, string) error) {
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(max(1, goroutines/max(1, testingProcs())))
	defer reportCPU(b)()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := f(ctx, name); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkLookupHost(b *testing.B) {
	_, nk, std := benchResolvers(b)
	b.Run("netkit", func(b *testing.B) { runSerial(b, "host.netkit.test.", nk) })
	b.Run("std", func(b *testing.B) { runSerial(b, "host.netkit.test.", std) })
}

func BenchmarkLookupHost32(b *testing.B) {
	_, nk, std := benchResolvers(b)
	b.Run("netkit", func(b *testing.B) { runParallel(b, 32, "host.netkit.test.", nk) })
	b.Run("std", func(b *testing.B) { runParallel(b, 32, "host.netkit.test.", std) })
}

// BenchmarkLookupTXTTCP looks up a TXT set too big for a 1232-byte UDP
// answer: for the standard library every lookup is a truncated UDP exchange
// and a TCP retry; netkit remembers the truncation (per server, name and
// type, 60 s) and asks over TCP directly after the first.
func BenchmarkLookupTXTTCP(b *testing.B) {
	server := dnsServer(b)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	nk := resolver.New(cfg)
	std := stdBIND(b, server)
	const name = "txt-over1232.netkit.test."
	b.Run("netkit", func(b *testing.B) {
		runSerial(b, name, func(ctx context.Context, n string) error { _, err := nk.LookupTXT(ctx, n); return err })
	})
	b.Run("std", func(b *testing.B) {
		runSerial(b, name, func(ctx context.Context, n string) error { _, err := std.LookupTXT(ctx, n); return err })
	})
}

// BenchmarkLookupHostCached measures a lookup answered by the cache
// (Config.CacheSize); the standard library has no cache.
func BenchmarkLookupHostCached(b *testing.B) {
	server := dnsServer(b)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	cfg.CacheSize = 100
	nk := resolver.New(cfg)
	b.Run("netkit", func(b *testing.B) {
		runSerial(b, "host.netkit.test.", func(ctx context.Context, n string) error { _, err := nk.LookupHost(ctx, n); return err })
	})
}

func testingProcs() int { return runtime.GOMAXPROCS(0) }

// BenchmarkLookupHostPaired alternates 10 netkit and 10 standard library
// lookups per iteration and reports the median of the per-iteration time
// ratio (netkit/std): neighbouring measurements share the machine's load,
// which, on a busy machine, moves far more between two sequential
// sub-benchmarks than the resolvers differ.
func BenchmarkLookupHostPaired(b *testing.B) {
	_, nk, std := benchResolvers(b)
	runPaired(b, "host.netkit.test.", nk, std)
}

// BenchmarkLookupTXTTCPPaired is BenchmarkLookupTXTTCP measured the same
// way as BenchmarkLookupHostPaired.
func BenchmarkLookupTXTTCPPaired(b *testing.B) {
	server := dnsServer(b)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	nk := resolver.New(cfg)
	std := stdBIND(b, server)
	runPaired(b, "txt-over1232.netkit.test.",
		func(ctx context.Context, n string) error { _, err := nk.LookupTXT(ctx, n); return err },
		func(ctx context.Context, n string) error { _, err := std.LookupTXT(ctx, n); return err })
}

func runPaired(b *testing.B, name string, nk, std func(context.Context, string) error) {
	ctx := context.Background()
	var ratios []float64
	var tn, ts time.Duration
	timeTen := func(f func(context.Context, string) error) time.Duration {
		s := time.Now()
		for i := 0; i < 10; i++ {
			if err := f(ctx, name); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(s)
	}
	for b.Loop() {
		a, c := timeTen(nk), timeTen(std)
		ratios = append(ratios, float64(a)/float64(c))
		tn += a
		ts += c
	}
	sort.Float64s(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "netkit/std-time")
	b.ReportMetric(float64(tn.Nanoseconds())/float64(10*b.N), "netkit-ns/lookup")
	b.ReportMetric(float64(ts.Nanoseconds())/float64(10*b.N), "std-ns/lookup")
}
