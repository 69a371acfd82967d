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
		return nil, nil, &ParseError{Type: "CIDR address", Text: s}
	}
	a, is4, ok := parseIP(s[:slash])
	if !ok {
		return nil, nil, &ParseError{Type: "CIDR address", Text: s}
	}
	bits := 8 * IPv6len
	if is4 {
		bits = 8 * IPv4len
	}
	ms := s[slash+1:]
	ones, i, ok := dtoi(ms)
	if !ok || i != len(ms) || ones < 0 || ones > bits {
		return nil, nil, &ParseError{Type: "CIDR address", Text: s}
	}

	// The IPNet's slices are set right after the allocation, before any
	// call, so the compiler can leave out their write barriers.
	var ip, nn, mask []byte
	var n *IPNet
	if is4 {
		blk := new(cidrBlock4)
		b := &blk.buf
		blk.net = IPNet{IP: b[16:20:20], Mask: b[20:24:24]}
		n, ip, nn, mask = &blk.net, b[0:16:16], b[16:20:20], b[20:24:24]
	} else {
		blk := new(cidrBlock6)
		b := &blk.buf
		blk.net = IPNet{IP: b[16:32:32], Mask: b[32:48:48]}
		n, ip, nn, mask = &blk.net, b[0:16:16], b[16:32:32], b[32:48:48]
	}
	copy(ip, a[:])
	fillMask(mask, ones)
	src := a[IPv6len-len(nn):]
	for i := range nn {
		nn[i] = src[i] & mask[i]
	}
	return ip, n, nil
}
