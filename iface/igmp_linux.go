package iface

import (
	"bytes"

	"github.com/netkit-go/netkit/addr"
)

func interfaceMulticastAddrTable(ifi *Interface) ([]addr.Addr, error) {
	var groups []mcastGroup
	if b, err := readNetFile("igmp"); err == nil {
		groups = parseIGMP(b, ifi.Name, groups)
	}
	if b, err := readNetFile("igmp6"); err == nil {
		groups = parseIGMP6(b, ifi.Name, groups)
	}
	return ipAddrs(groups), nil
}

type mcastGroup struct {
	v6 bool
	ip [16]byte
}

// parseIGMP reads /proc/net/igmp: a header line, then per interface a line
// "Idx Device : Count Querier" followed by indented group lines whose first
// field is the group address as 8 hex digits of a host-order uint32.
func parseIGMP(b []byte, name string, out []mcastGroup) []mcastGroup {
	var cur []byte
	first := true
	for len(b) > 0 {
		var line []byte
		line, b = cutLine(b)
		if first {
			first = false
			continue
		}
		if len(line) == 0 {
			continue
		}
		f := fields(line, " :\t\r")
		if len(f) < 4 {
			continue
		}
		switch {
		case line[0] != ' ' && line[0] != '\t':
			cur = f[1]
		case len(f[0]) == 8:
			if string(cur) != name {
				continue
			}
			v, ok := hexUint(f[0])
			if !ok {
				continue
			}
			// The kernel prints the network-order address as a host-order
			// uint32: storing it back in host order gives the address bytes.
			g := mcastGroup{}
			ne.PutUint32(g.ip[:4], uint32(v))
			out = append(out, g)
		}
	}
	return out
}

// parseIGMP6 reads /proc/net/igmp6: "index name group(32 hex) users flags timer".
func parseIGMP6(b []byte, name string, out []mcastGroup) []mcastGroup {
	for len(b) > 0 {
		var line []byte
		line, b = cutLine(b)
		f := fields(line, " \t\r")
		if len(f) < 6 || string(f[1]) != name || len(f[2]) != 32 {
			continue
		}
		g := mcastGroup{v6: true}
		ok := true
		for i := 0; i < 16; i++ {
			v, good := hexUint(f[2][2*i : 2*i+2])
			ok = ok && good
			g.ip[i] = byte(v)
		}
		if ok {
			out = append(out, g)
		}
	}
	return out
}

func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// fields splits b at any byte of seps, dropping empty fields.
func fields(b []byte, seps string) [][]byte {
	var f [][]byte
	start := -1
	for i, c := range b {
		if bytes.IndexByte([]byte(seps), c) >= 0 {
			if start >= 0 {
				f = append(f, b[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f = append(f, b[start:])
	}
	return f
}

// ipAddrs converts groups to *addr.IPAddr values: IPv4 groups in 16-byte
// form, as the standard library returns them.
func ipAddrs(groups []mcastGroup) []addr.Addr {
	if len(groups) == 0 {
		return nil
	}
	buf := make([]byte, 16*len(groups))
	ips := make([]addr.IPAddr, len(groups))
	out := make([]addr.Addr, len(groups))
	for i := range groups {
		g := &groups[i]
		ip := buf[16*i : 16*i+16 : 16*i+16]
		if g.v6 {
			copy(ip, g.ip[:])
		} else {
			ip[10], ip[11] = 0xff, 0xff
			copy(ip[12:], g.ip[:4])
		}
		ips[i].IP = addr.IP(ip)
		out[i] = &ips[i]
	}
	return out
}
