package conn

import "golang.org/x/sys/unix"

// tcpKeepIdleOpt is darwin's name for TCP_KEEPIDLE.
const tcpKeepIdleOpt = unix.TCP_KEEPALIVE
