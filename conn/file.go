package conn

import (
	"net"
	"os"
)

// fileAddr is the Addr of the errors of FileConn, FileListener and
// FilePacketConn: the file's name on network "file+net".
type fileAddr string

func (fileAddr) Network() string  { return "file+net" }
func (f fileAddr) String() string { return string(f) }

// FileConn returns a copy of the network connection corresponding to the
// open file f. It is the caller's responsibility to close f when finished.
// Closing c does not affect f, and closing f does not affect c.
//
// The descriptor is duplicated (close-on-exec) and put in non-blocking
// mode, which the open file description shares with f. The socket's
// family and type come from the kernel (SO_TYPE, getsockname, and
// SO_DOMAIN on Linux): the result
// is a *TCPConn, *UDPConn, *IPConn or *UnixConn. A datagram socket that
// has a peer (getpeername succeeds) is treated as connected, like one made
// by DialUDP: WriteTo fails with ErrWriteToConnected (the stdlib leaves
// that to the kernel, which reports EISCONN on some platforms).
//
// Errors are *addr.OpError{Op: "file", Net: "file+net", Addr: the file's
// name} around the cause, as in the stdlib.
func FileConn(f *os.File) (c net.Conn, err error) {
	c, err = fileConn(f)
	if err != nil {
		err = opError("file", "file+net", nil, fileAddr(f.Name()), err)
	}
	return c, err
}

// FileListener returns a copy of the network listener corresponding to
// the open file f, a *TCPListener or *UnixListener. It is the caller's
// responsibility to close ln when finished. Closing ln does not affect f,
// and closing f does not affect ln. A *UnixListener made this way does
// not remove its socket file on Close (the file belongs to whoever created
// the socket). A socket that is not listening (SO_ACCEPTCONN off) is
// syscall.EINVAL at once; the stdlib returns a listener whose Accept then
// fails.
func FileListener(f *os.File) (ln net.Listener, err error) {
	ln, err = fileListener(f)
	if err != nil {
		err = opError("file", "file+net", nil, fileAddr(f.Name()), err)
	}
	return ln, err
}

// FilePacketConn returns a copy of the packet network connection
// corresponding to the open file f, a *UDPConn, *IPConn or *UnixConn. It
// is the caller's responsibility to close f when finished. Closing c does
// not affect f, and closing f does not affect c. A stream socket is
// syscall.EINVAL (the stdlib refuses TCP but returns a *UnixConn for a
// Unix stream socket; netkit refuses both).
func FilePacketConn(f *os.File) (c net.PacketConn, err error) {
	c, err = filePacketConn(f)
	if err != nil {
		err = opError("file", "file+net", nil, fileAddr(f.Name()), err)
	}
	return c, err
}
