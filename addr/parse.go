package addr

// This file holds the literal parsers shared by ParseIP, ParseCIDR and
// UnmarshalText (which pick IPv4 or IPv6 by the first '.' or ':', as
// net/netip.ParseAddr does). They accept exactly what net/netip.ParseAddr accepts for an
// address without a zone (the rules net.ParseIP follows since Go 1.22): four
// decimal IPv4 fields without leading zeros, or RFC 4291 §2.2 IPv6 text with
// at most one "::", 1-4 hex digits per field and an optional trailing
// dotted-quad in the last 32 bits. They write into a caller-owned array, so
// parsing itself never allocates.

// big is larger than any prefix length or port this package parses.
const big = 0xFFFFFF

// parseIPv4 parses a dotted-quad IPv4 address into out: four fields of one
// to three decimal digits, each at most 255 and without a leading zero.
func parseIPv4(s string, out *[4]byte) bool {
	i := 0
	for f := range 4 {
		if f > 0 {
			if i >= len(s) || s[i] != '.' {
				return false
			}
			i++
		}
		if i >= len(s) {
			return false
		}
		d := s[i] - '0'
		if d > 9 {
			return false
		}
		i++
		v := uint(d)
		if d != 0 { // a field starting with 0 is "0" alone
			for k := 0; k < 2 && i < len(s); k++ {
				d := s[i] - '0'
				if d > 9 {
					break
				}
				v = v*10 + uint(d)
				i++
			}
			if v > 255 {
				return false
			}
		}
		out[f] = byte(v)
	}
	return i == len(s)
}

// parseIPv6 parses an IPv6 address without a zone into out. It walks s by
// index: p is the next byte to read, i the next byte of out to fill.
func parseIPv6(s string, out *[16]byte) bool {
	ellipsis := -1 // index in out where "::" stands
	p := 0
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		if len(s) == 2 {
			return true
		}
		ellipsis, p = 0, 2
	}
	i := 0
	for i < 16 {
		start := p
		acc := uint32(0)
		for p < len(s) {
			d := hexValue[s[p]]
			if d == 0xff {
				break
			}
			acc = acc<<4 | uint32(d)
			p++
		}
		if p == start || p-start > 4 {
			return false // no digit, or more than four
		}
		if p < len(s) && s[p] == '.' {
			// A trailing dotted quad fills the last four bytes.
			if (ellipsis < 0 && i != 12) || i > 12 {
				return false
			}
			if !parseIPv4(s[start:], (*[4]byte)(out[i:i+4])) {
				return false
			}
			i += 4
			p = len(s)
			break
		}
		out[i] = byte(acc >> 8)
		out[i+1] = byte(acc)
		i += 2
		if p == len(s) {
			break
		}
		if s[p] != ':' || p+1 == len(s) {
			return false
		}
		p++
		if s[p] == ':' {
			if ellipsis >= 0 {
				return false // second "::"
			}
			ellipsis = i
			p++
			if p == len(s) {
				break
			}
		}
	}
	if p != len(s) {
		return false
	}
	if i < 16 {
		if ellipsis < 0 {
			return false
		}
		// Move the fields after "::" to the end and zero the gap.
		gap := 16 - i
		copy(out[ellipsis+gap:], out[ellipsis:i])
		clear(out[ellipsis : ellipsis+gap])
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

// hexValue maps a byte to its hex digit value, or 0xff if it is not a hex
// digit. A string constant: indexing it needs no initialisation at start-up.
const hexValue = "" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\xff\xff\xff\xff\xff\xff" +
	"\xff\x0a\x0b\x0c\x0d\x0e\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\x0a\x0b\x0c\x0d\x0e\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"

// unhex returns the value of the hex digit c and whether c is one.
func unhex(c byte) (byte, bool) {
	v := hexValue[c]
	return v, v != 0xff
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
