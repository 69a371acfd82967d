//go:build unix

package resolver_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// zone answers like a tiny authoritative server for example.test.
func zone(q dnsmessage.Message) (dnsmessage.Message, error) {
	name := strings.ToLower(q.Questions[0].Name.String())
	switch name {
	case "host.example.test.":
		return nodataSOA(dnstest.Answer(q, dnstest.RR(300, dnstest.A("127.0.55.1")), dnstest.RR(300, dnstest.AAAA("2001:db8:55::1")))), nil
	case "short.example.test.":
		return nodataSOA(dnstest.Answer(q, dnstest.RR(1, dnstest.A("127.0.55.2")))), nil
	case "big.example.test.":
		var rrs []dnsmessage.Resource
		for i := 0; i < 10; i++ {
			rrs = append(rrs, dnstest.RR(60, &dnsmessage.TXTResource{TXT: []string{strings.Repeat(string(rune('a'+i)), 200)}}))
		}
		return dnstest.Answer(q, rrs...), nil
	}
	return withSOA(dnstest.Answer(q)), nil // NXDOMAIN
}

// withSOA adds the zone's SOA (negative TTL 2s) to a NODATA or NXDOMAIN answer.
func withSOA(m dnsmessage.Message) dnsmessage.Message {
	m.Authorities = []dnsmessage.Resource{{
		Header: dnsmessage.ResourceHeader{Name: dnsmessage.MustNewName("example.test."), Type: dnsmessage.TypeSOA, Class: dnsmessage.ClassINET, TTL: 3600},
		Body: &dnsmessage.SOAResource{NS: dnsmessage.MustNewName("ns.example.test."), MBox: dnsmessage.MustNewName("root.example.test."),
			Serial: 1, Refresh: 3600, Retry: 600, Expire: 86400, MinTTL: 2},
	}}
	return m
}

func nodataSOA(m dnsmessage.Message) dnsmessage.Message {
	if len(m.Answers) == 0 {
		return withSOA(m)
	}
	return m
}

func newServer(t testing.TB, h dnstest.Handler) *dnstest.Server {
	t.Helper()
	if h == nil {
		h = zone
	}
	s, err := dnstest.NewServer("127.0.0.1", h)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func testResolver(t testing.TB, servers []string, mod ...func(*resolver.Config)) *resolver.Resolver {
	t.Helper()
	cfg := resolver.DefaultConfig()
	cfg.Servers = servers
	cfg.Search = []string{"example.test."}
	cfg.Timeout = 300 * time.Millisecond
	cfg.Attempts = 1
	for _, m := range mod {
		m(&cfg)
	}
	r := resolver.New(cfg)
	t.Cleanup(func() { r.Close() })
	return r
}

func TestLyingFailoverAfterTimeout(t *testing.T) {
	bad, good := newServer(t, nil), newServer(t, nil)
	bad.SetBehavior(dnstest.Behavior{Drop: true})
	r := testResolver(t, []string{bad.Addr, good.Addr})
	start := time.Now()
	addrs, err := r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.55.1", "2001:db8:55::1"}, sorted(addrs))
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond, "the first server must have been waited for")
	assert.EqualValues(t, 2, bad.UDPQueries(), "A and AAAA went to the silent server first")
	assert.EqualValues(t, 2, good.UDPQueries())
}

func TestLyingFailoverAfterServfail(t *testing.T) {
	bad, good := newServer(t, nil), newServer(t, nil)
	bad.SetBehavior(dnstest.Behavior{ServFail: true})
	r := testResolver(t, []string{bad.Addr, good.Addr}, func(c *resolver.Config) { c.Timeout = 3 * time.Second })
	start := time.Now()
	txt, err := r.LookupHost(context.Background(), "host.example.test.")
	require.NoError(t, err)
	assert.Len(t, txt, 2)
	assert.Less(t, time.Since(start), 2*time.Second, "SERVFAIL moves on at once, without waiting for the timeout")
}

func TestLyingTimeout(t *testing.T) {
	s1, s2 := newServer(t, nil), newServer(t, nil)
	s1.SetBehavior(dnstest.Behavior{Drop: true})
	s2.SetBehavior(dnstest.Behavior{Drop: true})
	r := testResolver(t, []string{s1.Addr, s2.Addr}, func(c *resolver.Config) {
		c.Timeout = 100 * time.Millisecond
		c.Attempts = 2
	})
	start := time.Now()
	_, err := r.LookupTXT(context.Background(), "host.example.test.")
	elapsed := time.Since(start)
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsTimeout)
	assert.True(t, de.Temporary())
	assert.False(t, de.IsNotFound)
	assert.Equal(t, "host.example.test.", de.Name)
	assert.Equal(t, s2.Addr, de.Server, "the last server asked")
	assert.Contains(t, err.Error(), "i/o timeout")
	assert.True(t, strings.HasPrefix(err.Error(), "lookup host.example.test. on "+s2.Addr+": read udp 127.0.0.1:"), err.Error())
	assert.GreaterOrEqual(t, elapsed, 400*time.Millisecond, "2 attempts x 2 servers x 100ms")
	assert.Less(t, elapsed, 2*time.Second)
	assert.EqualValues(t, 2, s1.UDPQueries())
	assert.EqualValues(t, 2, s2.UDPQueries())
}

func TestLyingTruncatedRetriesOverTCP(t *testing.T) {
	s := newServer(t, nil)
	s.SetBehavior(dnstest.Behavior{Truncate: true})
	r := testResolver(t, []string{s.Addr})
	addrs, err := r.LookupIP(context.Background(), "ip4", "host")
	require.NoError(t, err)
	require.Len(t, addrs, 1)
	assert.Equal(t, "127.0.55.1", addrs[0].String())
	assert.EqualValues(t, 1, s.UDPQueries())
	assert.EqualValues(t, 1, s.TCPQueries())
}

func TestLyingOversizedAnswerRetriesOverTCP(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr})
	txt, err := r.LookupTXT(context.Background(), "big")
	require.NoError(t, err)
	assert.Len(t, txt, 10)
	assert.EqualValues(t, 1, s.UDPQueries())
	assert.EqualValues(t, 1, s.TCPQueries())
}

func TestLyingUseVC(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.UseTCP = true })
	addrs, err := r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.Len(t, addrs, 2)
	assert.EqualValues(t, 0, s.UDPQueries())
	assert.EqualValues(t, 2, s.TCPQueries())
}

func TestLyingSpoofRejected(t *testing.T) {
	s := newServer(t, nil)
	s.SetBehavior(dnstest.Behavior{Spoof: true, Delay: 20 * time.Millisecond})
	r := testResolver(t, []string{s.Addr})
	for i := 0; i < 5; i++ {
		ips, err := r.LookupIP(context.Background(), "ip4", "host")
		require.NoError(t, err)
		require.Len(t, ips, 1)
		assert.Equal(t, "127.0.55.1", ips[0].String(), "a forged answer was accepted")
	}
}

func TestLyingMismatchesIgnoredOverUDP(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    dnstest.Behavior
	}{
		{"wrong ID", dnstest.Behavior{WrongID: true}},
		{"wrong question", dnstest.Behavior{WrongQuestion: true}},
		{"malformed", dnstest.Behavior{Malformed: true}},
		{"compression loop", dnstest.Behavior{CompressionLoop: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, nil)
			s.SetBehavior(tc.b)
			r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.Timeout = 150 * time.Millisecond })
			_, err := r.LookupIP(context.Background(), "ip4", "host.example.test.")
			var de *resolver.DNSError
			require.ErrorAs(t, err, &de)
			assert.True(t, de.IsTimeout, "the bad answer must be ignored and the wait go on: %v", err)
		})
	}
}

func TestLyingMismatchesRejectedOverTCP(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    dnstest.Behavior
		want string
	}{
		{"wrong ID", dnstest.Behavior{WrongID: true}, "invalid DNS response"},
		{"wrong question", dnstest.Behavior{WrongQuestion: true}, "invalid DNS response"},
		{"malformed", dnstest.Behavior{Malformed: true}, "cannot unmarshal DNS message"},
		{"compression loop", dnstest.Behavior{CompressionLoop: true}, "cannot unmarshal DNS message"},
		{"closed", dnstest.Behavior{CloseTCP: true}, "EOF"}, // bare, as from net.Conn
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, nil)
			s.SetBehavior(tc.b)
			r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.UseTCP = true })
			_, err := r.LookupIP(context.Background(), "ip4", "host.example.test.")
			require.Error(t, err)
			assert.Equal(t, "lookup host.example.test. on "+s.Addr+": "+tc.want, err.Error())
		})
	}
}

func TestLyingCancel(t *testing.T) {
	s := newServer(t, nil)
	s.SetBehavior(dnstest.Behavior{Delay: 3 * time.Second})
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.Timeout = 5 * time.Second })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := r.LookupIPAddr(ctx, "host")
	assert.Less(t, time.Since(start), time.Second)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "lookup host: operation was canceled", err.Error())

	// LookupHost (no shared flight) reports the cancelled exchange.
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = r.LookupHost(ctx, "host.example.test.")
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "operation was canceled")
}

func TestLyingContextDeadline(t *testing.T) {
	s := newServer(t, nil)
	s.SetBehavior(dnstest.Behavior{Drop: true})
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.Timeout = 5 * time.Second })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := r.LookupTXT(ctx, "host.example.test.")
	assert.Less(t, time.Since(start), time.Second)
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsTimeout)
}

func TestLyingEDNS0(t *testing.T) {
	var got atomic.Int64
	h := func(q dnsmessage.Message) (dnsmessage.Message, error) {
		size := int64(-1)
		for _, rr := range q.Additionals {
			if rr.Header.Type == dnsmessage.TypeOPT {
				size = int64(rr.Header.Class)
			}
		}
		got.Store(size)
		return zone(q)
	}
	s := newServer(t, h)
	for _, tc := range []struct {
		conf int
		want int64
	}{{0, 1232}, {4096, 4096}, {-1, -1}} {
		r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.EDNS0Size = tc.conf })
		_, err := r.LookupTXT(context.Background(), "host.example.test.")
		require.Error(t, err) // NODATA
		assert.Equal(t, tc.want, got.Load(), "EDNS0Size %d", tc.conf)
	}
}

func TestLyingSearchAndNdots(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	h := func(q dnsmessage.Message) (dnsmessage.Message, error) {
		mu.Lock()
		asked = append(asked, q.Questions[0].Name.String())
		mu.Unlock()
		return zone(q)
	}
	s := newServer(t, h)
	for _, tc := range []struct {
		name   string
		ndots  int
		search []string
		want   []string
	}{
		{"a", 1, []string{"one.test.", "two.test."}, []string{"a.one.test.", "a.two.test.", "a."}},
		{"a.b", 1, []string{"one.test."}, []string{"a.b.", "a.b.one.test."}},
		{"a.b", 2, []string{"one.test."}, []string{"a.b.one.test.", "a.b."}},
		{"a.b.", 5, []string{"one.test."}, []string{"a.b."}},
		{"a", 0, nil, []string{"a."}},
	} {
		mu.Lock()
		asked = nil
		mu.Unlock()
		r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.Ndots = tc.ndots; c.Search = tc.search })
		_, err := r.LookupTXT(context.Background(), tc.name)
		require.Error(t, err)
		mu.Lock()
		assert.Equal(t, tc.want, asked, "%s ndots:%d", tc.name, tc.ndots)
		mu.Unlock()
	}
}

func TestLyingSingleRequest(t *testing.T) {
	var inflight, maxInflight atomic.Int64
	h := func(q dnsmessage.Message) (dnsmessage.Message, error) {
		n := inflight.Add(1)
		defer inflight.Add(-1)
		for {
			m := maxInflight.Load()
			if n <= m || maxInflight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		return zone(q)
	}
	s := newServer(t, h)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.SingleRequest = true })
	addrs, err := r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.Len(t, addrs, 2)
	assert.EqualValues(t, 1, maxInflight.Load(), "single-request sends A and AAAA one after the other")

	maxInflight.Store(0)
	r = testResolver(t, []string{s.Addr})
	_, err = r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.EqualValues(t, 2, maxInflight.Load(), "A and AAAA in parallel by default")
}

func TestLyingNoAAAA(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.NoAAAA = true })
	addrs, err := r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.55.1"}, addrs)
	assert.EqualValues(t, 1, s.UDPQueries())
}

func TestLyingRotate(t *testing.T) {
	s1, s2 := newServer(t, nil), newServer(t, nil)
	r := testResolver(t, []string{s1.Addr, s2.Addr}, func(c *resolver.Config) { c.Rotate = true })
	for i := 0; i < 10; i++ {
		_, err := r.LookupTXT(context.Background(), "host.example.test.")
		require.Error(t, err)
	}
	assert.Greater(t, s1.UDPQueries(), int64(0))
	assert.Greater(t, s2.UDPQueries(), int64(0))
	assert.EqualValues(t, 10, s1.UDPQueries()+s2.UDPQueries())

	s3, s4 := newServer(t, nil), newServer(t, nil)
	r = testResolver(t, []string{s3.Addr, s4.Addr})
	for i := 0; i < 4; i++ {
		_, _ = r.LookupTXT(context.Background(), "host.example.test.")
	}
	assert.EqualValues(t, 4, s3.UDPQueries(), "without rotate the first server gets everything")
	assert.EqualValues(t, 0, s4.UDPQueries())
}

func TestLyingTrustADAndQuery(t *testing.T) {
	var sawAD atomic.Bool
	h := func(q dnsmessage.Message) (dnsmessage.Message, error) {
		sawAD.Store(q.Header.AuthenticData)
		m, err := zone(q)
		m.Header.AuthenticData = true
		return m, err
	}
	s := newServer(t, h)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.TrustAD = true })
	resp, err := r.Query(context.Background(), "host", dnsmessage.TypeA)
	require.NoError(t, err)
	assert.True(t, sawAD.Load(), "trust-ad sets AD in the query")
	assert.True(t, resp.AuthenticData())
	assert.Equal(t, "host.example.test.", resp.Name)
	assert.Equal(t, s.Addr, resp.Server)
	require.Len(t, resp.Answers, 1)
	assert.EqualValues(t, 300, resp.Answers[0].Header.TTL)
	assert.Equal(t, [4]byte{127, 0, 55, 1}, resp.Answers[0].Body.(*dnsmessage.AResource).A)

	// NODATA is an empty answer, not an error.
	resp, err = r.Query(context.Background(), "host.example.test.", dnsmessage.TypeMX)
	require.NoError(t, err)
	assert.Empty(t, resp.Answers)

	// NXDOMAIN is.
	_, err = r.Query(context.Background(), "nope.example.test.", dnsmessage.TypeA)
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsNotFound)
}

func TestLyingCacheTTL(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.CacheSize = 100 })
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		addrs, err := r.LookupHost(ctx, "host")
		require.NoError(t, err)
		assert.Len(t, addrs, 2)
	}
	assert.EqualValues(t, 2, s.UDPQueries(), "answers with TTL 300 come from the cache")

	// TTL 1: expires.
	_, err := r.LookupHost(ctx, "short.example.test.")
	require.NoError(t, err)
	n := s.UDPQueries()
	_, err = r.LookupHost(ctx, "short.example.test.")
	require.NoError(t, err)
	assert.Equal(t, n, s.UDPQueries(), "still cached")
	time.Sleep(1100 * time.Millisecond)
	_, err = r.LookupHost(ctx, "short.example.test.")
	require.NoError(t, err)
	assert.Greater(t, s.UDPQueries(), n, "expired after its 1s TTL")

	// Negative caching: NXDOMAIN with SOA minimum 2 (RFC 2308).
	n = s.UDPQueries()
	for i := 0; i < 3; i++ {
		_, err = r.LookupHost(ctx, "absent.example.test.")
		var de *resolver.DNSError
		require.ErrorAs(t, err, &de)
		assert.True(t, de.IsNotFound)
	}
	assert.Equal(t, n+2, s.UDPQueries(), "NXDOMAIN cached for the SOA minimum")

	// Without a cache every lookup asks.
	r2 := testResolver(t, []string{s.Addr})
	n = s.UDPQueries()
	for i := 0; i < 3; i++ {
		_, err := r2.LookupHost(ctx, "host")
		require.NoError(t, err)
	}
	assert.Equal(t, n+6, s.UDPQueries())
}

func TestLyingPipelinedTCP(t *testing.T) {
	s := newServer(t, nil)
	s.SetBehavior(dnstest.Behavior{Delay: 50 * time.Millisecond})
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) {
		c.Transport = resolver.TransportTCPPipelined
		c.Timeout = 5 * time.Second
	})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	start := time.Now()
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			addrs, err := r.LookupHost(context.Background(), "host")
			if err == nil && len(addrs) != 2 {
				err = errors.New("wrong answer")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Less(t, time.Since(start), 3*time.Second, "queries are pipelined, not serialised (that would take 100 x 50ms)")
	assert.EqualValues(t, 100, s.TCPQueries())
	assert.EqualValues(t, 1, s.TCPConns(), "one connection carries every query")
	assert.EqualValues(t, 0, s.UDPQueries())

	// A connection the server closes is replaced: the query is retried
	// once on a fresh connection (which this server closes too), and the
	// next lookup opens a third.
	s.SetBehavior(dnstest.Behavior{CloseTCP: true})
	_, err := r.LookupTXT(context.Background(), "host.example.test.")
	require.Error(t, err)
	assert.EqualValues(t, 2, s.TCPConns())
	s.SetBehavior(dnstest.Behavior{})
	_, err = r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.EqualValues(t, 3, s.TCPConns())
}

func TestLyingTruncationRemembered(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr})
	for i := 0; i < 3; i++ {
		txt, err := r.LookupTXT(context.Background(), "big.example.test.")
		require.NoError(t, err)
		assert.Len(t, txt, 10)
	}
	assert.EqualValues(t, 1, s.UDPQueries(), "after one truncated UDP answer the name goes straight to TCP")
	assert.EqualValues(t, 3, s.TCPQueries())

	// The pair path (A+AAAA on one socket) learns the same way.
	s.SetBehavior(dnstest.Behavior{Truncate: true})
	for i := 0; i < 3; i++ {
		addrs, err := r.LookupHost(context.Background(), "host.example.test.")
		require.NoError(t, err)
		assert.Len(t, addrs, 2)
	}
	assert.EqualValues(t, 3, s.UDPQueries(), "A and AAAA over UDP once")
	assert.EqualValues(t, 9, s.TCPQueries())

	// Another resolver has its own memory.
	r2 := testResolver(t, []string{s.Addr})
	_, err := r2.LookupTXT(context.Background(), "big.example.test.")
	require.NoError(t, err)
	assert.EqualValues(t, 4, s.UDPQueries())
}

func TestNewBareServerAddress(t *testing.T) {
	// A server given without a port means port 53; dial through a hook to
	// see the address actually used.
	var got []string
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{"127.0.0.1", "::1", "[::1]:5353"}
	cfg.Attempts = 1
	r := resolver.New(cfg)
	r.Dial = func(ctx context.Context, network, address string) (resolver.Conn, error) {
		got = append(got, address)
		return nil, errors.New("no network in this test")
	}
	_, err := r.LookupTXT(context.Background(), "x.test.")
	require.Error(t, err)
	assert.Equal(t, []string{"127.0.0.1:53", "[::1]:53", "[::1]:5353"}, got)
	assert.Contains(t, err.Error(), "lookup x.test. on [::1]:5353: no network in this test")
}

func TestLyingStrictErrors(t *testing.T) {
	// SERVFAIL for AAAA only: a temporary error for one of the two queries.
	s := newServer(t, func(q dnsmessage.Message) (dnsmessage.Message, error) {
		if q.Questions[0].Type == dnsmessage.TypeAAAA {
			return dnsmessage.Message{}, errors.New("servfail")
		}
		return zone(q)
	})
	r := testResolver(t, []string{s.Addr})
	addrs, err := r.LookupHost(context.Background(), "host.example.test.")
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.55.1"}, addrs, "partial answer by default")

	r.StrictErrors = true
	_, err = r.LookupHost(context.Background(), "host.example.test.")
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de, "StrictErrors: a temporary error fails the lookup")
	assert.True(t, de.IsTemporary)
	assert.Equal(t, "lookup host.example.test. on "+s.Addr+": server misbehaving", err.Error())

	// StrictErrors also stops the search list at a temporary error.
	srv := newServer(t, func(q dnsmessage.Message) (dnsmessage.Message, error) {
		if q.Questions[0].Name.String() == "host.bad.test." {
			return dnsmessage.Message{}, errors.New("servfail")
		}
		return zone(q)
	})
	for _, strict := range []bool{false, true} {
		r := testResolver(t, []string{srv.Addr}, func(c *resolver.Config) { c.Search = []string{"bad.test.", "example.test."} })
		r.StrictErrors = strict
		_, err := r.LookupTXT(context.Background(), "host")
		require.Error(t, err) // host.example.test. has no TXT either
		if strict {
			assert.Contains(t, err.Error(), "server misbehaving")
		} else {
			assert.Contains(t, err.Error(), "no such host")
		}
	}
}

func TestLyingMyHostname(t *testing.T) {
	s := newServer(t, nil)
	r := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.MyHostname = true })
	addrs, err := r.LookupHost(context.Background(), "localhost")
	require.NoError(t, err)
	assert.Equal(t, []string{"::1", "127.0.0.1"}, addrs)
	ips, err := r.LookupIPAddr(context.Background(), "db.localhost")
	require.NoError(t, err)
	assert.Len(t, ips, 2)
	assert.EqualValues(t, 0, s.UDPQueries(), "myhostname answers without DNS")
	_, err = r.LookupHost(context.Background(), "host")
	require.NoError(t, err)
	assert.EqualValues(t, 2, s.UDPQueries())

	// Without MyHostname, localhost goes to DNS (this zone says NXDOMAIN).
	r2 := testResolver(t, []string{s.Addr}, func(c *resolver.Config) { c.Search = nil })
	_, err = r2.LookupHost(context.Background(), "localhost")
	var de *resolver.DNSError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.IsNotFound)
}
