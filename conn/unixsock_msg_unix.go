//go:build unix

package conn

import (
	"context"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

// sotypeToNet names the Unix network of a socket type.
func sotypeToNet(sotype int) string {
	switch sotype {
	case unix.SOCK_DGRAM:
		return "unixgram"
	case unix.SOCK_SEQPACKET:
		return "unixpacket"
	}
	return "unix"
}

func (c *UnixConn) readFrom(b []byte) (int, *addr.UnixAddr, error) {
	var ua *addr.UnixAddr
	n, sa, err := c.fd.readFrom(b)
	if sa, ok := sa.(*unix.SockaddrUnix); ok && sa.Name != "" {
		ua = &addr.UnixAddr{Name: sa.Name, Net: sotypeToNet(c.fd.sotype)}
	}
	return n, ua, err
}

func (c *UnixConn) readMsg(b, oob []byte) (n, oobn, flags int, ua *addr.UnixAddr, err error) {
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, readMsgFlags)
	if readMsgFlags == 0 && err == nil && oobn > 0 {
		setReadMsgCloseOnExec(oob[:oobn])
	}
	if sa, ok := sa.(*unix.SockaddrUnix); ok && sa.Name != "" {
		ua = &addr.UnixAddr{Name: sa.Name, Net: sotypeToNet(c.fd.sotype)}
	}
	return
}

func (c *UnixConn) writeTo(b []byte, ua *addr.UnixAddr) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if ua == nil {
		return 0, errMissingAddress
	}
	if ua.Net != sotypeToNet(c.fd.sotype) {
		return 0, unix.EAFNOSUPPORT
	}
	return c.fd.writeTo(b, &unix.SockaddrUnix{Name: ua.Name})
}

func (c *UnixConn) writeMsg(b, oob []byte, ua *addr.UnixAddr) (n, oobn int, err error) {
	if c.fd.sotype == unix.SOCK_DGRAM && c.fd.isConnected {
		return 0, 0, ErrWriteToConnected
	}
	var sa unix.Sockaddr
	if ua != nil {
		if ua.Net != sotypeToNet(c.fd.sotype) {
			return 0, 0, unix.EAFNOSUPPORT
		}
		sa = &unix.SockaddrUnix{Name: ua.Name}
	}
	return c.fd.writeMsg(b, oob, sa)
}

func (sl *sysListener) listenUnixgram(ctx context.Context, laddr *addr.UnixAddr) (*UnixConn, error) {
	fd, err := unixSocket(ctx, sl.network, laddr, nil, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	return newUnixConn(fd), nil
}
