//go:build !linux

package conn

import "io"

func (c *TCPConn) readFrom(r io.Reader) (int64, error) {
	return genericReadFrom(&c.conn, r)
}

func (c *TCPConn) writeTo(w io.Writer) (int64, error) {
	return genericWriteTo(&c.conn, w)
}
