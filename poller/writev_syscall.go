//go:build dragonfly || freebsd || linux || netbsd

package poller

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// sysWritev wraps writev(2), building the iovec array in *scratch (kept in
// the FD) so that the call does not allocate.
func sysWritev(fd int, iov [][]byte, scratch *[]unix.Iovec) (int, error) {
	vecs := (*scratch)[:0]
	for _, b := range iov {
		if len(b) == 0 {
			continue
		}
		v := unix.Iovec{Base: &b[0]}
		v.SetLen(len(b))
		vecs = append(vecs, v)
	}
	*scratch = vecs
	if len(vecs) == 0 {
		return 0, nil
	}
	n, _, errno := unix.Syscall(unix.SYS_WRITEV, uintptr(fd), uintptr(unsafe.Pointer(&vecs[0])), uintptr(len(vecs)))
	clear(vecs) // do not keep the caller's buffers reachable
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
