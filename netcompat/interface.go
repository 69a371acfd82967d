package netcompat

import (
	"net"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
)

// Flags represents the interface flags. See iface.Flags.
type Flags = iface.Flags

// The interface flags.
const (
	FlagUp           = iface.FlagUp           // interface is administratively up
	FlagBroadcast    = iface.FlagBroadcast    // interface supports broadcast access capability
	FlagLoopback     = iface.FlagLoopback     // interface is a loopback interface
	FlagPointToPoint = iface.FlagPointToPoint // interface belongs to a point-to-point link
	FlagMulticast    = iface.FlagMulticast    // interface supports multicast access capability
	FlagRunning      = iface.FlagRunning      // interface is in running state
)

// Interface represents a mapping between network interface name and index.
// It also represents network interface facility information.
//
// Interface has the fields of iface.Interface and converts to and from it
// freely. It is a defined type rather than an alias because its documented
// Addrs and MulticastAddrs methods return []net.Addr, and package iface does
// not import package net; these methods convert iface's []addr.Addr.
type Interface iface.Interface

func (ifi *Interface) iface() *iface.Interface { return (*iface.Interface)(ifi) }

// Addrs returns a list of unicast interface addresses for a specific
// interface. The values are *IPNet.
func (ifi *Interface) Addrs() ([]Addr, error) {
	if ifi == nil {
		return nil, &OpError{Op: "route", Net: "ip+net", Err: errInvalidInterface}
	}
	return toNetAddrs(ifi.iface().Addrs())
}

// MulticastAddrs returns a list of multicast, joined group addresses for a
// specific interface. The values are *IPAddr.
func (ifi *Interface) MulticastAddrs() ([]Addr, error) {
	if ifi == nil {
		return nil, &OpError{Op: "route", Net: "ip+net", Err: errInvalidInterface}
	}
	return toNetAddrs(ifi.iface().MulticastAddrs())
}

// errInvalidInterface has the standard library's text for a nil *Interface.
var errInvalidInterface = invalidInterfaceError{}

type invalidInterfaceError struct{}

func (invalidInterfaceError) Error() string { return "invalid network interface" }

// Interfaces returns a list of the system's network interfaces.
func Interfaces() ([]Interface, error) {
	ift, err := iface.Interfaces()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, len(ift))
	for i := range ift {
		out[i] = Interface(ift[i])
	}
	return out, nil
}

// InterfaceAddrs returns a list of the system's unicast interface addresses.
//
// The returned list does not identify the associated interface; use
// Interfaces and Interface.Addrs for more detail.
func InterfaceAddrs() ([]Addr, error) { return toNetAddrs(iface.InterfaceAddrs()) }

// InterfaceByIndex returns the interface specified by index.
//
// On Solaris, it returns one of the logical network interfaces sharing the
// logical data link; for more precision use InterfaceByName.
func InterfaceByIndex(index int) (*Interface, error) {
	ifi, err := iface.InterfaceByIndex(index)
	return (*Interface)(ifi), err
}

// InterfaceByName returns the interface specified by name.
func InterfaceByName(name string) (*Interface, error) {
	ifi, err := iface.InterfaceByName(name)
	return (*Interface)(ifi), err
}

func toNetAddrs(in []addr.Addr, err error) ([]Addr, error) {
	if in == nil {
		return nil, err
	}
	out := make([]net.Addr, len(in))
	for i, a := range in {
		out[i] = a
	}
	return out, err
}
