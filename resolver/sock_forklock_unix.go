//go:build unix && !(dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package resolver

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// cloexecSocket opens a blocking socket and marks it close-on-exec under
// syscall.ForkLock, since this platform has no SOCK_CLOEXEC.
func cloexecSocket(family, sotype int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	s, err := unix.Socket(family, sotype, 0)
	if err != nil {
		return -1, err
	}
	unix.CloseOnExec(s)
	return s, nil
}
