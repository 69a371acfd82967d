//go:build dragonfly || freebsd || linux || netbsd || openbsd || solaris

package resolver

import "golang.org/x/sys/unix"

// cloexecSocket opens a blocking socket that is close-on-exec from birth.
func cloexecSocket(family, sotype int) (int, error) {
	return unix.Socket(family, sotype|unix.SOCK_CLOEXEC, 0)
}
