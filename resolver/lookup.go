package resolver

import (
	"context"
	"net/netip"
	"strings"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/net/dns/dnsmessage"
)

func resultStrings(ips []ipResult) []string {
	out := make([]string, 0, len(ips))
	for _, ip := range ips {
		out = append(out, ipString(ip.ip))
	}
	return out
}

func isNotFound(err error) bool {
	de, ok := err.(*DNSError)
	return ok && de.IsNotFound
}

// maybeIP reports whether s could be an IP literal (IPv4 starts with a
// digit, IPv6 has a colon), to spare names the cost of a failed parse.
func maybeIP(s string) bool {
	return s != "" && ('0' <= s[0] && s[0] <= '9' || strings.IndexByte(s, ':') >= 0)
}

// ipResult is one address found by a host lookup; fromFile marks hosts-file
// and literal addresses (16-byte IPv4 form, as in the standard library).
type ipResult struct {
	ip       netip.Addr // with zone
	fromFile bool
}

// LookupHost looks up the given host using the local resolver. It returns a
// slice of that host's addresses.
func (r *Resolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	if host == "" {
		return nil, newDNSError(errNoSuchHost, host, "")
	}
	if maybeIP(host) {
		if _, err := netip.ParseAddr(host); err == nil {
			return []string{host}, nil
		}
	}
	order, conf, mh := r.hostPlan(host)
	if order == OrderFilesDNS || order == OrderFiles {
		if addrs, _ := r.hostsTable().LookupHost(host); len(addrs) > 0 {
			return addrs, nil
		}
	}
	if mh == mhBeforeDNS {
		if ips := myHostnameIPs(host); len(ips) > 0 {
			return resultStrings(ips), nil
		}
	}
	if order == OrderFiles {
		return nil, newDNSError(errNoSuchHost, host, "")
	}
	// The cache holds DNS answers only: the hosts file, consulted above,
	// always takes effect at once.
	if c := r.cache(); c != nil {
		if v, err, ok := c.get(kindHost, host); ok {
			if err != nil {
				return nil, err
			}
			return append([]string(nil), v.([]string)...), nil
		}
	}
	ips, _, ttl, err := r.lookupIPCNAME(ctx, "ip", host, order, conf)
	if err != nil {
		if mh == mhAfterDNS && isNotFound(err) {
			if ips := myHostnameIPs(host); len(ips) > 0 {
				return resultStrings(ips), nil
			}
		}
		if c := r.cache(); c != nil {
			c.putErr(kindHost, host, err, ttl)
		}
		return nil, err
	}
	addrs := resultStrings(ips)
	if c := r.cache(); c != nil {
		c.put(kindHost, host, append([]string(nil), addrs...), ttl)
	}
	return addrs, nil
}

// LookupIPAddr looks up host using the local resolver. It returns a slice
// of that host's IPv4 and IPv6 addresses, sorted by RFC 6724.
func (r *Resolver) LookupIPAddr(ctx context.Context, host string) ([]addr.IPAddr, error) {
	ips, err := r.lookupIPAddr(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	out := make([]addr.IPAddr, len(ips))
	for i, ip := range ips {
		out[i] = ipAddrOf(ip.ip, ip.fromFile)
	}
	return out, nil
}

// LookupIP looks up host for the given network using the local resolver.
// It returns a slice of that host's IP addresses of the type specified by
// network. network must be one of "ip", "ip4" or "ip6".
func (r *Resolver) LookupIP(ctx context.Context, network, host string) ([]addr.IP, error) {
	switch network {
	case "ip", "ip4", "ip6":
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	if host == "" {
		return nil, newDNSError(errNoSuchHost, host, "")
	}
	ips, err := r.lookupIPAddr(ctx, network, host)
	if err != nil {
		return nil, err
	}
	// As the standard library (golang.org/issue/18806): a lone "::" also
	// yields 0.0.0.0, for hosts that can bind "::" but not connect to it.
	if len(ips) == 1 && ips[0].ip.WithZone("") == netip.IPv6Unspecified() {
		ips = append(ips, ipResult{ip: netip.IPv4Unspecified(), fromFile: true})
	}
	out := make([]addr.IP, 0, len(ips))
	for _, ip := range ips {
		a := ip.ip.WithZone("")
		// As net.IP's To4: an IPv4-mapped IPv6 address counts as IPv4.
		if network == "ip4" && !a.Unmap().Is4() || network == "ip6" && (!a.Is6() || a.Is4In6()) {
			continue
		}
		out = append(out, ipAddrOf(ip.ip, ip.fromFile).IP)
	}
	if len(out) == 0 {
		return nil, &addr.AddrError{Err: "no suitable address found", Addr: host}
	}
	return out, nil
}

// LookupNetIP looks up host using the local resolver. It returns a slice of
// that host's IP addresses of the type specified by network. The network
// must be one of "ip", "ip4" or "ip6".
func (r *Resolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	ips, err := r.LookupIP(ctx, network, host)
	if err != nil {
		return nil, err
	}
	out := make([]netip.Addr, 0, len(ips))
	for _, ip := range ips {
		if a, ok := netip.AddrFromSlice(ip); ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// lookupIPAddr is the shared path of LookupIPAddr and LookupIP: literals,
// the cache, and one in-flight lookup per (network, host) shared by
// concurrent callers.
func (r *Resolver) lookupIPAddr(ctx context.Context, network, host string) ([]ipResult, error) {
	if host == "" {
		return nil, newDNSError(errNoSuchHost, host, "")
	}
	if maybeIP(host) {
		if ip, err := netip.ParseAddr(host); err == nil {
			return []ipResult{{ip: ip, fromFile: true}}, nil
		}
	}
	if err := ctx.Err(); err != nil {
		// The standard library answers anything but a literal from a shared
		// flight that a done context stops waiting for at once, hosts file
		// included: report the context's error the same way.
		return nil, newDNSError(mapErr(err), host, "")
	}
	order, conf, mh := r.hostPlan(host)
	if order == OrderFilesDNS || order == OrderFiles {
		if ips, _ := r.filesIPs(host); len(ips) > 0 {
			return ips, nil
		}
	}
	if mh == mhBeforeDNS {
		if ips := myHostnameIPs(host); len(ips) > 0 {
			return ips, nil
		}
	}
	if order == OrderFiles {
		return nil, newDNSError(errNoSuchHost, host, "")
	}
	c := r.cache()
	key := network + "\x00" + host
	if c != nil {
		if v, err, ok := c.get(kindIP, key); ok {
			if err != nil {
				return nil, err
			}
			return append([]ipResult(nil), v.([]ipResult)...), nil
		}
	}
	v, _, err := r.group.do(ctx, key, func(ctx context.Context) (any, error) {
		ips, _, ttl, err := r.lookupIPCNAME(ctx, network, host, order, conf)
		if c != nil {
			if err != nil {
				c.putErr(kindIP, key, err, ttl)
			} else {
				c.put(kindIP, key, ips, ttl)
			}
		}
		return ips, err
	})
	if err != nil {
		if mh == mhAfterDNS && isNotFound(err) {
			if ips := myHostnameIPs(host); len(ips) > 0 {
				return ips, nil
			}
		}
		if _, ok := err.(*DNSError); !ok {
			err = newDNSError(mapErr(err), host, "")
		}
		return nil, err
	}
	// The slice may be shared with other callers and the cache: copy.
	return append([]ipResult(nil), v.([]ipResult)...), nil
}

// lookupIPOrder consults the hosts file and DNS in order.
func (r *Resolver) lookupIPOrder(ctx context.Context, network, name string, order Order, conf *Config) ([]ipResult, dnsmessage.Name, uint32, error) {
	if order == OrderFilesDNS || order == OrderFiles {
		if ips, canonical := r.filesIPs(name); len(ips) > 0 {
			n, err := dnsmessage.NewName(canonical)
			if err != nil {
				return nil, dnsmessage.Name{}, 0, err
			}
			return ips, n, 0, nil
		}
		if order == OrderFiles {
			return nil, dnsmessage.Name{}, 0, newDNSError(errNoSuchHost, name, "")
		}
	}
	return r.lookupIPCNAME(ctx, network, name, order, conf)
}

// filesIPs returns the hosts-file addresses of name, RFC 6724 sorted.
func (r *Resolver) filesIPs(name string) ([]ipResult, string) {
	addrs, canonical := r.hostsTable().LookupHost(name)
	var ips []ipResult
	for _, a := range addrs {
		if ip, err := netip.ParseAddr(a); err == nil {
			ips = append(ips, ipResult{ip: ip, fromFile: true})
		}
	}
	sortResults(ips)
	return ips, canonical
}

// qresult is the outcome of one query of a host lookup.
type qresult struct {
	resp   response
	server string
	err    error
}

// lookupIPCNAME queries DNS for the A and AAAA records (and CNAME when
// network is "CNAME") of each name of the search list in turn, in parallel
// unless conf.SingleRequest, and stops at the first name with addresses.
// It falls back to the hosts file for OrderDNSFiles. The TTL returned is the
// smallest in the answers used (or the negative TTL for an error).
func (r *Resolver) lookupIPCNAME(ctx context.Context, network, name string, order Order, conf *Config) (addrs []ipResult, cname dnsmessage.Name, ttl uint32, err error) {
	if !isDomainName(name) {
		return nil, dnsmessage.Name{}, 0, newDNSError(errNoSuchHost, name, "")
	}
	qtypes := [3]dnsmessage.Type{dnsmessage.TypeA, dnsmessage.TypeAAAA, dnsmessage.TypeCNAME}
	qt := qtypes[:2]
	switch {
	case network == "CNAME":
		qt = qtypes[:3]
	case network == "ip4" || network == "tcp4" || network == "udp4" || conf.NoAAAA:
		qt = qtypes[:1]
	case network == "ip6" || network == "tcp6" || network == "udp6":
		qt = qtypes[1:2]
	}
	wantTTL := r.cache() != nil
	ttl = ^uint32(0)
	var lastErr error
	var results [3]qresult
	for _, fqdn := range conf.nameList(name) {
		r.queryAll(ctx, conf, fqdn, qt, results[:len(qt)])
		hitStrictError := false
		for i := range qt {
			res := &results[i]
			if res.err != nil {
				if ne, ok := res.err.(netError); ok && ne.Temporary() && r.strictErrors() {
					hitStrictError = true
					lastErr = res.err
				} else if lastErr == nil || fqdn == name+"." {
					// Prefer the error for the name as given.
					lastErr = res.err
				}
				if wantTTL {
					ttl = min(ttl, negativeTTL(res.resp.msg))
				}
				continue
			}
			if wantTTL {
				ttl = min(ttl, answerTTL(res.resp.msg))
			}
			p := &res.resp.p
		loop:
			for {
				h, err := p.AnswerHeader()
				if err != nil && err != dnsmessage.ErrSectionDone {
					lastErr = &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: res.server}
				}
				if err != nil {
					break
				}
				switch h.Type {
				case dnsmessage.TypeA:
					a, err := p.AResource()
					if err != nil {
						lastErr = &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: res.server}
						break loop
					}
					addrs = append(addrs, ipResult{ip: netip.AddrFrom4(a.A)})
					if cname.Length == 0 && h.Name.Length != 0 {
						cname = h.Name
					}
				case dnsmessage.TypeAAAA:
					a, err := p.AAAAResource()
					if err != nil {
						lastErr = &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: res.server}
						break loop
					}
					addrs = append(addrs, ipResult{ip: netip.AddrFrom16(a.AAAA)})
					if cname.Length == 0 && h.Name.Length != 0 {
						cname = h.Name
					}
				case dnsmessage.TypeCNAME:
					c, err := p.CNAMEResource()
					if err != nil {
						lastErr = &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: res.server}
						break loop
					}
					if cname.Length == 0 && c.CNAME.Length > 0 {
						cname = c.CNAME
					}
				default:
					if err := p.SkipAnswer(); err != nil {
						lastErr = &DNSError{Err: errCannotUnmarshalDNSMessage.Error(), Name: name, Server: res.server}
						break loop
					}
				}
			}
		}
		if hitStrictError {
			// Network trouble must not turn a dual-stack name single-stack.
			addrs = nil
			break
		}
		if len(addrs) > 0 || network == "CNAME" && cname.Length > 0 {
			break
		}
	}
	if de, ok := lastErr.(*DNSError); ok {
		de.Name = name
	}
	sortResults(addrs)
	if ttl == ^uint32(0) {
		ttl = 0
	}
	if len(addrs) == 0 && !(network == "CNAME" && cname.Length > 0) {
		if order == OrderDNSFiles {
			if ips, canonical := r.filesIPs(name); len(ips) > 0 {
				n, err := dnsmessage.NewName(canonical)
				if err != nil {
					return nil, dnsmessage.Name{}, 0, err
				}
				return ips, n, 0, nil
			}
		}
		if lastErr != nil {
			return nil, dnsmessage.Name{}, ttl, lastErr
		}
		if len(conf.nameList(name)) == 0 {
			return nil, dnsmessage.Name{}, 0, newDNSError(errNoSuchHost, name, "")
		}
	}
	return addrs, cname, ttl, nil
}

// queryAll runs tryOneName for each type, in parallel unless
// conf.SingleRequest; the first runs on the calling goroutine.
func (r *Resolver) queryAll(ctx context.Context, conf *Config, fqdn string, qt []dnsmessage.Type, out []qresult) {
	if len(qt) == 2 && r.usePair(conf) {
		r.tryPair(ctx, conf, fqdn, qt, out)
		return
	}
	if conf.SingleRequest || len(qt) == 1 {
		for i, t := range qt {
			resp, server, err := r.tryOneName(ctx, conf, fqdn, t, false)
			out[i] = qresult{resp, server, err}
		}
		return
	}
	done := make(chan struct{}, len(qt)-1)
	for i := 1; i < len(qt); i++ {
		go func(i int) {
			resp, server, err := r.tryOneName(ctx, conf, fqdn, qt[i], false)
			out[i] = qresult{resp, server, err}
			done <- struct{}{}
		}(i)
	}
	resp, server, err := r.tryOneName(ctx, conf, fqdn, qt[0], false)
	out[0] = qresult{resp, server, err}
	for i := 1; i < len(qt); i++ {
		<-done
	}
}

// sortResults sorts by RFC 6724, finding each source address.
func sortResults(ips []ipResult) {
	if len(ips) < 2 {
		return
	}
	srcs := make([]netip.Addr, len(ips))
	for i, ip := range ips {
		srcs[i] = sourceAddr(ip.ip.WithZone("").Unmap(), ip.ip.Zone())
	}
	sortResultsWithSources(ips, srcs)
}

// LookupCNAME returns the canonical name for the given host. Callers that
// do not care about the canonical name can call LookupHost or LookupIP
// directly; both take care of resolving the canonical name as part of the
// lookup.
//
// A canonical name is the final name after following zero or more CNAME
// records. LookupCNAME does not return an error if host does not contain
// DNS "CNAME" records, as long as host resolves to address records. The
// returned canonical name is validated to be a properly formatted
// presentation-format domain name.
//
// The A, AAAA and CNAME queries are sent in parallel; unlike the standard
// library, which takes the name from whichever answer arrives first (the
// first hop of a CNAME chain, or its end), the answer to the A query is
// always preferred, so a chain always yields its final name.
func (r *Resolver) LookupCNAME(ctx context.Context, host string) (string, error) {
	order, conf := r.hostLookupOrder(host)
	_, cname, _, err := r.lookupIPOrder(ctx, "CNAME", host, order, conf)
	if err != nil {
		return "", err
	}
	s := cname.String()
	if !isDomainName(s) {
		return "", &DNSError{Err: errMalformedDNSRecordsDetail, Name: host}
	}
	return s, nil
}

// LookupSRV tries to resolve an SRV query of the given service, protocol,
// and domain name. The proto is "tcp" or "udp". The returned records are
// sorted by priority and randomized by weight within a priority.
//
// LookupSRV constructs the DNS name to look up following RFC 2782. That is,
// it looks up _service._proto.name. To accommodate services publishing SRV
// records under non-standard names, if both service and proto are empty
// strings, LookupSRV looks up name directly.
//
// The returned service names are validated to be properly formatted
// presentation-format domain names. If the response contains invalid names,
// those records are filtered out and an error will be returned alongside
// the remaining results, if any.
func (r *Resolver) LookupSRV(ctx context.Context, service, proto, name string) (string, []*SRV, error) {
	target := name
	if service != "" || proto != "" {
		target = "_" + service + "._" + proto + "." + name
	}
	resp, server, err := r.lookup(ctx, target, dnsmessage.TypeSRV, r.config())
	if err != nil {
		return "", nil, err
	}
	p := &resp.p
	var cname dnsmessage.Name
	var srvs []*SRV
	err = eachAnswer(p, dnsmessage.TypeSRV, func(h dnsmessage.ResourceHeader) error {
		if cname.Length == 0 && h.Name.Length != 0 {
			cname = h.Name
		}
		srv, err := p.SRVResource()
		if err == nil {
			srvs = append(srvs, &SRV{Target: srv.Target.String(), Port: srv.Port, Priority: srv.Priority, Weight: srv.Weight})
		}
		return err
	})
	if err != nil {
		return "", nil, &DNSError{Err: err.Error(), Name: name, Server: server}
	}
	sortSRV(srvs)
	cn := cname.String()
	if cn != "" && !isDomainName(cn) {
		return "", nil, &DNSError{Err: "SRV header name is invalid", Name: name}
	}
	filtered := make([]*SRV, 0, len(srvs))
	for _, s := range srvs {
		if isDomainName(s.Target) {
			filtered = append(filtered, s)
		}
	}
	if len(filtered) != len(srvs) {
		return cn, filtered, &DNSError{Err: errMalformedDNSRecordsDetail, Name: name}
	}
	return cn, filtered, nil
}

// LookupMX returns the DNS MX records for the given domain name sorted by
// preference (randomized within one preference).
//
// The returned mail server names are validated to be properly formatted
// presentation-format domain names, or numeric IP addresses. If the
// response contains invalid names, those records are filtered out and an
// error will be returned alongside the remaining results, if any.
func (r *Resolver) LookupMX(ctx context.Context, name string) ([]*MX, error) {
	resp, server, err := r.lookup(ctx, name, dnsmessage.TypeMX, r.config())
	if err != nil {
		return nil, err
	}
	p := &resp.p
	var mxs []*MX
	err = eachAnswer(p, dnsmessage.TypeMX, func(dnsmessage.ResourceHeader) error {
		mx, err := p.MXResource()
		if err == nil {
			mxs = append(mxs, &MX{Host: mx.MX.String(), Pref: mx.Pref})
		}
		return err
	})
	if err != nil {
		return nil, &DNSError{Err: err.Error(), Name: name, Server: server}
	}
	sortMX(mxs)
	filtered := make([]*MX, 0, len(mxs))
	for _, mx := range mxs {
		if !isDomainName(mx.Host) {
			ip, err := netip.ParseAddr(strings.TrimSuffix(mx.Host, "."))
			if err != nil || ip.Zone() != "" {
				continue
			}
		}
		filtered = append(filtered, mx)
	}
	if len(filtered) != len(mxs) {
		return filtered, &DNSError{Err: errMalformedDNSRecordsDetail, Name: name}
	}
	return filtered, nil
}

// LookupNS returns the DNS NS records for the given domain name.
//
// The returned name server names are validated to be properly formatted
// presentation-format domain names. If the response contains invalid names,
// those records are filtered out and an error will be returned alongside
// the remaining results, if any.
func (r *Resolver) LookupNS(ctx context.Context, name string) ([]*NS, error) {
	resp, server, err := r.lookup(ctx, name, dnsmessage.TypeNS, r.config())
	if err != nil {
		return nil, err
	}
	p := &resp.p
	var nss []*NS
	err = eachAnswer(p, dnsmessage.TypeNS, func(dnsmessage.ResourceHeader) error {
		ns, err := p.NSResource()
		if err == nil {
			nss = append(nss, &NS{Host: ns.NS.String()})
		}
		return err
	})
	if err != nil {
		return nil, &DNSError{Err: err.Error(), Name: name, Server: server}
	}
	filtered := make([]*NS, 0, len(nss))
	for _, ns := range nss {
		if isDomainName(ns.Host) {
			filtered = append(filtered, ns)
		}
	}
	if len(filtered) != len(nss) {
		return filtered, &DNSError{Err: errMalformedDNSRecordsDetail, Name: name}
	}
	return filtered, nil
}

// LookupTXT returns the DNS TXT records for the given domain name. The
// strings of one record are joined into one string.
func (r *Resolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	resp, server, err := r.lookup(ctx, name, dnsmessage.TypeTXT, r.config())
	if err != nil {
		return nil, err
	}
	p := &resp.p
	var txts []string
	err = eachAnswer(p, dnsmessage.TypeTXT, func(dnsmessage.ResourceHeader) error {
		txt, err := p.TXTResource()
		if err == nil {
			txts = append(txts, strings.Join(txt.TXT, ""))
		}
		return err
	})
	if err != nil {
		return nil, &DNSError{Err: err.Error(), Name: name, Server: server}
	}
	return txts, nil
}

// LookupAddr performs a reverse lookup for the given address, returning a
// list of names mapping to that address.
//
// The returned names are validated to be properly formatted
// presentation-format domain names. If the response contains invalid names,
// those records are filtered out and an error will be returned alongside
// the remaining results, if any.
func (r *Resolver) LookupAddr(ctx context.Context, address string) ([]string, error) {
	order, conf := r.hostLookupOrder("")
	var names []string
	var err error
	if order == OrderFiles || order == OrderFilesDNS {
		names = r.hostsTable().LookupAddr(address)
		if len(names) == 0 && order == OrderFiles {
			return nil, newDNSError(errNoSuchHost, address, "")
		}
	}
	if len(names) == 0 {
		names, err = r.lookupPTR(ctx, address, order, conf)
		if err != nil {
			return nil, err
		}
	}
	filtered := make([]string, 0, len(names))
	for _, n := range names {
		if isDomainName(n) {
			filtered = append(filtered, n)
		}
	}
	if len(filtered) != len(names) {
		return filtered, &DNSError{Err: errMalformedDNSRecordsDetail, Name: address}
	}
	return filtered, nil
}

func (r *Resolver) lookupPTR(ctx context.Context, address string, order Order, conf *Config) ([]string, error) {
	arpa, err := reverseaddr(address)
	if err != nil {
		return nil, err
	}
	resp, server, err := r.lookup(ctx, arpa, dnsmessage.TypePTR, conf)
	if err != nil {
		if de, ok := err.(*DNSError); ok && de.IsNotFound && order == OrderDNSFiles {
			if names := r.hostsTable().LookupAddr(address); len(names) > 0 {
				return names, nil
			}
		}
		return nil, err
	}
	p := &resp.p
	var ptrs []string
	err = eachAnswer(p, dnsmessage.TypePTR, func(dnsmessage.ResourceHeader) error {
		ptr, err := p.PTRResource()
		if err == nil {
			ptrs = append(ptrs, ptr.PTR.String())
		}
		return err
	})
	if err != nil {
		return nil, &DNSError{Err: err.Error(), Name: address, Server: server}
	}
	return ptrs, nil
}

// LookupPort looks up the port for the given network and service:
// /etc/services (or Config.Services) first, then the standard library's
// built-in table. The network must be "tcp", "tcp4", "tcp6", "udp",
// "udp4", "udp6", "ip" or "" (any).
func (r *Resolver) LookupPort(ctx context.Context, network, service string) (int, error) {
	port, needsLookup := parsePort(service)
	if needsLookup {
		switch network {
		case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "ip":
		case "":
			network = "ip"
		default:
			return 0, &addr.AddrError{Err: "unknown network", Addr: network}
		}
		var err error
		port, err = servicePort(r.servicesTable(), network, service)
		if err != nil {
			return 0, err
		}
	}
	if port < 0 || port > 65535 {
		return 0, &addr.AddrError{Err: "invalid port", Addr: service}
	}
	return port, nil
}

// parsePort parses service as a decimal port number with the standard
// library's rules (sign allowed, saturating); needsLookup reports a name.
func parsePort(service string) (port int, needsLookup bool) {
	if service == "" {
		return 0, false
	}
	const (
		maxU   = uint32(1<<32 - 1)
		cutoff = uint32(1 << 30)
	)
	neg := false
	if service[0] == '+' {
		service = service[1:]
	} else if service[0] == '-' {
		neg = true
		service = service[1:]
	}
	var n uint32
	for _, d := range service {
		if d < '0' || d > '9' {
			return 0, true
		}
		if n >= cutoff {
			n = maxU
			break
		}
		n *= 10
		nn := n + uint32(d-'0')
		if nn < n || nn > maxU {
			n = maxU
			break
		}
		n = nn
	}
	switch {
	case !neg && n >= cutoff:
		port = int(cutoff - 1)
	case neg && n > cutoff:
		port = int(cutoff)
	default:
		port = int(n)
	}
	if neg {
		port = -port
	}
	return port, false
}

// eachAnswer calls fn for every record of type t in the answer section,
// with the parser positioned at the record's body, and skips records of
// other types (the CNAMEs on the way to the answer). It returns
// errCannotUnmarshalDNSMessage when the section, or a body fn parses, is
// malformed.
func eachAnswer(p *dnsmessage.Parser, t dnsmessage.Type, fn func(h dnsmessage.ResourceHeader) error) error {
	for {
		h, err := p.AnswerHeader()
		if err == dnsmessage.ErrSectionDone {
			return nil
		}
		if err != nil {
			return errCannotUnmarshalDNSMessage
		}
		if h.Type != t {
			if err := p.SkipAnswer(); err != nil {
				return errCannotUnmarshalDNSMessage
			}
			continue
		}
		if err := fn(h); err != nil {
			return errCannotUnmarshalDNSMessage
		}
	}
}
