package sockopt

import (
	"syscall"

	"github.com/netkit-go/netkit/addr"
)

// SetTOS sets the type-of-service field (DSCP and ECN bits) of the IPv4
// header of packets sent on the socket (IP_TOS). The kernel may mask the
// ECN bits of TCP sockets.
func SetTOS(rc syscall.RawConn, tos int) error { return setInt(rc, optTOS, tos) }

// TOS returns the IP_TOS setting.
func TOS(rc syscall.RawConn) (int, error) { return getInt(rc, optTOS) }

// SetTTL sets the time-to-live of IPv4 unicast packets sent on the socket
// (IP_TTL), 1 to 255; -1 restores the system default on Linux.
func SetTTL(rc syscall.RawConn, ttl int) error { return setInt(rc, optTTL, ttl) }

// TTL returns the IP_TTL setting: the system default (64 on Linux) until
// SetTTL is called.
func TTL(rc syscall.RawConn) (int, error) { return getInt(rc, optTTL) }

// to4 returns ip as four bytes. A nil ip is the unspecified address
// 0.0.0.0; an IPv6 address that is not IPv4-mapped gives ok == false.
func to4(ip addr.IP) (b [4]byte, ok bool) {
	switch len(ip) {
	case 0:
		return b, true
	case addr.IPv4len:
		copy(b[:], ip)
		return b, true
	case addr.IPv6len:
		for i := 0; i < 10; i++ {
			if ip[i] != 0 {
				return b, false
			}
		}
		if ip[10] != 0xff || ip[11] != 0xff {
			return b, false
		}
		copy(b[:], ip[12:])
		return b, true
	}
	return b, false
}

// to16 returns ip as sixteen bytes, IPv4 addresses in their IPv4-mapped form.
func to16(ip addr.IP) (b [16]byte, ok bool) {
	switch len(ip) {
	case addr.IPv4len:
		b[10], b[11] = 0xff, 0xff
		copy(b[12:], ip)
		return b, true
	case addr.IPv6len:
		copy(b[:], ip)
		return b, true
	}
	return b, false
}
