//go:build unix

package conn

import (
	"context"
	"errors"
	"os"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

func (sd *sysDialer) dialTCP(ctx context.Context, laddr, raddr *addr.TCPAddr) (*TCPConn, error) {
	return sd.dialTCPProto(ctx, laddr, raddr, 0)
}

// dialTCPProto connects a stream socket of protocol proto (0 for TCP,
// IPPROTO_MPTCP for Multipath TCP). A connection to itself (possible when
// dialing a local port with no listener, as the kernel may pick the same
// port as source) and a spurious EADDRNOTAVAIL are retried twice.
func (sd *sysDialer) dialTCPProto(ctx context.Context, laddr, raddr *addr.TCPAddr, proto int) (*TCPConn, error) {
	ctrl := sd.Dialer.ctrl()
	fd, err := internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_STREAM, proto, "dial", ctrl)
	for i := 0; i < 2 && (laddr == nil || laddr.Port == 0) && (selfConnect(fd, err) || spuriousENOTAVAIL(err)); i++ {
		if err == nil {
			fd.Close()
		}
		fd, err = internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_STREAM, proto, "dial", ctrl)
	}
	if err != nil {
		return nil, err
	}
	return newTCPConn(fd, sd.Dialer.KeepAlive, sd.Dialer.KeepAliveConfig), nil
}

// selfConnect reports whether a dial connected the socket to itself.
func selfConnect(fd *netFD, err error) bool {
	if err != nil {
		return false
	}
	// The addresses may be missing if the connection was reset before
	// Getsockname/Getpeername: treat that as a self-connect and retry.
	if fd.laddr == nil || fd.raddr == nil {
		return true
	}
	l, lok := fd.laddr.(*addr.TCPAddr)
	r, rok := fd.raddr.(*addr.TCPAddr)
	return lok && rok && l.Port == r.Port && l.IP.Equal(r.IP)
}

func spuriousENOTAVAIL(err error) bool {
	var se *os.SyscallError
	if errors.As(err, &se) {
		err = se.Err
	}
	return err == unix.EADDRNOTAVAIL
}

func (sl *sysListener) listenTCP(ctx context.Context, laddr *addr.TCPAddr) (*TCPListener, error) {
	return sl.listenTCPProto(ctx, laddr, 0)
}

func (sl *sysListener) listenTCPProto(ctx context.Context, laddr *addr.TCPAddr, proto int) (*TCPListener, error) {
	fd, err := internetSocket(ctx, sl.network, laddr, nil, unix.SOCK_STREAM, proto, "listen", sl.ListenConfig.ctrl())
	if err != nil {
		return nil, err
	}
	return &TCPListener{fd: fd, lc: sl.ListenConfig}, nil
}
