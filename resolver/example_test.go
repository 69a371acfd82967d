package resolver_test

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
)

func ExampleParseResolvConf() {
	conf, err := resolver.ParseResolvConf(strings.NewReader(`
nameserver 192.0.2.53
nameserver 2001:db8::53
search corp.example example.com
options ndots:2 timeout:3 attempts:4 rotate inet6
`))
	if err != nil {
		panic(err)
	}
	fmt.Println(conf.Servers)
	fmt.Println(conf.Search)
	fmt.Println(conf.Ndots, conf.Timeout, conf.Attempts, conf.Rotate)
	fmt.Println("unknown:", conf.UnknownOptions)
	// Output:
	// [192.0.2.53:53 [2001:db8::53]:53]
	// [corp.example. example.com.]
	// 2 3s 4 true
	// unknown: [inet6]
}

func ExampleParseHosts() {
	hosts, err := resolver.ParseHosts(strings.NewReader(`
127.0.0.1   localhost
10.0.0.7    Build.Example.Com build   # the build box
10.0.0.8    build
`))
	if err != nil {
		panic(err)
	}
	addrs, canonical := hosts.LookupHost("BUILD")
	fmt.Println(addrs, canonical)
	fmt.Println(hosts.LookupAddr("10.0.0.7"))
	// Output:
	// [10.0.0.7 10.0.0.8] build.example.com.
	// [Build.Example.Com. build]
}

func ExampleNew() {
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{"127.0.0.1:5353"} // any port
	cfg.Timeout = 500 * time.Millisecond
	cfg.CacheSize = 1000
	// A hosts table of its own: this resolver ignores /etc/hosts.
	cfg.Hosts, _ = resolver.ParseHosts(strings.NewReader("127.0.0.1 db.internal\n"))
	r := resolver.New(cfg)
	defer r.Close()
	addrs, err := r.LookupHost(context.Background(), "db.internal")
	fmt.Println(addrs, err)
	// Output:
	// [127.0.0.1] <nil>
}

func ExampleSortByRFC6724WithSources() {
	dsts := []addr.IPAddr{
		{IP: addr.IPFromNetipAddr(netip.MustParseAddr("198.51.100.121"))},
		{IP: addr.IPFromNetipAddr(netip.MustParseAddr("2001:db8:1::1"))},
	}
	// The sources the kernel would pick: a link-local IPv4 address has
	// the wrong scope for a global destination (RFC 6724 rule 2).
	srcs := []netip.Addr{netip.MustParseAddr("169.254.13.78"), netip.MustParseAddr("2001:db8:1::2")}
	resolver.SortByRFC6724WithSources(dsts, srcs)
	fmt.Println(dsts[0].IP, dsts[1].IP)
	// Output:
	// 2001:db8:1::1 198.51.100.121
}

func ExampleResolver_Explain() {
	r := resolver.New(resolver.Config{Order: resolver.OrderDNSFiles})
	d := r.Explain("printer.local")
	fmt.Println(d.Resolver, d.Order)
	// Output:
	// go dns,files
}

func ExampleDNSError() {
	err := &resolver.DNSError{Err: "no such host", Name: "nope.example", Server: "127.0.0.1:53", IsNotFound: true}
	fmt.Println(err)
	fmt.Println(err.IsNotFound, err.Temporary())
	// Output:
	// lookup nope.example on 127.0.0.1:53: no such host
	// true false
}
