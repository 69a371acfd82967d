package resolver

import (
	"context"
	"io"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/net/dns/dnsmessage"
)

// newRequest builds a query for q with a random ID, recursion desired, the
// AD bit when ad is set, and an EDNS(0) OPT record advertising edns bytes
// (none when edns is 0). tcpReq is udpReq with its two-byte length prefix.
func newRequest(q dnsmessage.Question, ad bool, edns int) (id uint16, udpReq, tcpReq []byte, err error) {
	id = uint16(rand.Uint32())
	b := dnsmessage.NewBuilder(make([]byte, 2, 514), dnsmessage.Header{ID: id, RecursionDesired: true, AuthenticData: ad})
	if err := b.StartQuestions(); err != nil {
		return 0, nil, nil, err
	}
	if err := b.Question(q); err != nil {
		return 0, nil, nil, err
	}
	if edns > 0 {
		if err := b.StartAdditionals(); err != nil {
			return 0, nil, nil, err
		}
		var rh dnsmessage.ResourceHeader
		if err := rh.SetEDNS0(edns, dnsmessage.RCodeSuccess, false); err != nil {
			return 0, nil, nil, err
		}
		if err := b.OPTResource(rh, dnsmessage.OPTResource{}); err != nil {
			return 0, nil, nil, err
		}
	}
	tcpReq, err = b.Finish()
	if err != nil {
		return 0, nil, nil, err
	}
	udpReq = tcpReq[2:]
	l := len(udpReq)
	tcpReq[0], tcpReq[1] = byte(l>>8), byte(l)
	return id, udpReq, tcpReq, nil
}

// checkResponse reports whether a message answers the query: a response
// with the query's ID and the same question (name compared without case).
func checkResponse(reqID uint16, reqQ dnsmessage.Question, h dnsmessage.Header, q dnsmessage.Question) bool {
	return h.Response && h.ID == reqID && q.Type == reqQ.Type && q.Class == reqQ.Class && equalASCIIName(q.Name, reqQ.Name)
}

// response is one parsed answer: the parser positioned after the question,
// the header, and the raw message (for TTLs and Query).
type response struct {
	p   dnsmessage.Parser
	h   dnsmessage.Header
	msg []byte
}

// minUDPBuffer is the smallest UDP read buffer, whatever EDNS(0) size is
// advertised: the standard library always reads 1232 bytes, so that an
// answer a server sends larger than asked (without TC) is read whole rather
// than cut by the kernel into an unparsable message.
const minUDPBuffer = 1232

// packetRoundTrip sends b and waits for the matching answer. Anything that
// does not parse or does not match the ID and question is ignored (possible
// spoofing, golang.org/issue/13281): the wait goes on until the deadline.
func packetRoundTrip(c Conn, id uint16, q dnsmessage.Question, b []byte, bufSize int) (response, error) {
	if _, err := c.Write(b); err != nil {
		return response{}, err
	}
	buf := make([]byte, max(bufSize, minUDPBuffer))
	for {
		n, err := c.Read(buf)
		if err != nil {
			return response{}, err
		}
		var p dnsmessage.Parser
		h, err := p.Start(buf[:n])
		if err != nil {
			continue
		}
		rq, err := p.Question()
		if err != nil || !checkResponse(id, q, h, rq) {
			continue
		}
		return response{p: p, h: h, msg: buf[:n]}, nil
	}
}

// streamRoundTrip sends b (length-prefixed) and reads one length-prefixed
// answer. Over a stream a mismatched answer is an error, not ignored.
func streamRoundTrip(c Conn, id uint16, q dnsmessage.Question, b []byte) (response, error) {
	if _, err := c.Write(b); err != nil {
		return response{}, err
	}
	var lb [2]byte
	if _, err := io.ReadFull(c, lb[:]); err != nil {
		return response{}, err
	}
	buf := make([]byte, int(lb[0])<<8|int(lb[1]))
	if _, err := io.ReadFull(c, buf); err != nil {
		return response{}, err
	}
	return parseStreamAnswer(id, q, buf)
}

func parseStreamAnswer(id uint16, q dnsmessage.Question, buf []byte) (response, error) {
	var p dnsmessage.Parser
	h, err := p.Start(buf)
	if err != nil {
		return response{}, errCannotUnmarshalDNSMessage
	}
	rq, err := p.Question()
	if err != nil {
		return response{}, errCannotUnmarshalDNSMessage
	}
	if !checkResponse(id, q, h, rq) {
		return response{}, errInvalidDNSResponse
	}
	return response{p: p, h: h, msg: buf}, nil
}

// rotation is the server offset counter for Config.Rotate.
var rotation atomic.Uint32

// aLongTimeAgo interrupts blocked I/O when a context is cancelled.
var aLongTimeAgo = time.Unix(1, 0)

// exchange sends one query to one server and returns its answer: over UDP
// first (unless conf.UseTCP), then over TCP when the UDP answer is
// truncated (RFC 7766 section 5). Each network gets conf.Timeout.
func (r *Resolver) exchange(ctx context.Context, server string, q dnsmessage.Question, conf *Config) (response, error) {
	q.Class = dnsmessage.ClassINET
	edns := conf.ednsSize()
	id, udpReq, tcpReq, err := newRequest(q, conf.TrustAD, edns)
	if err != nil {
		return response{}, errCannotMarshalDNSMessage
	}
	networks := [2]string{"udp", "tcp"}
	nets := networks[:]
	if conf.UseTCP || r.tcHints().has(server, q) {
		nets = networks[1:]
	}
	if t := r.pool(); t != nil {
		resp, err := t.exchange(ctx, r, server, q, tcpReq, conf.timeout())
		if err != nil {
			return response{}, err
		}
		if err := resp.p.SkipQuestion(); err != dnsmessage.ErrSectionDone {
			return response{}, errInvalidDNSResponse
		}
		return resp, nil
	}
	for _, network := range nets {
		resp, err := r.exchangeOnce(ctx, network, server, id, q, udpReq, tcpReq, edns, conf.timeout())
		if err != nil {
			return response{}, err
		}
		if err := resp.p.SkipQuestion(); err != dnsmessage.ErrSectionDone {
			return response{}, errInvalidDNSResponse
		}
		// A truncated UDP answer means: ask again over TCP. A truncated TCP
		// answer is used as it is, as glibc does (golang.org/issue/64896).
		if resp.h.Truncated && network == "udp" {
			r.tcHints().add(server, q)
			continue
		}
		return resp, nil
	}
	return response{}, errNoAnswerFromDNSServer
}

func (r *Resolver) exchangeOnce(ctx context.Context, network, server string, id uint16, q dnsmessage.Question, udpReq, tcpReq []byte, edns int, timeout time.Duration) (response, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := r.dial(ctx, network, server)
	if err != nil {
		return response{}, err
	}
	defer c.Close()
	if d, ok := ctx.Deadline(); ok {
		c.SetDeadline(d)
	}
	// Cancellation (as opposed to the deadline, already set) interrupts the
	// I/O by moving the deadline into the past.
	stop := context.AfterFunc(ctx, func() { c.SetDeadline(aLongTimeAgo) })
	var resp response
	if isPacketConn(c) {
		resp, err = packetRoundTrip(c, id, q, udpReq, edns)
	} else {
		resp, err = streamRoundTrip(c, id, q, tcpReq)
	}
	if !stop() && err != nil {
		// The context ended the exchange: report why, as the standard
		// library does for a cancelled dial.
		if cerr := ctx.Err(); cerr == context.Canceled {
			return response{}, cancelOpError(err)
		}
	}
	if err != nil {
		return response{}, mapErr(err)
	}
	return resp, nil
}

// cancelOpError replaces the deadline error of an I/O interrupted by
// cancellation with "operation was canceled", keeping the OpError around it.
func cancelOpError(err error) error {
	if oe, ok := err.(*addr.OpError); ok {
		c := *oe
		c.Err = errCanceled
		return &c
	}
	return errCanceled
}

// checkHeader performs the standard library's sanity checks on an answer.
func checkHeader(p *dnsmessage.Parser, h dnsmessage.Header) error {
	rcode, hasAdd := extractExtendedRCode(*p, h)
	if rcode == dnsmessage.RCodeNameError {
		return errNoSuchHost
	}
	_, err := p.AnswerHeader()
	if err != nil && err != dnsmessage.ErrSectionDone {
		return errCannotUnmarshalDNSMessage
	}
	// libresolv goes on to the next server after an invalid referral
	// (golang.org/issue/15434).
	if rcode == dnsmessage.RCodeSuccess && !h.Authoritative && !h.RecursionAvailable && err == dnsmessage.ErrSectionDone && !hasAdd {
		return errLameReferral
	}
	if rcode != dnsmessage.RCodeSuccess && rcode != dnsmessage.RCodeNameError {
		if rcode == dnsmessage.RCodeServerFailure {
			return errServerTemporarilyMisbehaving
		}
		return errServerMisbehaving
	}
	return nil
}

func skipToAnswer(p *dnsmessage.Parser, qtype dnsmessage.Type) error {
	for {
		h, err := p.AnswerHeader()
		if err == dnsmessage.ErrSectionDone {
			return errNoSuchHost
		}
		if err != nil {
			return errCannotUnmarshalDNSMessage
		}
		if h.Type == qtype {
			return nil
		}
		if err := p.SkipAnswer(); err != nil {
			return errCannotUnmarshalDNSMessage
		}
	}
}

// extractExtendedRCode returns the RCODE including the OPT record's upper
// bits (RFC 6891 section 6.1.3), and whether there is an additional record.
func extractExtendedRCode(p dnsmessage.Parser, h dnsmessage.Header) (dnsmessage.RCode, bool) {
	p.SkipAllAnswers()
	p.SkipAllAuthorities()
	hasAdd := false
	for {
		ah, err := p.AdditionalHeader()
		if err != nil {
			return h.RCode, hasAdd
		}
		hasAdd = true
		if ah.Type == dnsmessage.TypeOPT {
			return ah.ExtendedRCode(h.RCode), hasAdd
		}
		if err := p.SkipAdditional(); err != nil {
			return h.RCode, hasAdd
		}
	}
}

// isSocketError reports whether err came from the transport (a dial, read or
// write failure) rather than from the DNS answer; such errors make the
// DNSError temporary, as in the standard library.
func isSocketError(err error) bool {
	switch err.(type) {
	case *addr.OpError:
		return true
	case *notFoundError, *temporaryError, *timeoutError, canceledError:
		return false
	}
	_, ok := err.(netError)
	return ok
}

// tryOneName asks the servers for one rooted name, with failover: conf.Attempts
// rounds over the servers (starting at a rotating offset when conf.Rotate).
// NXDOMAIN and NODATA end the search at once; other failures try the next
// server. When allowNoData is set (Query), NODATA answers are returned.
func (r *Resolver) tryOneName(ctx context.Context, conf *Config, name string, qtype dnsmessage.Type, allowNoData bool) (response, string, error) {
	var lastErr error
	n, err := dnsmessage.NewName(name)
	if err != nil {
		return response{}, "", &DNSError{Err: errCannotMarshalDNSMessage.Error(), Name: name}
	}
	q := dnsmessage.Question{Name: n, Type: qtype, Class: dnsmessage.ClassINET}
	servers := conf.Servers
	if len(servers) == 0 {
		servers = defaultServers
	}
	sLen := uint32(len(servers))
	offset := uint32(0)
	if conf.Rotate {
		offset = rotation.Add(1) - 1
	}
	for i := 0; i < conf.attempts(); i++ {
		for j := uint32(0); j < sLen; j++ {
			server := servers[(offset+j)%sLen]
			resp, err := r.exchange(ctx, server, q, conf)
			if err != nil {
				dnsErr := newDNSError(err, name, server)
				if isSocketError(err) {
					dnsErr.IsTemporary = true
				}
				// A done context is not a reason to stop early: as in the
				// standard library, the remaining servers are tried (their
				// dials fail at once) and the last one is reported.
				lastErr = dnsErr
				continue
			}
			if err := checkHeader(&resp.p, resp.h); err != nil {
				if err == errNoSuchHost {
					// The name does not exist: asking another server will
					// not help.
					return resp, server, newDNSError(errNoSuchHost, name, server)
				}
				lastErr = newDNSError(err, name, server)
				continue
			}
			if allowNoData {
				return resp, server, nil
			}
			if err := skipToAnswer(&resp.p, qtype); err != nil {
				if err == errNoSuchHost {
					return resp, server, newDNSError(errNoSuchHost, name, server)
				}
				lastErr = newDNSError(err, name, server)
				continue
			}
			return resp, server, nil
		}
	}
	return response{}, "", lastErr
}

// lookup resolves name (applying the search list) for one type and returns
// the answer positioned at the first record of that type.
func (r *Resolver) lookup(ctx context.Context, name string, qtype dnsmessage.Type, conf *Config) (response, string, error) {
	if !isDomainName(name) {
		// As libc resolvers do, report "no such host" for invalid names.
		return response{}, "", newDNSError(errNoSuchHost, name, "")
	}
	var (
		resp   response
		server string
		err    error
	)
	names := conf.nameList(name)
	if len(names) == 0 {
		return response{}, "", newDNSError(errNoSuchHost, name, "")
	}
	for _, fqdn := range names {
		resp, server, err = r.tryOneName(ctx, conf, fqdn, qtype, false)
		if err == nil {
			break
		}
		if ne, ok := err.(netError); ok && ne.Temporary() && r.strictErrors() {
			break
		}
	}
	if err == nil {
		return resp, server, nil
	}
	if de, ok := err.(*DNSError); ok {
		// Report the name asked for, not the last suffixed one
		// (golang.org/issue/6324).
		de.Name = name
	}
	return response{}, "", err
}
