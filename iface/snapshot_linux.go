package iface

import (
	"net/netip"
	"time"

	"golang.org/x/sys/unix"
)

// snapPlatform keeps the decoded records of the two dumps, from which
// Links and Addresses are built on demand.
type snapPlatform struct {
	lt *linkTable
	at *addrTable
}

// fill takes one link dump and one address dump on one netlink socket.
func (s *Snapshot) fill() error {
	lt := &linkTable{rich: true}
	at := &addrTable{all: true, rich: true}
	var own nlConn
	var c *nlConn
	if err := own.open(); err == nil {
		c = &own
		defer c.close()
	} else if !canFallBack(err) {
		return err
	}
	if err := dumpLinks(c, lt); err != nil {
		return err
	}
	if err := dumpAddrs(c, at, 0); err != nil {
		return err
	}
	s.ifs = lt.interfaces()
	s.all = ipNets(at.recs)
	if len(at.recs) > 0 {
		s.owner = make([]int32, len(at.recs))
		for i := range at.recs {
			s.owner[i] = at.recs[i].index
		}
	}
	s.plat = snapPlatform{lt: lt, at: at}
	return nil
}

func (p *snapPlatform) links(ifs []Interface) []Link {
	recs := p.lt.recs
	if len(recs) == 0 {
		return nil
	}
	links := make([]Link, len(recs))
	text := p.lt.str
	for i := range recs {
		r := &recs[i]
		l := &links[i]
		l.Interface = ifs[i]
		l.OperState = OperState(r.operState)
		l.Alias = text[r.alias.off : r.alias.off+r.alias.n]
		l.Kind = r.kind
		l.Type = int(r.arphrd)
		l.MasterIndex = int(r.master)
		if r.parent != r.index {
			l.ParentIndex = int(r.parent)
		}
		l.TxQueueLen = int(r.txqlen)
		l.RawFlags = r.rawFlags
	}
	return links
}

func (p *snapPlatform) addresses() []Address {
	recs := p.at.recs
	if len(recs) == 0 {
		return nil
	}
	text := string(p.at.text)
	out := make([]Address, len(recs))
	for i := range recs {
		r := &recs[i]
		a := &out[i]
		a.Index = int(r.index)
		a.Prefix = netip.PrefixFrom(recAddr(r.family, r.ip), int(r.prefixLen))
		if r.hasPeer {
			a.Peer = recAddr(r.family, r.peer)
		}
		if r.hasBcast {
			a.Broadcast = netip.AddrFrom4(r.bcast)
		}
		a.Label = text[r.label.off : r.label.off+r.label.n]
		a.Scope = Scope(r.scope)
		a.Flags = AddrFlags(r.flags)
		a.PreferredLifetime, a.ValidLifetime = Forever, Forever
		if r.hasCache {
			a.PreferredLifetime = lifetime(r.preferred)
			a.ValidLifetime = lifetime(r.valid)
		}
	}
	return out
}

func recAddr(family uint8, b [16]byte) netip.Addr {
	if family == unix.AF_INET {
		return netip.AddrFrom4([4]byte(b[:4]))
	}
	return netip.AddrFrom16(b)
}

// lifetime converts a lifetime in seconds, 0xffffffff meaning forever.
func lifetime(sec uint32) time.Duration {
	if sec == 0xffffffff {
		return Forever
	}
	return time.Duration(sec) * time.Second
}
