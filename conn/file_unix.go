//go:build unix

package conn

import (
	"net"
	"os"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

// newFileFD duplicates the socket of f and wraps the copy in a netFD whose
// family, type and addresses are asked of the kernel.
func newFileFD(f *os.File) (*netFD, error) {
	// f.Fd, as in the stdlib: a closed f gives -1 and so EBADF from fcntl.
	s, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("fcntl", err)
	}
	sotype, err := unix.GetsockoptInt(s, unix.SOL_SOCKET, unix.SO_TYPE)
	if err != nil {
		unix.Close(s)
		return nil, os.NewSyscallError("getsockopt", err)
	}
	lsa, err := unix.Getsockname(s)
	if err != nil {
		unix.Close(s)
		return nil, os.NewSyscallError("getsockname", err)
	}
	rsa, _ := unix.Getpeername(s)
	var family int
	switch lsa.(type) {
	case *unix.SockaddrInet4:
		family = unix.AF_INET
	case *unix.SockaddrInet6:
		family = unix.AF_INET6
	case *unix.SockaddrUnix:
		family = unix.AF_UNIX
	default:
		unix.Close(s)
		return nil, unix.EPROTONOSUPPORT
	}
	// Where the kernel says (SO_DOMAIN), its answer must agree.
	if d, ok := socketDomain(s); ok && d != family {
		unix.Close(s)
		return nil, unix.EPROTONOSUPPORT
	}
	pfd, err := poller.NewFD(s, family, sotype, f.Name())
	if err != nil {
		return nil, err
	}
	toAddr := addrFunc(family, sotype)
	laddr, raddr := toAddr(lsa), toAddr(rsa)
	if laddr == nil {
		pfd.Close()
		return nil, unix.EPROTONOSUPPORT
	}
	fd := newFD(pfd, laddr.Network())
	fd.setAddr(laddr, raddr)
	fd.isConnected = opAddr(raddr) != nil && sotype != unix.SOCK_STREAM && sotype != unix.SOCK_SEQPACKET
	return fd, nil
}

func fileConn(f *os.File) (net.Conn, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	switch fd.laddr.(type) {
	case *addr.TCPAddr:
		return newTCPConn(fd, defaultTCPKeepAliveIdle, KeepAliveConfig{}), nil
	case *addr.UDPAddr:
		return newUDPConn(fd), nil
	case *addr.IPAddr:
		return newIPConn(fd), nil
	case *addr.UnixAddr:
		return newUnixConn(fd), nil
	}
	fd.Close()
	return nil, unix.EINVAL
}

func fileListener(f *os.File) (net.Listener, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	if !isListening(fd) {
		fd.Close()
		return nil, unix.EINVAL
	}
	switch laddr := fd.laddr.(type) {
	case *addr.TCPAddr:
		return &TCPListener{fd: fd}, nil
	case *addr.UnixAddr:
		return &UnixListener{fd: fd, path: laddr.Name, unlink: false}, nil
	}
	fd.Close()
	return nil, unix.EINVAL
}

func filePacketConn(f *os.File) (net.PacketConn, error) {
	fd, err := newFileFD(f)
	if err != nil {
		return nil, err
	}
	switch fd.laddr.(type) {
	case *addr.UDPAddr:
		return newUDPConn(fd), nil
	case *addr.IPAddr:
		return newIPConn(fd), nil
	case *addr.UnixAddr:
		if fd.sotype != unix.SOCK_STREAM {
			return newUnixConn(fd), nil
		}
	}
	fd.Close()
	return nil, unix.EINVAL
}

// isListening reports whether fd is a listening socket (SO_ACCEPTCONN).
func isListening(fd *netFD) bool {
	var v int
	err := fd.control(func(s int) error {
		var err error
		v, err = unix.GetsockoptInt(s, unix.SOL_SOCKET, unix.SO_ACCEPTCONN)
		return err
	})
	return err == nil && v != 0
}
