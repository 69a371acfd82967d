//go:build unix

package resolver_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// TestLookupIPLiteralsDifferential compares the literal shortcuts of
// LookupIP, LookupNetIP, LookupIPAddr and LookupHost with the standard
// library's (no DNS is involved for literals). An IPv4-mapped IPv6 literal
// is IPv4 for network "ip4" and not IPv6 for "ip6", as net.IP.To4 decides.
func TestLookupIPLiteralsDifferential(t *testing.T) {
	var nk resolver.Resolver
	std := &net.Resolver{PreferGo: true}
	ctx := context.Background()
	for _, lit := range []string{"127.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:0:0:1", "fe80::1%lo", "fe80::1%42", "::", "0.0.0.0"} {
		for _, network := range []string{"ip", "ip4", "ip6"} {
			p1, e1 := nk.LookupIP(ctx, network, lit)
			p2, e2 := std.LookupIP(ctx, network, lit)
			assert.Equal(t, errText(e2), errText(e1), "LookupIP %s %s", network, lit)
			assert.Equal(t, fmt.Sprint(p2), fmt.Sprint(p1), "LookupIP %s %s", network, lit)
			n1, e1 := nk.LookupNetIP(ctx, network, lit)
			n2, e2 := std.LookupNetIP(ctx, network, lit)
			assert.Equal(t, errText(e2), errText(e1), "LookupNetIP %s %s", network, lit)
			assert.Equal(t, fmt.Sprint(n2), fmt.Sprint(n1), "LookupNetIP %s %s", network, lit)
		}
		i1, e1 := nk.LookupIPAddr(ctx, lit)
		i2, e2 := std.LookupIPAddr(ctx, lit)
		assert.Equal(t, errText(e2), errText(e1), "LookupIPAddr %s", lit)
		assert.Equal(t, fmt.Sprint(i2), fmt.Sprint(i1), "LookupIPAddr %s", lit)
		h1, e1 := nk.LookupHost(ctx, lit)
		h2, e2 := std.LookupHost(ctx, lit)
		assert.Equal(t, errText(e2), errText(e1), "LookupHost %s", lit)
		assert.Equal(t, h2, h1, "LookupHost %s", lit)
	}
}

// TestDoneContextReportsLastServer: as in the standard library, a lookup
// whose context is done (before or during the exchange) still goes through
// the remaining servers, whose dials fail at once without a socket, and the
// error names the last server asked.
func TestDoneContextReportsLastServer(t *testing.T) {
	s1 := newServer(t, nil)
	s2 := newServer(t, nil)
	r := testResolver(t, []string{s1.Addr, s2.Addr}, func(c *resolver.Config) { c.Attempts = 2; c.Timeout = 5 * time.Second })

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, tc := range []struct {
		ctx     context.Context
		text    string
		is      error
		timeout bool
	}{
		{cancelled, "operation was canceled", context.Canceled, false},
		{expired, "i/o timeout", context.DeadlineExceeded, true},
	} {
		for _, lookup := range []func(context.Context) error{
			func(ctx context.Context) error { _, err := r.LookupTXT(ctx, "host.example.test."); return err },
			func(ctx context.Context) error { _, err := r.LookupHost(ctx, "host.example.test."); return err },
		} {
			err := lookup(tc.ctx)
			var de *resolver.DNSError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, s2.Addr, de.Server)
			assert.Equal(t, "dial udp "+s2.Addr+": "+tc.text, de.Err)
			assert.True(t, errors.Is(err, tc.is), "%v", err)
			assert.True(t, de.IsTemporary)
			assert.Equal(t, tc.timeout, de.IsTimeout)
		}
	}
	assert.Zero(t, s1.UDPQueries()+s2.UDPQueries(), "a done context sends nothing")

	// Cancelled while the first server is slow to answer: the exchange is
	// interrupted at once, and the error is the last server's failed dial.
	s1.SetBehavior(dnstest.Behavior{Delay: 3 * time.Second})
	ctx, cancel3 := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel3)
	start := time.Now()
	_, err := r.LookupTXT(ctx, "host.example.test.")
	assert.Less(t, time.Since(start), 2*time.Second)
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, s2.Addr, de.Server)
	assert.Equal(t, "dial udp "+s2.Addr+": operation was canceled", de.Err)
	assert.True(t, errors.Is(err, context.Canceled))
}

// TestNewDefaultsAttempts: New gives a Config without Attempts (or with a
// negative one) DefaultConfig's two rounds through the servers, as its
// documentation says, not one.
func TestNewDefaultsAttempts(t *testing.T) {
	for _, attempts := range []int{0, -1} {
		s := newServer(t, nil)
		s.SetBehavior(dnstest.Behavior{Drop: true})
		r := resolver.New(resolver.Config{Servers: []string{s.Addr}, Timeout: 50 * time.Millisecond, Attempts: attempts})
		_, err := r.LookupTXT(context.Background(), "host.example.test.")
		var de *resolver.DNSError
		require.ErrorAs(t, err, &de)
		assert.True(t, de.IsTimeout)
		assert.Equal(t, int64(2), s.UDPQueries(), "Attempts %d", attempts)
	}
}

// TestOnionNoSuchHost pins the documented difference: a rooted .onion name
// is never sent to DNS and every lookup says "no such host".
func TestOnionNoSuchHost(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr})
	ctx := context.Background()
	_, err := r.LookupHost(ctx, "x.onion.")
	checkNotFound(t, err, "x.onion.")
	_, err = r.LookupIPAddr(ctx, "X.ONION.")
	checkNotFound(t, err, "X.ONION.")
	_, err = r.LookupTXT(ctx, "x.onion.")
	checkNotFound(t, err, "x.onion.")
	_, _, err = r.LookupSRV(ctx, "", "", "x.onion.")
	checkNotFound(t, err, "x.onion.")
	assert.Zero(t, s.UDPQueries()+s.TCPQueries())
}

func checkNotFound(t *testing.T, err error, name string) {
	t.Helper()
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "lookup "+name+": no such host", err.Error())
	assert.True(t, de.IsNotFound)
}

// TestPipelinedFirstUseConcurrent: concurrent first queries on a fresh
// pipelined transport share the connection being set up; its idle timer
// must be in place before another caller can reach it (run with -race).
func TestPipelinedFirstUseConcurrent(t *testing.T) {
	s := newServer(t, nil)
	for i := 0; i < 30; i++ {
		r := resolver.New(resolver.Config{Servers: []string{s.Addr}, Timeout: 2 * time.Second, Transport: resolver.TransportTCPPipelined})
		done := make(chan error, 8)
		for j := 0; j < 8; j++ {
			go func() {
				_, err := r.LookupHost(context.Background(), "host.example.test.")
				done <- err
			}()
		}
		for j := 0; j < 8; j++ {
			require.NoError(t, <-done)
		}
		r.Close()
	}
}

// TestDoneContextLookupIPAddr: as in the standard library, LookupIPAddr,
// LookupIP and LookupNetIP of anything but an IP literal report a context
// that is already done, even for a name the hosts table holds (LookupHost
// answers it, as the standard library's does).
func TestDoneContextLookupIPAddr(t *testing.T) {
	hosts, err := resolver.ParseHosts(strings.NewReader("127.0.77.1 listed.example\n"))
	require.NoError(t, err)
	for _, order := range []resolver.Order{resolver.OrderFilesDNS, resolver.OrderFiles} {
		r := resolver.New(resolver.Config{Servers: []string{"127.0.0.1:1"}, Hosts: hosts, Order: order})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, name := range []string{"listed.example", "absent.example"} {
			_, err := r.LookupIPAddr(ctx, name)
			assert.Equal(t, "lookup "+name+": operation was canceled", errText(err), "order %v", order)
			assert.True(t, errors.Is(err, context.Canceled))
			_, err = r.LookupIP(ctx, "ip4", name)
			assert.Equal(t, "lookup "+name+": operation was canceled", errText(err))
		}
		ips, err := r.LookupIPAddr(ctx, "127.0.0.1")
		require.NoError(t, err)
		assert.Len(t, ips, 1)
		addrs, err := r.LookupHost(ctx, "listed.example")
		require.NoError(t, err)
		assert.Equal(t, []string{"127.0.77.1"}, addrs)
	}
}

// TestOversizedUDPAnswerWithoutEDNS: with EDNS(0) off (512-byte queries), an
// answer the server sends larger than 512 bytes without TC is still read
// whole, as the standard library's 1232-byte buffer reads it, instead of
// being cut by the kernel into "cannot unmarshal DNS message".
func TestOversizedUDPAnswerWithoutEDNS(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var q dnsmessage.Message
			if q.Unpack(buf[:n]) != nil || len(q.Questions) != 1 {
				continue
			}
			m := dnsmessage.Message{Header: dnsmessage.Header{ID: q.ID, Response: true, Authoritative: true}, Questions: q.Questions}
			qn, qt := q.Questions[0].Name, q.Questions[0].Type
			switch qt {
			case dnsmessage.TypeTXT:
				for i := 0; i < 4; i++ {
					m.Answers = append(m.Answers, dnsmessage.Resource{
						Header: dnsmessage.ResourceHeader{Name: qn, Type: qt, Class: dnsmessage.ClassINET, TTL: 60},
						Body:   &dnsmessage.TXTResource{TXT: []string{strings.Repeat("x", 200)}},
					})
				}
			case dnsmessage.TypeA:
				for i := 0; i < 40; i++ {
					m.Answers = append(m.Answers, dnsmessage.Resource{
						Header: dnsmessage.ResourceHeader{Name: qn, Type: qt, Class: dnsmessage.ClassINET, TTL: 60},
						Body:   &dnsmessage.AResource{A: [4]byte{127, 0, 88, byte(i + 1)}},
					})
				}
			default:
				b, _ := m.Pack()
				pc.WriteTo(b, from)
				continue
			}
			b, err := m.Pack()
			if err != nil || len(b) <= 512 {
				panic("test answer must exceed 512 bytes")
			}
			pc.WriteTo(b, from)
		}
	}()
	for _, single := range []bool{false, true} {
		r := resolver.New(resolver.Config{Servers: []string{pc.LocalAddr().String()}, Timeout: 2 * time.Second, Attempts: 1, EDNS0Size: -1, SingleRequest: single})
		txt, err := r.LookupTXT(context.Background(), "big.example.")
		require.NoError(t, err)
		assert.Len(t, txt, 4)
		addrs, err := r.LookupHost(context.Background(), "big.example.")
		require.NoError(t, err, "single-request %v", single)
		assert.Len(t, addrs, 40)
	}
}
