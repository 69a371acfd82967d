// Command tour shows what each netkit module does, on this machine, in about
// a second and over loopback only: it parses addresses, lists the
// interfaces, resolves names from the hosts file and from a DNS server it
// starts on loopback, runs an echo server, reads socket options, watches a
// socket with the Poller, and serves and fetches an HTTP page on netkit
// connections. It needs no root. `make demo` runs it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/iface"
	"github.com/netkit-go/netkit/pipe"
	"github.com/netkit-go/netkit/poller"
	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/netkit-go/netkit/sockopt"
)

func main() {
	hostsFile := flag.String("hosts", "/etc/hosts", "hosts file to resolve a name from")
	flag.Parse()
	os.Exit(run(os.Stdout, *hostsFile))
}

// run takes the tour, writing to out; it returns the exit status.
func run(out io.Writer, hostsFile string) int {
	t := &tour{out: out}
	fmt.Fprintln(t.out, "netkit tour — every module at work on this machine, loopback only")
	steps := []struct {
		module string
		run    func() error
	}{
		{"addr", t.addr},
		{"iface", t.iface},
		{"resolver", func() error { return t.resolver(hostsFile) }},
		{"conn", t.conn},
		{"sockopt", t.sockopt},
		{"poller", t.poller},
		{"pipe", t.pipe},
		{"http", t.http},
	}
	failed := 0
	for _, s := range steps {
		fmt.Fprintf(t.out, "\n%s\n", s.module)
		start := time.Now()
		if err := s.run(); err != nil {
			failed++
			fmt.Fprintf(t.out, "  FAILED: %v\n", err)
			continue
		}
		fmt.Fprintf(t.out, "  (%s)\n", time.Since(start).Round(time.Microsecond))
	}
	if t.tcp != nil {
		t.tcp.Close()
	}
	if t.ln != nil {
		t.ln.Close()
	}
	fmt.Fprintln(t.out)
	if failed > 0 {
		fmt.Fprintf(t.out, "%d of %d steps failed\n", failed, len(steps))
		return 1
	}
	fmt.Fprintf(t.out, "all %d steps done. Next: `make test` runs every module's tests; see README.md for the module map.\n", len(steps))
	return 0
}

type tour struct {
	out io.Writer
	ln  *conn.TCPListener // the echo server, shared by later steps
	tcp *conn.TCPConn     // a client connection to it
}

func (t *tour) say(format string, args ...any) { fmt.Fprintf(t.out, "  "+format+"\n", args...) }

func (t *tour) addr() error {
	for _, s := range []string{"192.0.2.1", "2001:db8::68", "::ffff:198.51.100.7", "010.0.0.1"} {
		ip := addr.ParseIP(s)
		switch {
		case ip == nil:
			t.say("ParseIP(%q) = nil (IPv4 fields with leading zeros are rejected, as in Go 1.26)", s)
		case ip.To4() != nil:
			t.say("ParseIP(%q) = %v, an IPv4 address (To4 gives 4 bytes)", s, ip)
		default:
			t.say("ParseIP(%q) = %v, an IPv6 address", s, ip)
		}
	}
	_, n, err := addr.ParseCIDR("198.51.100.0/25")
	if err != nil {
		return err
	}
	for _, s := range []string{"198.51.100.42", "198.51.100.200"} {
		t.say("%v contains %s: %v", n, s, n.Contains(addr.ParseIP(s)))
	}
	for _, s := range []string{"00:00:5e:00:53:01", "00-00-5E-00-53-01", "0000.5e00.5301"} {
		hw, err := addr.ParseMAC(s)
		if err != nil {
			return err
		}
		t.say("ParseMAC(%q) = %v", s, hw)
	}
	host, port, err := addr.SplitHostPort("[fe80::1%eth0]:443")
	if err != nil {
		return err
	}
	t.say("SplitHostPort(\"[fe80::1%%eth0]:443\") = %q, %q", host, port)
	a := addr.IPFromNetipAddr(netip.MustParseAddr("203.0.113.9"))
	t.say("netip 203.0.113.9 -> addr.IP of %d bytes, kept IPv4", len(a))
	return nil
}

func (t *tour) iface() error {
	snap, err := iface.NewSnapshot()
	if err != nil {
		return err
	}
	ift := snap.Interfaces()
	t.say("%d interfaces (one link dump and one address dump answer every Addrs call below):", len(ift))
	for i := range ift {
		ifi := &ift[i]
		addrs, err := snap.Addrs(ifi)
		if err != nil {
			return err
		}
		var as []string
		for _, a := range addrs {
			as = append(as, a.String())
		}
		hw := ifi.HardwareAddr.String()
		if hw == "" {
			hw = "no MAC"
		}
		t.say("%-8s mtu %-5d %-32s %s  %s", ifi.Name, ifi.MTU, ifi.Flags, hw, strings.Join(as, " "))
	}
	return nil
}

func (t *tour) resolver(hostsFile string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	// Names from the hosts file only, so that nothing leaves the machine.
	cfg := resolver.DefaultConfig()
	cfg.HostsFile = hostsFile
	cfg.Order = resolver.OrderFiles
	files := resolver.New(cfg)
	defer files.Close()
	names := []string{"localhost"}
	if h, err := os.Hostname(); err == nil && h != "localhost" {
		names = append(names, h)
	}
	for _, name := range names {
		addrs, err := files.LookupHost(ctx, name)
		if err != nil {
			t.say("LookupHost(%q) from %s: %v", name, hostsFile, err)
			continue
		}
		t.say("LookupHost(%q) from %s = %v", name, hostsFile, addrs)
	}

	// Real DNS over UDP, from a server this tour runs on loopback.
	srv, err := dnstest.NewServer("127.0.0.1", func(q dnsmessage.Message) (dnsmessage.Message, error) {
		return dnstest.Answer(q,
			dnstest.RR(300, dnstest.A("127.0.10.1")),
			dnstest.RR(300, dnstest.AAAA("2001:db8:10::1")),
			dnstest.RR(300, &dnsmessage.MXResource{Pref: 10, MX: dnsmessage.MustNewName("mx1.tour.test.")}),
		), nil
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	dnsCfg := resolver.DefaultConfig()
	dnsCfg.Servers = []string{srv.Addr}
	dnsCfg.Order = resolver.OrderDNS
	dns := resolver.New(dnsCfg)
	defer dns.Close()
	ips, err := dns.LookupIPAddr(ctx, "www.tour.test")
	if err != nil {
		return err
	}
	var ipStrs []string
	for _, ip := range ips {
		ipStrs = append(ipStrs, ip.String())
	}
	t.say("LookupIPAddr(\"www.tour.test\") via DNS at %s = [%s] (RFC 6724 order)", srv.Addr, strings.Join(ipStrs, " "))
	mx, err := dns.LookupMX(ctx, "tour.test")
	if err != nil {
		return err
	}
	t.say("LookupMX(\"tour.test\") = %s pref %d; the server saw %d UDP queries", mx[0].Host, mx[0].Pref, srv.UDPQueries())
	d := resolver.DefaultResolver.Explain("printer.local")
	t.say("Explain(\"printer.local\") with the system configuration: the stdlib would use %s; %s", d.Stdlib, d.Reason)
	return nil
}

func (t *tour) conn() error {
	ln, err := conn.ListenTCP("tcp", &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	if err != nil {
		return err
	}
	t.ln = ln
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	t.say("echo server listening on %v", ln.Addr())
	c, err := conn.DialTCP("tcp", nil, ln.Addr().(*addr.TCPAddr))
	if err != nil {
		return err
	}
	t.tcp = c
	start := time.Now()
	if _, err := io.WriteString(c, "hello, netkit\n"); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	t.say("sent and read back %q in %s from %v", strings.TrimSpace(line), time.Since(start).Round(time.Microsecond), c.LocalAddr())
	c.SetReadDeadline(time.Now().Add(-time.Second))
	_, err = c.Read(make([]byte, 1))
	t.say("a read past its deadline: %v (timeout: %v)", err, errors.Is(err, os.ErrDeadlineExceeded))
	c.SetReadDeadline(time.Time{})
	return nil
}

func (t *tour) sockopt() error {
	rc, err := t.tcp.SyscallConn()
	if err != nil {
		return err
	}
	nodelay, err := sockopt.NoDelay(rc)
	if err != nil {
		return err
	}
	idle, err := sockopt.KeepAliveIdle(rc)
	if err != nil {
		return err
	}
	t.say("TCP_NODELAY %v, keep-alive idle %v (the documented defaults)", nodelay, idle)
	if err := sockopt.SetUserTimeout(rc, 30*time.Second); err != nil {
		return err
	}
	ut, err := sockopt.UserTimeout(rc)
	if err != nil {
		return err
	}
	t.say("TCP_USER_TIMEOUT set to %v (an option the standard library has no setter for)", ut)
	info, err := sockopt.GetTCPInfo(rc)
	if err != nil {
		t.say("TCP_INFO: %v", err)
		return nil
	}
	t.say("TCP_INFO: state %v, rtt %v, cwnd %d segments", info.State, info.RTT, info.SndCwnd)
	return nil
}

func (t *tour) poller() error {
	p, err := poller.New()
	if err != nil {
		return err
	}
	defer p.Close()
	rc, err := t.tcp.SyscallConn()
	if err != nil {
		return err
	}
	var fd int
	if err := rc.Control(func(s uintptr) { fd = int(s) }); err != nil {
		return err
	}
	if err := p.Add(fd, poller.Readable, 42); err != nil {
		return err
	}
	defer p.Delete(fd)
	events := make([]poller.Event, 8)
	n, err := p.Wait(events, 0)
	if err != nil {
		return err
	}
	t.say("Wait before any data: %d events", n)
	start := time.Now()
	io.WriteString(t.tcp, "ping\n")
	n, err = p.Wait(events, time.Second)
	if err != nil {
		return err
	}
	if n == 0 {
		return errors.New("no readiness event within a second")
	}
	t.say("the echo made token %d readable after %s", events[0].Token, time.Since(start).Round(time.Microsecond))
	buf := make([]byte, 5)
	_, err = io.ReadFull(t.tcp, buf)
	return err
}

func (t *tour) pipe() error {
	a, b := pipe.Pipe()
	defer a.Close()
	go func() {
		line, _ := bufio.NewReader(b).ReadString('\n')
		io.WriteString(b, strings.ToUpper(line))
		b.Close()
	}()
	io.WriteString(a, "in memory\n")
	reply, err := io.ReadAll(a)
	if err != nil {
		return err
	}
	t.say("Pipe: wrote %q, the other end answered %q (network %q)", "in memory", strings.TrimSpace(string(reply)), a.LocalAddr().Network())
	return nil
}

func (t *tour) http() error {
	ln, err := conn.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from net/http on a netkit listener, %s\n", r.RemoteAddr)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	d := &conn.Dialer{Timeout: 5 * time.Second}
	client := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	defer client.CloseIdleConnections()
	resp, err := client.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	t.say("GET http://%v/ (client dialing through netkit's Dialer): %s — %s", ln.Addr(), resp.Status, strings.TrimSpace(string(body)))
	return nil
}
