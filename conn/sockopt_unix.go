//go:build unix

package conn

import (
	"syscall"
	"time"

	"github.com/netkit-go/netkit/sockopt"
)

// Socket options set by the API layer, through the sockopt module on the
// socket's RawConn. sockopt wraps failures in
// *os.SyscallError("setsockopt"); a closed socket reports net.ErrClosed.

func (fd *netFD) withRawConn(set func(rc syscall.RawConn) error) error {
	rc, err := fd.rawConn()
	if err != nil {
		return err
	}
	return mapPollErr(set(rc))
}

func setReadBuffer(fd *netFD, bytes int) error {
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetReadBuffer(rc, bytes) })
}

func setWriteBuffer(fd *netFD, bytes int) error {
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetWriteBuffer(rc, bytes) })
}

func setNoDelay(fd *netFD, noDelay bool) error {
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetNoDelay(rc, noDelay) })
}

func setKeepAlive(fd *netFD, keepalive bool) error {
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetKeepAlive(rc, keepalive) })
}

// setLinger sets SO_LINGER: sec < 0 turns lingering off.
func setLinger(fd *netFD, sec int) error {
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetLinger(rc, sec) })
}

// setKeepAliveIdle sets TCP_KEEPIDLE (TCP_KEEPALIVE on darwin), rounded up
// to seconds; 0 is the 15 s default, negative leaves it unchanged.
func setKeepAliveIdle(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveIdle
	} else if d < 0 {
		return nil
	}
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetKeepAliveIdle(rc, d) })
}

// setKeepAliveInterval sets TCP_KEEPINTVL, rounded up to seconds; 0 is the
// 15 s default, negative leaves it unchanged.
func setKeepAliveInterval(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveInterval
	} else if d < 0 {
		return nil
	}
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetKeepAliveInterval(rc, d) })
}

// setKeepAliveCount sets TCP_KEEPCNT; 0 is the default of 9, negative
// leaves it unchanged.
func setKeepAliveCount(fd *netFD, n int) error {
	if n == 0 {
		n = defaultTCPKeepAliveCount
	} else if n < 0 {
		return nil
	}
	return fd.withRawConn(func(rc syscall.RawConn) error { return sockopt.SetKeepAliveCount(rc, n) })
}
