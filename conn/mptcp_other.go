//go:build unix && !linux

package conn

import (
	"context"

	"github.com/netkit-go/netkit/addr"
)

// Multipath TCP is Linux-only: other systems dial and listen plain TCP.

func (sd *sysDialer) dialMPTCP(ctx context.Context, laddr, raddr *addr.TCPAddr) (*TCPConn, error) {
	return sd.dialTCP(ctx, laddr, raddr)
}

func (sl *sysListener) listenMPTCP(ctx context.Context, laddr *addr.TCPAddr) (*TCPListener, error) {
	return sl.listenTCP(ctx, laddr)
}

func isUsingMultipathTCP(*netFD) bool { return false }
