//go:build darwin || linux || openbsd

package poller

import "golang.org/x/sys/unix"

// sysWritev wraps writev(2).
func sysWritev(fd int, iov [][]byte) (int, error) { return unix.Writev(fd, iov) }
