package conn

import (
	"context"
	"net"
	"syscall"

	"github.com/netkit-go/netkit/addr"
)

// The datagram side of UnixConn: "unixgram" sockets are net.PacketConns,
// and every Unix socket can pass out-of-band data (SCM_RIGHTS,
// SCM_CREDENTIALS) with ReadMsgUnix/WriteMsgUnix.

var _ net.PacketConn = (*UnixConn)(nil)

// ReadFromUnix acts like ReadFrom but returns a *addr.UnixAddr (nil when
// the sender is unnamed).
func (c *UnixConn) ReadFromUnix(b []byte) (int, *addr.UnixAddr, error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, a, err := c.readFrom(b)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, a, err
}

// ReadFrom implements the net.PacketConn ReadFrom method. The address is
// nil (an untyped nil net.Addr) when the sender is unnamed.
func (c *UnixConn) ReadFrom(b []byte) (int, net.Addr, error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, a, err := c.readFrom(b)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	if a == nil {
		return n, nil, err
	}
	return n, a, err
}

// ReadMsgUnix reads a message from c, copying the payload into b and the
// associated out-of-band data into oob. It returns the number of bytes
// copied into b, the number of bytes copied into oob, the flags that were
// set on the message and the source address of the message.
//
// Note that if len(b) == 0 and len(oob) > 0, this function will still read
// (and discard) 1 byte from the connection. File descriptors received
// with SCM_RIGHTS are close-on-exec.
func (c *UnixConn) ReadMsgUnix(b, oob []byte) (n, oobn, flags int, a *addr.UnixAddr, err error) {
	if !c.ok() {
		return 0, 0, 0, nil, syscall.EINVAL
	}
	n, oobn, flags, a, err = c.readMsg(b, oob)
	if err != nil {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return
}

// WriteToUnix acts like WriteTo but takes a *addr.UnixAddr.
func (c *UnixConn) WriteToUnix(b []byte, a *addr.UnixAddr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(b, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return n, err
}

// WriteTo implements the net.PacketConn WriteTo method; a must be a
// *addr.UnixAddr of the socket's network.
func (c *UnixConn) WriteTo(b []byte, a net.Addr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	ua, ok := a.(*addr.UnixAddr)
	if !ok {
		return 0, opError("write", c.fd.net, c.fd.laddr, a, syscall.EINVAL)
	}
	n, err := c.writeTo(b, ua)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(ua), err)
	}
	return n, err
}

// WriteMsgUnix writes a message to a via c, copying the payload from b and
// the associated out-of-band data from oob. It returns the number of
// payload and out-of-band bytes written. a must be nil on a connected
// socket.
//
// Note that if len(b) == 0 and len(oob) > 0, this function will still
// write 1 byte to the connection.
func (c *UnixConn) WriteMsgUnix(b, oob []byte, a *addr.UnixAddr) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsg(b, oob, a)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, opAddr(a), err)
	}
	return
}

// ListenUnixgram acts like ListenPacket for Unix networks.
//
// The network must be "unixgram".
func ListenUnixgram(network string, laddr *addr.UnixAddr) (*UnixConn, error) {
	switch network {
	case "unixgram":
	default:
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: addr.UnknownNetworkError(network)}
	}
	if laddr == nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	c, err := sl.listenUnixgram(context.Background(), laddr)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return c, nil
}
