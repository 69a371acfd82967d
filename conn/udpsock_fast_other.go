//go:build unix && !(linux && !386 && !s390x)

package conn

import (
	"net/netip"

	"golang.org/x/sys/unix"
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

// recvMsg reads one datagram into b and its control messages into oob.
func (c *UDPConn) recvMsg(b, oob []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, 0)
	if err != nil {
		return n, oobn, flags, netip.AddrPort{}, err
	}
	return n, oobn, flags, sockaddrToAddrPort(sa), nil
}

// sendMsg writes b with the control messages oob to ap, or to the peer of
// a connected socket when ap is the zero AddrPort.
func (c *UDPConn) sendMsg(b, oob []byte, ap netip.AddrPort) (n, oobn int, err error) {
	var sa unix.Sockaddr
	if ap.IsValid() {
		if sa, err = addrPortToSockaddr(c.fd.family, ap); err != nil {
			return 0, 0, err
		}
	}
	return c.fd.writeMsg(b, oob, sa)
}
