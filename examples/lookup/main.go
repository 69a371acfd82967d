// Command lookup is a dig-like client for netkit's resolver: every Lookup
// function, raw queries with TTLs, and the resolver's decisions.
//
//	lookup example.com                      # LookupHost with the system configuration
//	lookup -type MX -server 127.0.0.1:15353 netkit.test
//	lookup -type TXT -tcp -trace txt.netkit.test
//	lookup -type PTR 127.0.10.1             # LookupAddr
//	lookup -raw -type AAAA host.netkit.test # the whole answer, with TTLs and the AD bit
//
// Types: A, AAAA (LookupIP), HOST (LookupHost, the default), CNAME, MX, NS,
// SRV (name as _service._proto.domain), TXT, PTR (LookupAddr), PORT
// (LookupPort: name as network/service, e.g. tcp/https).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/netkit-go/netkit/resolver"
)

// options are the command's flags.
type options struct {
	server  string
	qtype   string
	tcp     bool
	trace   bool
	raw     bool
	timeout time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.server, "server", "", "name server as host:port (default: the servers in /etc/resolv.conf)")
	flag.StringVar(&o.qtype, "type", "HOST", "what to look up: HOST, A, AAAA, CNAME, MX, NS, SRV, TXT, PTR, PORT")
	flag.BoolVar(&o.tcp, "tcp", false, "send every query over TCP (resolv.conf's use-vc)")
	flag.BoolVar(&o.trace, "trace", false, "print the configuration and the resolver's decisions first")
	flag.BoolVar(&o.raw, "raw", false, "print the whole DNS answer with TTLs (A, AAAA, CNAME, MX, NS, SRV, TXT, PTR)")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Second, "overall timeout")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: lookup [flags] name")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := run(os.Stdout, o, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "lookup:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, o options, name string) error {
	cfg := resolver.SystemConfig()
	if o.server != "" {
		cfg.Servers = []string{o.server}
	}
	if o.tcp {
		cfg.UseTCP = true
	}
	r := resolver.New(cfg)
	defer r.Close()
	if o.trace {
		fmt.Fprintf(w, ";; servers %v, search %v, ndots %d, timeout %v, attempts %d, tcp %v, order %v\n",
			cfg.Servers, cfg.Search, cfg.Ndots, cfg.Timeout, cfg.Attempts, cfg.UseTCP, cfg.Order)
		if len(cfg.UnknownOptions) > 0 {
			fmt.Fprintf(w, ";; resolv.conf options netkit does not know (ignored): %v\n", cfg.UnknownOptions)
		}
		fmt.Fprintf(w, ";; %s\n", r.Explain(name))
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	qtype := strings.ToUpper(o.qtype)
	if o.raw {
		return raw(ctx, w, r, name, qtype)
	}
	switch qtype {
	case "HOST":
		addrs, err := r.LookupHost(ctx, name)
		for _, a := range addrs {
			fmt.Fprintln(w, a)
		}
		return err
	case "A", "AAAA":
		network := map[string]string{"A": "ip4", "AAAA": "ip6"}[qtype]
		ips, err := r.LookupIP(ctx, network, name)
		for _, ip := range ips {
			fmt.Fprintln(w, ip)
		}
		return err
	case "CNAME":
		cname, err := r.LookupCNAME(ctx, name)
		if err == nil {
			fmt.Fprintln(w, cname)
		}
		return err
	case "MX":
		mxs, err := r.LookupMX(ctx, name)
		for _, mx := range mxs {
			fmt.Fprintf(w, "%d %s\n", mx.Pref, mx.Host)
		}
		return err
	case "NS":
		nss, err := r.LookupNS(ctx, name)
		for _, ns := range nss {
			fmt.Fprintln(w, ns.Host)
		}
		return err
	case "SRV":
		cname, srvs, err := r.LookupSRV(ctx, "", "", name)
		if err == nil {
			fmt.Fprintf(w, ";; %s\n", cname)
		}
		for _, s := range srvs {
			fmt.Fprintf(w, "%d %d %d %s\n", s.Priority, s.Weight, s.Port, s.Target)
		}
		return err
	case "TXT":
		txts, err := r.LookupTXT(ctx, name)
		for _, t := range txts {
			fmt.Fprintf(w, "%q\n", t)
		}
		return err
	case "PTR":
		names, err := r.LookupAddr(ctx, name)
		for _, n := range names {
			fmt.Fprintln(w, n)
		}
		return err
	case "PORT":
		network, service, ok := strings.Cut(name, "/")
		if !ok {
			return fmt.Errorf("PORT wants network/service, such as tcp/https")
		}
		port, err := r.LookupPort(ctx, network, service)
		if err == nil {
			fmt.Fprintln(w, port)
		}
		return err
	}
	return fmt.Errorf("unknown type %q", o.qtype)
}

var rawTypes = map[string]dnsmessage.Type{
	"A": dnsmessage.TypeA, "AAAA": dnsmessage.TypeAAAA, "CNAME": dnsmessage.TypeCNAME,
	"MX": dnsmessage.TypeMX, "NS": dnsmessage.TypeNS, "SRV": dnsmessage.TypeSRV,
	"TXT": dnsmessage.TypeTXT, "PTR": dnsmessage.TypePTR, "HOST": dnsmessage.TypeA,
}

// raw prints the whole answer of one query, dig style.
func raw(ctx context.Context, w io.Writer, r *resolver.Resolver, name, qtype string) error {
	t, ok := rawTypes[qtype]
	if !ok {
		return fmt.Errorf("-raw does not take type %q", qtype)
	}
	resp, err := r.Query(ctx, name, t)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, ";; %s from %s: rcode %v, authoritative %v, AD %v\n",
		resp.Name, resp.Server, resp.Header.RCode, resp.Header.Authoritative, resp.AuthenticData())
	for _, sec := range []struct {
		name string
		rrs  []dnsmessage.Resource
	}{{"ANSWER", resp.Answers}, {"AUTHORITY", resp.Authorities}, {"ADDITIONAL", resp.Additionals}} {
		if len(sec.rrs) == 0 {
			continue
		}
		fmt.Fprintf(w, ";; %s\n", sec.name)
		for _, rr := range sec.rrs {
			fmt.Fprintf(w, "%s\t%d\t%v\t%s\n", rr.Header.Name, rr.Header.TTL, rr.Header.Type, body(rr.Body))
		}
	}
	return nil
}

func body(b dnsmessage.ResourceBody) string {
	switch b := b.(type) {
	case *dnsmessage.AResource:
		return fmt.Sprintf("%d.%d.%d.%d", b.A[0], b.A[1], b.A[2], b.A[3])
	case *dnsmessage.AAAAResource:
		return fmt.Sprint(netipFrom16(b.AAAA))
	case *dnsmessage.CNAMEResource:
		return b.CNAME.String()
	case *dnsmessage.MXResource:
		return fmt.Sprintf("%d %s", b.Pref, b.MX)
	case *dnsmessage.NSResource:
		return b.NS.String()
	case *dnsmessage.PTRResource:
		return b.PTR.String()
	case *dnsmessage.SRVResource:
		return fmt.Sprintf("%d %d %d %s", b.Priority, b.Weight, b.Port, b.Target)
	case *dnsmessage.TXTResource:
		return fmt.Sprintf("%q", b.TXT)
	case *dnsmessage.SOAResource:
		return fmt.Sprintf("%s %s %d", b.NS, b.MBox, b.Serial)
	}
	return b.GoString()
}
