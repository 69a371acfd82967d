// Package poller provides non-blocking socket file descriptors whose
// blocking-style methods park the calling goroutine in the Go runtime's
// network poller (FD), and the platform readiness API itself — epoll on
// Linux, kqueue on the BSDs and macOS — for callers that run their own event
// loop (Poller).
//
// It is the bottom layer of netkit: conn and resolver build their
// connections on FD, and sockopt works on the syscall.RawConn that
// FD.SyscallConn returns. The package imports no other netkit module and not
// the net package.
//
// # FD
//
// An FD is created by Socket (socket(2) with SOCK_NONBLOCK|SOCK_CLOEXEC), by
// FD.Accept (accept4(2)), or by NewFD around a descriptor the caller already
// has. FD goes through the supported public path into the runtime poller —
// os.NewFile on the non-blocking descriptor and (*os.File).SyscallConn — so
// a goroutine blocked in Read costs a parked goroutine, not a thread, exactly
// as with the stdlib's own connections. Stream Read and Write use
// (*os.File).Read and Write directly; the other operations run their system
// call inside syscall.RawConn with callbacks allocated once per FD. Read and
// Write allocate nothing on the steady path, nor (on Linux) do the datagram
// variants that take the peer address as a typed value instead of a
// unix.Sockaddr: ReadFromInet4/6, WriteToInet4/6, ReadMsgInet4/6 and
// WriteMsgInet4/6.
//
// EINTR is retried where the system call is made; EAGAIN parks the goroutine
// until the runtime poller reports readiness. Connect handles EINPROGRESS by
// waiting for writability and reading SO_ERROR.
//
// # Errors
//
// A failing system call is reported as an *os.SyscallError naming it
// ("read", "recvmsg", "connect", "accept4", ...) around the errno. A call on
// a closed FD, or one that Close interrupted, returns ErrClosed itself, not
// wrapped. A call that hits its deadline returns the runtime's deadline error
// itself: Timeout() reports true and errors.Is(err, os.ErrDeadlineExceeded)
// holds. The layer above (conn) adds the *OpError with operation and
// addresses.
//
// # Deadlines
//
// SetReadDeadline governs Read, ReadFrom, ReadMsg and Accept; SetWriteDeadline
// governs Write, Writev, WriteTo, WriteMsg and the wait in Connect;
// SetDeadline sets both. A deadline applies to calls already blocked as well
// as to later ones. A deadline in the past makes pending and future calls
// fail at once, even when data is waiting; the zero time.Time clears the
// deadline. Deadlines are absolute times, not idle timeouts: extend them
// after each successful call if that is what you want.
//
// AcceptContext and ConnectContext also return when their context is done;
// they do this by moving the read (write) deadline into the past, and
// restore the caller's deadline before returning ctx.Err().
//
// # Close
//
// Close is safe to call concurrently with every other method. Every method
// holds a reference on the descriptor while it uses it; Close marks the FD
// closed, wakes every blocked call (each returns ErrClosed), and the
// descriptor is closed exactly once, when the last reference goes. After
// Close no method touches the descriptor number again, so a number the
// kernel hands out anew is never written by a stale FD. A second Close
// returns ErrClosed. The references are those of the *os.File underneath
// (internal/poll's fdMutex); FD adds the closed flag and the mapping of the
// runtime's "use of closed file" error to ErrClosed.
//
// # Poller
//
// A Poller watches many descriptors at once: Add, Modify and Delete
// registrations with an Interest (Readable, Writable, EdgeTriggered) and a
// caller-chosen Token, then call Wait with a caller-owned []Event. Wait
// does not allocate, retries EINTR with the time that remains, rounds
// sub-millisecond timeouts up, polls with a zero timeout and blocks with a
// negative one. Wake interrupts a Wait from any goroutine.
//
// Do not register an FD's descriptor with a Poller: the runtime poller
// already watches it. Poller is for raw descriptors the caller manages
// itself, as in the event-loop echo server in examples/pollecho, which holds
// ten thousand idle connections at well under 1 KiB of memory each.
//
// # Portability
//
// FD exists on every Unix (build tag unix). Socket and Accept create
// descriptors close-on-exec atomically on Linux, FreeBSD and DragonFly; on
// macOS, NetBSD and OpenBSD they set close-on-exec under syscall.ForkLock
// instead. Writev uses writev(2) on Linux, macOS and the BSDs, without
// allocating on Linux, FreeBSD, NetBSD and DragonFly (x/sys/unix allocates
// an iovec array per call on macOS and OpenBSD, where system calls go
// through libc). The Read*Inet4/6 variants are allocation-free on Linux
// (except 386) only.
//
// Poller uses epoll with an eventfd for Wake on Linux; kqueue with an
// EVFILT_USER event on macOS, FreeBSD and DragonFly; kqueue with a self-pipe
// on NetBSD and OpenBSD. Elsewhere (Windows, js/wasm, other Unixes) New
// returns an error wrapping errors.ErrUnsupported; nothing panics. Only the
// Linux implementation is exercised by the tests here; the kqueue code is
// compiled and vetted for darwin/arm64 and freebsd/amd64.
package poller
