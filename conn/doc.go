// Package conn implements netkit's connections, listeners and dialers:
// TCP, UDP, Unix and raw IP sockets that satisfy the standard library's
// net.Conn, net.PacketConn and net.Listener interfaces, so they plug into
// net/http, crypto/tls and every library that takes a net.Conn.
//
// The API is the standard library's (Go 1.26): Dial, DialTimeout, Listen,
// ListenPacket, Dialer, ListenConfig, TCPConn, TCPListener, UDPConn,
// UnixConn, UnixListener, IPConn, Resolve*Addr, File*, Buffers, Resolver,
// with addresses and errors from the addr module (addr.TCPAddr,
// addr.OpError, …) and socket options from sockopt. The netcompat module
// re-exports all of it under the standard names.
//
//	ln, err := conn.Listen("tcp", "127.0.0.1:0")
//	...
//	c, err := conn.Dial("tcp", ln.Addr().String())
//
// # Layers
//
// Sockets are poller.FD values (non-blocking, close-on-exec descriptors
// parked in the Go runtime's network poller), so netkit connections block
// goroutines, not threads, exactly like the standard library's. Names go
// through the resolver module (a pure-Go DNS resolver with the system's
// resolv.conf, hosts and nsswitch.conf); literal IP addresses and empty
// hosts never need it. Socket options go through sockopt.
//
// # Dialing
//
// A Dialer resolves the address, then tries the resulting addresses:
//
//   - Happy Eyeballs (RFC 6555 "Fast Fallback", the part of RFC 8305
//     the standard library implements): with network "tcp" and addresses
//     of both families, the family of the first address is tried first
//     and, FallbackDelay (default 300 ms) later, the other family in
//     parallel; the first connection wins and the other dial is canceled.
//     A negative FallbackDelay turns this off. DualStack is ignored (Go
//     1.12 and later).
//   - Within one family addresses are tried in order, and a Timeout or
//     deadline is spread over them: each gets an equal share of what is
//     left, but at least 2 s (or all that is left).
//   - Canceling the context (or closing the deprecated Cancel channel)
//     aborts the dial with "operation was canceled"; an expired deadline
//     gives "i/o timeout" (errors.Is(err, context.DeadlineExceeded)).
//   - KeepAlive zero means keep-alive probes every 15 s, negative
//     disables them (the Go 1.5 text said zero disabled them; Go 1.12
//     changed that and netkit follows Go 1.26). KeepAliveConfig sets idle
//     time, interval and count separately.
//   - Control/ControlContext run on the socket before bind and connect,
//     with "tcp4"/"tcp6" rather than "tcp".
//
// # Listening
//
// Listen("tcp", ":port") and other wildcard listens on "tcp" make one
// dual-stack IPv6 socket (IPV6_V6ONLY off) that also accepts IPv4, where
// the kernel allows it; "tcp4"/"tcp6" listen on one family. Listeners set
// SO_REUSEADDR. Unix listeners made by Listen/ListenUnix remove their
// socket file on Close unless SetUnlinkOnClose(false) was called. Like the
// standard library, ListenConfig uses Multipath TCP by default on Linux
// when the kernel offers it (GODEBUG=multipathtcp=0 or SetMultipathTCP
// change that); dialers do not.
//
// # Zero copy
//
// On Linux, (*TCPConn).ReadFrom uses sendfile(2) when the source is a
// regular file (an *os.File, possibly inside an io.LimitedReader, from its
// current offset) and splice(2) when it is another netkit TCP or Unix
// stream connection; WriteTo splices into a netkit stream connection. So
// io.Copy(tcpConn, file) and io.Copy between two connections never copy
// the data through user space.
//
// # Datagrams, raw IP and multicast
//
// UDPConn and IPConn read and write datagrams (ReadFrom/WriteTo, the typed
// and AddrPort variants, ReadMsg*/WriteMsg* with control messages built and
// parsed by sockopt, e.g. PacketInfo). On Linux the AddrPort and Msg paths
// allocate nothing. On an "ip4" IPConn every read returns the payload
// without the IPv4 header, on every OS: the standard library's documented
// ReadFrom bug is fixed (see IPConn). ListenMulticastUDP binds the wildcard
// address with SO_REUSEADDR, joins the group through sockopt and turns
// multicast loopback off on its socket, as the standard library does.
// A "unixgram" UnixConn is a net.PacketConn; ReadMsgUnix/WriteMsgUnix pass
// SCM_RIGHTS descriptors (received ones are close-on-exec).
// FileConn, FileListener and FilePacketConn dup the descriptor and learn
// its type and addresses from the kernel.
//
// # Errors
//
// Failures are *addr.OpError{Op, Net, Source, Addr, Err} with the standard
// library's Op names ("dial", "listen", "accept", "read", "write",
// "close", "set", "file", "readfrom", "writeto", "raw-control", …) and
// texts; Err is an *os.SyscallError around the errno, a *resolver.DNSError,
// an *addr.AddrError, an addr.UnknownNetworkError, net.ErrClosed after
// Close (errors.Is(err, net.ErrClosed)), or the runtime's deadline error
// (Timeout() is true, errors.Is(err, os.ErrDeadlineExceeded)). Reads return
// a bare io.EOF at the end of a stream. The tests compare error texts and
// shapes with the standard library's for the same failing calls.
//
// # Deadlines
//
// SetDeadline, SetReadDeadline and SetWriteDeadline work as for net.Conn:
// a blocked call returns a timeout error when the deadline passes, and a
// deadline in the past makes calls fail at once; Close unblocks every
// pending call with net.ErrClosed. Listener SetDeadline bounds Accept.
//
// # Platform support
//
// Linux is first class and tested; macOS and FreeBSD build (kqueue,
// BSD socket options), without sendfile/splice (ReadFrom and WriteTo copy
// through a buffer there) and without Multipath TCP. Other systems are not
// supported by this module.
package conn
