//go:build unix

package conn

import (
	"errors"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

// netFD is a socket of one network: the poller's descriptor plus what the
// API layer reports in errors and LocalAddr/RemoteAddr.
//
// Lifetime: the poller.FD reference-counts every operation, so Close never
// races a Read; netFD adds no locking of its own. laddr and raddr are set
// once, before the netFD is shared.
type netFD struct {
	pfd *poller.FD

	family      int
	sotype      int
	isConnected bool // handshake completed or use of association with peer
	net         string
	laddr       net.Addr
	raddr       net.Addr
}

// newFD wraps pfd for the network name net.
func newFD(pfd *poller.FD, net string) *netFD {
	return &netFD{pfd: pfd, family: pfd.Family(), sotype: pfd.SockType(), net: net}
}

// setAddr records the local and remote addresses, dropping typed nils.
func (fd *netFD) setAddr(laddr, raddr net.Addr) {
	fd.laddr = opAddr(laddr)
	fd.raddr = opAddr(raddr)
}

// mapPollErr maps the poller's closed sentinel to net.ErrClosed, as the
// standard library exports internal/poll's ErrNetClosing.
func mapPollErr(err error) error {
	if err == poller.ErrClosed || (err != nil && errors.Is(err, poller.ErrClosed)) {
		return net.ErrClosed
	}
	return err
}

func (fd *netFD) Read(p []byte) (int, error) {
	n, err := fd.pfd.Read(p)
	return n, mapPollErr(err)
}

func (fd *netFD) Write(p []byte) (int, error) {
	n, err := fd.pfd.Write(p)
	return n, mapPollErr(err)
}

func (fd *netFD) writeBuffers(bufs [][]byte) (int64, error) {
	n, err := fd.pfd.Writev(bufs)
	return n, mapPollErr(err)
}

func (fd *netFD) readFrom(p []byte) (int, unix.Sockaddr, error) {
	n, sa, err := fd.pfd.ReadFrom(p)
	return n, sa, mapPollErr(err)
}

func (fd *netFD) readMsg(p, oob []byte, flags int) (n, oobn, rflags int, sa unix.Sockaddr, err error) {
	n, oobn, rflags, sa, err = fd.pfd.ReadMsg(p, oob, flags)
	return n, oobn, rflags, sa, mapPollErr(err)
}

func (fd *netFD) writeTo(p []byte, sa unix.Sockaddr) (int, error) {
	n, err := fd.pfd.WriteTo(p, sa)
	return n, mapPollErr(err)
}

func (fd *netFD) writeMsg(p, oob []byte, sa unix.Sockaddr) (n, oobn int, err error) {
	n, oobn, err = fd.pfd.WriteMsg(p, oob, sa)
	return n, oobn, mapPollErr(err)
}

func (fd *netFD) Close() error {
	return mapPollErr(fd.pfd.Close())
}

func (fd *netFD) shutdown(how int) error {
	return mapPollErr(fd.pfd.Shutdown(how))
}

func (fd *netFD) closeRead() error  { return fd.shutdown(unix.SHUT_RD) }
func (fd *netFD) closeWrite() error { return fd.shutdown(unix.SHUT_WR) }

func (fd *netFD) SetDeadline(t time.Time) error      { return mapPollErr(fd.pfd.SetDeadline(t)) }
func (fd *netFD) SetReadDeadline(t time.Time) error  { return mapPollErr(fd.pfd.SetReadDeadline(t)) }
func (fd *netFD) SetWriteDeadline(t time.Time) error { return mapPollErr(fd.pfd.SetWriteDeadline(t)) }

// control runs f on the raw descriptor (setsockopt and friends).
func (fd *netFD) control(f func(s int) error) error {
	rc, err := fd.pfd.SyscallConn()
	if err != nil {
		return mapPollErr(err)
	}
	var ferr error
	if err := rc.Control(func(s uintptr) { ferr = f(int(s)) }); err != nil {
		return mapPollErr(err)
	}
	return ferr
}

// setsockoptInt sets an integer socket option, wrapping a failure in
// *os.SyscallError("setsockopt").
func (fd *netFD) setsockoptInt(level, name, value int) error {
	return fd.control(func(s int) error {
		return os.NewSyscallError("setsockopt", unix.SetsockoptInt(s, level, name, value))
	})
}

// dup returns a close-on-exec duplicate of the socket as an *os.File in
// blocking mode, named as net names it ("tcp:laddr->raddr"). The duplicate
// shares the open file description, so the original socket is in blocking
// mode afterwards too (see conn.File).
func (fd *netFD) dup() (*os.File, error) {
	var ns int
	err := fd.control(func(s int) error {
		var err error
		if ns, err = unix.FcntlInt(uintptr(s), unix.F_DUPFD_CLOEXEC, 0); err != nil {
			return os.NewSyscallError("fcntl", err)
		}
		if err := unix.SetNonblock(ns, false); err != nil {
			unix.Close(ns)
			return os.NewSyscallError("setnonblock", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(ns), fd.name()), nil
}

// name is the socket's name as net gives it to the files of File:
// network, local and remote address.
func (fd *netFD) name() string {
	var ls, rs string
	if fd.laddr != nil {
		ls = fd.laddr.String()
	}
	if fd.raddr != nil {
		rs = fd.raddr.String()
	}
	return fd.net + ":" + ls + "->" + rs
}

// accept waits for a connection and returns it as a netFD of the same
// network with its addresses set.
func (fd *netFD) accept() (*netFD, error) {
	npfd, rsa, err := fd.pfd.Accept()
	if err != nil {
		return nil, mapPollErr(err)
	}
	nfd := newFD(npfd, fd.net)
	lsa, _ := npfd.Sockname()
	toAddr := fd.addrFunc()
	nfd.setAddr(toAddr(lsa), toAddr(rsa))
	return nfd, nil
}

// addrFunc returns the converter from a unix.Sockaddr to the Addr type of
// this socket's network.
func (fd *netFD) addrFunc() func(unix.Sockaddr) net.Addr {
	return addrFunc(fd.family, fd.sotype)
}

func addrFunc(family, sotype int) func(unix.Sockaddr) net.Addr {
	switch family {
	case unix.AF_INET, unix.AF_INET6:
		switch sotype {
		case unix.SOCK_STREAM:
			return sockaddrToTCP
		case unix.SOCK_DGRAM:
			return sockaddrToUDP
		case unix.SOCK_RAW:
			return sockaddrToIP
		}
	case unix.AF_UNIX:
		switch sotype {
		case unix.SOCK_STREAM:
			return sockaddrToUnix
		case unix.SOCK_DGRAM:
			return sockaddrToUnixgram
		case unix.SOCK_SEQPACKET:
			return sockaddrToUnixpacket
		}
	}
	return func(unix.Sockaddr) net.Addr { return nil }
}

// rawConn returns the poller's RawConn of the socket.
func (fd *netFD) rawConn() (syscall.RawConn, error) {
	rc, err := fd.pfd.SyscallConn()
	return rc, mapPollErr(err)
}

func (fd *netFD) rawControl(f func(uintptr)) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	return mapPollErr(rc.Control(f))
}

func (fd *netFD) rawRead(f func(uintptr) bool) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	return mapPollErr(rc.Read(f))
}

func (fd *netFD) rawWrite(f func(uintptr) bool) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	return mapPollErr(rc.Write(f))
}
