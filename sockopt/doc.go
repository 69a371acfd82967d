// Package sockopt sets and reads typed socket options on any
// syscall.RawConn: netkit's connections and the standard library's alike
// (every *net.TCPConn, *net.UDPConn, *net.UnixConn, *net.TCPListener and
// *os.File has a SyscallConn method).
//
//	c, _ := net.Dial("tcp", "127.0.0.1:8080")
//	rc, _ := c.(*net.TCPConn).SyscallConn()
//	sockopt.SetKeepAlive(rc, true)
//	sockopt.SetKeepAliveIdle(rc, 30*time.Second)
//	info, _ := sockopt.GetTCPInfo(rc) // info.RTT, info.SndCwnd, ...
//
// # Options
//
// Every setter has a getter, named after the option (SetNoDelay and
// NoDelay, SetTTL and TTL); the exceptions are actions, not settings:
// JoinGroupIPv4/IPv6 and LeaveGroupIPv4/IPv6.
//
//   - SOL_SOCKET: KeepAlive, Linger, ReadBuffer, WriteBuffer, ReuseAddr,
//     ReusePort, Broadcast, BindToDevice, PeerCred.
//   - TCP: NoDelay, KeepAlivePeriod (the standard library's semantics),
//     KeepAliveConfig (net.KeepAliveConfig's semantics), KeepAliveIdle,
//     KeepAliveInterval, KeepAliveCount, UserTimeout,
//     FastOpen, FastOpenConnect, NotSentLowat, GetTCPInfo.
//   - IPv4: TOS, TTL, multicast interface, TTL and loopback, group
//     membership, ReceivePacketInfoIPv4.
//   - IPv6: IPv6Only, TrafficClass, HopLimit, multicast interface, hop
//     limit and loopback, group membership, ReceivePacketInfoIPv6.
//   - Control messages: ParsePacketInfo reads the IP_PKTINFO or
//     IPV6_PKTINFO message of a received datagram (PacketInfo.Unmarshal
//     without allocating); PacketInfo.AppendIPv4
//     and AppendIPv6 build one that chooses the source address and
//     interface of a datagram to send.
//
// Values are in the units of the API, not of the kernel: durations are
// time.Duration (rounded up to the kernel's seconds or milliseconds),
// booleans are bool, addresses are addr.IP. Buffer sizes are reported as the
// kernel reports them: Linux doubles the size set (see ReadBuffer).
//
// # Errors
//
// A refusal by the kernel is an *os.SyscallError whose Syscall is
// "setsockopt" or "getsockopt" around the errno, so errors.Is(err,
// syscall.EINVAL) works. An argument that cannot be encoded (an IPv6 group
// for JoinGroupIPv4, a negative duration) gives the same shape with EINVAL
// without a system call. An error from the RawConn itself (a closed
// connection) is returned unchanged. An option the platform lacks gives an
// error that wraps errors.ErrUnsupported and names the option and the
// platform, for example "sockopt: TCP_USER_TIMEOUT is not supported on
// darwin/arm64".
//
// # Portability
//
// Linux is first class and tested. darwin and FreeBSD have their own
// option tables (sys_darwin.go, sys_freebsd.go) and compile and vet; the
// README lists what each supports. Other systems, Windows included, build
// but every option reports errors.ErrUnsupported.
//
// The option data lives in per-OS tables of {level, name, kind}; the code
// that converts values and calls the kernel is written once. Integer,
// boolean and duration options and SetLinger cost no allocation per call.
//
// # Caveats
//
// Since Go 1.24 the standard library's TCP listeners on Linux are MPTCP
// sockets where the kernel supports MPTCP; an MPTCP socket refuses some TCP
// and IP options (TCP_USER_TIMEOUT, IP_TTL) with EOPNOTSUPP. Set those on
// the accepted connections, which are plain TCP unless the client also
// used MPTCP (net.Dialer.SetMultipathTCP).
package sockopt
