//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package conn

import "golang.org/x/sys/unix"

// readMsgFlags: the BSDs lack MSG_CMSG_CLOEXEC (or not everywhere), so
// received descriptors are marked close-on-exec after the fact.
const readMsgFlags = 0

// setReadMsgCloseOnExec marks every descriptor received in oob with
// SCM_RIGHTS close-on-exec.
func setReadMsgCloseOnExec(oob []byte) {
	scms, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return
	}
	for i := range scms {
		scm := &scms[i]
		if scm.Header.Level == unix.SOL_SOCKET && scm.Header.Type == unix.SCM_RIGHTS {
			fds, err := unix.ParseUnixRights(scm)
			if err != nil {
				continue
			}
			for _, fd := range fds {
				unix.CloseOnExec(fd)
			}
		}
	}
}
