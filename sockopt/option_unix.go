//go:build linux || darwin || freebsd

package sockopt

import (
	"golang.org/x/sys/unix"
)

// getsockoptInt reads an integer-like option in the kernel's unit.
func getsockoptInt(fd int, o *option) (int, error) {
	if o.kind == kindByte {
		b, err := unix.GetsockoptByte(fd, o.level, o.name)
		return int(b), err
	}
	return unix.GetsockoptInt(fd, o.level, o.name)
}

// setsockoptInt writes an integer-like option in the kernel's unit.
func setsockoptInt(fd int, o *option, v int) error {
	if o.kind == kindByte {
		if v < 0 || v > 255 {
			return unix.EINVAL
		}
		return unix.SetsockoptByte(fd, o.level, o.name, byte(v))
	}
	return unix.SetsockoptInt(fd, o.level, o.name, v)
}

func getsockoptLinger(fd int, o *option) (onoff bool, sec int, err error) {
	l, err := unix.GetsockoptLinger(fd, o.level, o.name)
	if err != nil {
		return false, 0, err
	}
	return l.Onoff != 0, int(l.Linger), nil
}

func setsockoptLinger(fd int, o *option, onoff bool, sec int) error {
	l := unix.Linger{Linger: int32(sec)}
	if onoff {
		l.Onoff = 1
	}
	return unix.SetsockoptLinger(fd, o.level, o.name, &l)
}

func getsockoptString(fd int, o *option) (string, error) {
	return unix.GetsockoptString(fd, o.level, o.name)
}

func setsockoptString(fd int, o *option, s string) error {
	return unix.SetsockoptString(fd, o.level, o.name, s)
}

func getsockoptInet4Addr(fd int, o *option) ([4]byte, error) {
	return unix.GetsockoptInet4Addr(fd, o.level, o.name)
}

// setsockoptIPv4Iface writes an option that names an IPv4 interface and,
// for memberships, a group: kindMreqn (index and address), kindMreq
// (address only) or kindInAddr (address only, no group).
func setsockoptIPv4Iface(fd int, o *option, ifindex int, ifaddr, group [4]byte) error {
	switch o.kind {
	case kindMreqn:
		return unix.SetsockoptIPMreqn(fd, o.level, o.name, &unix.IPMreqn{Multiaddr: group, Address: ifaddr, Ifindex: int32(ifindex)})
	case kindMreq:
		return unix.SetsockoptIPMreq(fd, o.level, o.name, &unix.IPMreq{Multiaddr: group, Interface: ifaddr})
	case kindInAddr:
		return unix.SetsockoptInet4Addr(fd, o.level, o.name, ifaddr)
	}
	return unix.EINVAL
}

func setsockoptIPv6Mreq(fd int, o *option, ifindex int, group [16]byte) error {
	return unix.SetsockoptIPv6Mreq(fd, o.level, o.name, &unix.IPv6Mreq{Multiaddr: group, Interface: uint32(ifindex)})
}
