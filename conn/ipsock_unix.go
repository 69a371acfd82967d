//go:build unix

package conn

import (
	"context"
	"net"
	"runtime"
	"sync"

	"github.com/netkit-go/netkit/poller"

	"golang.org/x/sys/unix"
)

// ipStack records which IP stacks the kernel offers, probed once.
type ipStack struct {
	ipv4Enabled           bool
	ipv6Enabled           bool
	ipv4MappedIPv6Enabled bool
}

// probeIPStack finds out whether IPv4 and IPv6 sockets can be made, and
// whether an AF_INET6 socket with IPV6_V6ONLY off accepts IPv4 (mapped)
// traffic, by binding loopback sockets.
var probeIPStack = sync.OnceValue(func() ipStack {
	var p ipStack
	if fd, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, unix.IPPROTO_TCP); err == nil {
		fd.Close()
		p.ipv4Enabled = true
	}
	probes := []struct {
		sa    unix.Sockaddr
		value int
	}{
		{&unix.SockaddrInet6{Addr: [16]byte{15: 1}}, 1},                              // ::1, IPv6 only
		{&unix.SockaddrInet6{Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 1}}, 0}, // ::ffff:127.0.0.1
	}
	switch runtime.GOOS {
	case "dragonfly", "openbsd":
		// These never allow IPv4-mapped addresses on AF_INET6 sockets.
		probes = probes[:1]
	}
	for i, pr := range probes {
		fd, err := poller.Socket(unix.AF_INET6, unix.SOCK_STREAM, unix.IPPROTO_TCP)
		if err != nil {
			continue
		}
		if rc, err := fd.SyscallConn(); err == nil {
			rc.Control(func(s uintptr) {
				unix.SetsockoptInt(int(s), unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, pr.value)
			})
		}
		err = fd.Bind(pr.sa)
		fd.Close()
		if err != nil {
			continue
		}
		if i == 0 {
			p.ipv6Enabled = true
		} else {
			p.ipv4MappedIPv6Enabled = true
		}
	}
	return p
})

func supportsIPv4() bool    { return probeIPStack().ipv4Enabled }
func supportsIPv4map() bool { return probeIPStack().ipv4MappedIPv6Enabled }

// favoriteAddrFamily picks the socket family for network and the end
// points: "…4" is AF_INET, "…6" AF_INET6 with IPV6_V6ONLY; a wildcard
// listen on "tcp"/"udp" is dual-stack AF_INET6 where the kernel maps IPv4
// into IPv6; otherwise AF_INET when both ends are IPv4.
func favoriteAddrFamily(network string, laddr, raddr net.Addr, mode string) (family int, ipv6only bool) {
	switch network[len(network)-1] {
	case '4':
		return unix.AF_INET, false
	case '6':
		return unix.AF_INET6, true
	}
	if mode == "listen" && isWildcard(laddr) {
		if supportsIPv4map() || !supportsIPv4() {
			return unix.AF_INET6, false
		}
		if opAddr(laddr) == nil {
			return unix.AF_INET, false
		}
		return addrFamily(laddr), false
	}
	if (opAddr(laddr) == nil || addrFamily(laddr) == unix.AF_INET) &&
		(opAddr(raddr) == nil || addrFamily(raddr) == unix.AF_INET) {
		return unix.AF_INET, false
	}
	return unix.AF_INET6, false
}

// internetSocket creates an IP socket for network ("tcp", "udp4", "ip6", …;
// without a protocol suffix), mode "dial" or "listen".
func internetSocket(ctx context.Context, network string, laddr, raddr net.Addr, sotype, proto int, mode string, ctrl ctrlFn) (*netFD, error) {
	if mode == "dial" && runtime.GOOS == "openbsd" && isWildcard(raddr) && opAddr(raddr) != nil {
		raddr = toLocal(raddr, network)
	}
	family, ipv6only := favoriteAddrFamily(network, laddr, raddr, mode)
	return socket(ctx, network, family, sotype, proto, ipv6only, laddr, raddr, ctrl)
}
