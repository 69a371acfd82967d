//go:build !unix

package conn

import (
	"context"
	"net"
	"net/netip"
	"os"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
)

// The packet side (UDP, raw IP, multicast, File*) on platforms without
// sockets support: every operation fails with errUnsupported, which wraps
// errors.ErrUnsupported and names GOOS/GOARCH.

type ip4RecvOp struct{}

func newIP4RecvOp() *ip4RecvOp { return nil }

func (fd *netFD) isIPv4Raw() bool { return false }

func (c *UDPConn) readFromUDP([]byte, *addr.UDPAddr) (int, *addr.UDPAddr, error) {
	return 0, nil, errUnsupported
}

func (c *UDPConn) readFromAddrPort([]byte) (int, netip.AddrPort, error) {
	return 0, netip.AddrPort{}, errUnsupported
}

func (c *UDPConn) readMsg(_, _ []byte) (n, oobn, flags int, ap netip.AddrPort, err error) {
	return 0, 0, 0, netip.AddrPort{}, errUnsupported
}

func (c *UDPConn) writeTo([]byte, *addr.UDPAddr) (int, error) { return 0, errUnsupported }

func (c *UDPConn) writeToAddrPort([]byte, netip.AddrPort) (int, error) { return 0, errUnsupported }

func (c *UDPConn) writeMsg(_, _ []byte, _ *addr.UDPAddr) (n, oobn int, err error) {
	return 0, 0, errUnsupported
}

func (c *UDPConn) writeMsgAddrPort(_, _ []byte, _ netip.AddrPort) (n, oobn int, err error) {
	return 0, 0, errUnsupported
}

func (c *IPConn) recvIPv4(_, _ []byte) (n, oobn, flags int, src netip.Addr, err error) {
	return 0, 0, 0, netip.Addr{}, errUnsupported
}

func (c *IPConn) readFrom([]byte) (int, *addr.IPAddr, error) { return 0, nil, errUnsupported }

func (c *IPConn) readMsg(_, _ []byte) (n, oobn, flags int, a *addr.IPAddr, err error) {
	return 0, 0, 0, nil, errUnsupported
}

func (c *IPConn) writeTo([]byte, *addr.IPAddr) (int, error) { return 0, errUnsupported }

func (c *IPConn) writeMsg(_, _ []byte, _ *addr.IPAddr) (n, oobn int, err error) {
	return 0, 0, errUnsupported
}

func (sd *sysDialer) dialPacket(context.Context, net.Addr, net.Addr) (net.Conn, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenPacket(context.Context, net.Addr) (net.PacketConn, error) {
	return nil, errUnsupported
}

func (sd *sysDialer) dialUDP(context.Context, *addr.UDPAddr, *addr.UDPAddr) (*UDPConn, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenUDP(context.Context, *addr.UDPAddr) (*UDPConn, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenMulticastUDP(context.Context, *iface.Interface, *addr.UDPAddr) (*UDPConn, error) {
	return nil, errUnsupported
}

func (sd *sysDialer) dialIP(context.Context, *addr.IPAddr, *addr.IPAddr) (*IPConn, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenIP(context.Context, *addr.IPAddr) (*IPConn, error) {
	return nil, errUnsupported
}

func fileConn(*os.File) (net.Conn, error)             { return nil, errUnsupported }
func fileListener(*os.File) (net.Listener, error)     { return nil, errUnsupported }
func filePacketConn(*os.File) (net.PacketConn, error) { return nil, errUnsupported }
