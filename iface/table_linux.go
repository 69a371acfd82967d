package iface

import (
	"math"
	"os"

	"github.com/netkit-go/netkit/addr"
	"golang.org/x/sys/unix"
)

// linkRec is one link as recorded from a dump; strings live in the table's
// text buffer (off, len pairs), so that a dump of n links costs a handful
// of allocations instead of several per link.
type linkRec struct {
	index     int32
	mtu       uint32
	rawFlags  uint32
	arphrd    uint16
	operState uint8
	master    int32
	parent    int32
	txqlen    uint32
	name      span
	hw        span
	alias     span
	kind      string
}

// linkTable collects RTM_NEWLINK messages.
type linkTable struct {
	msg   linkMsg
	recs  []linkRec
	text  []byte // names and aliases
	hw    []byte // hardware addresses
	only  int32  // when > 0, keep only this index
	rich  bool   // record alias and kind
	found bool
	str   string // text as a string, once interfaces has run
}

func (t *linkTable) reset() {
	t.recs = t.recs[:0]
	t.text = t.text[:0]
	t.hw = t.hw[:0]
	t.found = false
}

func (t *linkTable) add(typ uint16, body []byte) error {
	if typ != unix.RTM_NEWLINK {
		return nil
	}
	m := &t.msg
	if err := parseLink(body, m); err != nil {
		return err
	}
	if t.only > 0 && m.index != t.only {
		return nil
	}
	r := linkRec{
		index:     m.index,
		mtu:       m.mtu,
		rawFlags:  m.rawFlags,
		arphrd:    m.arphrd,
		operState: m.operState,
		master:    m.master,
		parent:    m.parent,
		txqlen:    m.txqlen,
	}
	r.name = appendSpan(&t.text, m.name)
	if hw := m.hardwareAddr(); hw != nil {
		r.hw = appendSpan(&t.hw, hw)
	}
	if t.rich {
		r.alias = appendSpan(&t.text, m.alias)
		r.kind = internKind(m.kind)
	}
	t.recs = append(t.recs, r)
	t.found = true
	return nil
}

func appendSpan(buf *[]byte, b []byte) span {
	s := span{off: int32(len(*buf)), n: int32(len(b))}
	*buf = append(*buf, b...)
	return s
}

// internKind returns the common link kinds without allocating.
func internKind(b []byte) string {
	switch string(b) {
	case "":
		return ""
	case "veth":
		return "veth"
	case "macvlan":
		return "macvlan"
	case "bridge":
		return "bridge"
	case "ifb":
		return "ifb"
	case "dummy":
		return "dummy"
	case "vlan":
		return "vlan"
	case "tun":
		return "tun"
	case "bond":
		return "bond"
	case "vxlan":
		return "vxlan"
	case "wireguard":
		return "wireguard"
	case "ipvlan":
		return "ipvlan"
	}
	return string(b)
}

// interfaces converts the records to Interface values. Names share one
// string and hardware addresses one buffer (capacity-limited, so an append
// to one never writes into another).
func (t *linkTable) interfaces() []Interface {
	if len(t.recs) == 0 {
		return nil
	}
	text := string(t.text)
	t.str = text
	var hw []byte
	if len(t.hw) > 0 {
		hw = make([]byte, len(t.hw))
		copy(hw, t.hw)
	}
	ift := make([]Interface, len(t.recs))
	for i := range t.recs {
		r := &t.recs[i]
		ifi := &ift[i]
		ifi.Index = int(r.index)
		ifi.MTU = int(r.mtu)
		ifi.Name = text[r.name.off : r.name.off+r.name.n]
		ifi.Flags = linkFlags(r.rawFlags)
		if r.hw.n > 0 {
			ifi.HardwareAddr = addr.HardwareAddr(hw[r.hw.off : r.hw.off+r.hw.n : r.hw.off+r.hw.n])
		}
	}
	return ift
}

// addrRec is one address as recorded from a dump.
type addrRec struct {
	index     int32
	family    uint8
	prefixLen uint8
	scope     uint8
	hasPeer   bool
	hasBcast  bool
	hasCache  bool
	flags     uint32
	preferred uint32
	valid     uint32
	ip        [16]byte
	peer      [16]byte
	bcast     [4]byte
	label     span
}

func (r *addrRec) ipLen() int {
	if r.family == unix.AF_INET {
		return 4
	}
	return 16
}

// addrTable collects RTM_NEWADDR messages.
type addrTable struct {
	msg  addrMsg
	recs []addrRec
	text []byte
	only int32 // when > 0 keep only this index; when < 0 keep none
	all  bool  // keep every index
	rich bool
	// small backs recs for one interface's addresses (usually a few),
	// saving the allocations of growing it.
	small [4]addrRec
}

func (t *addrTable) reset() {
	t.recs = t.recs[:0]
	t.text = t.text[:0]
}

func (t *addrTable) add(typ uint16, body []byte) error {
	if typ != unix.RTM_NEWADDR {
		return nil
	}
	m := &t.msg
	if err := parseAddr(body, m); err != nil {
		return err
	}
	if !t.all && m.index != t.only {
		return nil
	}
	ip, ok := m.ip()
	if !ok {
		return nil
	}
	r := addrRec{
		index:     m.index,
		family:    m.family,
		prefixLen: m.prefixLen,
		scope:     m.scope,
		flags:     m.flags,
		hasCache:  m.hasCache,
		preferred: m.preferred,
		valid:     m.valid,
	}
	n := r.ipLen()
	copy(r.ip[:], ip[:n])
	if t.rich {
		if m.local != nil && len(m.address) >= n && string(m.address[:n]) != string(m.local[:n]) {
			r.hasPeer = true
			copy(r.peer[:], m.address[:n])
		}
		if len(m.broadcast) >= 4 && n == 4 {
			r.hasBcast = true
			copy(r.bcast[:], m.broadcast)
		}
		r.label = appendSpan(&t.text, m.label)
	}
	t.recs = append(t.recs, r)
	return nil
}

// ipNet is an *addr.IPNet with room for its address and mask, so that
// the values ipNets returns share two allocations.
type ipNet struct {
	n    addr.IPNet
	ip   [16]byte
	mask [16]byte
}

// ipNets converts records to *addr.IPNet values the way the standard
// library builds them: IPv4 addresses in 16-byte form with a 4-byte mask,
// IPv6 with a 16-byte mask, a nil mask for an impossible prefix length.
// Slices are capacity-limited, so that an append to one never writes into
// another.
func ipNets(recs []addrRec) []addr.Addr {
	if len(recs) == 0 {
		return nil
	}
	nets := make([]ipNet, len(recs))
	out := make([]addr.Addr, len(recs))
	for i := range recs {
		r := &recs[i]
		v := &nets[i]
		n := r.ipLen()
		if n == 4 {
			v.ip[10], v.ip[11] = 0xff, 0xff
			copy(v.ip[12:], r.ip[:4])
		} else {
			v.ip = r.ip
		}
		v.n.IP = addr.IP(v.ip[:16:16])
		if int(r.prefixLen) <= 8*n {
			mask := v.mask[:n:n]
			fillMask(mask, int(r.prefixLen))
			v.n.Mask = addr.IPMask(mask)
		}
		out[i] = &v.n
	}
	return out
}

func fillMask(m []byte, ones int) {
	for i := range m {
		switch {
		case ones >= 8:
			m[i] = 0xff
			ones -= 8
		case ones > 0:
			m[i] = ^byte(0xff >> ones)
			ones = 0
		default:
			m[i] = 0
		}
	}
}

// --- the plain API ---

func interfaceTable(index int) ([]Interface, error) {
	// Room for a small table up front: growing the slices record by
	// record costs more allocations than the rest of the decoding.
	t := &linkTable{
		recs: make([]linkRec, 0, 16),
		text: make([]byte, 0, 256),
		hw:   make([]byte, 0, 128),
	}
	if err := dumpLinks(nil, t); err != nil {
		return nil, err
	}
	return t.interfaces(), nil
}

// dumpLinks fills t from an RTM_GETLINK dump, or from the fallback when
// netlink link dumps are refused. c may be nil: a socket is opened for the
// dump.
func dumpLinks(c *nlConn, t *linkTable) error {
	var err error
	if c == nil {
		var own nlConn
		if err = own.open(); err == nil {
			c = &own
			defer c.close()
		}
	}
	if err == nil {
		if testDeny&denyLinkDump != 0 {
			err = unix.EACCES
		} else {
			err = c.dump(linkRequest(0, ""), t)
		}
		if err == nil {
			return nil
		}
	}
	if !canFallBack(err) {
		return dumpError(err)
	}
	if ferr := fallbackLinks(t); ferr != nil {
		return fallbackError("interfaces", err, ferr)
	}
	return nil
}

// dumpError gives a failed dump the standard library's shape: an
// *os.SyscallError named "netlinkrib" around the errno.
func dumpError(err error) error {
	if _, ok := err.(*os.SyscallError); ok {
		return err
	}
	return os.NewSyscallError(syscallDump, err)
}

func interfaceByIndex(index int) (*Interface, error) {
	if int64(index) > math.MaxInt32 {
		return nil, errNoSuchInterface // Linux indexes are positive int32s
	}
	t := &linkTable{only: int32(index)}
	err := getLink(t, linkRequest(index, ""))
	if err != nil {
		return nil, err
	}
	if !t.found {
		return nil, errNoSuchInterface
	}
	return &t.interfaces()[0], nil
}

func interfaceByName(name string) (*Interface, error) {
	if len(name) >= unix.IFNAMSIZ {
		return nil, errNoSuchInterface // the kernel has no such name
	}
	t := &linkTable{}
	if err := getLink(t, linkRequest(0, name)); err != nil {
		return nil, err
	}
	// t holds the kernel's answer, which may be for an altname, or a full
	// dump when gets were refused: match the primary name, as the standard
	// library does.
	for i := range t.recs {
		r := &t.recs[i]
		if string(t.text[r.name.off:r.name.off+r.name.n]) == name {
			t.recs = t.recs[i : i+1]
			return &t.interfaces()[0], nil
		}
	}
	return nil, errNoSuchInterface
}

// getLink asks the kernel for one link; ENODEV leaves t empty. When gets
// are refused or fail otherwise it falls back to a dump.
func getLink(t *linkTable, req []byte) error {
	var c nlConn
	err := c.open()
	if err == nil {
		if testDeny&denyLinkDump != 0 {
			err = unix.EACCES
		} else {
			err = c.get(req, t)
		}
		c.close()
		if err == nil || err == unix.ENODEV {
			return nil
		}
	}
	t.reset()
	return dumpLinks(nil, t)
}

func interfaceAddrTable(ifi *Interface) ([]addr.Addr, error) {
	t := &addrTable{all: ifi == nil}
	index := 0
	if ifi != nil {
		t.recs = t.small[:0]
		t.only = int32(ifi.Index)
		if ifi.Index <= 0 || int64(ifi.Index) > math.MaxInt32 {
			return nil, nil // no address has such an interface index
		}
		index = ifi.Index
	}
	if err := dumpAddrs(nil, t, index); err != nil {
		return nil, err
	}
	return ipNets(t.recs), nil
}

// dumpAddrs fills t from an RTM_GETADDR dump, asking the kernel to filter
// by index when index > 0 (t filters again, for kernels that ignore it).
// c may be nil: a socket is opened for the dump.
func dumpAddrs(c *nlConn, t *addrTable, index int) error {
	var err error
	if c == nil {
		var own nlConn
		if err = own.open(); err == nil {
			c = &own
			defer c.close()
		}
	}
	if err == nil {
		if testDeny&denyAddrDump != 0 {
			err = unix.EACCES
		} else {
			if index > 0 && !c.setStrict() {
				index = 0
			}
			if index > 0 {
				c.vlen = 2 // one interface's records, then NLMSG_DONE
			}
			err = c.dump(addrRequest(index), t)
			c.vlen = 0
			if err == unix.ENODEV && index > 0 {
				t.reset() // the interface is gone: it has no addresses
				err = nil
			}
		}
		if err == nil {
			return nil
		}
	}
	if !canFallBack(err) {
		return dumpError(err)
	}
	if ferr := fallbackAddrs(t); ferr != nil {
		return fallbackError("addresses", err, ferr)
	}
	return nil
}
