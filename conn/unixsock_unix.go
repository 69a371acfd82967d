//go:build unix

package conn

import (
	"context"
	"errors"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

// unixSocket creates a Unix domain socket of network ("unix", "unixgram",
// "unixpacket") for mode "dial" or "listen".
func unixSocket(ctx context.Context, network string, laddr, raddr *addr.UnixAddr, mode string, ctrl ctrlFn) (*netFD, error) {
	var sotype int
	switch network {
	case "unix":
		sotype = unix.SOCK_STREAM
	case "unixgram":
		sotype = unix.SOCK_DGRAM
	case "unixpacket":
		sotype = unix.SOCK_SEQPACKET
	default:
		return nil, addr.UnknownNetworkError(network)
	}
	switch mode {
	case "dial":
		if laddr != nil && laddr.Name == "" {
			laddr = nil
		}
		if raddr != nil && raddr.Name == "" {
			raddr = nil
		}
		if raddr == nil && (sotype != unix.SOCK_DGRAM || laddr == nil) {
			return nil, errMissingAddress
		}
	case "listen":
	default:
		return nil, errors.New("unknown mode: " + mode)
	}
	return socket(ctx, network, unix.AF_UNIX, sotype, 0, false, opAddr(laddr), opAddr(raddr), ctrl)
}

func (sd *sysDialer) dialUnix(ctx context.Context, laddr, raddr *addr.UnixAddr) (*UnixConn, error) {
	fd, err := unixSocket(ctx, sd.network, laddr, raddr, "dial", sd.Dialer.ctrl())
	if err != nil {
		return nil, err
	}
	return newUnixConn(fd), nil
}

func (sl *sysListener) listenUnix(ctx context.Context, laddr *addr.UnixAddr) (*UnixListener, error) {
	fd, err := unixSocket(ctx, sl.network, laddr, nil, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	return &UnixListener{fd: fd, path: fd.laddr.String(), unlink: true}, nil
}
