package addr

// An IPMask is a bitmask that can be used to manipulate
// IP addresses for IP addressing and routing.
type IPMask []byte
