//go:build unix

package resolver

import (
	"context"
	"errors"
	"io"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

// fdConn is the default transport: a connected UDP or TCP socket on a
// poller.FD. Errors are *addr.OpError with the standard library's texts.
type fdConn struct {
	fd      *poller.FD
	network string
	raddr   netip.AddrPort
	zone    string
}

func (c *fdConn) isPacket() bool { return c.network == "udp" }

func (c *fdConn) Read(b []byte) (int, error) {
	n, err := c.fd.Read(b)
	if err != nil && err != io.EOF {
		return n, c.opError("read", err)
	}
	return n, err
}

func (c *fdConn) Write(b []byte) (int, error) {
	n, err := c.fd.Write(b)
	if err != nil {
		return n, c.opError("write", err)
	}
	return n, nil
}

func (c *fdConn) Close() error { return c.fd.Close() }

func (c *fdConn) SetDeadline(t time.Time) error { return c.fd.SetDeadline(t) }

func (c *fdConn) opError(op string, err error) error {
	if errors.Is(err, poller.ErrClosed) {
		err = errClosed
	}
	e := &addr.OpError{Op: op, Net: c.network, Addr: sockAddr(c.network, c.raddr, c.zone), Err: err}
	if sa, serr := c.fd.Sockname(); serr == nil {
		if ap, zone, ok := fromSockaddr(sa); ok {
			e.Source = sockAddr(c.network, ap, zone)
		}
	}
	return e
}

// errClosed is net.ErrClosed's text; a Conn closed under a lookup reports it.
var errClosed = errors.New("use of closed network connection")

func sockAddr(network string, ap netip.AddrPort, zone string) addr.Addr {
	ip := addr.IPFromNetipAddr(ap.Addr().WithZone(""))
	if network == "tcp" {
		return &addr.TCPAddr{IP: ip, Port: int(ap.Port()), Zone: zone}
	}
	return &addr.UDPAddr{IP: ip, Port: int(ap.Port()), Zone: zone}
}

func fromSockaddr(sa unix.Sockaddr) (netip.AddrPort, string, bool) {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)), "", true
	case *unix.SockaddrInet6:
		zone := ""
		if sa.ZoneId != 0 {
			zone = zoneName(int(sa.ZoneId))
		}
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr), uint16(sa.Port)), zone, true
	}
	return netip.AddrPort{}, "", false
}

// serverAddrs caches parsed server addresses: the same few strings are
// dialed for every query.
var serverAddrs sync.Map // string -> serverAddr

type serverAddr struct {
	ap      netip.AddrPort
	zone    string
	family  int
	scopeID uint32
	err     error
}

// sockaddr returns a new unix.Sockaddr for the server (x/sys/unix
// Sockaddr values hold a scratch buffer and must not be shared).
func (s serverAddr) sockaddr() unix.Sockaddr {
	if s.family == unix.AF_INET {
		return &unix.SockaddrInet4{Port: int(s.ap.Port()), Addr: s.ap.Addr().As4()}
	}
	return &unix.SockaddrInet6{Port: int(s.ap.Port()), Addr: s.ap.Addr().As16(), ZoneId: s.scopeID}
}

func parseServer(server string) serverAddr {
	if v, ok := serverAddrs.Load(server); ok {
		return v.(serverAddr)
	}
	var s serverAddr
	ap, err := netip.ParseAddrPort(server)
	if err != nil {
		s.err = &addr.AddrError{Err: "invalid DNS server address", Addr: server}
	} else {
		s.zone = ap.Addr().Zone()
		ip := ap.Addr().WithZone("").Unmap()
		s.ap = netip.AddrPortFrom(ip, ap.Port())
		if ip.Is4() {
			s.family = unix.AF_INET
		} else {
			s.family = unix.AF_INET6
			s.scopeID = uint32(zoneIndex(s.zone))
		}
	}
	serverAddrs.Store(server, s)
	return s
}

// zoneIndex turns an IPv6 zone (interface name or number) into an index.
func zoneIndex(zone string) int {
	if zone == "" {
		return 0
	}
	if ifi, err := iface.InterfaceByName(zone); err == nil {
		return ifi.Index
	}
	n, err := strconv.Atoi(zone)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func zoneName(index int) string {
	if ifi, err := iface.InterfaceByIndex(index); err == nil {
		return ifi.Name
	}
	return strconv.Itoa(index)
}

// dialDefault connects a UDP or TCP socket to server ("ip:port"). The kernel
// picks a random ephemeral source port for each socket.
func dialDefault(ctx context.Context, network, server string) (Conn, error) {
	s := parseServer(server)
	if s.err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Err: s.err}
	}
	if err := ctx.Err(); err != nil {
		// As net.Dialer: a done context fails the dial before any socket.
		return nil, &addr.OpError{Op: "dial", Net: network, Addr: sockAddr(network, s.ap, s.zone), Err: mapErr(err)}
	}
	sotype := unix.SOCK_DGRAM
	if network == "tcp" {
		sotype = unix.SOCK_STREAM
	}
	fd, err := poller.Socket(s.family, sotype, 0)
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Addr: sockAddr(network, s.ap, s.zone), Err: err}
	}
	if err := fd.ConnectContext(ctx, s.sockaddr()); err != nil {
		fd.Close()
		return nil, &addr.OpError{Op: "dial", Net: network, Addr: sockAddr(network, s.ap, s.zone), Err: mapErr(err)}
	}
	return &fdConn{fd: fd, network: network, raddr: s.ap, zone: s.zone}, nil
}

// sourceAddr returns the source address the kernel would use to reach dst,
// by connecting a UDP socket (no packet is sent), or the zero Addr when dst
// is unreachable. Connecting a UDP socket never blocks, so this uses plain
// system calls rather than a poller.FD: registering the socket with the
// runtime poller would double the cost of sorting for nothing.
func sourceAddr(dst netip.Addr, zone string) netip.Addr {
	var family int
	var sa unix.Sockaddr
	if dst.Is4() {
		family = unix.AF_INET
		sa = &unix.SockaddrInet4{Port: 53, Addr: dst.As4()}
	} else {
		family = unix.AF_INET6
		sa = &unix.SockaddrInet6{Port: 53, Addr: dst.As16(), ZoneId: uint32(zoneIndex(zone))}
	}
	s, err := cloexecSocket(family, unix.SOCK_DGRAM)
	if err != nil {
		return netip.Addr{}
	}
	defer unix.Close(s)
	if err := unix.Connect(s, sa); err != nil {
		return netip.Addr{}
	}
	local, err := unix.Getsockname(s)
	if err != nil {
		return netip.Addr{}
	}
	ap, _, ok := fromSockaddr(local)
	if !ok {
		return netip.Addr{}
	}
	return ap.Addr()
}
