package conn

import (
	"io"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// maxSendfileSize is the largest chunk given to one sendfile(2) call.
const maxSendfileSize = 4 << 20

// sendFile copies from r to the stream socket fd with sendfile(2) when r
// is a file (an *os.File, or something wrapping one with SyscallConn and
// Stat, optionally inside an *io.LimitedReader). It reads from the file's
// current offset and advances it. handled is false when r is not a file or
// the kernel cannot sendfile from it (a pipe, say); nothing has been
// written then.
func sendFile(fd *netFD, r io.Reader) (written int64, err error, handled bool) {
	var remain int64 = 1<<63 - 1 // until EOF
	lr, ok := r.(*io.LimitedReader)
	if ok {
		remain, r = lr.N, lr.R
		if remain <= 0 {
			return 0, nil, true
		}
	}
	f, ok := r.(interface {
		fs.File
		syscall.Conn
	})
	if !ok {
		return 0, nil, false
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return 0, nil, false
	}
	sc, err := f.SyscallConn()
	if err != nil {
		return 0, nil, false
	}
	var werr, serr error
	cerr := sc.Control(func(src uintptr) {
		werr = fd.rawWrite(func(dst uintptr) bool {
			for remain > 0 {
				n, err := unix.Sendfile(int(dst), int(src), nil, int(min(remain, maxSendfileSize)))
				if n > 0 {
					written += int64(n)
					remain -= int64(n)
				}
				switch err {
				case nil:
					if n == 0 { // EOF
						return true
					}
				case unix.EINTR:
				case unix.EAGAIN:
					return false // wait until writable
				default:
					serr = err
					return true
				}
			}
			return true
		})
	})
	if cerr != nil {
		return 0, nil, false
	}
	if werr == nil {
		werr = serr
	}
	if lr != nil {
		lr.N = remain
	}
	if werr != nil && written == 0 && isSendfileUnsupported(werr) {
		return 0, nil, false
	}
	if errno, ok := werr.(syscall.Errno); ok {
		werr = os.NewSyscallError("sendfile", errno)
	}
	return written, werr, true
}

func isSendfileUnsupported(err error) bool {
	switch err {
	case unix.EINVAL, unix.ENOSYS, unix.EOPNOTSUPP, unix.EBADF:
		return true
	}
	return false
}
