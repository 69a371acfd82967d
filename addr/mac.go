package addr

// A HardwareAddr represents a physical hardware address.
type HardwareAddr []byte

// String returns a in colon-separated lowercase hex form
// ("00:00:5e:00:53:01"), or "" for an empty address.
func (a HardwareAddr) String() string {
	if len(a) == 0 {
		return ""
	}
	var buf [3 * 20]byte
	if len(a) <= 20 {
		return string(a.AppendTo(buf[:0]))
	}
	return string(a.AppendTo(make([]byte, 0, 3*len(a)-1)))
}

// AppendTo appends the text of a, as produced by String, to b and returns
// the extended buffer. It does not allocate when b has room.
func (a HardwareAddr) AppendTo(b []byte) []byte {
	for i, c := range a {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hexDigit[c>>4], hexDigit[c&0xf])
	}
	return b
}

// ParseMAC parses s as an IEEE 802 MAC-48, EUI-48, EUI-64, or a 20-octet
// IP over InfiniBand link-layer address using one of the following formats:
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
//	00005e005301
//
// The last, separator-less form is Go 1.26's (it also takes 8 and 20 octets).
// One separator is used throughout. Hex digits may be of either case.
// Errors are *AddrError{Err: "invalid MAC address"}.
func ParseMAC(s string) (HardwareAddr, error) {
	if len(s) < 12 {
		return nil, macError(s)
	}
	var buf [20]byte
	var n int
	switch {
	case s[2] == ':' || s[2] == '-':
		// xx:xx:xx... groups of two digits, one separator between.
		if (len(s)+1)%3 != 0 {
			return nil, macError(s)
		}
		n = (len(s) + 1) / 3
		if n != 6 && n != 8 && n != 20 {
			return nil, macError(s)
		}
		sep := s[2]
		for i, x := 0, 0; i < n; i, x = i+1, x+3 {
			hi, ok1 := unhex(s[x])
			lo, ok2 := unhex(s[x+1])
			if !ok1 || !ok2 || (x+2 < len(s) && s[x+2] != sep) {
				return nil, macError(s)
			}
			buf[i] = hi<<4 | lo
		}
	case s[4] == '.':
		// xxxx.xxxx.xxxx groups of four digits.
		if (len(s)+1)%5 != 0 {
			return nil, macError(s)
		}
		n = 2 * (len(s) + 1) / 5
		if n != 6 && n != 8 && n != 20 {
			return nil, macError(s)
		}
		for i, x := 0, 0; i < n; i, x = i+2, x+5 {
			d0, ok0 := unhex(s[x])
			d1, ok1 := unhex(s[x+1])
			d2, ok2 := unhex(s[x+2])
			d3, ok3 := unhex(s[x+3])
			if !ok0 || !ok1 || !ok2 || !ok3 || (x+4 < len(s) && s[x+4] != '.') {
				return nil, macError(s)
			}
			buf[i] = d0<<4 | d1
			buf[i+1] = d2<<4 | d3
		}
	default:
		// xxxxxxxxxxxx: hex digits only.
		if len(s)%2 != 0 {
			return nil, macError(s)
		}
		n = len(s) / 2
		if n != 6 && n != 8 && n != 20 {
			return nil, macError(s)
		}
		for i := range n {
			hi, ok1 := unhex(s[2*i])
			lo, ok2 := unhex(s[2*i+1])
			if !ok1 || !ok2 {
				return nil, macError(s)
			}
			buf[i] = hi<<4 | lo
		}
	}
	hw := make(HardwareAddr, n)
	copy(hw, buf[:n])
	return hw, nil
}

func macError(s string) error {
	return &AddrError{Err: "invalid MAC address", Addr: s}
}
