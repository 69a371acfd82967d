//go:build linux || freebsd || dragonfly || netbsd

package conn

import "golang.org/x/sys/unix"

// tcpKeepIdleOpt is the option holding the keep-alive idle time.
const tcpKeepIdleOpt = unix.TCP_KEEPIDLE
