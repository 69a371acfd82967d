//go:build unix

package conn

import (
	"context"
	"net"
	"os"
	"syscall"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

// ctrlFn is the Control/ControlContext hook of a Dialer or ListenConfig.
type ctrlFn = func(ctx context.Context, network, address string, c syscall.RawConn) error

// socket creates a socket of family/sotype/proto for the network name net
// and sets it up: default options, then the control hook, then either
// bind+listen (laddr set, raddr nil, stream/seqpacket), bind only
// (laddr set, raddr nil, datagram), or optional bind + connect (raddr set,
// or neither set for an unconnected datagram socket).
func socket(ctx context.Context, net string, family, sotype, proto int, ipv6only bool, laddr, raddr net.Addr, ctrl ctrlFn) (*netFD, error) {
	laddr, raddr = opAddr(laddr), opAddr(raddr)
	pfd, err := poller.Socket(family, sotype, proto)
	if err != nil {
		return nil, err
	}
	fd := newFD(pfd, net)
	if err := fd.setDefaultSockopts(family, sotype, ipv6only); err != nil {
		fd.Close()
		return nil, err
	}
	if laddr != nil && raddr == nil {
		switch sotype {
		case unix.SOCK_STREAM, unix.SOCK_SEQPACKET:
			if err := fd.listenStream(ctx, laddr, listenerBacklog(), ctrl); err != nil {
				fd.Close()
				return nil, err
			}
			return fd, nil
		case unix.SOCK_DGRAM:
			if err := fd.listenDatagram(ctx, laddr, ctrl); err != nil {
				fd.Close()
				return nil, err
			}
			return fd, nil
		}
	}
	if err := fd.dial(ctx, laddr, raddr, ctrl); err != nil {
		fd.Close()
		return nil, err
	}
	return fd, nil
}

// ctrlNetwork is the network name given to Control hooks: "tcp4"/"tcp6"
// rather than "tcp", and so on; Unix networks as they are.
func (fd *netFD) ctrlNetwork() string {
	switch fd.net {
	case "unix", "unixgram", "unixpacket":
		return fd.net
	}
	switch fd.net[len(fd.net)-1] {
	case '4', '6':
		return fd.net
	}
	if fd.family == unix.AF_INET {
		return fd.net + "4"
	}
	return fd.net + "6"
}

func (fd *netFD) setDefaultSockopts(family, sotype int, ipv6only bool) error {
	return fd.control(func(s int) error {
		if family == unix.AF_INET6 && sotype != unix.SOCK_RAW {
			// Allow both IP versions even if the OS default
			// is otherwise. Note that some operating systems
			// never admit this option.
			v := 0
			if ipv6only {
				v = 1
			}
			unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, v)
		}
		if (sotype == unix.SOCK_DGRAM || sotype == unix.SOCK_RAW) && family != unix.AF_UNIX {
			// Allow broadcast.
			return os.NewSyscallError("setsockopt", unix.SetsockoptInt(s, unix.SOL_SOCKET, unix.SO_BROADCAST, 1))
		}
		return nil
	})
}

func (fd *netFD) setDefaultListenerSockopts() error {
	if fd.family == unix.AF_UNIX {
		return nil
	}
	// Allow reuse of recently-used addresses.
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
}

// setDefaultMulticastSockopts lets several sockets listen on one multicast
// group and port.
func (fd *netFD) setDefaultMulticastSockopts() error {
	if err := fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return err
	}
	return setMulticastReusePort(fd)
}

// dial runs the control hook, binds to laddr if given and connects to
// raddr if given, then records the addresses.
func (fd *netFD) dial(ctx context.Context, laddr, raddr net.Addr, ctrl ctrlFn) error {
	if ctrl != nil {
		rc := &rawConn{fd}
		var ctrlAddr string
		if raddr != nil {
			ctrlAddr = raddr.String()
		} else if laddr != nil {
			ctrlAddr = laddr.String()
		}
		if err := ctrl(ctx, fd.ctrlNetwork(), ctrlAddr, rc); err != nil {
			return err
		}
	}
	var lsa unix.Sockaddr
	var err error
	if laddr != nil {
		if lsa, err = toSockaddr(laddr, fd.family); err != nil {
			return err
		} else if lsa != nil {
			if err := fd.pfd.Bind(lsa); err != nil {
				return mapPollErr(err)
			}
		}
	}
	var rsa unix.Sockaddr
	if raddr != nil {
		if rsa, err = toSockaddr(raddr, fd.family); err != nil {
			return err
		}
		if err := fd.connect(ctx, rsa); err != nil {
			return err
		}
		fd.isConnected = true
	}
	lsa, _ = fd.pfd.Sockname()
	toAddr := fd.addrFunc()
	if psa, _ := fd.pfd.Peername(); psa != nil {
		fd.setAddr(toAddr(lsa), toAddr(psa))
	} else {
		fd.setAddr(toAddr(lsa), raddr)
	}
	return nil
}

// connect connects to rsa, honouring ctx: cancellation maps to
// errCanceled ("operation was canceled") and an expired deadline to
// errTimeout ("i/o timeout"), as the standard library reports them.
func (fd *netFD) connect(ctx context.Context, rsa unix.Sockaddr) error {
	if err := ctx.Err(); err != nil {
		return mapErr(err)
	}
	err := fd.pfd.ConnectContext(ctx, rsa)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return mapErr(cerr)
		}
		return mapPollErr(err)
	}
	return nil
}

// listenStream binds a stream or seqpacket socket to laddr and listens.
func (fd *netFD) listenStream(ctx context.Context, laddr net.Addr, backlog int, ctrl ctrlFn) error {
	if err := fd.setDefaultListenerSockopts(); err != nil {
		return err
	}
	lsa, err := toSockaddr(laddr, fd.family)
	if err != nil {
		return err
	}
	if ctrl != nil {
		rc := &rawConn{fd}
		if err := ctrl(ctx, fd.ctrlNetwork(), laddr.String(), rc); err != nil {
			return err
		}
	}
	if err := fd.pfd.Bind(lsa); err != nil {
		return mapPollErr(err)
	}
	if err := fd.pfd.Listen(backlog); err != nil {
		return mapPollErr(err)
	}
	lsa, _ = fd.pfd.Sockname()
	fd.setAddr(fd.addrFunc()(lsa), nil)
	return nil
}

// listenDatagram binds a datagram socket to laddr. A multicast UDP laddr
// binds the wildcard address of the family with address/port reuse, so
// that several listeners can join the group.
func (fd *netFD) listenDatagram(ctx context.Context, laddr net.Addr, ctrl ctrlFn) error {
	if ua, ok := laddr.(*addr.UDPAddr); ok && ua.IP != nil && ua.IP.IsMulticast() {
		if err := fd.setDefaultMulticastSockopts(); err != nil {
			return err
		}
		cp := *ua
		switch fd.family {
		case unix.AF_INET:
			cp.IP = addr.IPv4zero
		case unix.AF_INET6:
			cp.IP = addr.IPv6unspecified
		}
		laddr = &cp
	}
	lsa, err := toSockaddr(laddr, fd.family)
	if err != nil {
		return err
	}
	if ctrl != nil {
		rc := &rawConn{fd}
		if err := ctrl(ctx, fd.ctrlNetwork(), laddr.String(), rc); err != nil {
			return err
		}
	}
	if err := fd.pfd.Bind(lsa); err != nil {
		return mapPollErr(err)
	}
	lsa, _ = fd.pfd.Sockname()
	fd.setAddr(fd.addrFunc()(lsa), nil)
	return nil
}
