//go:build !unix

package conn

import (
	"context"
	"errors"
	"net"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// errUnsupported is what every socket operation returns on a platform
// this module does not support (see "Platform support" in doc.go).
var errUnsupported = &unsupportedError{}

type unsupportedError struct{}

func (*unsupportedError) Error() string {
	return "netkit/conn: sockets are not supported on " + runtime.GOOS + "/" + runtime.GOARCH
}

func (*unsupportedError) Unwrap() error { return errors.ErrUnsupported }

// ctrlFn is the Control/ControlContext hook of a Dialer or ListenConfig.
type ctrlFn = func(ctx context.Context, network, address string, c syscall.RawConn) error

// netFD never exists on this platform: no socket can be made.
type netFD struct {
	family      int
	sotype      int
	isConnected bool
	net         string
	laddr       net.Addr
	raddr       net.Addr
}

func mapPollErr(err error) error { return err }

func (fd *netFD) Read([]byte) (int, error)                       { return 0, errUnsupported }
func (fd *netFD) Write([]byte) (int, error)                      { return 0, errUnsupported }
func (fd *netFD) writeBuffers([][]byte) (int64, error)           { return 0, errUnsupported }
func (fd *netFD) Close() error                                   { return errUnsupported }
func (fd *netFD) closeRead() error                               { return errUnsupported }
func (fd *netFD) closeWrite() error                              { return errUnsupported }
func (fd *netFD) SetDeadline(time.Time) error                    { return errUnsupported }
func (fd *netFD) SetReadDeadline(time.Time) error                { return errUnsupported }
func (fd *netFD) SetWriteDeadline(time.Time) error               { return errUnsupported }
func (fd *netFD) dup() (*os.File, error)                         { return nil, errUnsupported }
func (fd *netFD) accept() (*netFD, error)                        { return nil, errUnsupported }
func (fd *netFD) rawControl(func(uintptr)) error                 { return errUnsupported }
func (fd *netFD) rawRead(func(uintptr) bool) error               { return errUnsupported }
func (fd *netFD) rawWrite(func(uintptr) bool) error              { return errUnsupported }
func setReadBuffer(*netFD, int) error                            { return errUnsupported }
func setWriteBuffer(*netFD, int) error                           { return errUnsupported }
func setNoDelay(*netFD, bool) error                              { return errUnsupported }
func setKeepAlive(*netFD, bool) error                            { return errUnsupported }
func setLinger(*netFD, int) error                                { return errUnsupported }
func setKeepAliveIdle(*netFD, time.Duration) error               { return errUnsupported }
func setKeepAliveInterval(*netFD, time.Duration) error           { return errUnsupported }
func setKeepAliveCount(*netFD, int) error                        { return errUnsupported }
func isUsingMultipathTCP(*netFD) bool                            { return false }
func (c *UnixConn) readFrom([]byte) (int, *addr.UnixAddr, error) { return 0, nil, errUnsupported }

func (c *UnixConn) readMsg(_, _ []byte) (n, oobn, flags int, ua *addr.UnixAddr, err error) {
	return 0, 0, 0, nil, errUnsupported
}

func (c *UnixConn) writeTo([]byte, *addr.UnixAddr) (int, error) { return 0, errUnsupported }

func (c *UnixConn) writeMsg(_, _ []byte, _ *addr.UnixAddr) (n, oobn int, err error) {
	return 0, 0, errUnsupported
}

func (sd *sysDialer) dialTCP(context.Context, *addr.TCPAddr, *addr.TCPAddr) (*TCPConn, error) {
	return nil, errUnsupported
}

func (sd *sysDialer) dialMPTCP(context.Context, *addr.TCPAddr, *addr.TCPAddr) (*TCPConn, error) {
	return nil, errUnsupported
}

func (sd *sysDialer) dialUnix(context.Context, *addr.UnixAddr, *addr.UnixAddr) (*UnixConn, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenTCP(context.Context, *addr.TCPAddr) (*TCPListener, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenMPTCP(context.Context, *addr.TCPAddr) (*TCPListener, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenUnix(context.Context, *addr.UnixAddr) (*UnixListener, error) {
	return nil, errUnsupported
}

func (sl *sysListener) listenUnixgram(context.Context, *addr.UnixAddr) (*UnixConn, error) {
	return nil, errUnsupported
}
