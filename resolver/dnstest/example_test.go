//go:build unix

package dnstest_test

import (
	"context"
	"fmt"

	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"golang.org/x/net/dns/dnsmessage"
)

func ExampleServer_SetBehavior() {
	srv, err := dnstest.NewServer("127.0.0.1", func(q dnsmessage.Message) (dnsmessage.Message, error) {
		return dnstest.Answer(q, dnstest.RR(60, dnstest.A("127.0.0.8"))), nil
	})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	// Every UDP answer is truncated: the resolver must retry over TCP.
	srv.SetBehavior(dnstest.Behavior{Truncate: true})

	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{srv.Addr}
	addrs, err := resolver.New(cfg).LookupIP(context.Background(), "ip4", "db.example.")
	fmt.Println(addrs, err, srv.UDPQueries(), srv.TCPQueries())
	// Output:
	// [127.0.0.8] <nil> 1 1
}
