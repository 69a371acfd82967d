package resolver_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/require"
)

func seedFile(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		require.NoError(f, err)
		f.Add(string(b))
	}
}

func FuzzParseResolvConf(f *testing.F) {
	seedFile(f, "resolv-full.conf", "resolv-domain.conf", "resolv-empty.conf", "resolv-clamp.conf")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := resolver.ParseResolvConf(strings.NewReader(s))
		if err != nil {
			return // lines over 1 MiB
		}
		if len(c.Servers) == 0 || len(c.Servers) > 3 || c.Ndots < 0 || c.Ndots > 15 || c.Timeout < time.Second || c.Attempts < 1 {
			t.Fatalf("out of range: %+v", c)
		}
		// Writing the configuration out and reading it back is lossless.
		c.UnknownOptions = nil
		if c.Search != nil && len(c.Search) == 0 {
			c.Search = nil
		}
		back, err := resolver.ParseResolvConf(strings.NewReader(c.String()))
		require.NoError(t, err)
		if back.Search != nil && len(back.Search) == 0 {
			back.Search = nil
		}
		for _, s := range c.Search {
			if strings.ContainsAny(s, " \t\n#;") {
				return // not representable on a search line
			}
		}
		require.Equal(t, c, back)
	})
}

func FuzzParseHosts(f *testing.F) {
	seedFile(f, "hosts")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := resolver.ParseHosts(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, line := range strings.Split(s, "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			f := strings.Fields(line)
			if len(f) < 2 || net.ParseIP(f[0]) == nil || strings.Contains(f[0], "%") {
				continue
			}
			for _, name := range f[1:] {
				addrs, _ := h.LookupHost(name)
				if len(addrs) == 0 {
					t.Fatalf("%q from line %q not found", name, line)
				}
				if names := h.LookupAddr(f[0]); len(names) == 0 {
					t.Fatalf("address %q from line %q not found", f[0], line)
				}
			}
		}
	})
}

func FuzzParseNSSConf(f *testing.F) {
	seedFile(f, "nsswitch-default.conf", "nsswitch-systemd.conf", "nsswitch-mdns.conf", "nsswitch-notfound.conf", "nsswitch-bad.conf")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := resolver.ParseNSSConf(strings.NewReader(s))
		if err != nil {
			return
		}
		for db, srcs := range c.Sources {
			for _, src := range srcs {
				if src.Source == "" || strings.ContainsAny(src.Source, " \t") {
					t.Fatalf("bad source %q in %q", src.Source, db)
				}
			}
		}
		r := resolver.New(resolver.Config{})
		_ = r.Explain("x")
	})
}

func FuzzParseServices(f *testing.F) {
	seedFile(f, "services")
	f.Fuzz(func(t *testing.T, s string) {
		svc, err := resolver.ParseServices(strings.NewReader(s))
		if err != nil {
			return
		}
		cfg := resolver.DefaultConfig()
		cfg.Services = svc
		r := resolver.New(cfg)
		for _, line := range strings.Split(s, "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			p, err := r.LookupPort(context.Background(), "tcp", f[0])
			if err == nil && (p < 0 || p > 65535) {
				t.Fatalf("port %d out of range", p)
			}
		}
	})
}

// fakeConn answers every DNS query written to it (TCP framing) with a
// message built from the fuzz input: the query's ID and question, then the
// fuzzed flags, counts and sections. It is a net.Conn for the standard
// library and a resolver.Conn for netkit.
type fakeConn struct {
	packet bool // datagram framing (no length prefix); see fakePacketConn
	flags  uint16
	counts [3]uint16
	body   []byte
	mu     sync.Mutex
	out    bytes.Buffer
}

func (c *fakeConn) Write(b []byte) (int, error) {
	q := b
	if !c.packet {
		if len(b) < 14 {
			return 0, fmt.Errorf("short query")
		}
		q = b[2:]
	}
	if len(q) < 12 {
		return 0, fmt.Errorf("short query")
	}
	// Question: after the 12-byte header up to the end or the OPT record.
	qEnd := 12
	for qEnd < len(q) && q[qEnd] != 0 {
		qEnd += int(q[qEnd]) + 1
	}
	qEnd += 5
	if qEnd > len(q) {
		return 0, fmt.Errorf("bad query")
	}
	msg := make([]byte, 12, 12+qEnd+len(c.body))
	copy(msg, q[:2])
	binary.BigEndian.PutUint16(msg[2:], c.flags|0x8000)
	binary.BigEndian.PutUint16(msg[4:], 1)
	binary.BigEndian.PutUint16(msg[6:], c.counts[0])
	binary.BigEndian.PutUint16(msg[8:], c.counts[1])
	binary.BigEndian.PutUint16(msg[10:], c.counts[2])
	msg = append(msg, q[12:qEnd]...)
	msg = append(msg, c.body...)
	c.mu.Lock()
	if !c.packet {
		var l [2]byte
		binary.BigEndian.PutUint16(l[:], uint16(len(msg)))
		c.out.Write(l[:])
	}
	c.out.Write(msg)
	c.mu.Unlock()
	return len(b), nil
}

func (c *fakeConn) Read(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.out.Len() == 0 {
		return 0, fmt.Errorf("no answer pending")
	}
	return c.out.Read(b)
}

// fakePacketConn is a fakeConn with net.PacketConn's methods: both
// resolvers then use it one message per Read, as a UDP socket.
type fakePacketConn struct{ *fakeConn }

func (c fakePacketConn) ReadFrom(b []byte) (int, net.Addr, error) {
	n, err := c.Read(b)
	return n, &net.UDPAddr{}, err
}

func (c fakePacketConn) WriteTo(b []byte, _ net.Addr) (int, error) { return c.Write(b) }

func (c *fakeConn) Close() error                     { return nil }
func (c *fakeConn) SetDeadline(time.Time) error      { return nil }
func (c *fakeConn) SetReadDeadline(time.Time) error  { return nil }
func (c *fakeConn) SetWriteDeadline(time.Time) error { return nil }
func (c *fakeConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (c *fakeConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }

// FuzzAnswerDifferential feeds the same (fuzzed) answer to netkit and to
// the standard library's pure Go resolver and requires the same results and
// the same error texts from LookupTXT, LookupMX, LookupSRV and LookupIP.
func FuzzAnswerDifferential(f *testing.F) {
	// A: one answer "name(ptr to question) A 127.0.0.1".
	f.Add(uint16(0x0580), uint16(1), uint16(0), uint16(0), []byte{0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1})
	// TXT "hi".
	f.Add(uint16(0x0580), uint16(1), uint16(0), uint16(0), []byte{0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 'h', 'i'})
	// MX 10 ".".
	f.Add(uint16(0x0580), uint16(1), uint16(0), uint16(0), []byte{0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 3, 0, 10, 0})
	// NXDOMAIN, SERVFAIL, truncated garbage.
	f.Add(uint16(0x0583), uint16(0), uint16(0), uint16(0), []byte{})
	f.Add(uint16(0x0582), uint16(0), uint16(0), uint16(0), []byte{})
	f.Add(uint16(0x0780), uint16(2), uint16(0), uint16(0), []byte{0xc0, 12, 0, 1})
	// The same answers over the datagram path.
	f.Add(uint16(0x0580), uint16(0x101), uint16(0), uint16(0), []byte{0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 'h', 'i'})
	f.Add(uint16(0x0783), uint16(0x101), uint16(0), uint16(0), []byte{0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 'h', 'i'})
	f.Fuzz(func(t *testing.T, flags, an, ns, ar uint16, body []byte) {
		if len(body) > 2000 || bytes.Contains(body, []byte{0xc0, 0}) || bytes.Contains(body, []byte{0xc0, 1}) {
			// A compression pointer to the random query ID makes the
			// answer differ between the two resolvers.
			return
		}
		// Bit 8 of an selects the datagram path (an%8 is the answer count).
		packet := an&0x100 != 0
		newConn := func() net.Conn {
			c := &fakeConn{packet: packet, flags: flags, counts: [3]uint16{an % 8, ns % 8, ar % 8}, body: body}
			if packet {
				return fakePacketConn{c}
			}
			return c
		}
		cfg := resolver.DefaultConfig()
		cfg.Servers = []string{"127.0.0.1:53"}
		cfg.Attempts = 1
		nk := resolver.New(cfg)
		nk.Dial = func(ctx context.Context, network, address string) (resolver.Conn, error) { return newConn(), nil }
		std := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) { return newConn(), nil }}
		ctx := context.Background()
		const name = "fuzz.test."
		same := func(what string, a, b any, e1, e2 error) {
			// The standard library reports the server from its own
			// resolv.conf: compare without it.
			s1, s2 := stripServer(e1), stripServer(e2)
			if s1 != s2 {
				t.Fatalf("%s: errors differ: netkit %q, std %q", what, s1, s2)
			}
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("%s: results differ: netkit %v, std %v", what, a, b)
			}
		}
		t1, e1 := nk.LookupTXT(ctx, name)
		t2, e2 := std.LookupTXT(ctx, name)
		same("LookupTXT", t1, t2, e1, e2)
		m1, e1 := nk.LookupMX(ctx, name)
		m2, e2 := std.LookupMX(ctx, name)
		same("LookupMX", len(m1), len(m2), e1, e2)
		_, s1, e1 := nk.LookupSRV(ctx, "", "", name)
		_, s2, e2 := std.LookupSRV(ctx, "", "", name)
		same("LookupSRV", len(s1), len(s2), e1, e2)
		i1, e1 := nk.LookupIP(ctx, "ip4", name)
		i2, e2 := std.LookupIP(ctx, "ip4", name)
		same("LookupIP", fmt.Sprint(i1), fmt.Sprint(i2), e1, e2)
	})
}

func stripServer(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if i := strings.Index(s, " on "); i >= 0 {
		if j := strings.Index(s[i:], ": "); j >= 0 {
			s = s[:i] + s[i+j:]
		}
	}
	return s
}

// FuzzLookupPort compares LookupPort with the standard library's for any
// network and service: both read this machine's /etc/services and fall back
// on the same built-in table.
func FuzzLookupPort(f *testing.F) {
	for _, s := range []string{"http", "HTTP", "80", "-1", "+80", "65536", "99999999999", "", "domain", "ssh", "no-such-service", "0x50", "１２"} {
		f.Add("tcp", s)
		f.Add("udp", s)
	}
	f.Add("", "smtp")
	f.Add("ip", "echo")
	f.Add("sctp", "http")
	f.Fuzz(func(t *testing.T, network, service string) {
		var nk resolver.Resolver
		std := &net.Resolver{PreferGo: true}
		p1, e1 := nk.LookupPort(context.Background(), network, service)
		p2, e2 := std.LookupPort(context.Background(), network, service)
		if p1 != p2 || errText(e1) != errText(e2) {
			t.Fatalf("LookupPort(%q, %q): netkit %d %v, std %d %v", network, service, p1, e1, p2, e2)
		}
	})
}
