package addr

// An IPMask is a bitmask that can be used to manipulate
// IP addresses for IP addressing and routing.
//
// See type [IPNet] and func [ParseCIDR] for details.
type IPMask []byte

// IPv4Mask returns the IP mask (in 4-byte form) of the
// IPv4 mask a.b.c.d.
func IPv4Mask(a, b, c, d byte) IPMask {
	return IPMask{a, b, c, d}
}

// CIDRMask returns an IPMask consisting of 'ones' 1 bits
// followed by 0s up to a total length of 'bits' bits.
// For a mask of this form, CIDRMask is the inverse of IPMask.Size.
// It returns nil unless bits is 32 or 128 and 0 <= ones <= bits.
func CIDRMask(ones, bits int) IPMask {
	if bits != 8*IPv4len && bits != 8*IPv6len {
		return nil
	}
	if ones < 0 || ones > bits {
		return nil
	}
	m := make(IPMask, bits/8)
	fillMask(m, ones)
	return m
}

// fillMask writes a mask of ones leading 1 bits into the zeroed m.
func fillMask(m []byte, ones int) {
	for i := range m {
		if ones >= 8 {
			m[i] = 0xff
			ones -= 8
			continue
		}
		m[i] = ^byte(0xff >> ones)
		return
	}
}

// simpleMaskLength returns the number of leading ones in mask, or -1
// if mask is not in canonical form (ones followed by zeros).
func simpleMaskLength(mask IPMask) int {
	n := 0
	for i, v := range mask {
		if v == 0xff {
			n += 8
			continue
		}
		for v&0x80 != 0 {
			n++
			v <<= 1
		}
		if v != 0 {
			return -1
		}
		if !isZeros(mask[i+1:]) {
			return -1
		}
		break
	}
	return n
}

// Size returns the number of leading ones and total bits in the mask.
// If the mask is not in the canonical form--ones followed by zeros--then
// Size returns 0, 0.
func (m IPMask) Size() (ones, bits int) {
	ones, bits = simpleMaskLength(m), len(m)*8
	if ones == -1 {
		return 0, 0
	}
	return ones, bits
}

// String returns the hexadecimal form of m, with no punctuation,
// or "<nil>" for an empty mask.
func (m IPMask) String() string {
	if len(m) == 0 {
		return "<nil>"
	}
	return hexString(m)
}

// AppendTo appends the text of m, as produced by String, to b and returns
// the extended buffer.
func (m IPMask) AppendTo(b []byte) []byte {
	if len(m) == 0 {
		return append(b, "<nil>"...)
	}
	return appendHex(b, m)
}
