//go:build unix && !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package poller

import "golang.org/x/sys/unix"

// sysWritev writes the first non-empty buffer with write(2), on platforms
// where netkit has no writev; Writev's loop carries on with the rest.
func sysWritev(fd int, iov [][]byte, _ *[]unix.Iovec) (int, error) {
	for _, b := range iov {
		if len(b) > 0 {
			return unix.Write(fd, b)
		}
	}
	return 0, nil
}
