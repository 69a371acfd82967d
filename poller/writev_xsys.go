//go:build darwin || openbsd

package poller

import "golang.org/x/sys/unix"

// sysWritev wraps writev(2) through x/sys/unix (system calls go through libc
// here), which allocates its iovec array per call.
func sysWritev(fd int, iov [][]byte, _ *[]unix.Iovec) (int, error) { return unix.Writev(fd, iov) }
