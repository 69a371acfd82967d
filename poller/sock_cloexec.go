//go:build dragonfly || freebsd || linux

package poller

import (
	"os"

	"golang.org/x/sys/unix"
)

// acceptSyscall names the system call in accept errors.
const acceptSyscall = "accept4"

// sysSocket wraps socket(2), creating the socket non-blocking and
// close-on-exec atomically.
func sysSocket(family, sotype, proto int) (int, error) {
	s, err := unix.Socket(family, sotype|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	return s, nil
}

// sysAccept wraps accept4(2); the new fd is non-blocking and close-on-exec.
func sysAccept(s int) (int, unix.Sockaddr, error) {
	return unix.Accept4(s, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
}
