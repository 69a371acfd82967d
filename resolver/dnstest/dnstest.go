//go:build unix

package dnstest

import (
	"encoding/binary"
	"errors"
	"io"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netkit-go/netkit/poller"
	"golang.org/x/net/dns/dnsmessage"
	"golang.org/x/sys/unix"
)

// Handler answers one query. The server fills in what the handler leaves
// out: the ID (the query's), the Response bit, and the question (the
// query's) when the answer has none. A non-nil error answers SERVFAIL.
type Handler func(q dnsmessage.Message) (dnsmessage.Message, error)

// Behavior makes a server misbehave. The zero value is a well-behaved
// server. Fields apply to UDP and TCP unless they say otherwise.
type Behavior struct {
	// Drop ignores queries: no answer at all.
	Drop bool
	// Delay waits this long before answering.
	Delay time.Duration
	// Truncate answers every UDP query with the TC bit set and no records,
	// so that clients must retry over TCP.
	Truncate bool
	// WrongID answers with an ID that is not the query's.
	WrongID bool
	// WrongQuestion answers with a question for another name.
	WrongQuestion bool
	// Malformed answers with bytes that do not parse as a DNS message.
	Malformed bool
	// CompressionLoop answers with a message whose question name is a
	// compression pointer to itself (RFC 1035 section 4.1.4 abuse).
	CompressionLoop bool
	// ServFail answers every query with RCODE SERVFAIL.
	ServFail bool
	// Spoof sends, before the real answer, two forged UDP answers (wrong ID,
	// and right ID with a wrong question) whose A records say SpoofAddr.
	Spoof bool
	// CloseTCP closes TCP connections after reading a query, without
	// answering.
	CloseTCP bool
}

// SpoofAddr is the address in the forged answers sent with Behavior.Spoof.
var SpoofAddr = netip.MustParseAddr("127.6.6.6")

// Server is a running DNS server on one loopback port, UDP and TCP.
type Server struct {
	// Addr is "ip:port", the same port for UDP and TCP.
	Addr string

	handler  Handler
	behavior atomic.Pointer[Behavior]
	udp, tcp *poller.FD
	wg       sync.WaitGroup
	closed   atomic.Bool

	mu    sync.Mutex
	conns map[*poller.FD]struct{}

	udpQueries, tcpQueries, accepts atomic.Int64
}

// NewServer starts a server on host ("127.0.0.1" or "::1") at a port the
// kernel picks, answering with h.
func NewServer(host string, h Handler) (*Server, error) {
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return nil, err
	}
	family := unix.AF_INET
	if ip.Is6() {
		family = unix.AF_INET6
	}
	s := &Server{handler: h, conns: map[*poller.FD]struct{}{}}
	s.behavior.Store(&Behavior{})
	for tries := 0; ; tries++ {
		err = s.listen(family, ip)
		if err == nil {
			break
		}
		if tries == 20 || !errors.Is(err, unix.EADDRINUSE) {
			return nil, err
		}
	}
	s.wg.Add(2)
	go s.serveUDP()
	go s.serveTCP()
	return s, nil
}

func sockaddr(ip netip.Addr, port int) unix.Sockaddr {
	if ip.Is4() {
		return &unix.SockaddrInet4{Port: port, Addr: ip.As4()}
	}
	return &unix.SockaddrInet6{Port: port, Addr: ip.As16()}
}

func portOf(sa unix.Sockaddr) int {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return sa.Port
	case *unix.SockaddrInet6:
		return sa.Port
	}
	return 0
}

// listen binds UDP to port 0 and TCP to the same port.
func (s *Server) listen(family int, ip netip.Addr) error {
	u, err := poller.Socket(family, unix.SOCK_DGRAM, 0)
	if err != nil {
		return err
	}
	if err := u.Bind(sockaddr(ip, 0)); err != nil {
		u.Close()
		return err
	}
	sa, err := u.Sockname()
	if err != nil {
		u.Close()
		return err
	}
	port := portOf(sa)
	t, err := poller.Socket(family, unix.SOCK_STREAM, 0)
	if err != nil {
		u.Close()
		return err
	}
	if err := t.Bind(sockaddr(ip, port)); err != nil {
		u.Close()
		t.Close()
		return err
	}
	if err := t.Listen(64); err != nil {
		u.Close()
		t.Close()
		return err
	}
	s.udp, s.tcp = u, t
	s.Addr = netip.AddrPortFrom(ip, uint16(port)).String()
	return nil
}

// SetBehavior changes how the server behaves from the next query on.
func (s *Server) SetBehavior(b Behavior) { s.behavior.Store(&b) }

// UDPQueries returns the number of UDP queries received.
func (s *Server) UDPQueries() int64 { return s.udpQueries.Load() }

// TCPQueries returns the number of TCP queries received.
func (s *Server) TCPQueries() int64 { return s.tcpQueries.Load() }

// TCPConns returns the number of TCP connections accepted.
func (s *Server) TCPConns() int64 { return s.accepts.Load() }

// Close stops the server and waits for its goroutines to finish.
func (s *Server) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.udp.Close()
	s.tcp.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return nil
}

func (s *Server) serveUDP() {
	defer s.wg.Done()
	buf := make([]byte, 65536)
	for {
		n, from, err := s.udp.ReadFrom(buf)
		if err != nil {
			if s.closed.Load() {
				return
			}
			continue
		}
		s.udpQueries.Add(1)
		req := append([]byte(nil), buf[:n]...)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			b := *s.behavior.Load()
			if b.Spoof {
				for _, m := range s.spoofs(req) {
					s.udp.WriteTo(m, from)
				}
			}
			for _, m := range s.answer(req, b, true) {
				if !s.sleep(b.Delay) {
					return
				}
				s.udp.WriteTo(m, from)
			}
		}()
	}
}

// sleep waits d unless the server closes first.
func (s *Server) sleep(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if s.closed.Load() {
			return false
		}
		time.Sleep(min(10*time.Millisecond, time.Until(deadline)))
	}
	return !s.closed.Load()
}

func (s *Server) serveTCP() {
	defer s.wg.Done()
	for {
		c, _, err := s.tcp.Accept()
		if err != nil {
			if s.closed.Load() {
				return
			}
			continue
		}
		s.mu.Lock()
		if s.closed.Load() {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = struct{}{}
		s.mu.Unlock()
		s.accepts.Add(1)
		s.wg.Add(1)
		go s.serveConn(c)
	}
}

func (s *Server) serveConn(c *poller.FD) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		c.Close()
	}()
	var wmu sync.Mutex
	var lb [2]byte
	for {
		if _, err := io.ReadFull(c, lb[:]); err != nil {
			return
		}
		req := make([]byte, binary.BigEndian.Uint16(lb[:]))
		if _, err := io.ReadFull(c, req); err != nil {
			return
		}
		s.tcpQueries.Add(1)
		b := *s.behavior.Load()
		if b.CloseTCP {
			return
		}
		// Answer each query on its own goroutine: pipelined queries may be
		// answered out of order (RFC 7766 section 7).
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			for _, m := range s.answer(req, b, false) {
				if !s.sleep(b.Delay) {
					return
				}
				out := make([]byte, 2+len(m))
				binary.BigEndian.PutUint16(out, uint16(len(m)))
				copy(out[2:], m)
				wmu.Lock()
				c.Write(out)
				wmu.Unlock()
			}
		}()
	}
}

// answer builds the messages to send for one query (none when dropping).
func (s *Server) answer(req []byte, b Behavior, udp bool) [][]byte {
	if b.Drop {
		return nil
	}
	var q dnsmessage.Message
	if err := q.Unpack(req); err != nil {
		return nil
	}
	if b.Malformed {
		return [][]byte{{byte(q.Header.ID >> 8), byte(q.Header.ID), 0x81, 0x80, 0, 1, 0, 1}}
	}
	if b.CompressionLoop {
		m := []byte{byte(q.Header.ID >> 8), byte(q.Header.ID), 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0,
			0xc0, 12, 0, 1, 0, 1}
		return [][]byte{m}
	}
	var resp dnsmessage.Message
	var err error
	if b.ServFail {
		err = errors.New("servfail")
	} else {
		resp, err = s.handler(q)
	}
	if err != nil {
		resp = dnsmessage.Message{Header: dnsmessage.Header{RCode: dnsmessage.RCodeServerFailure}}
	}
	if resp.Header.ID == 0 {
		resp.Header.ID = q.Header.ID
	}
	resp.Header.Response = true
	resp.Header.RecursionDesired = q.Header.RecursionDesired
	if len(resp.Questions) == 0 {
		resp.Questions = q.Questions
	}
	if b.WrongID {
		resp.Header.ID = ^q.Header.ID
	}
	if b.WrongQuestion && len(resp.Questions) > 0 {
		resp.Questions = []dnsmessage.Question{resp.Questions[0]}
		resp.Questions[0].Name = dnsmessage.MustNewName("wrong.question.")
	}
	limit := 512
	for _, rr := range q.Additionals {
		if rr.Header.Type == dnsmessage.TypeOPT {
			limit = max(int(rr.Header.Class), 512)
		}
	}
	if udp && b.Truncate {
		resp = truncated(resp)
	}
	out, err := resp.Pack()
	if err != nil {
		return nil
	}
	if udp && len(out) > limit {
		t := truncated(resp)
		if out, err = t.Pack(); err != nil {
			return nil
		}
	}
	return [][]byte{out}
}

func truncated(m dnsmessage.Message) dnsmessage.Message {
	m.Header.Truncated = true
	m.Answers, m.Authorities, m.Additionals = nil, nil, nil
	return m
}

// spoofs returns forged answers for a UDP query.
func (s *Server) spoofs(req []byte) [][]byte {
	var q dnsmessage.Message
	if err := q.Unpack(req); err != nil || len(q.Questions) == 0 {
		return nil
	}
	forge := func(id uint16, question dnsmessage.Question) []byte {
		m := dnsmessage.Message{
			Header:    dnsmessage.Header{ID: id, Response: true, Authoritative: true, RecursionAvailable: true},
			Questions: []dnsmessage.Question{question},
			Answers: []dnsmessage.Resource{{
				Header: dnsmessage.ResourceHeader{Name: question.Name, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 60},
				Body:   &dnsmessage.AResource{A: SpoofAddr.As4()},
			}},
		}
		b, _ := m.Pack()
		return b
	}
	wrongQ := q.Questions[0]
	wrongQ.Name = dnsmessage.MustNewName("spoofed.example.")
	return [][]byte{forge(^q.Header.ID, q.Questions[0]), forge(q.Header.ID, wrongQ)}
}

// Answer is a Handler helper: it returns an authoritative answer holding
// rrs whose type matches the question (all of rrs for ANY), with owner
// names set to the question's name where empty, or NXDOMAIN when rrs is nil.
func Answer(q dnsmessage.Message, rrs ...dnsmessage.Resource) dnsmessage.Message {
	m := dnsmessage.Message{Header: dnsmessage.Header{Authoritative: true, RecursionAvailable: true}}
	if rrs == nil {
		m.Header.RCode = dnsmessage.RCodeNameError
		return m
	}
	if len(q.Questions) == 0 {
		return m
	}
	qq := q.Questions[0]
	for _, rr := range rrs {
		if rr.Header.Name.Length == 0 {
			rr.Header.Name = qq.Name
		}
		if rr.Header.Class == 0 {
			rr.Header.Class = dnsmessage.ClassINET
		}
		if rr.Header.Type == 0 {
			rr.Header.Type = typeOf(rr.Body)
		}
		if qq.Type == dnsmessage.TypeALL || rr.Header.Type == qq.Type || rr.Header.Type == dnsmessage.TypeCNAME {
			m.Answers = append(m.Answers, rr)
		}
	}
	return m
}

func typeOf(b dnsmessage.ResourceBody) dnsmessage.Type {
	switch b.(type) {
	case *dnsmessage.AResource:
		return dnsmessage.TypeA
	case *dnsmessage.AAAAResource:
		return dnsmessage.TypeAAAA
	case *dnsmessage.CNAMEResource:
		return dnsmessage.TypeCNAME
	case *dnsmessage.TXTResource:
		return dnsmessage.TypeTXT
	case *dnsmessage.MXResource:
		return dnsmessage.TypeMX
	case *dnsmessage.NSResource:
		return dnsmessage.TypeNS
	case *dnsmessage.PTRResource:
		return dnsmessage.TypePTR
	case *dnsmessage.SRVResource:
		return dnsmessage.TypeSRV
	case *dnsmessage.SOAResource:
		return dnsmessage.TypeSOA
	}
	return 0
}

// A returns an A record body for s ("127.0.0.1"); it panics on a bad address.
func A(s string) *dnsmessage.AResource {
	return &dnsmessage.AResource{A: netip.MustParseAddr(s).As4()}
}

// AAAA returns an AAAA record body for s; it panics on a bad address.
func AAAA(s string) *dnsmessage.AAAAResource {
	return &dnsmessage.AAAAResource{AAAA: netip.MustParseAddr(s).As16()}
}

// RR returns a record with the given TTL and body (owner name and type
// filled in by Answer).
func RR(ttl uint32, body dnsmessage.ResourceBody) dnsmessage.Resource {
	return dnsmessage.Resource{Header: dnsmessage.ResourceHeader{TTL: ttl}, Body: body}
}
