package netcompat

import (
	"context"

	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/resolver"
)

// A Resolver looks up names and numbers. It is conn.Resolver: the standard
// library's fields (PreferGo, StrictErrors, and a Dial hook returning a
// Conn), answered by netkit's pure-Go resolver. A nil *Resolver is
// equivalent to a zero Resolver.
type Resolver = conn.Resolver

// DefaultResolver is the resolver used by the package-level Lookup functions
// and by Dialers without a specified Resolver.
var DefaultResolver = conn.DefaultResolver

// DNSError represents a DNS lookup error. See resolver.DNSError.
type DNSError = resolver.DNSError

// DNSConfigError represents an error reading the machine's DNS
// configuration. (No longer used; kept for compatibility.)
type DNSConfigError = resolver.DNSConfigError

// An MX represents a single DNS MX record.
type MX = resolver.MX

// An NS represents a single DNS NS record.
type NS = resolver.NS

// An SRV represents a single DNS SRV record.
type SRV = resolver.SRV

// LookupHost looks up the given host using the local resolver. It returns a
// slice of that host's addresses.
//
// LookupHost uses context.Background internally; to specify the context,
// use Resolver.LookupHost.
func LookupHost(host string) (addrs []string, err error) {
	return DefaultResolver.LookupHost(context.Background(), host)
}

// LookupIP looks up host using the local resolver. It returns a slice of
// that host's IPv4 and IPv6 addresses.
func LookupIP(host string) ([]IP, error) {
	return DefaultResolver.LookupIP(context.Background(), "ip", host)
}

// LookupPort looks up the port for the given network and service.
//
// LookupPort uses context.Background internally; to specify the context,
// use Resolver.LookupPort.
func LookupPort(network, service string) (port int, err error) {
	return DefaultResolver.LookupPort(context.Background(), network, service)
}

// LookupCNAME returns the canonical name for the given host. Callers that
// do not care about the canonical name can call LookupHost or LookupIP
// directly; both take care of resolving the canonical name as part of the
// lookup.
//
// LookupCNAME uses context.Background internally; to specify the context,
// use Resolver.LookupCNAME.
func LookupCNAME(host string) (cname string, err error) {
	return DefaultResolver.LookupCNAME(context.Background(), host)
}

// LookupSRV tries to resolve an SRV query of the given service, protocol,
// and domain name. The proto is "tcp" or "udp". The returned records are
// sorted by priority and randomized by weight within a priority.
//
// LookupSRV constructs the DNS name to look up following RFC 2782. That is,
// it looks up _service._proto.name. To accommodate services publishing SRV
// records under non-standard names, if both service and proto are empty
// strings, LookupSRV looks up name directly.
func LookupSRV(service, proto, name string) (cname string, addrs []*SRV, err error) {
	return DefaultResolver.LookupSRV(context.Background(), service, proto, name)
}

// LookupMX returns the DNS MX records for the given domain name sorted by
// preference.
func LookupMX(name string) ([]*MX, error) {
	return DefaultResolver.LookupMX(context.Background(), name)
}

// LookupNS returns the DNS NS records for the given domain name.
func LookupNS(name string) ([]*NS, error) {
	return DefaultResolver.LookupNS(context.Background(), name)
}

// LookupTXT returns the DNS TXT records for the given domain name.
func LookupTXT(name string) ([]string, error) {
	return DefaultResolver.LookupTXT(context.Background(), name)
}

// LookupAddr performs a reverse lookup for the given address, returning a
// list of names mapping to that address.
//
// The returned names are validated to be properly formatted presentation-
// format domain names.
func LookupAddr(addr string) (names []string, err error) {
	return DefaultResolver.LookupAddr(context.Background(), addr)
}
