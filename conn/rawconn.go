package conn

import (
	"syscall"
)

// rawConn is the syscall.RawConn of a connection. Failures are
// *addr.OpError with Op "raw-control", "raw-read" or "raw-write"; a
// closed socket reports net.ErrClosed inside.
type rawConn struct {
	fd *netFD
}

var _ syscall.RawConn = (*rawConn)(nil)

func (c *rawConn) ok() bool { return c != nil && c.fd != nil }

// Control runs f on the socket's descriptor, which stays valid (not
// closed) for the duration of the call.
func (c *rawConn) Control(f func(uintptr)) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	err := c.fd.rawControl(f)
	if err != nil {
		err = opError("raw-control", c.fd.net, nil, c.fd.laddr, err)
	}
	return err
}

// Read runs f until it returns true, waiting for the socket to become
// readable (and honouring the read deadline) whenever f returns false.
func (c *rawConn) Read(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	err := c.fd.rawRead(f)
	if err != nil {
		err = opError("raw-read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return err
}

// Write runs f until it returns true, waiting for the socket to become
// writable (and honouring the write deadline) whenever f returns false.
func (c *rawConn) Write(f func(uintptr) bool) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	err := c.fd.rawWrite(f)
	if err != nil {
		err = opError("raw-write", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return err
}

// rawListener is the RawConn of a listener: Control only, Read and Write
// fail with EINVAL.
type rawListener struct {
	rawConn
}

// Read fails: a listener has no data.
func (l *rawListener) Read(func(uintptr) bool) error { return syscall.EINVAL }

// Write fails: a listener has no data.
func (l *rawListener) Write(func(uintptr) bool) error { return syscall.EINVAL }
