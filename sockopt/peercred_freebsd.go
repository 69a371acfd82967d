package sockopt

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

func getPeerCred(fd int, o *option, cred *Ucred) error {
	xc, err := unix.GetsockoptXucred(fd, o.level, o.name)
	if err != nil {
		return err
	}
	*cred = Ucred{Uid: xc.Uid}
	if xc.Ngroups > 0 {
		cred.Gid = xc.Groups[0]
	}
	// struct xucred ends in a union { void *_cr_unused1; pid_t cr_pid; }
	// that x/sys/unix leaves unnamed; FreeBSD 13 and later fill cr_pid.
	last := unsafe.Add(unsafe.Pointer(xc), unsafe.Sizeof(*xc)-unsafe.Sizeof(uintptr(0)))
	cred.Pid = *(*int32)(last)
	return nil
}
