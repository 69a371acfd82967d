package netcompat

import "github.com/netkit-go/netkit/addr"

// IP address lengths (bytes).
const (
	IPv4len = addr.IPv4len
	IPv6len = addr.IPv6len
)

// An IP is a single IP address, a slice of bytes. See addr.IP.
type IP = addr.IP

// An IPMask is a bitmask that can be used to manipulate IP addresses for IP
// addressing and routing. See addr.IPMask.
type IPMask = addr.IPMask

// An IPNet represents an IP network. See addr.IPNet.
type IPNet = addr.IPNet

// A HardwareAddr represents a physical hardware address. See addr.HardwareAddr.
type HardwareAddr = addr.HardwareAddr

// Well-known IPv4 addresses.
var (
	IPv4bcast     = addr.IPv4bcast     // limited broadcast
	IPv4allsys    = addr.IPv4allsys    // all systems
	IPv4allrouter = addr.IPv4allrouter // all routers
	IPv4zero      = addr.IPv4zero      // all zeros
)

// Well-known IPv6 addresses.
var (
	IPv6zero                   = addr.IPv6zero
	IPv6unspecified            = addr.IPv6unspecified
	IPv6loopback               = addr.IPv6loopback
	IPv6interfacelocalallnodes = addr.IPv6interfacelocalallnodes
	IPv6linklocalallnodes      = addr.IPv6linklocalallnodes
	IPv6linklocalallrouters    = addr.IPv6linklocalallrouters
)

// IPv4 returns the IP address (in 16-byte form) of the IPv4 address a.b.c.d.
func IPv4(a, b, c, d byte) IP { return addr.IPv4(a, b, c, d) }

// ParseIP parses s as an IP address, returning the result. The string s can
// be in IPv4 dotted decimal ("192.0.2.1"), IPv6 ("2001:db8::68"), or
// IPv4-mapped IPv6 ("::ffff:192.0.2.1") form. If s is not a valid textual
// representation of an IP address, ParseIP returns nil. As in Go 1.17 and
// later, IPv4 fields with leading zeros are rejected.
func ParseIP(s string) IP { return addr.ParseIP(s) }

// IPv4Mask returns the IP mask (in 4-byte form) of the IPv4 mask a.b.c.d.
func IPv4Mask(a, b, c, d byte) IPMask { return addr.IPv4Mask(a, b, c, d) }

// CIDRMask returns an IPMask consisting of 'ones' 1 bits followed by 0s up
// to a total length of 'bits' bits. For a mask of this form, CIDRMask is the
// inverse of IPMask.Size.
func CIDRMask(ones, bits int) IPMask { return addr.CIDRMask(ones, bits) }

// ParseCIDR parses s as a CIDR notation IP address and prefix length, like
// "192.0.2.0/24" or "2001:db8::/32", as defined in RFC 4632 and RFC 4291. It
// returns the IP address and the network implied by the IP and prefix
// length.
func ParseCIDR(s string) (IP, *IPNet, error) { return addr.ParseCIDR(s) }

// ParseMAC parses s as an IEEE 802 MAC-48, EUI-48, EUI-64, or a 20-octet IP
// over InfiniBand link-layer address using one of the following formats:
//
//	00:00:5e:00:53:01
//	02:00:5e:10:00:00:00:01
//	00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01
//	00-00-5e-00-53-01
//	02-00-5e-10-00-00-00-01
//	00-00-00-00-fe-80-00-00-00-00-00-00-02-00-5e-10-00-00-00-01
//	0000.5e00.5301
//	0200.5e10.0000.0001
//	0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001
//
// and, as Go 1.26 also accepts, the hex digits alone ("00005e005301").
func ParseMAC(s string) (HardwareAddr, error) { return addr.ParseMAC(s) }

// SplitHostPort splits a network address of the form "host:port",
// "host%zone:port", "[host]:port" or "[host%zone]:port" into host or
// host%zone and port.
func SplitHostPort(hostport string) (host, port string, err error) {
	return addr.SplitHostPort(hostport)
}

// JoinHostPort combines host and port into a network address of the form
// "host:port". If host contains a colon, as found in literal IPv6 addresses,
// then JoinHostPort returns "[host]:port".
func JoinHostPort(host, port string) string { return addr.JoinHostPort(host, port) }
