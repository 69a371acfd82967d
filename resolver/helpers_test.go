package resolver_test

import (
	"os"
	"sort"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
)

// dnsServer returns the address of the test BIND server, or skips.
func dnsServer(t testing.TB) string {
	t.Helper()
	a := os.Getenv("NETKIT_DNS_ADDR")
	if a == "" {
		t.Skip(`NETKIT_DNS_ADDR not set: run eval "$(testenv/dns-server.sh start)" first, or make test (starts BIND; needs bind9)`)
	}
	return a
}

// dnsServer6 returns the IPv6 address of the test BIND server, or skips.
func dnsServer6(t testing.TB) string {
	t.Helper()
	a := os.Getenv("NETKIT_DNS_ADDR6")
	if a == "" {
		t.Skip(`NETKIT_DNS_ADDR6 not set: run eval "$(testenv/dns-server.sh start)" first, or make test`)
	}
	return a
}

// inSandbox skips unless the test runs inside testenv/resolv-sandbox.sh.
func inSandbox(t testing.TB) {
	t.Helper()
	if os.Getenv("NETKIT_RESOLV_SANDBOX") == "" {
		t.Skip("NETKIT_RESOLV_SANDBOX not set: run as testenv/resolv-sandbox.sh go test -run Sandbox ./... (make test does)")
	}
}

// bindResolver returns a resolver asking only the test BIND server, with
// the test zone as search domain.
func bindResolver(t testing.TB, mod ...func(*resolver.Config)) *resolver.Resolver {
	t.Helper()
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{dnsServer(t)}
	cfg.Search = []string{"netkit.test."}
	cfg.Timeout = 2 * time.Second
	for _, m := range mod {
		m(&cfg)
	}
	r := resolver.New(cfg)
	t.Cleanup(func() { r.Close() })
	return r
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
