package conn

import (
	"context"
	"net"
	"net/netip"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
)

// A Resolver looks up names and numbers. It is the standard library's
// net.Resolver: the same fields, with a Dial hook that returns a net.Conn,
// so that code written for net.Resolver works unchanged. Its methods
// delegate to a resolver.Resolver configured from these fields (the
// resolver module cannot name net.Conn).
//
// A nil *Resolver is equivalent to a zero Resolver.
type Resolver struct {
	// PreferGo controls whether Go's built-in DNS resolver is preferred on
	// platforms where it's available. netkit always uses its own pure-Go
	// resolver; the field is passed on for compatibility.
	PreferGo bool

	// StrictErrors controls the behavior of temporary errors (including
	// timeout, socket errors, and SERVFAIL) when using Go's built-in
	// resolver. For a query composed of multiple sub-queries (such as an
	// A+AAAA address lookup, or walking the DNS search list), this option
	// causes such errors to abort the whole query instead of returning a
	// partial result. This is not enabled by default because it may affect
	// compatibility with resolvers that process AAAA queries incorrectly.
	StrictErrors bool

	// Dial optionally specifies an alternate dialer for use by Go's
	// built-in DNS resolver to make TCP and UDP connections to DNS
	// services. The host in the address parameter will always be a
	// literal IP address and not a host name, and the port in the address
	// parameter will be a literal port number and not a service name. If
	// the Conn returned is also a PacketConn, sent and received DNS
	// messages must adhere to RFC 1035 section 4.2.1, "UDP usage".
	// Otherwise, DNS messages transmitted over Conn must adhere to RFC 7766
	// section 5, "Transport Protocol Selection". If nil, the default dialer
	// is used.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
}

// DefaultResolver is the resolver used by the package-level Lookup
// functions and by Dialers without a specified Resolver.
var DefaultResolver = &Resolver{}

// impl returns the resolver.Resolver these settings describe.
func (r *Resolver) impl() *resolver.Resolver {
	if r == nil || (!r.PreferGo && !r.StrictErrors && r.Dial == nil) {
		return resolver.DefaultResolver
	}
	rr := &resolver.Resolver{PreferGo: r.PreferGo, StrictErrors: r.StrictErrors}
	if dial := r.Dial; dial != nil {
		rr.Dial = func(ctx context.Context, network, address string) (resolver.Conn, error) {
			c, err := dial(ctx, network, address)
			if err != nil {
				return nil, err
			}
			return c, nil
		}
	}
	return rr
}

// LookupHost looks up the given host using the local resolver. It returns
// a slice of that host's addresses.
func (r *Resolver) LookupHost(ctx context.Context, host string) (addrs []string, err error) {
	if _, err := netip.ParseAddr(host); err == nil {
		return []string{host}, nil
	}
	return r.impl().LookupHost(ctx, host)
}

// LookupIPAddr looks up host using the local resolver. It returns a slice
// of that host's IPv4 and IPv6 addresses.
func (r *Resolver) LookupIPAddr(ctx context.Context, host string) ([]addr.IPAddr, error) {
	return r.lookupIPAddr(ctx, "ip", host)
}

// LookupIP looks up host for the given network using the local resolver.
// It returns a slice of that host's IP addresses of the type specified by
// network. network must be one of "ip", "ip4" or "ip6".
func (r *Resolver) LookupIP(ctx context.Context, network, host string) ([]addr.IP, error) {
	return r.impl().LookupIP(ctx, network, host)
}

// LookupNetIP looks up host using the local resolver. It returns a slice
// of that host's IP addresses of the type specified by network. The
// network must be one of "ip", "ip4" or "ip6".
func (r *Resolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	return r.impl().LookupNetIP(ctx, network, host)
}

// LookupPort looks up the port for the given network and service.
//
// The returned port is in [0, 65535]; a decimal service needs no lookup.
// Parsing, the network check and the range check are resolver's
// LookupPort, which this delegates to.
func (r *Resolver) LookupPort(ctx context.Context, network, service string) (port int, err error) {
	return r.impl().LookupPort(ctx, network, service)
}

// LookupCNAME returns the canonical name for the given host, following
// zero or more CNAME records. It does not return an error if host does not
// contain DNS "CNAME" records, as long as host resolves to address records.
func (r *Resolver) LookupCNAME(ctx context.Context, host string) (string, error) {
	return r.impl().LookupCNAME(ctx, host)
}

// LookupSRV tries to resolve an SRV query of the given service, protocol,
// and domain name. The proto is "tcp" or "udp". The returned records are
// sorted by priority and randomized by weight within a priority.
//
// LookupSRV constructs the DNS name to look up following RFC 2782. That
// is, it looks up _service._proto.name. If service and proto are both
// empty strings, LookupSRV looks up name directly.
func (r *Resolver) LookupSRV(ctx context.Context, service, proto, name string) (string, []*resolver.SRV, error) {
	return r.impl().LookupSRV(ctx, service, proto, name)
}

// LookupMX returns the DNS MX records for the given domain name sorted by
// preference.
func (r *Resolver) LookupMX(ctx context.Context, name string) ([]*resolver.MX, error) {
	return r.impl().LookupMX(ctx, name)
}

// LookupNS returns the DNS NS records for the given domain name.
func (r *Resolver) LookupNS(ctx context.Context, name string) ([]*resolver.NS, error) {
	return r.impl().LookupNS(ctx, name)
}

// LookupTXT returns the DNS TXT records for the given domain name.
func (r *Resolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return r.impl().LookupTXT(ctx, name)
}

// LookupAddr performs a reverse lookup for the given address, returning a
// list of names mapping to that address.
func (r *Resolver) LookupAddr(ctx context.Context, address string) ([]string, error) {
	return r.impl().LookupAddr(ctx, address)
}

// lookupIPAddr resolves host; a literal IP (with optional zone) needs no
// resolver. An empty host is "no such host".
func (r *Resolver) lookupIPAddr(ctx context.Context, network, host string) ([]addr.IPAddr, error) {
	if host != "" {
		if ip, err := netip.ParseAddr(host); err == nil {
			return []addr.IPAddr{{IP: addr.IP(ip.AsSlice()).To16(), Zone: ip.Zone()}}, nil
		}
	}
	return r.impl().LookupIPAddr(ctx, host)
}
