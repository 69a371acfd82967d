package conn

import (
	"context"
	"errors"
	"sync"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

const (
	ipprotoMPTCP = 0x106 // IPPROTO_MPTCP
	solMPTCP     = 0x11c // SOL_MPTCP
	mptcpInfo    = 0x1   // MPTCP_INFO
)

// mptcpSupport reports (once) whether the kernel can make MPTCP sockets,
// and whether it has SOL_MPTCP to tell a fallen-back connection (5.16+).
var mptcpSupport = sync.OnceValues(func() (available, hasSOLMPTCP bool) {
	family := unix.AF_INET
	if !supportsIPv4() {
		family = unix.AF_INET6
	}
	s, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, ipprotoMPTCP)
	switch {
	case errors.Is(err, unix.EPROTONOSUPPORT), errors.Is(err, unix.EINVAL):
		return false, false
	case err == nil:
		unix.Close(s)
	}
	return true, kernelVersionAtLeast(5, 16)
})

func (sd *sysDialer) dialMPTCP(ctx context.Context, laddr, raddr *addr.TCPAddr) (*TCPConn, error) {
	if ok, _ := mptcpSupport(); ok {
		if c, err := sd.dialTCPProto(ctx, laddr, raddr, ipprotoMPTCP); err == nil {
			return c, nil
		}
	}
	return sd.dialTCP(ctx, laddr, raddr)
}

func (sl *sysListener) listenMPTCP(ctx context.Context, laddr *addr.TCPAddr) (*TCPListener, error) {
	if ok, _ := mptcpSupport(); ok {
		if ln, err := sl.listenTCPProto(ctx, laddr, ipprotoMPTCP); err == nil {
			return ln, nil
		}
	}
	return sl.listenTCP(ctx, laddr)
}

// isUsingMultipathTCP reports whether fd is an MPTCP socket that has not
// fallen back to plain TCP.
func isUsingMultipathTCP(fd *netFD) bool {
	ok, hasSOL := mptcpSupport()
	if !ok {
		return false
	}
	var using bool
	fd.control(func(s int) error {
		if hasSOL {
			_, err := unix.GetsockoptInt(s, solMPTCP, mptcpInfo)
			using = err != unix.EOPNOTSUPP && err != unix.ENOPROTOOPT
		} else {
			proto, _ := unix.GetsockoptInt(s, unix.SOL_SOCKET, unix.SO_PROTOCOL)
			using = proto == ipprotoMPTCP
		}
		return nil
	})
	return using
}
