package iface

import (
	"net/netip"
	"strconv"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// Link is an Interface with the details the standard library leaves out.
// Fields a platform does not report are zero (see the package doc,
// "Platforms").
type Link struct {
	Interface

	// OperState is the RFC 2863 operational state (Linux IFLA_OPERSTATE).
	OperState OperState
	// Alias is the administrator's description (Linux IFLA_IFALIAS,
	// "ip link set dev X alias ...").
	Alias string
	// Kind is the driver kind of a virtual link ("veth", "macvlan",
	// "bridge", "ifb", "tun", ...), empty for a physical device.
	Kind string
	// Type is the link-layer type: an ARPHRD_* value on Linux (1 Ethernet,
	// 772 loopback, 65534 none), an IFT_* value on the BSDs.
	Type int
	// MasterIndex is the index of the bridge or bond the link is enslaved
	// to, 0 when none.
	MasterIndex int
	// ParentIndex is the index of the link this one is stacked on (the
	// parent of a macvlan or VLAN, the peer of a veth, which may be in
	// another network namespace), 0 when none.
	ParentIndex int
	// TxQueueLen is the transmit queue length in packets.
	TxQueueLen int
	// RawFlags holds the system's own interface flags (IFF_* values),
	// of which Flags keeps six.
	RawFlags uint32
}

// OperState is an RFC 2863 operational state.
type OperState uint8

// The operational states, with Linux's IF_OPER_* values.
const (
	OperUnknown        OperState = 0
	OperNotPresent     OperState = 1
	OperDown           OperState = 2
	OperLowerLayerDown OperState = 3
	OperTesting        OperState = 4
	OperDormant        OperState = 5
	OperUp             OperState = 6
)

var operNames = [...]string{"unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"}

// String returns the state's name as "ip link" prints it in lower case
// ("up", "down", "lowerlayerdown", ...).
func (s OperState) String() string {
	if int(s) < len(operNames) {
		return operNames[s]
	}
	return "operstate(" + strconv.Itoa(int(s)) + ")"
}

// Scope is the scope of an address (Linux RT_SCOPE_* values).
type Scope uint8

// The address scopes.
const (
	ScopeUniverse Scope = 0   // global
	ScopeSite     Scope = 200 // site-local (IPv6, deprecated)
	ScopeLink     Scope = 253 // link-local
	ScopeHost     Scope = 254 // this host only (loopback)
	ScopeNowhere  Scope = 255
)

// String returns "global", "site", "link", "host", "nowhere" or the number.
func (s Scope) String() string {
	switch s {
	case ScopeUniverse:
		return "global"
	case ScopeSite:
		return "site"
	case ScopeLink:
		return "link"
	case ScopeHost:
		return "host"
	case ScopeNowhere:
		return "nowhere"
	}
	return strconv.Itoa(int(s))
}

// AddrFlags are the flags of an address (Linux IFA_F_* values).
type AddrFlags uint32

// The address flags.
const (
	AddrSecondary      AddrFlags = 0x01  // a secondary IPv4 address (or an IPv6 temporary address)
	AddrNoDAD          AddrFlags = 0x02  // duplicate address detection is off
	AddrOptimistic     AddrFlags = 0x04  // optimistic DAD (RFC 4429)
	AddrDADFailed      AddrFlags = 0x08  // duplicate address detection failed
	AddrHomeAddress    AddrFlags = 0x10  // a Mobile IPv6 home address
	AddrDeprecated     AddrFlags = 0x20  // preferred lifetime expired: not used for new connections
	AddrTentative      AddrFlags = 0x40  // duplicate address detection in progress: not usable yet
	AddrPermanent      AddrFlags = 0x80  // configured, not learnt
	AddrManageTempAddr AddrFlags = 0x100 // source of privacy (temporary) addresses
	AddrNoPrefixRoute  AddrFlags = 0x200 // no prefix route was added
	AddrMCAutoJoin     AddrFlags = 0x400 // the multicast group is joined automatically
	AddrStablePrivacy  AddrFlags = 0x800 // an RFC 7217 stable privacy address
)

var addrFlagNames = [...]string{"secondary", "nodad", "optimistic", "dadfailed", "homeaddress",
	"deprecated", "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"}

// String returns the set flags' names joined by "|" ("ip addr" spells
// them the same way), or "0".
func (f AddrFlags) String() string {
	s := ""
	for i, name := range addrFlagNames {
		if f&(1<<uint(i)) != 0 {
			if s != "" {
				s += "|"
			}
			s += name
		}
	}
	if rest := f &^ (1<<len(addrFlagNames) - 1); rest != 0 {
		if s != "" {
			s += "|"
		}
		s += "0x" + strconv.FormatUint(uint64(rest), 16)
	}
	if s == "" {
		return "0"
	}
	return s
}

// Forever is the lifetime of an address that never expires.
const Forever time.Duration = 1<<63 - 1

// Address is an interface address with the details the standard library
// leaves out.
type Address struct {
	// Index is the index of the interface the address is on.
	Index int
	// Prefix is the interface's own address and its prefix length, the
	// value Addrs returns as an *addr.IPNet.
	Prefix netip.Prefix
	// Peer is the remote end of a point-to-point address ("ip addr add
	// A peer B"), invalid when there is none.
	Peer netip.Addr
	// Broadcast is the IPv4 broadcast address, invalid when none is set.
	Broadcast netip.Addr
	// Label is the IPv4 address label ("eth0", "eth0:1"), empty for IPv6.
	Label string
	// Scope is the address scope.
	Scope Scope
	// Flags are the address flags: tentative, deprecated, secondary, ...
	Flags AddrFlags
	// PreferredLifetime and ValidLifetime are the remaining lifetimes at
	// the time the address was read, Forever for a permanent address.
	PreferredLifetime time.Duration
	ValidLifetime     time.Duration
}

// IPNet returns the address in the form Addrs returns it: an IPv4 address
// in 16-byte form with a 4-byte mask, an IPv6 address with a 16-byte mask.
func (a *Address) IPNet() *addr.IPNet {
	ip := a.Prefix.Addr()
	bits := a.Prefix.Bits()
	if ip.Is4() {
		b := ip.As4()
		return &addr.IPNet{IP: addr.IPv4(b[0], b[1], b[2], b[3]), Mask: addr.CIDRMask(bits, 32)}
	}
	b := ip.As16()
	return &addr.IPNet{IP: addr.IP(b[:]), Mask: addr.CIDRMask(bits, 128)}
}
