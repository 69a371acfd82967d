//go:build unix && !(linux && !386 && !s390x)

package conn

import (
	"net/netip"
)

// udpOps is empty off Linux, and on linux/386 and linux/s390x (where
// socket calls may have to go through socketcall(2)): the datagram paths
// use the poller's ReadFrom and WriteTo, which allocate the unix.Sockaddr
// of each call.
type udpOps struct{}

func newUDPOps() *udpOps { return nil }

// recvFrom reads one datagram into b and returns its length and source.
func (c *UDPConn) recvFrom(b []byte) (int, netip.AddrPort, error) {
	n, sa, err := c.fd.readFrom(b)
	if err != nil {
		return n, netip.AddrPort{}, err
	}
	return n, sockaddrToAddrPort(sa), nil
}

// sendTo writes b as one datagram to ap, converted for the socket's family.
func (c *UDPConn) sendTo(b []byte, ap netip.AddrPort) (int, error) {
	sa, err := addrPortToSockaddr(c.fd.family, ap)
	if err != nil {
		return 0, err
	}
	return c.fd.writeTo(b, sa)
}
