package addr

// This file holds the literal parsers shared by ParseIP, ParseCIDR and
// UnmarshalText. They accept exactly what net/netip.ParseAddr accepts for an
// address without a zone (the rules net.ParseIP follows since Go 1.22): four
// decimal IPv4 fields without leading zeros, or RFC 4291 §2.2 IPv6 text with
// at most one "::", 1-4 hex digits per field and an optional trailing
// dotted-quad in the last 32 bits. They write into a caller-owned array, so
// parsing itself never allocates.

// v4InV6Prefix is the RFC 4291 §2.5.5.2 prefix of an IPv4-mapped IPv6 address.
var v4InV6Prefix = [12]byte{10: 0xff, 11: 0xff}

// big is larger than any prefix length or port this package parses.
const big = 0xFFFFFF

// parseIP parses s into its 16-byte form (IPv4 as IPv4-mapped IPv6).
// is4 reports whether s was written as a dotted-quad IPv4 address.
// Literals with a zone are rejected.
func parseIP(s string) (ip [16]byte, is4, ok bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			ip[10], ip[11] = 0xff, 0xff
			ok = parseIPv4(s, (*[4]byte)(ip[12:]))
			return ip, true, ok
		case ':':
			ok = parseIPv6(s, &ip)
			return ip, false, ok
		case '%':
			return ip, false, false
		}
	}
	return ip, false, false
}

// parseIPv4 parses a dotted-quad IPv4 address into out.
func parseIPv4(s string, out *[4]byte) bool {
	if len(s) < len("0.0.0.0") || len(s) > len("255.255.255.255") {
		return false
	}
	field := 0
	val := 0
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if digits == 1 && val == 0 {
				return false // leading zero
			}
			val = val*10 + int(c-'0')
			if val > 255 {
				return false
			}
			digits++
			continue
		}
		if c != '.' || digits == 0 || field == 3 {
			return false
		}
		out[field] = byte(val)
		field++
		val, digits = 0, 0
	}
	if field != 3 || digits == 0 {
		return false
	}
	out[3] = byte(val)
	return true
}

// parseIPv6 parses an IPv6 address without a zone into out.
func parseIPv6(s string, out *[16]byte) bool {
	ellipsis := -1 // byte index in out where "::" stands
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return true
		}
	}
	i := 0
	for i < 16 {
		n := 0
		acc := uint32(0)
		for ; n < len(s); n++ {
			c := s[n]
			var d byte
			switch {
			case c >= '0' && c <= '9':
				d = c - '0'
			case c >= 'a' && c <= 'f':
				d = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				d = c - 'A' + 10
			default:
				goto endField
			}
			if n == 4 {
				return false // more than four hex digits
			}
			acc = acc<<4 | uint32(d)
		}
	endField:
		if n == 0 {
			return false
		}
		if n < len(s) && s[n] == '.' {
			// A trailing dotted quad fills the last four bytes.
			if (ellipsis < 0 && i != 12) || i > 12 {
				return false
			}
			if !parseIPv4(s, (*[4]byte)(out[i:i+4])) {
				return false
			}
			i += 4
			s = ""
			break
		}
		out[i] = byte(acc >> 8)
		out[i+1] = byte(acc)
		i += 2
		s = s[n:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return false // second "::"
			}
			ellipsis = i
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	if i < 16 {
		if ellipsis < 0 {
			return false
		}
		// Move the fields after "::" to the end and zero the gap.
		gap := 16 - i
		for j := i - 1; j >= ellipsis; j-- {
			out[j+gap] = out[j]
		}
		for j := ellipsis; j < ellipsis+gap; j++ {
			out[j] = 0
		}
	} else if ellipsis >= 0 {
		return false // "::" must stand for at least one field
	}
	return true
}

// dtoi parses a non-empty run of decimal digits at the start of s. It
// returns the value (big on overflow), the number of bytes consumed and
// whether the value is valid. Leading zeros are allowed.
func dtoi(s string) (n, i int, ok bool) {
	for i = 0; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		if n >= big {
			return big, i, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	return n, i, true
}

// unhex returns the value of the hex digit c and whether c is one.
func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

const hexDigit = "0123456789abcdef"

// appendHex appends b as lowercase hex, two digits a byte.
func appendHex(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, hexDigit[c>>4], hexDigit[c&0xf])
	}
	return dst
}

// appendDecimal appends the decimal form of a byte.
func appendDecimal(dst []byte, b byte) []byte {
	switch {
	case b >= 100:
		return append(dst, '0'+b/100, '0'+b/10%10, '0'+b%10)
	case b >= 10:
		return append(dst, '0'+b/10, '0'+b%10)
	}
	return append(dst, '0'+b)
}

// appendUint appends the decimal form of n.
func appendUint(dst []byte, n uint) []byte {
	var buf [20]byte
	i := len(buf)
	for n >= 10 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	buf[i] = byte('0' + n)
	return append(dst, buf[i:]...)
}
