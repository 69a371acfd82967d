package iface

import (
	"os"

	"golang.org/x/sys/unix"
)

// The decoders below read netlink route messages without unsafe and never
// index past the bytes they were given: every length comes from the
// message and is checked against the slice before use.

// attrs iterates over the route attributes in b.
type attrs struct {
	b   []byte
	typ uint16
	val []byte
	bad bool
}

func (a *attrs) next() bool {
	if len(a.b) < rtAttrHdrLen {
		return false
	}
	l := int(ne.Uint16(a.b[0:2]))
	if l < rtAttrHdrLen || l > len(a.b) {
		a.bad = true
		return false
	}
	a.typ = ne.Uint16(a.b[2:4]) & nlaTypeMask
	a.val = a.b[rtAttrHdrLen:l]
	adv := rtaAlign(l)
	if adv > len(a.b) {
		adv = len(a.b)
	}
	a.b = a.b[adv:]
	return true
}

var errMalformed = os.NewSyscallError("parsenetlinkrouteattr", unix.EINVAL)

// ARPHRD tunnel types whose IFLA_ADDRESS is an IP address, not a link-layer
// address; the standard library leaves HardwareAddr empty for them.
const (
	arphrdTunnel  = 768 // IPv4 over IPv4
	arphrdTunnel6 = 769 // IPv6 over IPv6
	arphrdSit     = 776 // IPv6 over IPv4
	arphrdIPGRE   = 778 // GRE over IPv4
	arphrdIP6GRE  = 823 // GRE over IPv6
)

// linkMsg is one decoded RTM_NEWLINK/RTM_DELLINK message. Byte slices
// point into the message.
type linkMsg struct {
	index     int32
	arphrd    uint16
	rawFlags  uint32
	change    uint32
	name      []byte
	hw        []byte
	mtu       uint32
	operState uint8
	alias     []byte
	kind      []byte
	master    int32
	parent    int32
	txqlen    uint32
}

func parseLink(body []byte, m *linkMsg) error {
	*m = linkMsg{}
	if len(body) < ifInfoMsgLen {
		return errMalformed
	}
	m.arphrd = ne.Uint16(body[2:4])
	m.index = int32(ne.Uint32(body[4:8]))
	m.rawFlags = ne.Uint32(body[8:12])
	m.change = ne.Uint32(body[12:16])
	a := attrs{b: body[ifInfoMsgLen:]}
	for a.next() {
		v := a.val
		switch a.typ {
		case unix.IFLA_ADDRESS:
			m.hw = v
		case unix.IFLA_IFNAME:
			m.name = cstring(v)
		case unix.IFLA_MTU:
			if len(v) >= 4 {
				m.mtu = ne.Uint32(v)
			}
		case unix.IFLA_OPERSTATE:
			if len(v) >= 1 {
				m.operState = v[0]
			}
		case unix.IFLA_IFALIAS:
			m.alias = cstring(v)
		case unix.IFLA_MASTER:
			if len(v) >= 4 {
				m.master = int32(ne.Uint32(v))
			}
		case unix.IFLA_LINK:
			if len(v) >= 4 {
				m.parent = int32(ne.Uint32(v))
			}
		case unix.IFLA_TXQLEN:
			if len(v) >= 4 {
				m.txqlen = ne.Uint32(v)
			}
		case unix.IFLA_LINKINFO:
			in := attrs{b: v}
			for in.next() {
				if in.typ == unix.IFLA_INFO_KIND {
					m.kind = cstring(in.val)
				}
			}
			if in.bad {
				return errMalformed
			}
		}
	}
	if a.bad {
		return errMalformed
	}
	return nil
}

// hardwareAddr applies the standard library's rules to IFLA_ADDRESS: no IP
// address of a tunnel, and nothing when every byte is zero.
func (m *linkMsg) hardwareAddr() []byte {
	switch len(m.hw) {
	case 4:
		switch m.arphrd {
		case arphrdTunnel, arphrdIPGRE, arphrdSit:
			return nil
		}
	case 16:
		switch m.arphrd {
		case arphrdTunnel6, arphrdIP6GRE:
			return nil
		}
	}
	for _, b := range m.hw {
		if b != 0 {
			return m.hw
		}
	}
	return nil
}

func linkFlags(raw uint32) Flags {
	var f Flags
	if raw&unix.IFF_UP != 0 {
		f |= FlagUp
	}
	if raw&unix.IFF_BROADCAST != 0 {
		f |= FlagBroadcast
	}
	if raw&unix.IFF_LOOPBACK != 0 {
		f |= FlagLoopback
	}
	if raw&unix.IFF_POINTOPOINT != 0 {
		f |= FlagPointToPoint
	}
	if raw&unix.IFF_MULTICAST != 0 {
		f |= FlagMulticast
	}
	if raw&unix.IFF_RUNNING != 0 {
		f |= FlagRunning
	}
	return f
}

// cstring drops the terminating NUL (and anything after it).
func cstring(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

// addrMsg is one decoded RTM_NEWADDR/RTM_DELADDR message.
type addrMsg struct {
	family    uint8
	prefixLen uint8
	flags     uint32 // ifa_flags, widened by IFA_FLAGS
	scope     uint8
	index     int32
	address   []byte // IFA_ADDRESS
	local     []byte // IFA_LOCAL
	broadcast []byte
	label     []byte
	hasCache  bool
	preferred uint32
	valid     uint32
}

func parseAddr(body []byte, m *addrMsg) error {
	*m = addrMsg{}
	if len(body) < ifAddrMsgLen {
		return errMalformed
	}
	m.family = body[0]
	m.prefixLen = body[1]
	m.flags = uint32(body[2])
	m.scope = body[3]
	m.index = int32(ne.Uint32(body[4:8]))
	a := attrs{b: body[ifAddrMsgLen:]}
	for a.next() {
		v := a.val
		switch a.typ {
		case unix.IFA_ADDRESS:
			m.address = v
		case unix.IFA_LOCAL:
			m.local = v
		case unix.IFA_BROADCAST:
			m.broadcast = v
		case unix.IFA_LABEL:
			m.label = cstring(v)
		case unix.IFA_FLAGS:
			if len(v) >= 4 {
				m.flags = ne.Uint32(v)
			}
		case unix.IFA_CACHEINFO:
			if len(v) >= unix.SizeofIfaCacheinfo {
				m.hasCache = true
				m.preferred = ne.Uint32(v[0:4])
				m.valid = ne.Uint32(v[4:8])
			}
		}
	}
	if a.bad {
		return errMalformed
	}
	return nil
}

// ip returns the interface's own address the way the standard library
// picks it: IFA_LOCAL when present (IFA_ADDRESS is then the peer of a
// point-to-point link), else IFA_ADDRESS. ok is false for families other
// than IPv4 and IPv6 and for short values.
func (m *addrMsg) ip() (ip []byte, ok bool) {
	ip = m.address
	if m.local != nil {
		ip = m.local
	}
	switch m.family {
	case unix.AF_INET:
		return ip, len(ip) >= 4
	case unix.AF_INET6:
		return ip, len(ip) >= 16
	}
	return nil, false
}
