package conn

import "golang.org/x/sys/unix"

// readMsgFlags makes the kernel mark descriptors received with SCM_RIGHTS
// close-on-exec.
const readMsgFlags = unix.MSG_CMSG_CLOEXEC

// setReadMsgCloseOnExec has nothing to do on Linux: see readMsgFlags.
func setReadMsgCloseOnExec([]byte) {}
