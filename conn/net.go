package conn

import (
	"io"
	"net"
	"os"
	"syscall"
	"time"
)

// conn is the part shared by TCPConn, UDPConn, UnixConn and IPConn: the
// net.Conn methods over a netFD, with every failure (but io.EOF) reported
// as an *addr.OpError carrying the standard library's Op names.
type conn struct {
	fd *netFD
}

func (c *conn) ok() bool { return c != nil && c.fd != nil }

// Read implements the net.Conn Read method.
func (c *conn) Read(b []byte) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.fd.Read(b)
	if err != nil && err != io.EOF {
		err = opError("read", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, err
}

// Write implements the net.Conn Write method.
func (c *conn) Write(b []byte) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.fd.Write(b)
	if err != nil {
		err = opError("write", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, err
}

// Close closes the connection. A second Close reports net.ErrClosed.
func (c *conn) Close() error {
	if !c.ok() {
		return syscall.EINVAL
	}
	err := c.fd.Close()
	if err != nil {
		err = opError("close", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return err
}

// LocalAddr returns the local network address. The Addr returned is
// shared by all invocations of LocalAddr, so do not modify it.
func (c *conn) LocalAddr() net.Addr {
	if !c.ok() {
		return nil
	}
	return c.fd.laddr
}

// RemoteAddr returns the remote network address. The Addr returned is
// shared by all invocations of RemoteAddr, so do not modify it.
func (c *conn) RemoteAddr() net.Addr {
	if !c.ok() {
		return nil
	}
	return c.fd.raddr
}

// SetDeadline implements the net.Conn SetDeadline method.
func (c *conn) SetDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.SetDeadline(t); err != nil {
		return opError("set", c.fd.net, nil, c.fd.laddr, err)
	}
	return nil
}

// SetReadDeadline implements the net.Conn SetReadDeadline method.
func (c *conn) SetReadDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.SetReadDeadline(t); err != nil {
		return opError("set", c.fd.net, nil, c.fd.laddr, err)
	}
	return nil
}

// SetWriteDeadline implements the net.Conn SetWriteDeadline method.
func (c *conn) SetWriteDeadline(t time.Time) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := c.fd.SetWriteDeadline(t); err != nil {
		return opError("set", c.fd.net, nil, c.fd.laddr, err)
	}
	return nil
}

// SetReadBuffer sets the size of the operating system's receive buffer
// associated with the connection (SO_RCVBUF).
func (c *conn) SetReadBuffer(bytes int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setReadBuffer(c.fd, bytes); err != nil {
		return opError("set", c.fd.net, nil, c.fd.laddr, err)
	}
	return nil
}

// SetWriteBuffer sets the size of the operating system's transmit buffer
// associated with the connection (SO_SNDBUF).
func (c *conn) SetWriteBuffer(bytes int) error {
	if !c.ok() {
		return syscall.EINVAL
	}
	if err := setWriteBuffer(c.fd, bytes); err != nil {
		return opError("set", c.fd.net, nil, c.fd.laddr, err)
	}
	return nil
}

// File returns a copy of the underlying os.File. It is the caller's
// responsibility to close f when finished. Closing c does not affect f,
// and closing f does not affect c.
//
// File sets the underlying socket to blocking mode and returns a copy: a
// file descriptor different from the connection's, in blocking mode, so
// that it can be handed to another process (exec.Cmd.ExtraFiles, socket
// activation) that expects an ordinary blocking socket. The two
// descriptors share one open file description, so afterwards the
// connection is in blocking mode too and its deadlines may stop working,
// as with the standard library once the copy's Fd method has been called;
// FileConn, FileListener and FilePacketConn put the socket back in
// non-blocking mode. The file is named as the standard library names it
// ("tcp:127.0.0.1:5000->127.0.0.1:40112"). Attempting to change
// properties of the original using this duplicate may or may not have the
// desired effect.
func (c *conn) File() (f *os.File, err error) {
	if !c.ok() {
		return nil, syscall.EINVAL
	}
	f, err = c.fd.dup()
	if err != nil {
		err = opError("file", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return f, err
}

// SyscallConn returns a raw network connection. This implements the
// syscall.Conn interface.
func (c *conn) SyscallConn() (syscall.RawConn, error) {
	if !c.ok() {
		return nil, syscall.EINVAL
	}
	return &rawConn{c.fd}, nil
}

// Buffers contains zero or more runs of bytes to write.
//
// On certain machines, for certain types of connections, this is optimized
// into an OS-specific batch write operation (such as "writev").
type Buffers [][]byte

var (
	_ io.WriterTo = (*Buffers)(nil)
	_ io.Reader   = (*Buffers)(nil)
)

// buffersWriter is the interface implemented by Conns that support a
// "writev"-like batch write optimization. writeBuffers should fully
// consume and write all chunks from the provided Buffers, else it should
// report a non-nil error.
type buffersWriter interface {
	writeBuffers(*Buffers) (int64, error)
}

// WriteTo writes contents of the buffers to w.
//
// WriteTo implements io.WriterTo for Buffers.
//
// WriteTo modifies the slice v as well as v[i] for 0 <= i < len(v), but
// does not modify v[i][j] for any i, j. A netkit TCP or Unix stream
// connection as w gets one writev(2) per call instead of a write per
// buffer.
func (v *Buffers) WriteTo(w io.Writer) (n int64, err error) {
	if wv, ok := w.(buffersWriter); ok {
		return wv.writeBuffers(v)
	}
	for _, b := range *v {
		nb, err := w.Write(b)
		n += int64(nb)
		if err != nil {
			v.consume(n)
			return n, err
		}
	}
	v.consume(n)
	return n, nil
}

// Read from the buffers.
//
// Read implements io.Reader for Buffers.
//
// Read modifies the slice v as well as v[i] for 0 <= i < len(v), but does
// not modify v[i][j] for any i, j.
func (v *Buffers) Read(p []byte) (n int, err error) {
	for len(p) > 0 && len(*v) > 0 {
		n0 := copy(p, (*v)[0])
		v.consume(int64(n0))
		p = p[n0:]
		n += n0
	}
	if len(*v) == 0 {
		err = io.EOF
	}
	return
}

func (v *Buffers) consume(n int64) {
	for len(*v) > 0 {
		ln0 := int64(len((*v)[0]))
		if ln0 > n {
			(*v)[0] = (*v)[0][n:]
			return
		}
		n -= ln0
		(*v)[0] = nil
		*v = (*v)[1:]
	}
}

// writeBuffers writes v with writev(2) and consumes what was written.
func (c *conn) writeBuffers(v *Buffers) (int64, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.fd.writeBuffers(*v)
	v.consume(n)
	if err != nil {
		err = opError("writev", c.fd.net, c.fd.laddr, c.fd.raddr, err)
	}
	return n, err
}
