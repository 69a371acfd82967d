package iface

import (
	"errors"

	"github.com/netkit-go/netkit/addr"
)

// The errors below have the standard library's texts, so that error strings
// compare equal with net's for the same failure.
var (
	errInvalidInterface      = errors.New("invalid network interface")
	errInvalidInterfaceIndex = errors.New("invalid network interface index")
	errInvalidInterfaceName  = errors.New("invalid network interface name")
	errNoSuchInterface       = errors.New("no such network interface")
)

// ErrNoSuchInterface is the error wrapped in the *addr.OpError returned by
// InterfaceByIndex and InterfaceByName for an interface that does not exist.
// Its text is the standard library's "no such network interface".
var ErrNoSuchInterface = errNoSuchInterface

// Interface represents a mapping between network interface name
// and index. It also represents network interface facility
// information. The fields are the standard library's net.Interface fields.
type Interface struct {
	Index        int               // positive integer that starts at one, zero is never used
	MTU          int               // maximum transmission unit
	Name         string            // e.g., "en0", "lo0", "eth0.100"; may be the empty string
	HardwareAddr addr.HardwareAddr // IEEE MAC-48, EUI-48 and EUI-64 form
	Flags        Flags             // e.g., FlagUp, FlagLoopback, FlagMulticast
}

// Flags represents the interface flags of net.Flags.
type Flags uint

// The flag values of the standard library's net package.
const (
	FlagUp           Flags = 1 << iota // interface is administratively up
	FlagBroadcast                      // interface supports broadcast access capability
	FlagLoopback                       // interface is a loopback interface
	FlagPointToPoint                   // interface belongs to a point-to-point link
	FlagMulticast                      // interface supports multicast access capability
	FlagRunning                        // interface is in running state
)

var flagNames = [...]string{
	"up",
	"broadcast",
	"loopback",
	"pointtopoint",
	"multicast",
	"running",
}

// String returns the names of the set flags joined by "|", in bit order,
// or "0" when no known flag is set, as net.Flags.String does.
func (f Flags) String() string {
	var buf [64]byte
	b := buf[:0]
	for i, name := range flagNames {
		if f&(1<<uint(i)) != 0 {
			if len(b) > 0 {
				b = append(b, '|')
			}
			b = append(b, name...)
		}
	}
	if len(b) == 0 {
		return "0"
	}
	return string(b)
}

func routeError(err error) error {
	return &addr.OpError{Op: "route", Net: "ip+net", Err: err}
}

// Interfaces returns a list of the system's network interfaces, in the order
// and with the contents net.Interfaces returns on the same machine.
//
// On Linux the list comes from one netlink link dump in the network
// namespace of the calling thread. Errors are *addr.OpError values with
// Op "route" and Net "ip+net".
func Interfaces() ([]Interface, error) {
	ift, err := interfaceTable(0)
	if err != nil {
		return nil, routeError(err)
	}
	return ift, nil
}

// InterfaceAddrs returns a list of the system's unicast interface
// addresses, as *addr.IPNet values, in the order net.InterfaceAddrs returns
// them.
//
// The returned list does not identify the associated interface; use
// Interfaces and Interface.Addrs, or a Snapshot, for more detail.
func InterfaceAddrs() ([]addr.Addr, error) {
	ifat, err := interfaceAddrTable(nil)
	if err != nil {
		return nil, routeError(err)
	}
	return ifat, nil
}

// InterfaceByIndex returns the interface specified by index.
//
// An index of zero or less gives the error "invalid network interface
// index"; an index no interface has gives ErrNoSuchInterface, both inside an
// *addr.OpError, as net.InterfaceByIndex does. On Linux only the one
// interface is asked for, where the standard library dumps every link.
func InterfaceByIndex(index int) (*Interface, error) {
	if index <= 0 {
		return nil, routeError(errInvalidInterfaceIndex)
	}
	ifi, err := interfaceByIndex(index)
	if err != nil {
		return nil, routeError(err)
	}
	return ifi, nil
}

// InterfaceByName returns the interface specified by name.
//
// The empty name gives the error "invalid network interface name"; an
// unknown name gives ErrNoSuchInterface, both inside an *addr.OpError, as
// net.InterfaceByName does. Alternative names (Linux altnames) are not
// matched, as in the standard library.
func InterfaceByName(name string) (*Interface, error) {
	if name == "" {
		return nil, routeError(errInvalidInterfaceName)
	}
	ifi, err := interfaceByName(name)
	if err != nil {
		return nil, routeError(err)
	}
	return ifi, nil
}

// Addrs returns a list of unicast interface addresses for a specific
// interface, as *addr.IPNet values, in the order (*net.Interface).Addrs
// returns them. IPv4 addresses are in 16-byte form with a 4-byte mask, as in
// the standard library.
func (ifi *Interface) Addrs() ([]addr.Addr, error) {
	if ifi == nil {
		return nil, routeError(errInvalidInterface)
	}
	ifat, err := interfaceAddrTable(ifi)
	if err != nil {
		return nil, routeError(err)
	}
	return ifat, nil
}

// MulticastAddrs returns a list of multicast, joined group addresses for a
// specific interface, as *addr.IPAddr values (IPv4 groups first, then
// IPv6), as (*net.Interface).MulticastAddrs does.
//
// On Linux they are read from /proc/net/igmp and /proc/net/igmp6 of the
// calling thread's network namespace (the standard library reads those of
// the process's main thread).
func (ifi *Interface) MulticastAddrs() ([]addr.Addr, error) {
	if ifi == nil {
		return nil, routeError(errInvalidInterface)
	}
	ifmat, err := interfaceMulticastAddrTable(ifi)
	if err != nil {
		return nil, routeError(err)
	}
	return ifmat, nil
}
