package addr

// An IPNet represents an IP network.
type IPNet struct {
	IP   IP     // network number
	Mask IPMask // network mask
}

// networkNumberAndMask returns n's address (4-byte for IPv4) and the mask
// that applies to it, or nil, nil if they do not fit together.
func networkNumberAndMask(n *IPNet) (ip IP, m IPMask) {
	if ip = n.IP.To4(); ip == nil {
		ip = n.IP
		if len(ip) != IPv6len {
			return nil, nil
		}
	}
	m = n.Mask
	switch len(m) {
	case IPv4len:
		if len(ip) != IPv4len {
			return nil, nil
		}
	case IPv6len:
		if len(ip) == IPv4len {
			m = m[12:]
		}
	default:
		return nil, nil
	}
	return ip, m
}

// Contains reports whether the network includes ip.
func (n *IPNet) Contains(ip IP) bool {
	nn, m := networkNumberAndMask(n)
	if x := ip.To4(); x != nil {
		ip = x
	}
	l := len(ip)
	if l != len(nn) {
		return false
	}
	for i := range l {
		if nn[i]&m[i] != ip[i]&m[i] {
			return false
		}
	}
	return true
}

// Network returns the address's network name, "ip+net".
func (n *IPNet) Network() string { return "ip+net" }

// String returns the CIDR notation of n like "192.0.2.0/24"
// or "2001:db8::/48" as defined in RFC 4632 and RFC 4291.
// If the mask is not in the canonical form, it returns the
// string which consists of an IP address, followed by a slash
// character and a mask expressed as hexadecimal form with no
// punctuation like "198.51.100.0/c000ff00". A nil n, or an IP and
// mask that do not fit together, give "<nil>".
func (n *IPNet) String() string {
	if n == nil {
		return "<nil>"
	}
	var buf [maxIPStringLen + 1 + 2*IPv6len]byte
	b, ok := n.appendTo(buf[:0])
	if !ok {
		return "<nil>"
	}
	return string(b)
}

// AppendTo appends the text of n, as produced by String, to b and returns
// the extended buffer. It does not allocate when b has room.
func (n *IPNet) AppendTo(b []byte) []byte {
	if n == nil {
		return append(b, "<nil>"...)
	}
	b2, ok := n.appendTo(b)
	if !ok {
		return append(b, "<nil>"...)
	}
	return b2
}

func (n *IPNet) appendTo(b []byte) ([]byte, bool) {
	nn, m := networkNumberAndMask(n)
	if nn == nil || m == nil {
		return b, false
	}
	b = nn.appendTo(b)
	b = append(b, '/')
	if l := simpleMaskLength(m); l >= 0 {
		return appendUint(b, uint(l)), true
	}
	return appendHex(b, m), true
}

// cidrBlock4 and cidrBlock6 hold everything ParseCIDR returns in one
// allocation: the returned IPNet and the bytes of the address (always 16),
// the network number and the mask (4 or 16 each).
type cidrBlock4 struct {
	net IPNet
	buf [IPv6len + 2*IPv4len]byte
}

type cidrBlock6 struct {
	net IPNet
	buf [3 * IPv6len]byte
}

// ParseCIDR parses s as a CIDR notation IP address and prefix length,
// like "192.0.2.0/24" or "2001:db8::/32", as defined in
// RFC 4632 and RFC 4291.
//
// It returns the IP address and the network implied by the IP and
// prefix length.
// For example, ParseCIDR("192.0.2.1/24") returns the IP address
// 192.0.2.1 and the network 192.0.2.0/24.
//
// The address follows ParseIP's rules (no leading zeros in IPv4 fields,
// no zone); the prefix length is decimal and may have leading zeros.
// Errors are *ParseError with Type "CIDR address".
//
// Unlike net.ParseCIDR, which makes four allocations, ParseCIDR makes one:
// the IP, the IPNet and its slices share a single block (each slice is
// capped at its own length, so appending to one never overwrites another).
func ParseCIDR(s string) (IP, *IPNet, error) {
	// Neither part may hold a '/', so the last one is as good as the first
	// and, the prefix length being short, quicker to find.
	slash := len(s) - 1
	for slash >= 0 && s[slash] != '/' {
		slash--
	}
	if slash < 0 {
		return nil, nil, cidrError(s)
	}
	host, ms := s[:slash], s[slash+1:]
	ones, i, ok := dtoi(ms)
	if !ok || i != len(ms) {
		return nil, nil, cidrError(s)
	}
	// The family is that of the first '.' or ':', as in parseIP.
	for j := 0; j < len(host); j++ {
		switch host[j] {
		case '.':
			var a [4]byte
			if ones > 8*IPv4len || !parseIPv4(host, &a) {
				return nil, nil, cidrError(s)
			}
			ip, n := newCIDR4(a, ones)
			return ip, n, nil
		case ':':
			var a [16]byte
			if ones > 8*IPv6len || !parseIPv6(host, &a) {
				return nil, nil, cidrError(s)
			}
			ip, n := newCIDR6(&a, ones)
			return ip, n, nil
		case '%':
			return nil, nil, cidrError(s)
		}
	}
	return nil, nil, cidrError(s)
}

func cidrError(s string) error { return &ParseError{Type: "CIDR address", Text: s} }

// newCIDR4 returns ParseCIDR's results for the IPv4 address a and prefix
// length ones (0..32) from one allocation. The IPNet's slices are stored
// field by field right after the allocation (a struct copy would go
// through the bulk write barrier while the collector runs).
func newCIDR4(a [4]byte, ones int) (IP, *IPNet) {
	blk := new(cidrBlock4)
	b := &blk.buf
	blk.net.IP = b[16:20:20]
	blk.net.Mask = b[20:24:24]
	m := ^uint32(0) << (32 - ones) // ones == 0 shifts everything out
	b[10], b[11] = 0xff, 0xff
	b[12], b[13], b[14], b[15] = a[0], a[1], a[2], a[3]
	b[20], b[21], b[22], b[23] = byte(m>>24), byte(m>>16), byte(m>>8), byte(m)
	b[16], b[17], b[18], b[19] = a[0]&b[20], a[1]&b[21], a[2]&b[22], a[3]&b[23]
	return IP(b[0:16:16]), &blk.net
}

// newCIDR6 is newCIDR4 for the IPv6 address a and ones in 0..128.
func newCIDR6(a *[16]byte, ones int) (IP, *IPNet) {
	blk := new(cidrBlock6)
	b := &blk.buf
	blk.net.IP = b[16:32:32]
	blk.net.Mask = b[32:48:48]
	// The mask as two 64-bit halves; a shift by 64 or more gives 0.
	hi := ^uint64(0) << (64 - min(ones, 64))
	lo := ^uint64(0) << (128 - max(ones, 64))
	if ones <= 64 {
		lo = 0
	}
	ah, al := be64(a[0:8]), be64(a[8:16])
	putBE64(b[0:8], ah)
	putBE64(b[8:16], al)
	putBE64(b[16:24], ah&hi)
	putBE64(b[24:32], al&lo)
	putBE64(b[32:40], hi)
	putBE64(b[40:48], lo)
	return IP(b[0:16:16]), &blk.net
}

// be64 reads b[0:8] as a big-endian word.
func be64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
		uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
}

// putBE64 writes v into b[0:8] big-endian.
func putBE64(b []byte, v uint64) {
	_ = b[7]
	b[0], b[1], b[2], b[3] = byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32)
	b[4], b[5], b[6], b[7] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}
