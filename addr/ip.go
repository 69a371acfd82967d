package addr

// IP address lengths (bytes).
const (
	IPv4len = 4
	IPv6len = 16
)

// An IP is a single IP address, a slice of bytes.
// Functions in this package accept either 4-byte (IPv4)
// or 16-byte (IPv6) slices as input.
//
// Note that in this documentation, referring to an
// IP address as an IPv4 address or an IPv6 address
// is a semantic property of the address, not just the
// length of the byte slice: a 16-byte slice can still
// be an IPv4 address.
type IP []byte

// Well-known IPv4 addresses.
var (
	IPv4bcast     = IPv4(255, 255, 255, 255) // limited broadcast
	IPv4allsys    = IPv4(224, 0, 0, 1)       // all systems
	IPv4allrouter = IPv4(224, 0, 0, 2)       // all routers
	IPv4zero      = IPv4(0, 0, 0, 0)         // all zeros
)

// Well-known IPv6 addresses.
var (
	IPv6zero                   = IP{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	IPv6unspecified            = IP{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	IPv6loopback               = IP{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
	IPv6interfacelocalallnodes = IP{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}
	IPv6linklocalallnodes      = IP{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}
	IPv6linklocalallrouters    = IP{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}
)

// IPv4 returns the IP address (in 16-byte form) of the
// IPv4 address a.b.c.d.
func IPv4(a, b, c, d byte) IP {
	p := make(IP, IPv6len)
	p[10], p[11] = 0xff, 0xff
	p[12], p[13], p[14], p[15] = a, b, c, d
	return p
}

// ParseIP parses s as an IP address, returning the result.
// The string s can be in IPv4 dotted decimal ("192.0.2.1"), IPv6
// ("2001:db8::68"), or IPv4-mapped IPv6 ("::ffff:192.0.2.1") form.
// If s is not a valid textual representation of an IP address,
// ParseIP returns nil. The returned address is always 16 bytes,
// IPv4 addresses are returned in IPv4-mapped IPv6 form.
//
// As in Go 1.17 and later, IPv4 fields with leading zeros
// ("192.168.001.1") are rejected, since they are ambiguous (some
// parsers read them as octal). Zones ("fe80::1%eth0") are rejected,
// as by net.ParseIP; [IPAddr], [TCPAddr] and [UDPAddr] carry a zone
// beside the IP.
//
// ParseIP makes one 16-byte allocation on success and none on failure.
func ParseIP(s string) IP {
	// The same dispatch as parseIP, with the IPv4 case written out: it
	// skips building and copying a 16-byte array for the common case.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			var b [4]byte
			if !parseIPv4(s, &b) {
				return nil
			}
			ip := make(IP, IPv6len)
			ip[10], ip[11] = 0xff, 0xff
			ip[12], ip[13], ip[14], ip[15] = b[0], b[1], b[2], b[3]
			return ip
		case ':':
			var b [16]byte
			if !parseIPv6(s, &b) {
				return nil
			}
			ip := make(IP, IPv6len)
			copy(ip, b[:])
			return ip
		case '%':
			return nil
		}
	}
	return nil
}

// isZeros reports whether p is all zeros.
func isZeros(p []byte) bool {
	for _, b := range p {
		if b != 0 {
			return false
		}
	}
	return true
}

// v4InV6Prefix is the RFC 4291 §2.5.5.2 prefix of an IPv4-mapped IPv6
// address.
const v4InV6Prefix = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff"

// isV4Mapped reports whether ip is 16 bytes long and starts with the
// IPv4-mapped prefix (one 12-byte comparison).
func isV4Mapped(ip IP) bool {
	return len(ip) == IPv6len && string(ip[:12]) == v4InV6Prefix
}

// To4 converts the IPv4 address ip to a 4-byte representation.
// If ip is not an IPv4 address, To4 returns nil. The result shares
// ip's memory.
func (ip IP) To4() IP {
	if len(ip) == IPv4len {
		return ip
	}
	if isV4Mapped(ip) {
		return ip[12:16]
	}
	return nil
}

// To16 converts the IP address ip to a 16-byte representation.
// If ip is not an IP address (it is the wrong length), To16 returns nil.
// A 16-byte ip is returned as is; a 4-byte one is copied into a new
// IPv4-mapped slice.
func (ip IP) To16() IP {
	if len(ip) == IPv4len {
		return IPv4(ip[0], ip[1], ip[2], ip[3])
	}
	if len(ip) == IPv6len {
		return ip
	}
	return nil
}

// Equal reports whether ip and x are the same IP address.
// An IPv4 address and that same address in IPv6 form are
// considered to be equal. Slices of the same length are compared
// byte for byte, whatever that length.
func (ip IP) Equal(x IP) bool {
	if len(ip) == len(x) {
		return string(ip) == string(x)
	}
	if len(ip) == IPv4len && len(x) == IPv6len {
		return isV4Mapped(x) && string(ip) == string(x[12:])
	}
	if len(ip) == IPv6len && len(x) == IPv4len {
		return isV4Mapped(ip) && string(ip[12:]) == string(x)
	}
	return false
}

// IsUnspecified reports whether ip is an unspecified address, either
// the IPv4 address "0.0.0.0" or the IPv6 address "::".
func (ip IP) IsUnspecified() bool {
	return ip.Equal(IPv4zero) || ip.Equal(IPv6unspecified)
}

// IsLoopback reports whether ip is a loopback address
// (127.0.0.0/8 or ::1).
func (ip IP) IsLoopback() bool {
	if ip4 := ip.To4(); ip4 != nil {
		return ip4[0] == 127
	}
	return ip.Equal(IPv6loopback)
}

// IsPrivate reports whether ip is a private address, according to
// RFC 1918 (IPv4 addresses) and RFC 4193 (IPv6 addresses).
func (ip IP) IsPrivate() bool {
	if ip4 := ip.To4(); ip4 != nil {
		// RFC 1918 §3: 10/8, 172.16/12, 192.168/16.
		return ip4[0] == 10 ||
			(ip4[0] == 172 && ip4[1]&0xf0 == 16) ||
			(ip4[0] == 192 && ip4[1] == 168)
	}
	// RFC 4193 §8: fc00::/7 is Unique Local Unicast.
	return len(ip) == IPv6len && ip[0]&0xfe == 0xfc
}

// IsMulticast reports whether ip is a multicast address
// (224.0.0.0/4 or ff00::/8).
func (ip IP) IsMulticast() bool {
	if ip4 := ip.To4(); ip4 != nil {
		return ip4[0]&0xf0 == 0xe0
	}
	return len(ip) == IPv6len && ip[0] == 0xff
}

// IsInterfaceLocalMulticast reports whether ip is
// an interface-local multicast address (ff01::/16, RFC 4291 §2.7).
func (ip IP) IsInterfaceLocalMulticast() bool {
	return len(ip) == IPv6len && ip[0] == 0xff && ip[1]&0x0f == 0x01
}

// IsLinkLocalMulticast reports whether ip is a link-local
// multicast address (224.0.0.0/24 or ff02::/16).
func (ip IP) IsLinkLocalMulticast() bool {
	if ip4 := ip.To4(); ip4 != nil {
		return ip4[0] == 224 && ip4[1] == 0 && ip4[2] == 0
	}
	return len(ip) == IPv6len && ip[0] == 0xff && ip[1]&0x0f == 0x02
}

// IsLinkLocalUnicast reports whether ip is a link-local
// unicast address (169.254.0.0/16 or fe80::/10).
func (ip IP) IsLinkLocalUnicast() bool {
	if ip4 := ip.To4(); ip4 != nil {
		return ip4[0] == 169 && ip4[1] == 254
	}
	return len(ip) == IPv6len && ip[0] == 0xfe && ip[1]&0xc0 == 0x80
}

// IsGlobalUnicast reports whether ip is a global unicast
// address.
//
// The identification of global unicast addresses uses address type
// identification as defined in RFC 1122, RFC 4632 and RFC 4291 with
// the exception of IPv4 directed broadcast addresses.
// It returns true even if ip is in IPv4 private address space or
// local IPv6 unicast address space.
func (ip IP) IsGlobalUnicast() bool {
	return (len(ip) == IPv4len || len(ip) == IPv6len) &&
		!ip.Equal(IPv4bcast) &&
		!ip.IsUnspecified() &&
		!ip.IsLoopback() &&
		!ip.IsMulticast() &&
		!ip.IsLinkLocalUnicast()
}

// Default route masks for IPv4 class A, B and C networks.
var (
	classAMask = IPv4Mask(0xff, 0, 0, 0)
	classBMask = IPv4Mask(0xff, 0xff, 0, 0)
	classCMask = IPv4Mask(0xff, 0xff, 0xff, 0)
)

// DefaultMask returns the default IP mask for the IP address ip.
// Only IPv4 addresses have default masks; DefaultMask returns
// nil if ip is not a valid IPv4 address. The result is shared
// between calls and must not be modified.
func (ip IP) DefaultMask() IPMask {
	if ip = ip.To4(); ip == nil {
		return nil
	}
	switch {
	case ip[0] < 0x80:
		return classAMask
	case ip[0] < 0xC0:
		return classBMask
	default:
		return classCMask
	}
}

// allFF reports whether b is all 0xff bytes.
func allFF(b []byte) bool {
	for _, c := range b {
		if c != 0xff {
			return false
		}
	}
	return true
}

// Mask returns the result of masking the IP address ip with mask.
// A 16-byte mask whose first 12 bytes are 0xff applies to a 4-byte ip,
// and a 4-byte mask applies to an IPv4-mapped 16-byte ip (giving a 4-byte
// result). Otherwise ip and mask must have the same length, or Mask
// returns nil.
func (ip IP) Mask(mask IPMask) IP {
	if len(mask) == IPv6len && len(ip) == IPv4len && allFF(mask[:12]) {
		mask = mask[12:]
	}
	if len(mask) == IPv4len && len(ip) == IPv6len && isV4Mapped(ip) {
		ip = ip[12:]
	}
	n := len(ip)
	if n != len(mask) {
		return nil
	}
	out := make(IP, n)
	for i := range n {
		out[i] = ip[i] & mask[i]
	}
	return out
}

// maxIPStringLen is the longest text AppendTo writes for a 4- or 16-byte IP
// ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").
const maxIPStringLen = 39

// String returns the string form of the IP address ip.
// It returns one of 4 forms:
//   - "<nil>", if ip has length 0
//   - dotted decimal ("192.0.2.1"), if ip is an IPv4 or IP4-mapped IPv6 address
//   - IPv6 conforming to RFC 5952 ("2001:db8::1"), if ip is a valid IPv6 address
//   - the hexadecimal form of ip, without punctuation, if no other cases apply
//
// String makes one allocation, for the returned string.
func (ip IP) String() string {
	if len(ip) == 0 {
		return "<nil>"
	}
	if len(ip) != IPv4len && len(ip) != IPv6len {
		return "?" + hexString(ip)
	}
	var buf [maxIPStringLen]byte
	return string(ip.appendTo(buf[:0]))
}

// hexString returns b as lowercase hex.
func hexString(b []byte) string {
	s := make([]byte, 0, len(b)*2)
	return string(appendHex(s, b))
}

// AppendTo appends the text of ip, as produced by String, to b and
// returns the extended buffer. It does not allocate when b has room.
func (ip IP) AppendTo(b []byte) []byte {
	switch len(ip) {
	case 0:
		return append(b, "<nil>"...)
	case IPv4len, IPv6len:
		return ip.appendTo(b)
	}
	b = append(b, '?')
	return appendHex(b, ip)
}

// appendTo appends the text of a 4- or 16-byte ip.
func (ip IP) appendTo(b []byte) []byte {
	if p4 := ip.To4(); p4 != nil {
		b = appendDecimal(b, p4[0])
		b = append(b, '.')
		b = appendDecimal(b, p4[1])
		b = append(b, '.')
		b = appendDecimal(b, p4[2])
		b = append(b, '.')
		return appendDecimal(b, p4[3])
	}
	return appendIPv6(b, ip)
}

// appendIPv6 appends ip in RFC 5952 §4 form: lowercase hex, no leading
// zeros, and the first longest run of two or more zero fields as "::".
func appendIPv6(b []byte, ip IP) []byte {
	var f [8]uint16
	for i := range f {
		f[i] = uint16(ip[2*i])<<8 | uint16(ip[2*i+1])
	}
	zs, ze := -1, -1 // best zero run [zs, ze)
	for i := 0; i < 8; i++ {
		if f[i] != 0 {
			continue
		}
		j := i + 1
		for j < 8 && f[j] == 0 {
			j++
		}
		if j-i >= 2 && j-i > ze-zs {
			zs, ze = i, j
		}
		i = j
	}
	for i := 0; i < 8; i++ {
		if i == zs {
			b = append(b, ':', ':')
			i = ze
			if i >= 8 {
				break
			}
		} else if i > 0 {
			b = append(b, ':')
		}
		b = appendHex16(b, f[i])
	}
	return b
}

// appendHex16 appends x in hex without leading zeros.
func appendHex16(b []byte, x uint16) []byte {
	switch {
	case x >= 0x1000:
		return append(b, hexDigit[x>>12], hexDigit[x>>8&0xf], hexDigit[x>>4&0xf], hexDigit[x&0xf])
	case x >= 0x100:
		return append(b, hexDigit[x>>8], hexDigit[x>>4&0xf], hexDigit[x&0xf])
	case x >= 0x10:
		return append(b, hexDigit[x>>4], hexDigit[x&0xf])
	}
	return append(b, hexDigit[x])
}

// AppendText implements the encoding.TextAppender interface.
// The encoding is the same as returned by String, with one exception:
// when len(ip) is zero, it appends nothing. An ip of another length than
// 4 or 16 is an *AddrError.
func (ip IP) AppendText(b []byte) ([]byte, error) {
	if len(ip) == 0 {
		return b, nil
	}
	if len(ip) != IPv4len && len(ip) != IPv6len {
		return b, &AddrError{Err: "invalid IP address", Addr: hexString(ip)}
	}
	return ip.appendTo(b), nil
}

// MarshalText implements the encoding.TextMarshaler interface.
// The encoding is the same as returned by String, with one exception:
// When len(ip) is zero, it returns an empty slice.
func (ip IP) MarshalText() ([]byte, error) {
	b, err := ip.AppendText(make([]byte, 0, 24))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// UnmarshalText implements the encoding.TextUnmarshaler interface.
// The IP address is expected in a form accepted by ParseIP; empty text
// sets *ip to nil.
func (ip *IP) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*ip = nil
		return nil
	}
	s := string(text)
	x := ParseIP(s)
	if x == nil {
		return &ParseError{Type: "IP address", Text: s}
	}
	*ip = x
	return nil
}
