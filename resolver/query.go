package resolver

import (
	"context"

	"golang.org/x/net/dns/dnsmessage"
)

// Response is the answer to [Resolver.Query]: the records with their TTLs.
type Response struct {
	// Name is the fully qualified name that was answered (after the
	// search list was applied).
	Name string
	// Server is the server that answered, "ip:port".
	Server string
	// Header is the answer's header: RCode, Authoritative, Truncated, and
	// AuthenticData (the AD bit, RFC 4035 section 3.2.3: the server
	// validated the answer with DNSSEC; only meaningful from a trusted
	// server, see Config.TrustAD).
	Header dnsmessage.Header
	// Answers, Authorities and Additionals are the message's sections,
	// each record with its TTL. The OPT pseudo-record is left out of
	// Additionals.
	Answers     []dnsmessage.Resource
	Authorities []dnsmessage.Resource
	Additionals []dnsmessage.Resource
}

// AuthenticData reports the AD bit of the answer.
func (r *Response) AuthenticData() bool { return r.Header.AuthenticData }

// Query asks DNS for the records of type qtype of name, applying the search
// list and ndots as the Lookup methods do, and returns the whole answer. A
// name that exists without records of that type (NODATA) is not an error:
// the Response then has no Answers. A name that does not exist is a
// *DNSError with IsNotFound set. The hosts file is not consulted.
func (r *Resolver) Query(ctx context.Context, name string, qtype dnsmessage.Type) (*Response, error) {
	if !isDomainName(name) {
		return nil, newDNSError(errNoSuchHost, name, "")
	}
	c := r.cache()
	key := name + "\x00" + qtype.String()
	if c != nil {
		if v, err, ok := c.get(kindQuery, key); ok {
			if err != nil {
				return nil, err
			}
			return v.(*Response).clone(), nil
		}
	}
	conf := r.config()
	names := conf.nameList(name)
	if len(names) == 0 {
		return nil, newDNSError(errNoSuchHost, name, "")
	}
	var lastErr error
	for _, fqdn := range names {
		resp, server, err := r.tryOneName(ctx, conf, fqdn, qtype, true)
		if err != nil {
			lastErr = err
			if c != nil {
				c.putErr(kindQuery, key, err, negativeTTL(resp.msg))
			}
			if ne, ok := err.(netError); ok && ne.Temporary() && r.strictErrors() {
				break
			}
			continue
		}
		out, err := parseResponse(resp.msg)
		if err != nil {
			return nil, &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: server}
		}
		if len(out.Answers) == 0 && fqdn != names[len(names)-1] {
			// NODATA for a search-list candidate: try the next one, as the
			// Lookup methods do.
			lastErr = newDNSError(errNoSuchHost, name, server)
			continue
		}
		out.Name, out.Server = fqdn, server
		if c != nil {
			c.put(kindQuery, key, out.clone(), answerTTL(resp.msg))
		}
		return out, nil
	}
	if de, ok := lastErr.(*DNSError); ok {
		de.Name = name
	}
	return nil, lastErr
}

func parseResponse(msg []byte) (*Response, error) {
	var m dnsmessage.Message
	if err := m.Unpack(msg); err != nil {
		return nil, err
	}
	out := &Response{Header: m.Header, Answers: m.Answers, Authorities: m.Authorities}
	for _, rr := range m.Additionals {
		if rr.Header.Type != dnsmessage.TypeOPT {
			out.Additionals = append(out.Additionals, rr)
		}
	}
	return out, nil
}

// clone copies the record slices (the bodies are shared: treat them as
// read-only).
func (r *Response) clone() *Response {
	c := *r
	c.Answers = append([]dnsmessage.Resource(nil), r.Answers...)
	c.Authorities = append([]dnsmessage.Resource(nil), r.Authorities...)
	c.Additionals = append([]dnsmessage.Resource(nil), r.Additionals...)
	return &c
}
