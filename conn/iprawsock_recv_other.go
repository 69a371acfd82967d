//go:build unix && !(linux && !386 && !s390x)

package conn

import (
	"net/netip"

	"golang.org/x/sys/unix"
)

// ip4RecvOp is empty here: the IPv4 header is read into the caller's
// buffer and removed afterwards.
type ip4RecvOp struct{}

func newIP4RecvOp() *ip4RecvOp { return nil }

// recvIPv4 reads one packet with recvmsg(2) into b, removes the IPv4
// header and returns the payload length, the control length, the message
// flags and the source address.
func (c *IPConn) recvIPv4(b, oob []byte) (n, oobn, flags int, src netip.Addr, err error) {
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, 0)
	if err != nil {
		return 0, oobn, flags, netip.Addr{}, err
	}
	return stripIPv4Header(b, n), oobn, flags, sockaddrToAddrPort(sa).Addr(), nil
}

// stripIPv4Header removes the IPv4 header from the n bytes read into b and
// returns the payload length; data that does not start with a plausible
// IPv4 header is left as it is.
func stripIPv4Header(b []byte, n int) int {
	if n < 20 || n > len(b) {
		return n
	}
	if b[0]>>4 != 4 {
		return n
	}
	hl := int(b[0]&0x0f) << 2
	if hl < 20 || hl > n {
		return n
	}
	copy(b, b[hl:n])
	return n - hl
}

// sockaddrToAddrPort converts an IP sockaddr to a netip.AddrPort; any other
// sockaddr is the zero AddrPort.
func sockaddrToAddrPort(sa unix.Sockaddr) netip.AddrPort {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port))
	case *unix.SockaddrInet6:
		ip := netip.AddrFrom16(sa.Addr)
		if sa.ZoneId != 0 {
			ip = ip.WithZone(zoneName(int(sa.ZoneId)))
		}
		return netip.AddrPortFrom(ip, uint16(sa.Port))
	}
	return netip.AddrPort{}
}
