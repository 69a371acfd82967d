package conn

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// maxSpliceSize is the most data moved through the pipe at once; the pipe
// is grown to this size (1 MiB is the default /proc/sys/fs/pipe-max-size),
// as the standard library does.
const maxSpliceSize = 1 << 20

// spliceFrom copies from r to the stream socket dst with splice(2) when r
// is a netkit TCP or Unix stream connection (optionally inside an
// *io.LimitedReader).
func spliceFrom(dst *netFD, r io.Reader) (written int64, err error, handled bool) {
	var remain int64 = 1<<63 - 1 // until EOF
	lr, ok := r.(*io.LimitedReader)
	if ok {
		remain, r = lr.N, lr.R
		if remain <= 0 {
			return 0, nil, true
		}
	}
	src := spliceable(r)
	if src == nil {
		return 0, nil, false
	}
	written, handled, err = splice(dst, src, remain)
	if lr != nil {
		lr.N -= written
	}
	return written, err, handled
}

// spliceTo copies from the stream socket src to w with splice(2) when w is
// a netkit TCP or Unix stream connection.
func spliceTo(w io.Writer, src *netFD) (written int64, err error, handled bool) {
	dst := spliceable(w)
	if dst == nil {
		return 0, nil, false
	}
	written, handled, err = splice(dst, src, 1<<63-1)
	return written, err, handled
}

// spliceable returns the socket of a netkit stream connection, or nil.
func spliceable(v any) *netFD {
	switch c := v.(type) {
	case *TCPConn:
		if c.ok() {
			return c.fd
		}
	case *UnixConn:
		if c.ok() && c.fd.net == "unix" {
			return c.fd
		}
	case readerOnly:
		return spliceable(c.Reader)
	}
	return nil
}

// splice moves up to remain bytes from src to dst through a pipe, waiting
// on the poller for src to be readable and dst writable. handled is false
// if nothing could be done (no pipe, or the kernel refuses the sockets).
// The closures given to the RawConns are made once per call, so the loop
// allocates nothing per chunk.
func splice(dst, src *netFD, remain int64) (written int64, handled bool, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return 0, false, nil
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	unix.FcntlInt(uintptr(p[0]), unix.F_SETPIPE_SZ, maxSpliceSize)

	var (
		max    int   // bytes to ask for in this drain
		inPipe int   // bytes waiting in the pipe
		serr   error // splice(2) failure inside a callback
	)
	// drain moves up to max bytes from the socket into the pipe; inPipe
	// 0 means EOF.
	drain := func(s uintptr) bool {
		for {
			m, err := unix.Splice(int(s), nil, p[1], nil, max, unix.SPLICE_F_MOVE|unix.SPLICE_F_NONBLOCK)
			switch err {
			case nil:
				inPipe = int(m)
				return true
			case unix.EINTR:
				continue
			case unix.EAGAIN:
				return false // wait until readable
			default:
				serr = err
				return true
			}
		}
	}
	// pump moves what is in the pipe into the socket.
	pump := func(s uintptr) bool {
		for inPipe > 0 {
			m, err := unix.Splice(p[0], nil, int(s), nil, inPipe, unix.SPLICE_F_MOVE|unix.SPLICE_F_NONBLOCK)
			switch err {
			case nil:
				written += int64(m)
				remain -= int64(m)
				inPipe -= int(m)
			case unix.EINTR:
			case unix.EAGAIN:
				return false // wait until writable
			default:
				serr = err
				return true
			}
		}
		return true
	}
	for remain > 0 {
		max, inPipe, serr = int(min(remain, maxSpliceSize)), 0, nil
		err := src.rawRead(drain)
		if err == nil {
			err = serr
		}
		if err != nil {
			if written == 0 && (err == unix.EINVAL || err == unix.ENOSYS) {
				return 0, false, nil
			}
			return written, true, spliceErr(err)
		}
		if inPipe == 0 { // EOF
			return written, true, nil
		}
		err = dst.rawWrite(pump)
		if err == nil {
			err = serr
		}
		if err != nil {
			return written, true, spliceErr(err)
		}
	}
	return written, true, nil
}

func spliceErr(err error) error {
	if errno, ok := err.(unix.Errno); ok {
		return os.NewSyscallError("splice", errno)
	}
	return err
}
