package iface

import (
	"sort"
	"sync"

	"github.com/netkit-go/netkit/addr"
)

// span is a part of a buffer: offset and length.
type span struct{ off, n int32 }

// Snapshot is the interface table and the address table read once, one
// right after the other on one socket: one link dump and one address dump
// on Linux, where the standard library dumps the whole address table again
// for every Interface.Addrs call (with 3,000 interfaces that is 3,000 full
// dumps). An address of a link created between the two dumps is in
// InterfaceAddrs and Addresses but in no interface's Addrs.
//
// A Snapshot is immutable and safe for concurrent use. The slices and
// values its methods return are shared by every caller: treat them as
// read-only (copy before modifying).
type Snapshot struct {
	ifs     []Interface
	all     []addr.Addr // every address, in the order InterfaceAddrs gives
	owner   []int32     // owner[i] is the interface index of all[i]
	grouped []addr.Addr // all, grouped by interface (order kept within)
	spans   []span      // spans[i] is ifs[i]'s part of grouped
	sorted  bool        // ifs is sorted by index

	plat snapPlatform // the platform's records, for Links and Addresses

	linksOnce sync.Once
	links     []Link
	addrsOnce sync.Once
	addresses []Address
}

// NewSnapshot reads the interface and address tables of the calling
// thread's network namespace.
func NewSnapshot() (*Snapshot, error) {
	s := &Snapshot{}
	if err := s.fill(); err != nil {
		return nil, routeError(err)
	}
	s.group()
	return s, nil
}

// group arranges the addresses by interface, keeping their order.
func (s *Snapshot) group() {
	s.sorted = sort.SliceIsSorted(s.ifs, func(i, j int) bool { return s.ifs[i].Index < s.ifs[j].Index })
	s.spans = make([]span, len(s.ifs))
	pos := make([]int32, len(s.all))
	for i, idx := range s.owner {
		p := s.position(int(idx))
		pos[i] = int32(p)
		if p >= 0 {
			s.spans[p].n++
		}
	}
	off := int32(0)
	for i := range s.spans {
		s.spans[i].off = off
		off += s.spans[i].n
		s.spans[i].n = 0
	}
	s.grouped = make([]addr.Addr, off)
	for i, a := range s.all {
		if p := pos[i]; p >= 0 {
			sp := &s.spans[p]
			s.grouped[sp.off+sp.n] = a
			sp.n++
		}
	}
}

// position returns the position in s.ifs of the interface with index, or -1.
func (s *Snapshot) position(index int) int {
	if s.sorted {
		i := sort.Search(len(s.ifs), func(i int) bool { return s.ifs[i].Index >= index })
		if i < len(s.ifs) && s.ifs[i].Index == index {
			return i
		}
		return -1
	}
	for i := range s.ifs {
		if s.ifs[i].Index == index {
			return i
		}
	}
	return -1
}

// Interfaces returns the interfaces, as Interfaces would have at the time
// of the snapshot.
func (s *Snapshot) Interfaces() []Interface { return s.ifs }

// InterfaceByIndex returns the interface with the given index, with
// InterfaceByIndex's errors.
func (s *Snapshot) InterfaceByIndex(index int) (*Interface, error) {
	if index <= 0 {
		return nil, routeError(errInvalidInterfaceIndex)
	}
	if p := s.position(index); p >= 0 {
		return &s.ifs[p], nil
	}
	return nil, routeError(errNoSuchInterface)
}

// InterfaceByName returns the interface with the given name, with
// InterfaceByName's errors.
func (s *Snapshot) InterfaceByName(name string) (*Interface, error) {
	if name == "" {
		return nil, routeError(errInvalidInterfaceName)
	}
	for i := range s.ifs {
		if s.ifs[i].Name == name {
			return &s.ifs[i], nil
		}
	}
	return nil, routeError(errNoSuchInterface)
}

// InterfaceAddrs returns every unicast address, as InterfaceAddrs would
// have.
func (s *Snapshot) InterfaceAddrs() []addr.Addr { return s.all }

// Addrs returns the unicast addresses of the interface with ifi's index,
// as ifi.Addrs would have at the time of the snapshot: *addr.IPNet values,
// nil for an interface the snapshot does not know.
func (s *Snapshot) Addrs(ifi *Interface) ([]addr.Addr, error) {
	if ifi == nil {
		return nil, routeError(errInvalidInterface)
	}
	p := s.position(ifi.Index)
	if p < 0 || s.spans[p].n == 0 {
		return nil, nil
	}
	sp := s.spans[p]
	return s.grouped[sp.off : sp.off+sp.n : sp.off+sp.n], nil
}

// Links returns the interfaces with their details (operational state,
// alias, kind, link type, master and parent). They are decoded on the
// first call.
func (s *Snapshot) Links() []Link {
	s.linksOnce.Do(func() { s.links = s.plat.links(s.ifs) })
	return s.links
}

// Addresses returns every address with its details (scope, flags,
// lifetimes, label, broadcast and peer address), in the order of
// InterfaceAddrs. They are decoded on the first call.
func (s *Snapshot) Addresses() []Address {
	s.addrsOnce.Do(func() { s.addresses = s.plat.addresses() })
	return s.addresses
}

// AddressesOf returns the detailed addresses of the interface with the
// given index, in the order of Addrs.
func (s *Snapshot) AddressesOf(index int) []Address {
	var out []Address
	for _, a := range s.Addresses() {
		if a.Index == index {
			out = append(out, a)
		}
	}
	return out
}
