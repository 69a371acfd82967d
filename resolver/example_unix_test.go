//go:build unix

package resolver_test

import (
	"context"
	"fmt"

	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"golang.org/x/net/dns/dnsmessage"
)

func ExampleResolver_Query() {
	// A DNS server on loopback answering from a function.
	srv, err := dnstest.NewServer("127.0.0.1", func(q dnsmessage.Message) (dnsmessage.Message, error) {
		m := dnstest.Answer(q, dnstest.RR(3600, dnstest.A("127.0.0.7")))
		m.Header.AuthenticData = true
		return m, nil
	})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{srv.Addr}
	r := resolver.New(cfg)
	resp, err := r.Query(context.Background(), "www.example.", dnsmessage.TypeA)
	if err != nil {
		panic(err)
	}
	for _, rr := range resp.Answers {
		fmt.Println(rr.Header.Name, rr.Header.TTL, rr.Body.(*dnsmessage.AResource).A)
	}
	fmt.Println("AD:", resp.AuthenticData())
	// Output:
	// www.example. 3600 [127 0 0 7]
	// AD: true
}
