//go:build unix && !(dragonfly || freebsd || linux)

package poller

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// acceptSyscall names the system call in accept errors.
const acceptSyscall = "accept"

// sysSocket wraps socket(2) on platforms where netkit does not use
// SOCK_CLOEXEC and accept4 (macOS lacks them; x/sys/unix has no accept4 for
// NetBSD and OpenBSD): the fd is created and marked close-on-exec under
// syscall.ForkLock, so that a concurrent fork+exec cannot inherit it, then
// made non-blocking.
func sysSocket(family, sotype, proto int) (int, error) {
	syscall.ForkLock.RLock()
	s, err := unix.Socket(family, sotype, proto)
	if err == nil {
		unix.CloseOnExec(s)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	if err := unix.SetNonblock(s, true); err != nil {
		unix.Close(s)
		return -1, os.NewSyscallError("setnonblock", err)
	}
	return s, nil
}

// sysAccept wraps accept(2) the same way: close-on-exec under
// syscall.ForkLock, then non-blocking.
func sysAccept(s int) (int, unix.Sockaddr, error) {
	syscall.ForkLock.RLock()
	ns, sa, err := unix.Accept(s)
	if err == nil {
		unix.CloseOnExec(ns)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, nil, err
	}
	if err := unix.SetNonblock(ns, true); err != nil {
		unix.Close(ns)
		return -1, nil, err
	}
	return ns, sa, nil
}
