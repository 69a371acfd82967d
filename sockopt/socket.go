package sockopt

import (
	"syscall"
)

// SetKeepAlive enables or disables the sending of keepalive messages on a
// connection-oriented socket (SO_KEEPALIVE). How often probes go out is
// set by SetKeepAliveIdle, SetKeepAliveInterval and SetKeepAliveCount.
func SetKeepAlive(rc syscall.RawConn, on bool) error { return setBool(rc, optKeepAlive, on) }

// KeepAlive reports whether SO_KEEPALIVE is set.
func KeepAlive(rc syscall.RawConn) (bool, error) { return getBool(rc, optKeepAlive) }

// SetLinger sets the behaviour of Close on a connection that still has data
// waiting to be sent or acknowledged (SO_LINGER), with the semantics of
// the standard library's (*net.TCPConn).SetLinger:
//
//   - sec < 0 (the default): linger off; Close returns at once and the
//     operating system finishes sending the data in the background.
//   - sec == 0: Close discards unsent data and resets the connection.
//   - sec > 0: Close blocks until the data is sent or sec seconds pass.
//
// On darwin the option is SO_LINGER_SEC, because darwin's SO_LINGER counts
// clock ticks rather than seconds.
func SetLinger(rc syscall.RawConn, sec int) error {
	o, err := lookup(optLinger)
	if err != nil {
		return err
	}
	on := sec >= 0
	if !on {
		sec = 0
	}
	_, _, err = runIntOp(rc, setsockoptName, o, sec, on, pickSetL)
	return err
}

// Linger returns the SO_LINGER setting in SetLinger's terms: -1 when
// lingering is off, otherwise the timeout in seconds (0 = reset on Close).
func Linger(rc syscall.RawConn) (int, error) {
	o, err := lookup(optLinger)
	if err != nil {
		return 0, err
	}
	sec, on, err := runIntOp(rc, getsockoptName, o, 0, false, pickGetL)
	if err != nil {
		return 0, err
	}
	if !on {
		return -1, nil
	}
	return sec, nil
}

// SetReadBuffer sets the size of the operating system's receive buffer
// (SO_RCVBUF) in bytes. The kernel may round or clamp the value (Linux
// clamps it to net.core.rmem_max) and Linux doubles
// it to leave room for its own bookkeeping: see ReadBuffer.
func SetReadBuffer(rc syscall.RawConn, bytes int) error { return setInt(rc, optReadBuffer, bytes) }

// ReadBuffer returns SO_RCVBUF as the kernel reports it. On Linux that is
// twice the value given to SetReadBuffer (the kernel doubles the request to
// account for its bookkeeping overhead, see socket(7)); other systems
// report the value set.
func ReadBuffer(rc syscall.RawConn) (int, error) { return getInt(rc, optReadBuffer) }

// SetWriteBuffer sets the size of the operating system's send buffer
// (SO_SNDBUF) in bytes. As with SetReadBuffer, Linux doubles the value.
func SetWriteBuffer(rc syscall.RawConn, bytes int) error { return setInt(rc, optWriteBuffer, bytes) }

// WriteBuffer returns SO_SNDBUF as the kernel reports it: on Linux twice
// the value given to SetWriteBuffer.
func WriteBuffer(rc syscall.RawConn) (int, error) { return getInt(rc, optWriteBuffer) }

// SetReuseAddr sets SO_REUSEADDR: allow binding a listening address that
// still has connections in TIME_WAIT. The standard library sets it on
// every listener on Unix.
func SetReuseAddr(rc syscall.RawConn, on bool) error { return setBool(rc, optReuseAddr, on) }

// ReuseAddr reports whether SO_REUSEADDR is set.
func ReuseAddr(rc syscall.RawConn) (bool, error) { return getBool(rc, optReuseAddr) }

// SetReusePort sets SO_REUSEPORT: several sockets may bind the same address
// and port (on Linux the kernel then spreads incoming connections and
// datagrams over them). It must be set before bind.
func SetReusePort(rc syscall.RawConn, on bool) error { return setBool(rc, optReusePort, on) }

// ReusePort reports whether SO_REUSEPORT is set.
func ReusePort(rc syscall.RawConn) (bool, error) { return getBool(rc, optReusePort) }

// SetBroadcast sets SO_BROADCAST, which allows a datagram socket to send to
// a broadcast address. The standard library sets it on every UDP and raw IP
// socket.
func SetBroadcast(rc syscall.RawConn, on bool) error { return setBool(rc, optBroadcast, on) }

// Broadcast reports whether SO_BROADCAST is set.
func Broadcast(rc syscall.RawConn) (bool, error) { return getBool(rc, optBroadcast) }

// SetBindToDevice restricts the socket to the network interface named ifname
// (SO_BINDTODEVICE, Linux only): only packets received on it are delivered
// and packets are sent out of it whatever the routing table says. An empty
// name removes the binding. Since Linux 5.7 any process may bind a socket
// that is not bound to a device yet; changing or removing a binding (and
// any binding on older kernels) needs CAP_NET_RAW.
func SetBindToDevice(rc syscall.RawConn, ifname string) error {
	o, err := lookup(optBindToDevice)
	if err != nil {
		return err
	}
	return control(rc, setsockoptName, func(fd int) error { return setsockoptString(fd, o, ifname) })
}

// BindToDevice returns the name of the interface the socket is bound to
// with SetBindToDevice, or "" when it is not bound to one.
func BindToDevice(rc syscall.RawConn) (string, error) {
	o, err := lookup(optBindToDevice)
	if err != nil {
		return "", err
	}
	var name string
	err = control(rc, getsockoptName, func(fd int) error {
		var err error
		name, err = getsockoptString(fd, o)
		return err
	})
	return name, err
}
