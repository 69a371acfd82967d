package netcompat

import (
	"net"
	"os"
	"time"

	"github.com/netkit-go/netkit/conn"
)

// Conn is a generic stream-oriented network connection. It is the standard
// library's net.Conn.
type Conn = net.Conn

// PacketConn is a generic packet-oriented network connection. It is the
// standard library's net.PacketConn.
type PacketConn = net.PacketConn

// A Listener is a generic network listener for stream-oriented protocols.
// It is the standard library's net.Listener.
type Listener = net.Listener

// TCPConn is an implementation of the Conn interface for TCP network
// connections. See conn.TCPConn.
type TCPConn = conn.TCPConn

// TCPListener is a TCP network listener. See conn.TCPListener.
type TCPListener = conn.TCPListener

// UDPConn is the implementation of the Conn and PacketConn interfaces for
// UDP network connections. See conn.UDPConn.
type UDPConn = conn.UDPConn

// IPConn is the implementation of the Conn and PacketConn interfaces for IP
// network connections. See conn.IPConn.
type IPConn = conn.IPConn

// UnixConn is an implementation of the Conn interface for connections to
// Unix domain sockets. See conn.UnixConn.
type UnixConn = conn.UnixConn

// UnixListener is a Unix domain socket listener. See conn.UnixListener.
type UnixListener = conn.UnixListener

// A Dialer contains options for connecting to an address. See conn.Dialer.
type Dialer = conn.Dialer

// ListenConfig contains options for listening to an address. See
// conn.ListenConfig.
type ListenConfig = conn.ListenConfig

// KeepAliveConfig contains TCP keep-alive options. See conn.KeepAliveConfig.
type KeepAliveConfig = conn.KeepAliveConfig

// Buffers contains zero or more runs of bytes to write. On certain machines,
// for certain types of connections, this is optimized into an OS-specific
// batch write operation (such as "writev"). See conn.Buffers.
type Buffers = conn.Buffers

// ErrWriteToConnected is returned by WriteTo on a connected (dialed) packet
// connection.
var ErrWriteToConnected = conn.ErrWriteToConnected

// Dial connects to the address on the named network. See conn.Dial for the
// networks and address forms.
func Dial(network, address string) (Conn, error) { return conn.Dial(network, address) }

// DialTimeout acts like Dial but takes a timeout. The timeout includes name
// resolution, if required; when using TCP and the host resolves to multiple
// IP addresses, the timeout is spread over each consecutive dial.
func DialTimeout(network, address string, timeout time.Duration) (Conn, error) {
	return conn.DialTimeout(network, address, timeout)
}

// DialTCP acts like Dial for TCP networks. If laddr is nil, a local address
// is automatically chosen. If the IP field of raddr is nil or an unspecified
// IP address, the local system is assumed.
func DialTCP(network string, laddr, raddr *TCPAddr) (*TCPConn, error) {
	return conn.DialTCP(network, laddr, raddr)
}

// DialUDP acts like Dial for UDP networks.
func DialUDP(network string, laddr, raddr *UDPAddr) (*UDPConn, error) {
	return conn.DialUDP(network, laddr, raddr)
}

// DialIP acts like Dial for IP networks. The network must be an IP network
// name followed by a colon and a protocol, as in "ip4:icmp".
func DialIP(network string, laddr, raddr *IPAddr) (*IPConn, error) {
	return conn.DialIP(network, laddr, raddr)
}

// DialUnix acts like Dial for Unix networks. The network must be "unix",
// "unixgram" or "unixpacket".
func DialUnix(network string, laddr, raddr *UnixAddr) (*UnixConn, error) {
	return conn.DialUnix(network, laddr, raddr)
}

// Listen announces on the local network address. The network must be "tcp",
// "tcp4", "tcp6", "unix" or "unixpacket". See conn.Listen.
func Listen(network, address string) (Listener, error) { return conn.Listen(network, address) }

// ListenPacket announces on the local network address. The network must be
// "udp", "udp4", "udp6", "unixgram", or an IP transport. See conn.ListenPacket.
func ListenPacket(network, address string) (PacketConn, error) {
	return conn.ListenPacket(network, address)
}

// ListenTCP acts like Listen for TCP networks.
func ListenTCP(network string, laddr *TCPAddr) (*TCPListener, error) {
	return conn.ListenTCP(network, laddr)
}

// ListenUDP acts like ListenPacket for UDP networks.
func ListenUDP(network string, laddr *UDPAddr) (*UDPConn, error) {
	return conn.ListenUDP(network, laddr)
}

// ListenIP acts like ListenPacket for IP networks.
func ListenIP(network string, laddr *IPAddr) (*IPConn, error) {
	return conn.ListenIP(network, laddr)
}

// ListenUnix acts like Listen for Unix networks. The network must be "unix"
// or "unixpacket".
func ListenUnix(network string, laddr *UnixAddr) (*UnixListener, error) {
	return conn.ListenUnix(network, laddr)
}

// ListenUnixgram acts like ListenPacket for Unix networks. The network must
// be "unixgram".
func ListenUnixgram(network string, laddr *UnixAddr) (*UnixConn, error) {
	return conn.ListenUnixgram(network, laddr)
}

// ListenMulticastUDP acts like ListenPacket for UDP networks but takes a
// group address on a specific network interface. If ifi is nil, it uses the
// system-assigned multicast interface. See conn.ListenMulticastUDP.
func ListenMulticastUDP(network string, ifi *Interface, gaddr *UDPAddr) (*UDPConn, error) {
	return conn.ListenMulticastUDP(network, ifi.iface(), gaddr)
}

// FileConn returns a copy of the network connection corresponding to the
// open file f. It is the caller's responsibility to close f when finished.
// Closing c does not affect f, and closing f does not affect c.
func FileConn(f *os.File) (Conn, error) { return conn.FileConn(f) }

// FileListener returns a copy of the network listener corresponding to the
// open file f. It is the caller's responsibility to close ln when finished.
// Closing ln does not affect f, and closing f does not affect ln.
func FileListener(f *os.File) (Listener, error) { return conn.FileListener(f) }

// FilePacketConn returns a copy of the packet network connection
// corresponding to the open file f. It is the caller's responsibility to
// close f when finished. Closing c does not affect f, and closing f does not
// affect c.
func FilePacketConn(f *os.File) (PacketConn, error) { return conn.FilePacketConn(f) }

// ResolveTCPAddr returns an address of TCP end point. The network must be a
// TCP network name.
func ResolveTCPAddr(network, address string) (*TCPAddr, error) {
	return conn.ResolveTCPAddr(network, address)
}

// ResolveUDPAddr returns an address of UDP end point. The network must be a
// UDP network name.
func ResolveUDPAddr(network, address string) (*UDPAddr, error) {
	return conn.ResolveUDPAddr(network, address)
}

// ResolveIPAddr returns an address of IP end point. The network must be an
// IP network name.
func ResolveIPAddr(network, address string) (*IPAddr, error) {
	return conn.ResolveIPAddr(network, address)
}

// ResolveUnixAddr returns an address of Unix domain socket end point. The
// network must be a Unix network name.
func ResolveUnixAddr(network, address string) (*UnixAddr, error) {
	return conn.ResolveUnixAddr(network, address)
}
