package resolver

import (
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/dns/dnsmessage"
)

// isDomainName reports whether s is a syntactically valid domain name in the
// sense the standard library uses: labels of letters, digits, '_' and
// non-leading, non-trailing '-', at most 63 bytes each, 253 bytes in all (254
// with the root dot), and at least one non-numeric character.
func isDomainName(s string) bool {
	if s == "." {
		return true
	}
	l := len(s)
	if l == 0 || l > 254 || l == 254 && s[l-1] != '.' {
		return false
	}
	last := byte('.')
	nonNumeric := false
	partlen := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_':
			nonNumeric = true
			partlen++
		case '0' <= c && c <= '9':
			partlen++
		case c == '-':
			if last == '.' {
				return false
			}
			partlen++
			nonNumeric = true
		case c == '.':
			if last == '.' || last == '-' || partlen > 63 || partlen == 0 {
				return false
			}
			partlen = 0
		default:
			return false
		}
		last = c
	}
	if last == '-' || partlen > 63 {
		return false
	}
	return nonNumeric
}

// ensureRooted appends the root dot unless s already ends in one.
func ensureRooted(s string) string {
	if len(s) > 0 && s[len(s)-1] == '.' {
		return s
	}
	return s + "."
}

// absDomainName roots s when it holds a dot (the hosts file's keys).
func absDomainName(s string) string {
	if strings.IndexByte(s, '.') != -1 && s[len(s)-1] != '.' {
		s += "."
	}
	return s
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// equalASCIIName compares two wire names ignoring ASCII case.
func equalASCIIName(x, y dnsmessage.Name) bool {
	if x.Length != y.Length {
		return false
	}
	for i := 0; i < int(x.Length); i++ {
		a, b := x.Data[i], y.Data[i]
		if 'A' <= a && a <= 'Z' {
			a += 0x20
		}
		if 'A' <= b && b <= 'Z' {
			b += 0x20
		}
		if a != b {
			return false
		}
	}
	return true
}

const hexDigit = "0123456789abcdef"

// reverseaddr returns the in-addr.arpa. or ip6.arpa. name of an address.
func reverseaddr(s string) (string, error) {
	ip, err := netip.ParseAddr(s)
	if err != nil || ip.Zone() != "" {
		return "", &DNSError{Err: "unrecognized address", Name: s}
	}
	ip = ip.Unmap()
	if ip.Is4() {
		b := ip.As4()
		return strconv.Itoa(int(b[3])) + "." + strconv.Itoa(int(b[2])) + "." + strconv.Itoa(int(b[1])) + "." + strconv.Itoa(int(b[0])) + ".in-addr.arpa.", nil
	}
	b := ip.As16()
	buf := make([]byte, 0, 16*4+len("ip6.arpa."))
	for i := 15; i >= 0; i-- {
		buf = append(buf, hexDigit[b[i]&0xf], '.', hexDigit[b[i]>>4], '.')
	}
	return string(append(buf, "ip6.arpa."...)), nil
}

// ipString formats an address as net.IP.String does: IPv4-mapped IPv6
// addresses print in dotted form.
func ipString(a netip.Addr) string {
	if a.Is4In6() {
		a = a.Unmap()
	}
	return a.String()
}
