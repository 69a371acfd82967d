//go:build unix && !linux

package conn

// socketDomain reports false: without SO_DOMAIN the family comes from the
// type of the socket's local address alone.
func socketDomain(int) (int, bool) { return 0, false }
