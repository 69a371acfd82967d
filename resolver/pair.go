package resolver

import (
	"context"

	"golang.org/x/net/dns/dnsmessage"
)

// usePair reports whether A and AAAA may share one UDP socket: the default
// transport, parallel queries, UDP first. glibc does the same (one socket,
// both queries, answers matched by ID); it saves a socket, a connect and a
// goroutine per lookup.
func (r *Resolver) usePair(conf *Config) bool {
	return (r == nil || r.Dial == nil) && !conf.UseTCP && !conf.SingleRequest && r.pool() == nil
}

// tryPair is tryOneName for two types of one name at once, with the same
// failover rules applied to each query separately.
func (r *Resolver) tryPair(ctx context.Context, conf *Config, name string, qt []dnsmessage.Type, out []qresult) {
	n, err := dnsmessage.NewName(name)
	if err != nil {
		for i := range out {
			out[i] = qresult{err: &DNSError{Err: errCannotMarshalDNSMessage.Error(), Name: name}}
		}
		return
	}
	var qs [2]dnsmessage.Question
	for i := range qs {
		qs[i] = dnsmessage.Question{Name: n, Type: qt[i], Class: dnsmessage.ClassINET}
	}
	servers := conf.Servers
	if len(servers) == 0 {
		servers = defaultServers
	}
	sLen := uint32(len(servers))
	offset := uint32(0)
	if conf.Rotate {
		offset = rotation.Add(1) - 1
	}
	pending := [2]bool{true, true}
	var lastErr [2]error
	for i := 0; i < conf.attempts(); i++ {
		for j := uint32(0); j < sLen; j++ {
			server := servers[(offset+j)%sLen]
			resps, errs := r.exchangePair(ctx, server, qs, pending, conf)
			for k := range qs {
				if !pending[k] {
					continue
				}
				if errs[k] != nil {
					de := newDNSError(errs[k], name, server)
					if isSocketError(errs[k]) {
						de.IsTemporary = true
					}
					lastErr[k] = de
					continue
				}
				resp := resps[k]
				if err := checkHeader(&resp.p, resp.h); err != nil {
					if err == errNoSuchHost {
						out[k] = qresult{resp, server, newDNSError(errNoSuchHost, name, server)}
						pending[k] = false
						continue
					}
					lastErr[k] = newDNSError(err, name, server)
					continue
				}
				if err := skipToAnswer(&resp.p, qs[k].Type); err != nil {
					if err == errNoSuchHost {
						out[k] = qresult{resp, server, newDNSError(errNoSuchHost, name, server)}
						pending[k] = false
						continue
					}
					lastErr[k] = newDNSError(err, name, server)
					continue
				}
				out[k] = qresult{resp, server, nil}
				pending[k] = false
			}
			if !pending[0] && !pending[1] {
				return
			}
		}
	}
	for k := range qs {
		if pending[k] {
			out[k] = qresult{err: lastErr[k]}
		}
	}
}

// exchangePair sends the pending queries on one UDP socket and collects
// their answers; a truncated answer is asked again over TCP on its own.
func (r *Resolver) exchangePair(ctx context.Context, server string, qs [2]dnsmessage.Question, pending [2]bool, conf *Config) (resps [2]response, errs [2]error) {
	// A query whose answer from this server was truncated recently goes
	// straight to TCP, on its own.
	for k := range qs {
		if pending[k] && r.tcHints().has(server, qs[k]) {
			resps[k], errs[k] = r.exchange(ctx, server, qs[k], conf)
			pending[k] = false
		}
	}
	if !pending[0] && !pending[1] {
		return
	}
	edns := conf.ednsSize()
	var ids [2]uint16
	var udpReqs, tcpReqs [2][]byte
	for k := range qs {
		if !pending[k] {
			continue
		}
		for {
			id, udp, tcp, err := newRequest(qs[k], conf.TrustAD, edns)
			if err != nil {
				errs[k] = errCannotMarshalDNSMessage
				break
			}
			if k == 1 && pending[0] && id == ids[0] {
				continue // two queries in flight need two IDs
			}
			ids[k], udpReqs[k], tcpReqs[k] = id, udp, tcp
			break
		}
	}
	ctx2, cancel := context.WithTimeout(ctx, conf.timeout())
	defer cancel()
	c, err := r.dial(ctx2, "udp", server)
	if err != nil {
		for k := range qs {
			if pending[k] && errs[k] == nil {
				errs[k] = err
			}
		}
		return
	}
	if d, ok := ctx2.Deadline(); ok {
		c.SetDeadline(d)
	}
	stop := context.AfterFunc(ctx2, func() { c.SetDeadline(aLongTimeAgo) })
	want := 0
	for k := range qs {
		if pending[k] && errs[k] == nil {
			if _, err := c.Write(udpReqs[k]); err != nil {
				errs[k] = err
				continue
			}
			want++
		}
	}
	var got [2]bool
	var readErr error
	for want > 0 {
		buf := make([]byte, max(edns, minUDPBuffer))
		n, err := c.Read(buf)
		if err != nil {
			readErr = err
			break
		}
		var p dnsmessage.Parser
		h, err := p.Start(buf[:n])
		if err != nil {
			continue
		}
		rq, err := p.Question()
		if err != nil {
			continue
		}
		for k := range qs {
			if pending[k] && errs[k] == nil && !got[k] && checkResponse(ids[k], qs[k], h, rq) {
				got[k] = true
				want--
				resps[k] = response{p: p, h: h, msg: buf[:n]}
				break
			}
		}
	}
	canceled := !stop() && readErr != nil && ctx2.Err() == context.Canceled
	c.Close()
	for k := range qs {
		if !pending[k] || errs[k] != nil {
			continue
		}
		if !got[k] {
			if canceled {
				errs[k] = cancelOpError(readErr)
			} else {
				errs[k] = mapErr(readErr)
			}
			continue
		}
		if err := resps[k].p.SkipQuestion(); err != dnsmessage.ErrSectionDone {
			errs[k] = errInvalidDNSResponse
			continue
		}
		if resps[k].h.Truncated {
			r.tcHints().add(server, qs[k])
			resp, err := r.exchangeOnce(ctx, "tcp", server, ids[k], qs[k], udpReqs[k], tcpReqs[k], edns, conf.timeout())
			if err == nil {
				if serr := resp.p.SkipQuestion(); serr != dnsmessage.ErrSectionDone {
					err = errInvalidDNSResponse
				}
			}
			resps[k], errs[k] = resp, err
		}
	}
	return
}
