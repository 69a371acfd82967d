package sockopt

import (
	"syscall"

	"github.com/netkit-go/netkit/addr"
)

// PacketInfo is the content of an IP_PKTINFO (IPv4) or IPV6_PKTINFO
// control message. Received with a datagram (after
// SetReceivePacketInfoIPv4/IPv6) it says where the datagram arrived; sent
// with one (WriteMsgUDP's oob argument) it chooses the source address and
// the outgoing interface.
type PacketInfo struct {
	// IfIndex is the index of the interface the datagram arrived on, or
	// the one to send it from (0: the routing table decides).
	IfIndex int
	// Addr is the destination address in the received datagram's header,
	// or the source address to send from (nil: the kernel's choice). Parse
	// returns 4-byte addresses for IPv4.
	Addr addr.IP
	// Local (IPv4 only, received only) is the local address the kernel
	// would use as the source of a reply (ipi_spec_dst); it differs from
	// Addr for datagrams sent to a broadcast or multicast address.
	Local addr.IP
}

// SetReceivePacketInfoIPv4 asks the kernel to attach an IP_PKTINFO
// control message to every datagram received on an AF_INET socket (Linux
// IP_PKTINFO, darwin IP_RECVPKTINFO; FreeBSD has no IP_PKTINFO). Read it
// with a ReadMsgUDP oob buffer of PacketInfoSpace bytes and ParsePacketInfo.
func SetReceivePacketInfoIPv4(rc syscall.RawConn, on bool) error {
	return setBool(rc, optPacketInfoIPv4, on)
}

// ReceivePacketInfoIPv4 reports whether SetReceivePacketInfoIPv4 is on.
func ReceivePacketInfoIPv4(rc syscall.RawConn) (bool, error) {
	return getBool(rc, optPacketInfoIPv4)
}

// SetReceivePacketInfoIPv6 asks the kernel to attach an IPV6_PKTINFO
// control message to every datagram received on an AF_INET6 socket
// (IPV6_RECVPKTINFO, RFC 3542). On a dual-stack socket it also covers
// IPv4 datagrams, whose address is then IPv4-mapped.
func SetReceivePacketInfoIPv6(rc syscall.RawConn, on bool) error {
	return setBool(rc, optPacketInfoIPv6, on)
}

// ReceivePacketInfoIPv6 reports whether SetReceivePacketInfoIPv6 is on.
func ReceivePacketInfoIPv6(rc syscall.RawConn) (bool, error) {
	return getBool(rc, optPacketInfoIPv6)
}

// PacketInfoSpace returns the size of an oob buffer that holds one packet
// information control message of either family; add it to the space
// other control messages need.
func PacketInfoSpace() int { return pktInfoSpace() }

// ParsePacketInfo finds the first IP_PKTINFO or IPV6_PKTINFO control
// message in oob, the control data returned by a ReadMsgUDP-like call.
// ok is false when there is none; err reports a malformed control buffer.
// Other control messages are skipped.
func ParsePacketInfo(oob []byte) (info PacketInfo, ok bool, err error) {
	ok, err = info.Unmarshal(oob)
	return info, ok, err
}

// Unmarshal is ParsePacketInfo into p. It reuses the memory of p.Addr and
// p.Local (overwriting what they held), so a receive loop that keeps one
// PacketInfo parses without allocating. When ok is false, p is zero.
func (p *PacketInfo) Unmarshal(oob []byte) (ok bool, err error) {
	p.IfIndex, p.Addr, p.Local = 0, p.Addr[:0], p.Local[:0]
	ok, err = parsePktInfo(oob, p)
	if !ok {
		p.IfIndex, p.Addr, p.Local = 0, nil, nil
	}
	if len(p.Local) == 0 {
		p.Local = nil
	}
	return ok, err
}

// AppendIPv4 appends p to b as an IP_PKTINFO control message for sending
// on an AF_INET socket and returns the extended buffer: Addr (nil for the
// kernel's choice) becomes the source address, IfIndex the outgoing
// interface. Linux and darwin; elsewhere the error wraps
// errors.ErrUnsupported. Addr must be an IPv4 address.
func (p *PacketInfo) AppendIPv4(b []byte) ([]byte, error) {
	if _, err := lookup(optPacketInfoIPv4); err != nil {
		return b, err
	}
	a, ok := to4(p.Addr)
	if !ok || p.IfIndex < 0 {
		return b, errInvalid("sendmsg")
	}
	return appendPktInfo4(b, p.IfIndex, a), nil
}

// AppendIPv6 appends p to b as an IPV6_PKTINFO control message for sending
// on an AF_INET6 socket and returns the extended buffer: Addr (nil for the
// kernel's choice) becomes the source address, IfIndex the outgoing
// interface.
func (p *PacketInfo) AppendIPv6(b []byte) ([]byte, error) {
	if _, err := lookup(optPacketInfoIPv6); err != nil {
		return b, err
	}
	var a [16]byte
	if len(p.Addr) != 0 {
		var ok bool
		if a, ok = to16(p.Addr); !ok {
			return b, errInvalid("sendmsg")
		}
	}
	if p.IfIndex < 0 {
		return b, errInvalid("sendmsg")
	}
	return appendPktInfo6(b, p.IfIndex, a), nil
}
