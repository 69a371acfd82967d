//go:build unix

package poller

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// FD is a non-blocking, close-on-exec socket file descriptor whose
// blocking-style methods park the calling goroutine (not its thread) in the
// Go runtime's network poller until the socket is ready, a deadline passes or
// the FD is closed.
//
// FD is built on the supported public path into the runtime poller:
// os.NewFile on the non-blocking fd and (*os.File).SyscallConn. Stream Read
// and Write go straight through (*os.File).Read and Write; every other
// operation runs a system call inside syscall.RawConn's Read, Write or
// Control, using per-FD state and callbacks allocated once, in NewFD, so that
// the steady path allocates nothing.
//
// # Lifetime contract
//
// Every operation holds a reference on the descriptor for as long as it uses
// it: reads hold the read reference of the underlying *os.File (one reader at
// a time), writes its write reference (one writer at a time), everything else
// (Bind, Listen, deadlines, Sockname, SyscallConn's Control) an ordinary
// reference. Close marks the FD closed, wakes every blocked call (each
// returns ErrClosed), and the descriptor itself is closed exactly once, by
// whichever user drops the last reference. Calls made after Close fail with
// ErrClosed without touching the descriptor number, which the kernel may have
// reused. A second Close returns ErrClosed.
//
// Methods are safe for concurrent use: one Read and one Write may run at the
// same time; further concurrent readers (or writers) wait for their turn.
// An FD comes from Socket, NewFD or Accept; the zero value is not usable.
type FD struct {
	f      *os.File
	rc     syscall.RawConn
	family int
	sotype int
	// zeroReadIsEOF is true for connection-oriented sockets, where a read of
	// zero bytes means the peer closed its side.
	zeroReadIsEOF bool
	closed        atomic.Bool

	// Deadlines as set through SetDeadline and friends, in Unix nanoseconds
	// (0 = none), so that AcceptContext and ConnectContext can restore the
	// caller's deadline after using one to interrupt a call.
	rdeadline atomic.Int64
	wdeadline atomic.Int64

	raw rawConn // returned by SyscallConn

	rmu sync.Mutex // guards r; held for the whole of a RawConn read op
	r   rop
	wmu sync.Mutex // guards w; held for the whole of a RawConn write op
	w   wop
}

// Read-side operation kinds.
const (
	opRead = iota
	opRecvfrom
	opRecvmsg
	opAccept
	opRecvfromInet
	opRecvmsgInet
)

// rop holds the arguments and results of the read-side RawConn operation in
// progress and the callback that runs it, allocated once per FD.
type rop struct {
	fn     func(uintptr) bool
	kind   int
	p, oob []byte
	flags  int
	n      int
	oobn   int
	rflags int
	sa     unix.Sockaddr
	nfd    int
	err    error
	from4  unix.SockaddrInet4 // ReadFromInet4's sender
	from6  unix.SockaddrInet6 // ReadFromInet6's sender
	rawSockaddr
}

// Write-side operation kinds.
const (
	opSendto = iota
	opSendmsg
	opWritev
)

// wop is the write-side counterpart of rop.
type wop struct {
	fn     func(uintptr) bool
	kind   int
	p, oob []byte
	sa     unix.Sockaddr
	iov    [][]byte     // Writev's unwritten buffers (a window into iovBuf)
	iovBuf [][]byte     // Writev's working copy, reused between calls
	vecs   []unix.Iovec // Writev's kernel iovec array, reused between calls
	n      int
	n64    int64
	err    error
	to4    unix.SockaddrInet4 // WriteToInet4's destination, kept in the FD
	to6    unix.SockaddrInet6 // WriteToInet6's destination, kept in the FD
}

// Syscall names used in errors.
const (
	readSyscall     = "read"
	writeSyscall    = "write"
	recvfromSyscall = "recvfrom"
	recvmsgSyscall  = "recvmsg"
	sendtoSyscall   = "sendto"
	sendmsgSyscall  = "sendmsg"
	writevSyscall   = "writev"
)

// aLongTimeAgo is a deadline in the past, used to interrupt a blocked call.
var aLongTimeAgo = time.Unix(1, 0)

// Socket wraps socket(2): it creates a socket that is non-blocking and
// close-on-exec from birth (SOCK_NONBLOCK|SOCK_CLOEXEC where the platform
// has them; on macOS close-on-exec is set under syscall.ForkLock) and
// returns it as an FD. Errors are *os.SyscallError("socket").
func Socket(family, sotype, proto int) (*FD, error) {
	s, err := sysSocket(family, sotype, proto)
	if err != nil {
		return nil, err
	}
	return NewFD(s, family, sotype, "socket")
}

// NewFD wraps an existing socket descriptor sysfd of the given address family
// (unix.AF_INET, ...) and socket type (unix.SOCK_STREAM, ...). It puts sysfd
// in non-blocking mode and registers it with the runtime poller; name is used
// as the name of the underlying *os.File. It leaves the close-on-exec flag
// as it is: that is the creator's business (and racy to set late).
//
// NewFD takes ownership of sysfd: the FD closes it, and if NewFD fails it
// has already closed it. sysfd must be a descriptor the runtime poller can
// watch (a socket, pipe or similar), not a regular file.
func NewFD(sysfd, family, sotype int, name string) (*FD, error) {
	if sysfd < 0 {
		return nil, os.NewSyscallError("fcntl", unix.EBADF)
	}
	if err := unix.SetNonblock(sysfd, true); err != nil {
		unix.Close(sysfd)
		return nil, os.NewSyscallError("fcntl", err)
	}
	f := os.NewFile(uintptr(sysfd), name)
	if f == nil {
		unix.Close(sysfd)
		return nil, os.NewSyscallError("fcntl", unix.EBADF)
	}
	// A descriptor the runtime poller refused (a regular file) has no
	// deadlines and would block a thread per call: reject it.
	if err := f.SetDeadline(time.Time{}); err != nil {
		f.Close()
		return nil, err
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	fd := &FD{
		f:             f,
		rc:            rc,
		family:        family,
		sotype:        sotype,
		zeroReadIsEOF: sotype != unix.SOCK_DGRAM && sotype != unix.SOCK_RAW,
	}
	fd.raw.fd = fd
	fd.r.fn = fd.readOp
	fd.w.fn = fd.writeOp
	return fd, nil
}

// Family returns the address family the FD was created with.
func (fd *FD) Family() int { return fd.family }

// SockType returns the socket type the FD was created with.
func (fd *FD) SockType() int { return fd.sotype }

// Read reads up to len(p) bytes. On a connection-oriented socket a read of
// zero bytes from the peer returns io.EOF; on a datagram socket a zero-length
// datagram is a valid read of 0 bytes. Read blocks until data arrives, the
// read deadline passes or the FD is closed. A call with len(p) == 0 returns
// 0, nil at once without consuming anything, as the stdlib's conns do. It
// does not allocate.
func (fd *FD) Read(p []byte) (int, error) {
	if !fd.zeroReadIsEOF {
		if len(p) == 0 {
			if fd.closed.Load() {
				return 0, ErrClosed
			}
			return 0, nil
		}
		fd.rmu.Lock()
		fd.r.kind, fd.r.p = opRead, p
		err := fd.rawRead()
		n := fd.r.n
		fd.r.p = nil
		fd.rmu.Unlock()
		return n, err
	}
	n, err := fd.f.Read(p)
	if err != nil && err != io.EOF {
		return n, fd.fileErr(readSyscall, err)
	}
	return n, err
}

// Write writes all of p, looping over short writes, and blocks until it is
// written, the write deadline passes or the FD is closed. It returns the
// number of bytes written, which is len(p) unless err != nil. It does not
// allocate.
func (fd *FD) Write(p []byte) (int, error) {
	n, err := fd.f.Write(p)
	if err != nil {
		return n, fd.fileErr(writeSyscall, err)
	}
	return n, nil
}

// Writev writes the concatenation of bufs with writev(2), looping over short
// writes until everything is written, and returns the number of bytes
// written. It does not modify bufs.
func (fd *FD) Writev(bufs [][]byte) (int64, error) {
	fd.wmu.Lock()
	defer fd.wmu.Unlock()
	iov := fd.w.iovBuf[:0]
	for _, b := range bufs {
		if len(b) > 0 {
			iov = append(iov, b)
		}
	}
	fd.w.iovBuf = iov
	if len(iov) == 0 {
		return 0, nil
	}
	fd.w.kind, fd.w.iov, fd.w.n64 = opWritev, iov, 0
	err := fd.rawWrite()
	n := fd.w.n64
	clear(iov)
	fd.w.iov = nil
	return n, err
}

// ReadFrom wraps recvfrom(2): it reads one datagram (or, on a stream socket,
// up to len(p) bytes) and returns the sender's address, which is nil for
// connected sockets on some platforms.
func (fd *FD) ReadFrom(p []byte) (int, unix.Sockaddr, error) {
	fd.rmu.Lock()
	fd.r.kind, fd.r.p = opRecvfrom, p
	err := fd.rawRead()
	n, sa := fd.r.n, fd.r.sa
	fd.r.p, fd.r.sa = nil, nil
	fd.rmu.Unlock()
	if err == nil && n == 0 && fd.zeroReadIsEOF && len(p) > 0 {
		err = io.EOF
	}
	return n, sa, err
}

// WriteTo wraps sendto(2): it sends p to sa (sa may be nil on a connected
// socket).
func (fd *FD) WriteTo(p []byte, sa unix.Sockaddr) (int, error) {
	fd.wmu.Lock()
	fd.w.kind, fd.w.p, fd.w.sa = opSendto, p, sa
	err := fd.rawWrite()
	n := fd.w.n
	fd.w.p, fd.w.sa = nil, nil
	fd.wmu.Unlock()
	return n, err
}

// ReadFromInet4 is ReadFrom for AF_INET sockets that stores the sender's
// address in *from instead of returning a new unix.Sockaddr. On Linux
// (except 386) it does not allocate.
func (fd *FD) ReadFromInet4(p []byte, from *unix.SockaddrInet4) (int, error) {
	fd.rmu.Lock()
	fd.r.kind, fd.r.p = opRecvfromInet, p
	err := fd.rawRead()
	n := fd.r.n
	from.Port, from.Addr = fd.r.from4.Port, fd.r.from4.Addr
	fd.r.p = nil
	fd.rmu.Unlock()
	if err == nil && n == 0 && fd.zeroReadIsEOF && len(p) > 0 {
		err = io.EOF
	}
	return n, err
}

// ReadFromInet6 is ReadFromInet4 for AF_INET6 sockets.
func (fd *FD) ReadFromInet6(p []byte, from *unix.SockaddrInet6) (int, error) {
	fd.rmu.Lock()
	fd.r.kind, fd.r.p = opRecvfromInet, p
	err := fd.rawRead()
	n := fd.r.n
	from.Port, from.Addr, from.ZoneId = fd.r.from6.Port, fd.r.from6.Addr, fd.r.from6.ZoneId
	fd.r.p = nil
	fd.rmu.Unlock()
	if err == nil && n == 0 && fd.zeroReadIsEOF && len(p) > 0 {
		err = io.EOF
	}
	return n, err
}

// WriteToInet4 is WriteTo for an IPv4 destination. It copies *to into the
// FD, so to does not escape and the call does not allocate.
func (fd *FD) WriteToInet4(p []byte, to *unix.SockaddrInet4) (int, error) {
	fd.wmu.Lock()
	fd.w.to4.Port, fd.w.to4.Addr = to.Port, to.Addr
	fd.w.kind, fd.w.p, fd.w.sa = opSendto, p, &fd.w.to4
	err := fd.rawWrite()
	n := fd.w.n
	fd.w.p, fd.w.sa = nil, nil
	fd.wmu.Unlock()
	return n, err
}

// WriteToInet6 is WriteToInet4 for an IPv6 destination.
func (fd *FD) WriteToInet6(p []byte, to *unix.SockaddrInet6) (int, error) {
	fd.wmu.Lock()
	fd.w.to6.Port, fd.w.to6.Addr, fd.w.to6.ZoneId = to.Port, to.Addr, to.ZoneId
	fd.w.kind, fd.w.p, fd.w.sa = opSendto, p, &fd.w.to6
	err := fd.rawWrite()
	n := fd.w.n
	fd.w.p, fd.w.sa = nil, nil
	fd.wmu.Unlock()
	return n, err
}

// ReadMsg wraps recvmsg(2): it reads into p and the control-message buffer
// oob with the given MSG_* flags and returns the byte counts, the returned
// message flags and the sender's address.
func (fd *FD) ReadMsg(p, oob []byte, flags int) (n, oobn, rflags int, sa unix.Sockaddr, err error) {
	fd.rmu.Lock()
	fd.r.kind, fd.r.p, fd.r.oob, fd.r.flags = opRecvmsg, p, oob, flags
	err = fd.rawRead()
	n, oobn, rflags, sa = fd.r.n, fd.r.oobn, fd.r.rflags, fd.r.sa
	fd.r.p, fd.r.oob, fd.r.sa = nil, nil, nil
	fd.rmu.Unlock()
	if err == nil && n == 0 && oobn == 0 && fd.zeroReadIsEOF && len(p) > 0 {
		err = io.EOF
	}
	return n, oobn, rflags, sa, err
}

// ReadMsgInet4 is ReadMsg for AF_INET sockets that stores the sender's
// address in *from instead of returning a new unix.Sockaddr. On Linux
// (except 386) it does not allocate.
func (fd *FD) ReadMsgInet4(p, oob []byte, flags int, from *unix.SockaddrInet4) (n, oobn, rflags int, err error) {
	n, oobn, rflags, err = fd.readMsgInet(p, oob, flags)
	from.Port, from.Addr = fd.r.from4.Port, fd.r.from4.Addr
	fd.rmu.Unlock()
	return n, oobn, rflags, err
}

// ReadMsgInet6 is ReadMsgInet4 for AF_INET6 sockets.
func (fd *FD) ReadMsgInet6(p, oob []byte, flags int, from *unix.SockaddrInet6) (n, oobn, rflags int, err error) {
	n, oobn, rflags, err = fd.readMsgInet(p, oob, flags)
	from.Port, from.Addr, from.ZoneId = fd.r.from6.Port, fd.r.from6.Addr, fd.r.from6.ZoneId
	fd.rmu.Unlock()
	return n, oobn, rflags, err
}

// readMsgInet runs the recvmsg op and returns with fd.rmu still held, so
// that the caller can copy the sender's address out of fd.r.
func (fd *FD) readMsgInet(p, oob []byte, flags int) (n, oobn, rflags int, err error) {
	fd.rmu.Lock()
	fd.r.kind, fd.r.p, fd.r.oob, fd.r.flags = opRecvmsgInet, p, oob, flags
	err = fd.rawRead()
	n, oobn, rflags = fd.r.n, fd.r.oobn, fd.r.rflags
	fd.r.p, fd.r.oob = nil, nil
	if err == nil && n == 0 && oobn == 0 && fd.zeroReadIsEOF && len(p) > 0 {
		err = io.EOF
	}
	return n, oobn, rflags, err
}

// WriteMsgInet4 is WriteMsg to an IPv4 destination. It copies *to into the
// FD, so to does not escape.
func (fd *FD) WriteMsgInet4(p, oob []byte, to *unix.SockaddrInet4) (n, oobn int, err error) {
	fd.wmu.Lock()
	fd.w.to4.Port, fd.w.to4.Addr = to.Port, to.Addr
	fd.w.kind, fd.w.p, fd.w.oob, fd.w.sa = opSendmsg, p, oob, &fd.w.to4
	return fd.finishWriteMsg(oob)
}

// WriteMsgInet6 is WriteMsgInet4 for an IPv6 destination.
func (fd *FD) WriteMsgInet6(p, oob []byte, to *unix.SockaddrInet6) (n, oobn int, err error) {
	fd.wmu.Lock()
	fd.w.to6.Port, fd.w.to6.Addr, fd.w.to6.ZoneId = to.Port, to.Addr, to.ZoneId
	fd.w.kind, fd.w.p, fd.w.oob, fd.w.sa = opSendmsg, p, oob, &fd.w.to6
	return fd.finishWriteMsg(oob)
}

// finishWriteMsg runs the prepared sendmsg op and releases fd.wmu.
func (fd *FD) finishWriteMsg(oob []byte) (n, oobn int, err error) {
	err = fd.rawWrite()
	n = fd.w.n
	fd.w.p, fd.w.oob, fd.w.sa = nil, nil, nil
	fd.wmu.Unlock()
	if err != nil {
		return n, 0, err
	}
	return n, len(oob), nil
}

// WriteMsg wraps sendmsg(2): it sends p with the control messages in oob to
// sa (nil on a connected socket) and returns the number of bytes of p sent
// and the length of oob.
func (fd *FD) WriteMsg(p, oob []byte, sa unix.Sockaddr) (n, oobn int, err error) {
	fd.wmu.Lock()
	fd.w.kind, fd.w.p, fd.w.oob, fd.w.sa = opSendmsg, p, oob, sa
	err = fd.rawWrite()
	n = fd.w.n
	fd.w.p, fd.w.oob, fd.w.sa = nil, nil, nil
	fd.wmu.Unlock()
	if err != nil {
		return n, 0, err
	}
	return n, len(oob), nil
}

// Bind wraps bind(2).
func (fd *FD) Bind(sa unix.Sockaddr) error {
	return fd.control("bind", func(s int) error { return unix.Bind(s, sa) })
}

// Listen wraps listen(2).
func (fd *FD) Listen(backlog int) error {
	return fd.control("listen", func(s int) error { return unix.Listen(s, backlog) })
}

// Shutdown wraps shutdown(2); how is unix.SHUT_RD, SHUT_WR or SHUT_RDWR.
func (fd *FD) Shutdown(how int) error {
	return fd.control("shutdown", func(s int) error { return unix.Shutdown(s, how) })
}

// Sockname wraps getsockname(2).
func (fd *FD) Sockname() (unix.Sockaddr, error) {
	var sa unix.Sockaddr
	err := fd.control("getsockname", func(s int) error {
		var err error
		sa, err = unix.Getsockname(s)
		return err
	})
	return sa, err
}

// Peername wraps getpeername(2).
func (fd *FD) Peername() (unix.Sockaddr, error) {
	var sa unix.Sockaddr
	err := fd.control("getpeername", func(s int) error {
		var err error
		sa, err = unix.Getpeername(s)
		return err
	})
	return sa, err
}

// Accept waits for and accepts a connection on a listening socket (accept4(2)
// where available) and returns it as a new non-blocking, close-on-exec FD of
// the same family and type, with the peer's address. ECONNABORTED (a peer
// that gave up while queued) is skipped. Accept honours the read deadline.
func (fd *FD) Accept() (*FD, unix.Sockaddr, error) {
	fd.rmu.Lock()
	fd.r.kind = opAccept
	err := fd.rawRead()
	ns, sa := fd.r.nfd, fd.r.sa
	fd.r.sa = nil
	fd.rmu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	nfd, err := NewFD(ns, fd.family, fd.sotype, "accept")
	if err != nil {
		return nil, nil, err
	}
	return nfd, sa, nil
}

// AcceptContext is Accept, also returning when ctx is done; it then returns
// ctx.Err(). Cancellation works by moving the read deadline into the past;
// the caller's read deadline is restored afterwards.
func (fd *FD) AcceptContext(ctx context.Context) (*FD, unix.Sockaddr, error) {
	if ctx.Done() == nil {
		return fd.Accept()
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	interrupted := fd.interruptOnDone(ctx, fd.f.SetReadDeadline)
	nfd, sa, err := fd.Accept()
	if interrupted() {
		fd.restoreDeadline(fd.f.SetReadDeadline, &fd.rdeadline)
		if err != nil && !errors.Is(err, ErrClosed) {
			return nil, nil, ctx.Err()
		}
	}
	return nfd, sa, err
}

// Connect wraps connect(2). If the connection cannot complete at once
// (EINPROGRESS), Connect waits until the socket is writable and then reads
// SO_ERROR for the outcome. It honours the write deadline. Errors are
// *os.SyscallError("connect").
func (fd *FD) Connect(sa unix.Sockaddr) error {
	var cerr error
	err := fd.rc.Control(func(s uintptr) { cerr = unix.Connect(int(s), sa) })
	if err != nil {
		return fd.rawErr(err)
	}
	switch cerr {
	case nil, unix.EISCONN:
		return nil
	case unix.EINPROGRESS, unix.EALREADY, unix.EINTR:
		// The connection continues asynchronously (after EINTR too).
	default:
		return os.NewSyscallError("connect", cerr)
	}
	err = fd.rc.Write(func(s uintptr) bool {
		nerr, err := unix.GetsockoptInt(int(s), unix.SOL_SOCKET, unix.SO_ERROR)
		if err != nil {
			cerr = os.NewSyscallError("getsockopt", err)
			return true
		}
		switch e := syscall.Errno(nerr); e {
		case unix.EINPROGRESS, unix.EALREADY, unix.EINTR:
			return false
		case unix.EISCONN:
			cerr = nil
			return true
		case 0:
			// The runtime poller may report writability spuriously (and
			// reports it before the first wait): only a peer name proves
			// the connection is up.
			if _, err := unix.Getpeername(int(s)); err == nil {
				cerr = nil
				return true
			}
			return false
		default:
			cerr = os.NewSyscallError("connect", e)
			return true
		}
	})
	if err != nil {
		return fd.rawErr(err)
	}
	return cerr
}

// ConnectContext is Connect, also returning when ctx is done; it then
// returns ctx.Err() and the socket is left unconnected (close it).
// Cancellation works by moving the write deadline into the past; the
// caller's write deadline is restored afterwards.
func (fd *FD) ConnectContext(ctx context.Context, sa unix.Sockaddr) error {
	if ctx.Done() == nil {
		return fd.Connect(sa)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	interrupted := fd.interruptOnDone(ctx, fd.f.SetWriteDeadline)
	err := fd.Connect(sa)
	if interrupted() {
		fd.restoreDeadline(fd.f.SetWriteDeadline, &fd.wdeadline)
		if err != nil && !errors.Is(err, ErrClosed) {
			return ctx.Err()
		}
	}
	return err
}

// interruptOnDone arranges for set(aLongTimeAgo) to run when ctx is done. The
// returned function stops that and reports whether it ran; when it reports
// true the deadline change is complete.
func (fd *FD) interruptOnDone(ctx context.Context, set func(time.Time) error) func() bool {
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		set(aLongTimeAgo)
		close(done)
	})
	return func() bool {
		if stop() {
			return false
		}
		<-done
		return true
	}
}

func (fd *FD) restoreDeadline(set func(time.Time) error, d *atomic.Int64) {
	var t time.Time
	if ns := d.Load(); ns != 0 {
		t = time.Unix(0, ns)
	}
	set(t)
}

// SetDeadline sets the read and write deadlines, as SetReadDeadline and
// SetWriteDeadline do.
func (fd *FD) SetDeadline(t time.Time) error {
	storeDeadline(&fd.rdeadline, t)
	storeDeadline(&fd.wdeadline, t)
	return fd.deadlineErr(fd.f.SetDeadline(t))
}

// SetReadDeadline sets the deadline for Read, ReadFrom, ReadMsg and Accept,
// including calls already blocked. A read that times out returns the Go
// runtime's deadline error, unwrapped: Timeout() reports true and
// errors.Is(err, os.ErrDeadlineExceeded) holds. A deadline in the past makes
// pending and future reads fail at once; the zero time clears the deadline.
func (fd *FD) SetReadDeadline(t time.Time) error {
	storeDeadline(&fd.rdeadline, t)
	return fd.deadlineErr(fd.f.SetReadDeadline(t))
}

// SetWriteDeadline sets the deadline for Write, Writev, WriteTo, WriteMsg
// and the wait in Connect, with the same rules as SetReadDeadline. A Write
// that times out may have written part of its buffer; it returns the count.
func (fd *FD) SetWriteDeadline(t time.Time) error {
	storeDeadline(&fd.wdeadline, t)
	return fd.deadlineErr(fd.f.SetWriteDeadline(t))
}

func storeDeadline(d *atomic.Int64, t time.Time) {
	if t.IsZero() {
		d.Store(0)
		return
	}
	ns := t.UnixNano()
	if ns == 0 {
		ns = 1
	}
	d.Store(ns)
}

func (fd *FD) deadlineErr(err error) error {
	if err == nil {
		return nil
	}
	if fd.closed.Load() || errors.Is(err, os.ErrClosed) {
		return ErrClosed
	}
	return err
}

// SyscallConn returns a syscall.RawConn for the FD, for socket options and
// system calls that FD does not wrap (package sockopt takes it). Its Read and
// Write park on the runtime poller like the FD's own methods and honour the
// FD's deadlines; like them, they hold a reference on the descriptor while
// the callback runs, and fail with ErrClosed after Close without calling it.
func (fd *FD) SyscallConn() (syscall.RawConn, error) {
	if fd.closed.Load() {
		return nil, ErrClosed
	}
	return &fd.raw, nil
}

// rawConn is the FD's syscall.RawConn: the *os.File's, with the runtime's
// closed-file error mapped to ErrClosed.
type rawConn struct{ fd *FD }

var _ syscall.RawConn = (*rawConn)(nil)

// Control implements syscall.RawConn.
func (c *rawConn) Control(f func(fd uintptr)) error {
	if err := c.fd.rc.Control(f); err != nil {
		return c.fd.rawErr(err)
	}
	return nil
}

// Read implements syscall.RawConn.
func (c *rawConn) Read(f func(fd uintptr) (done bool)) error {
	if err := c.fd.rc.Read(f); err != nil {
		return c.fd.rawErr(err)
	}
	return nil
}

// Write implements syscall.RawConn.
func (c *rawConn) Write(f func(fd uintptr) (done bool)) error {
	if err := c.fd.rc.Write(f); err != nil {
		return c.fd.rawErr(err)
	}
	return nil
}

// Dup returns a new *os.File holding a duplicate (F_DUPFD_CLOEXEC) of the
// descriptor, as the stdlib's File methods do. Closing either does not affect
// the other. The duplicate shares the open file description, so it stays in
// non-blocking mode (setting it blocking would also block the FD); os.NewFile
// therefore registers it with the runtime poller, as (*net.TCPConn).File does
// since Go 1.11.
func (fd *FD) Dup() (*os.File, error) {
	var ns int
	err := fd.control("fcntl", func(s int) error {
		var err error
		ns, err = unix.FcntlInt(uintptr(s), unix.F_DUPFD_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(ns), fd.f.Name()), nil
}

// Close closes the FD. It marks the FD closed, wakes every call blocked on
// it (they return ErrClosed) and closes the descriptor once the last of them
// has let go of it. Close on an already closed FD returns ErrClosed.
func (fd *FD) Close() error {
	if !fd.closed.CompareAndSwap(false, true) {
		return ErrClosed
	}
	err := fd.f.Close()
	if err == nil {
		return nil
	}
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	if errno, ok := err.(syscall.Errno); ok {
		return os.NewSyscallError("close", errno)
	}
	return err
}

// control runs fn with the descriptor held and turns its errno into an
// *os.SyscallError named call.
func (fd *FD) control(call string, fn func(s int) error) error {
	var serr error
	err := fd.rc.Control(func(s uintptr) {
		for {
			serr = fn(int(s))
			if serr != unix.EINTR {
				return
			}
		}
	})
	if err != nil {
		return fd.rawErr(err)
	}
	if serr != nil {
		return os.NewSyscallError(call, serr)
	}
	return nil
}

// rawRead runs the read-side op described by fd.r (fd.rmu held).
func (fd *FD) rawRead() error {
	fd.r.err, fd.r.n, fd.r.oobn, fd.r.rflags, fd.r.nfd = nil, 0, 0, 0, -1
	if err := fd.rc.Read(fd.r.fn); err != nil {
		fd.r.n, fd.r.oobn, fd.r.rflags = 0, 0, 0
		return fd.rawErr(err)
	}
	return fd.r.err
}

// rawWrite runs the write-side op described by fd.w (fd.wmu held).
func (fd *FD) rawWrite() error {
	fd.w.err, fd.w.n = nil, 0
	if err := fd.rc.Write(fd.w.fn); err != nil {
		return fd.rawErr(err)
	}
	return fd.w.err
}

// readOp is the RawConn read callback: it performs fd.r's operation once,
// retrying EINTR, and returns false (wait for readability) on EAGAIN.
func (fd *FD) readOp(s uintptr) bool {
	r := &fd.r
	for {
		var err error
		var call string
		switch r.kind {
		case opRead:
			call = readSyscall
			r.n, err = unix.Read(int(s), r.p)
		case opRecvfrom:
			call = recvfromSyscall
			r.n, r.sa, err = unix.Recvfrom(int(s), r.p, 0)
		case opRecvmsg:
			call = recvmsgSyscall
			r.n, r.oobn, r.rflags, r.sa, err = unix.Recvmsg(int(s), r.p, r.oob, r.flags)
		case opRecvfromInet:
			call = recvfromSyscall
			r.n, err = recvfromInet(int(s), r.p, r)
		case opRecvmsgInet:
			call = recvmsgSyscall
			r.n, r.oobn, r.rflags, err = recvmsgInet(int(s), r.p, r.oob, r.flags, r)
		case opAccept:
			call = acceptSyscall
			r.nfd, r.sa, err = sysAccept(int(s))
			if err == unix.ECONNABORTED {
				continue
			}
		}
		switch err {
		case nil:
			if r.n < 0 {
				r.n = 0
			}
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		r.n, r.oobn, r.rflags = 0, 0, 0
		r.err = os.NewSyscallError(call, err)
		return true
	}
}

// writeOp is the RawConn write callback, the counterpart of readOp. Writev
// keeps writing until its buffers are drained.
func (fd *FD) writeOp(s uintptr) bool {
	w := &fd.w
	for {
		var err error
		var call string
		switch w.kind {
		case opSendto:
			call = sendtoSyscall
			err = unix.Sendto(int(s), w.p, 0, w.sa)
			if err == nil {
				w.n = len(w.p)
			}
		case opSendmsg:
			call = sendmsgSyscall
			w.n, err = unix.SendmsgN(int(s), w.p, w.oob, w.sa, 0)
		case opWritev:
			call = writevSyscall
			iov := w.iov
			if len(iov) > maxIovecs {
				iov = iov[:maxIovecs]
			}
			var n int
			n, err = sysWritev(int(s), iov, &w.vecs)
			if n > 0 {
				w.n64 += int64(n)
				w.iov = consumeIovecs(w.iov, n)
				if len(w.iov) == 0 {
					return true
				}
				if err == nil {
					continue
				}
			}
		}
		switch err {
		case nil:
			if w.n < 0 {
				w.n = 0
			}
			return true
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		if w.kind != opWritev {
			w.n = 0
		}
		w.err = os.NewSyscallError(call, err)
		return true
	}
}

// maxIovecs bounds one writev(2) call (IOV_MAX is 1024 on Linux and BSDs).
const maxIovecs = 1024

// consumeIovecs drops the first n bytes from iov, in place.
func consumeIovecs(iov [][]byte, n int) [][]byte {
	for len(iov) > 0 && n >= len(iov[0]) {
		n -= len(iov[0])
		iov[0] = nil
		iov = iov[1:]
	}
	if len(iov) > 0 {
		iov[0] = iov[0][n:]
	}
	return iov
}

// fileErr maps an error from (*os.File).Read or Write: closed -> ErrClosed,
// deadline -> the runtime's error unwrapped, errno -> *os.SyscallError.
func (fd *FD) fileErr(call string, err error) error {
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	if err == os.ErrClosed || fd.closed.Load() {
		return ErrClosed
	}
	if errno, ok := err.(syscall.Errno); ok {
		return os.NewSyscallError(call, errno)
	}
	return err
}

// rawErr maps an error returned by RawConn itself (not by our callback): the
// runtime's "use of closed file" -> ErrClosed; deadline errors pass through.
func (fd *FD) rawErr(err error) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	if fd.closed.Load() || errors.Is(err, os.ErrClosed) || err.Error() == "use of closed file" {
		return ErrClosed
	}
	return err
}
