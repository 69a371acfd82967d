//go:build unix

package conn

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Socket options set by the API layer. Each wraps a failure in
// *os.SyscallError("setsockopt").

func setReadBuffer(fd *netFD, bytes int) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_RCVBUF, bytes)
}

func setWriteBuffer(fd *netFD, bytes int) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_SNDBUF, bytes)
}

func boolint(b bool) int {
	if b {
		return 1
	}
	return 0
}

func setNoDelay(fd *netFD, noDelay bool) error {
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_NODELAY, boolint(noDelay))
}

func setKeepAlive(fd *netFD, keepalive bool) error {
	return fd.setsockoptInt(unix.SOL_SOCKET, unix.SO_KEEPALIVE, boolint(keepalive))
}

func setLinger(fd *netFD, sec int) error {
	var l unix.Linger
	if sec >= 0 {
		l.Onoff = 1
		l.Linger = int32(sec)
	}
	return fd.control(func(s int) error {
		return os.NewSyscallError("setsockopt", unix.SetsockoptLinger(s, unix.SOL_SOCKET, unix.SO_LINGER, &l))
	})
}

// setKeepAliveIdle sets TCP_KEEPIDLE (TCP_KEEPALIVE on darwin), rounded up
// to seconds; 0 is the 15 s default, negative leaves it unchanged.
func setKeepAliveIdle(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveIdle
	} else if d < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, tcpKeepIdleOpt, int(roundDurationUp(d, time.Second)))
}

// setKeepAliveInterval sets TCP_KEEPINTVL, rounded up to seconds; 0 is the
// 15 s default, negative leaves it unchanged.
func setKeepAliveInterval(fd *netFD, d time.Duration) error {
	if d == 0 {
		d = defaultTCPKeepAliveInterval
	} else if d < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, int(roundDurationUp(d, time.Second)))
}

// setKeepAliveCount sets TCP_KEEPCNT; 0 is the default of 9, negative
// leaves it unchanged.
func setKeepAliveCount(fd *netFD, n int) error {
	if n == 0 {
		n = defaultTCPKeepAliveCount
	} else if n < 0 {
		return nil
	}
	return fd.setsockoptInt(unix.IPPROTO_TCP, unix.TCP_KEEPCNT, n)
}
