package sockopt

import (
	"syscall"
	"time"
)

// The standard library's (Go 1.26) keepalive defaults, applied for zero
// values by SetKeepAlivePeriod and SetKeepAliveConfig.
const (
	defaultKeepAliveIdle     = 15 * time.Second
	defaultKeepAliveInterval = 15 * time.Second
	defaultKeepAliveCount    = 9
)

// SetNoDelay controls Nagle's algorithm (TCP_NODELAY). noDelay true (the
// standard library's default for TCP connections) sends data as soon as
// possible after a write; false lets the kernel coalesce small writes.
func SetNoDelay(rc syscall.RawConn, noDelay bool) error { return setBool(rc, optNoDelay, noDelay) }

// NoDelay reports whether TCP_NODELAY is set.
func NoDelay(rc syscall.RawConn) (bool, error) { return getBool(rc, optNoDelay) }

// SetKeepAlivePeriod sets how long the connection must stay idle before
// TCP sends the first keepalive probe, with the semantics of Go 1.26's
// (*net.TCPConn).SetKeepAlivePeriod: d is rounded up to whole seconds, a
// zero d means the standard library's default of 15 seconds, and a
// negative d leaves the setting unchanged. Like the standard library it
// sets only the idle time (TCP_KEEPIDLE; TCP_KEEPALIVE on darwin): Go 1.22
// and earlier also set the probe interval, Go 1.23 and later do not. Use
// SetKeepAliveInterval and SetKeepAliveCount for the rest, and
// SetKeepAlive to turn probing on.
func SetKeepAlivePeriod(rc syscall.RawConn, d time.Duration) error {
	return setDurationDefault(rc, optKeepAliveIdle, d, defaultKeepAliveIdle)
}

// KeepAliveConfig holds the keepalive settings of a TCP connection, with
// the fields and meaning of the standard library's net.KeepAliveConfig:
// for Idle, Interval and Count, zero means the standard library's default
// (15 s, 15 s, 9) and a negative value leaves the setting unchanged.
type KeepAliveConfig struct {
	// Enable turns keepalive probing (SO_KEEPALIVE) on or off.
	Enable bool
	// Idle is the time the connection must be idle before the first probe.
	Idle time.Duration
	// Interval is the time between probes.
	Interval time.Duration
	// Count is the number of unanswered probes that drop the connection.
	Count int
}

// SetKeepAliveConfig applies cfg as (*net.TCPConn).SetKeepAliveConfig does:
// SO_KEEPALIVE, then the idle time, the interval (both rounded up to whole
// seconds) and the count, each zero replaced by the default and each
// negative skipped. It stops at the first error.
func SetKeepAliveConfig(rc syscall.RawConn, cfg KeepAliveConfig) error {
	if err := SetKeepAlive(rc, cfg.Enable); err != nil {
		return err
	}
	if err := setDurationDefault(rc, optKeepAliveIdle, cfg.Idle, defaultKeepAliveIdle); err != nil {
		return err
	}
	if err := setDurationDefault(rc, optKeepAliveInterval, cfg.Interval, defaultKeepAliveInterval); err != nil {
		return err
	}
	switch {
	case cfg.Count == 0:
		return setInt(rc, optKeepAliveCount, defaultKeepAliveCount)
	case cfg.Count > 0:
		return setInt(rc, optKeepAliveCount, cfg.Count)
	}
	return nil
}

// GetKeepAliveConfig returns the connection's keepalive settings as the kernel
// reports them (Linux's defaults for a socket the standard library has not
// touched are 7200 s, 75 s and 9).
func GetKeepAliveConfig(rc syscall.RawConn) (KeepAliveConfig, error) {
	var cfg KeepAliveConfig
	var err error
	if cfg.Enable, err = KeepAlive(rc); err != nil {
		return cfg, err
	}
	if cfg.Idle, err = KeepAliveIdle(rc); err != nil {
		return cfg, err
	}
	if cfg.Interval, err = KeepAliveInterval(rc); err != nil {
		return cfg, err
	}
	cfg.Count, err = KeepAliveCount(rc)
	return cfg, err
}

// setDurationDefault is setDuration with the standard library's keepalive
// conventions: 0 means def, negative means leave unchanged.
func setDurationDefault(rc syscall.RawConn, id optID, d, def time.Duration) error {
	switch {
	case d == 0:
		d = def
	case d < 0:
		return nil
	}
	return setDuration(rc, id, d)
}

// SetKeepAliveIdle sets the idle time before the first keepalive probe
// (TCP_KEEPIDLE; TCP_KEEPALIVE on darwin), rounded up to whole seconds.
// Unlike SetKeepAlivePeriod, zero is passed to the kernel (which rejects
// it with EINVAL) and a negative d is an EINVAL error.
func SetKeepAliveIdle(rc syscall.RawConn, d time.Duration) error {
	return setDuration(rc, optKeepAliveIdle, d)
}

// KeepAliveIdle returns the idle time before the first keepalive probe.
func KeepAliveIdle(rc syscall.RawConn) (time.Duration, error) {
	return getDuration(rc, optKeepAliveIdle)
}

// SetKeepAliveInterval sets the time between keepalive probes
// (TCP_KEEPINTVL), rounded up to whole seconds; a negative d is EINVAL.
func SetKeepAliveInterval(rc syscall.RawConn, d time.Duration) error {
	return setDuration(rc, optKeepAliveInterval, d)
}

// KeepAliveInterval returns the time between keepalive probes.
func KeepAliveInterval(rc syscall.RawConn) (time.Duration, error) {
	return getDuration(rc, optKeepAliveInterval)
}

// SetKeepAliveCount sets how many unanswered keepalive probes drop the
// connection (TCP_KEEPCNT).
func SetKeepAliveCount(rc syscall.RawConn, n int) error { return setInt(rc, optKeepAliveCount, n) }

// KeepAliveCount returns how many unanswered keepalive probes drop the
// connection.
func KeepAliveCount(rc syscall.RawConn) (int, error) { return getInt(rc, optKeepAliveCount) }

// SetUserTimeout sets how long transmitted data may stay unacknowledged
// before the kernel drops the connection (TCP_USER_TIMEOUT, RFC 5482;
// Linux only), rounded up to whole milliseconds. Zero restores the system
// default; a negative d is EINVAL.
func SetUserTimeout(rc syscall.RawConn, d time.Duration) error {
	return setDuration(rc, optUserTimeout, d)
}

// UserTimeout returns the TCP_USER_TIMEOUT setting; zero means the system
// default.
func UserTimeout(rc syscall.RawConn) (time.Duration, error) {
	return getDuration(rc, optUserTimeout)
}

// SetFastOpen enables TCP Fast Open (RFC 7413) on a listening socket
// (TCP_FASTOPEN); set it before Listen. On Linux qlen is the maximum number
// of pending Fast Open requests and 0 disables it; the kernel accepts Fast
// Open SYNs only while net.ipv4.tcp_fastopen has its 0x2 bit set (the
// default, 1, enables the client side only). On darwin and FreeBSD any non-zero qlen
// enables it (FreeBSD also needs net.inet.tcp.fastopen.server_enable).
func SetFastOpen(rc syscall.RawConn, qlen int) error { return setInt(rc, optFastOpen, qlen) }

// FastOpen returns the TCP_FASTOPEN setting: the queue length on Linux,
// 0 or 1 elsewhere.
func FastOpen(rc syscall.RawConn) (int, error) { return getInt(rc, optFastOpen) }

// SetFastOpenConnect enables TCP Fast Open on the client side of a
// socket not yet connected (TCP_FASTOPEN_CONNECT, Linux 4.11 and later):
// connect returns at once and the data of the first write travels in the
// SYN when the kernel holds a Fast Open cookie for the server (it gets one
// on the first connection). The 0x1 bit of net.ipv4.tcp_fastopen (set by
// default) enables the client side. Set it from a net.Dialer's Control function.
func SetFastOpenConnect(rc syscall.RawConn, on bool) error {
	return setBool(rc, optFastOpenConnect, on)
}

// FastOpenConnect reports whether TCP_FASTOPEN_CONNECT is set.
func FastOpenConnect(rc syscall.RawConn) (bool, error) { return getBool(rc, optFastOpenConnect) }

// SetNotSentLowat sets TCP_NOTSENT_LOWAT: the socket reports itself
// writable only while fewer than bytes bytes of written data are still
// unsent, which keeps latency-sensitive senders from filling the send
// buffer. Linux and darwin.
func SetNotSentLowat(rc syscall.RawConn, bytes int) error {
	return setInt(rc, optNotSentLowat, bytes)
}

// NotSentLowat returns the TCP_NOTSENT_LOWAT setting. On Linux 0 means
// unset: the system-wide net.ipv4.tcp_notsent_lowat applies (unlimited by
// default).
func NotSentLowat(rc syscall.RawConn) (int, error) { return getInt(rc, optNotSentLowat) }
