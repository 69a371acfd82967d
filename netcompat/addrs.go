package netcompat

import (
	"net"
	"net/netip"

	"github.com/netkit-go/netkit/addr"
)

// Addr represents a network end point address. It is the standard library's
// net.Addr, so values flow both ways between netcompat and net.
type Addr = net.Addr

// IPAddr represents the address of an IP end point. See addr.IPAddr.
type IPAddr = addr.IPAddr

// TCPAddr represents the address of a TCP end point. See addr.TCPAddr.
type TCPAddr = addr.TCPAddr

// UDPAddr represents the address of a UDP end point. See addr.UDPAddr.
type UDPAddr = addr.UDPAddr

// UnixAddr represents the address of a Unix domain socket end point. See addr.UnixAddr.
type UnixAddr = addr.UnixAddr

// TCPAddrFromAddrPort returns addr as a TCPAddr. If addr.IsValid() is
// false, then the returned TCPAddr will contain a nil IP field, indicating
// an address family-agnostic unspecified address.
func TCPAddrFromAddrPort(ap netip.AddrPort) *TCPAddr { return addr.TCPAddrFromAddrPort(ap) }

// UDPAddrFromAddrPort returns addr as a UDPAddr. If addr.IsValid() is
// false, then the returned UDPAddr will contain a nil IP field, indicating
// an address family-agnostic unspecified address.
func UDPAddrFromAddrPort(ap netip.AddrPort) *UDPAddr { return addr.UDPAddrFromAddrPort(ap) }
