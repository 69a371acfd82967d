package resolver

import (
	"bufio"
	"io"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"
)

// Hosts is a parsed hosts(5) file: names to addresses and addresses to
// names. Lookups ignore ASCII case; a name with a dot matches with or
// without the root dot. The zero value is an empty table.
type Hosts struct {
	byName map[string]hostsEntry // lower-case, absDomainName'd key
	byAddr map[string][]string   // canonical address text -> names as written
}

type hostsEntry struct {
	addrs     []string
	canonical string // the first name on the address's first line
}

// ParseHosts parses hosts(5) text: an address, then one or more names, per
// line; '#' starts a comment; lines whose address does not parse are
// skipped. Addresses keep file order. The error is only ever a read error.
func ParseHosts(r io.Reader) (*Hosts, error) {
	h := &Hosts{byName: map[string]hostsEntry{}, byAddr: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		ip, err := netip.ParseAddr(f[0])
		if err != nil {
			continue
		}
		a := ip.String()
		var canonical string
		for i, name := range f[1:] {
			key := absDomainName(lowerASCII(name))
			if i == 0 {
				canonical = key
			}
			h.byAddr[a] = append(h.byAddr[a], absDomainName(name))
			if e, ok := h.byName[key]; ok {
				e.addrs = append(e.addrs, a)
				h.byName[key] = e
				continue
			}
			h.byName[key] = hostsEntry{addrs: []string{a}, canonical: canonical}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return h, nil
}

// LookupHost returns the addresses listed for name, in file order, and the
// canonical name (the first name of the line that first lists name, lower
// case, rooted when it has a dot). It returns nil when name is not listed.
func (h *Hosts) LookupHost(name string) (addrs []string, canonical string) {
	if h == nil || len(h.byName) == 0 {
		return nil, ""
	}
	e, ok := h.byName[absDomainName(lowerASCII(name))]
	if !ok {
		return nil, ""
	}
	return append([]string(nil), e.addrs...), e.canonical
}

// LookupAddr returns the names listed for the address, in file order.
func (h *Hosts) LookupAddr(address string) []string {
	if h == nil || len(h.byAddr) == 0 {
		return nil
	}
	ip, err := netip.ParseAddr(address)
	if err != nil {
		return nil
	}
	return append([]string(nil), h.byAddr[ip.String()]...)
}

// Len returns the number of distinct names in the table.
func (h *Hosts) Len() int {
	if h == nil {
		return 0
	}
	return len(h.byName)
}

// hostsCacheMaxAge is how long a read hosts file is trusted before its
// modification time and size are checked again.
const hostsCacheMaxAge = 5 * time.Second

// hostsFile is a hosts file on disk, re-read when its modification time or
// size changes (checked at most every hostsCacheMaxAge).
type hostsFile struct {
	path string

	mu     sync.Mutex
	expire time.Time
	mtime  time.Time
	size   int64
	hosts  *Hosts
}

// get returns the current table (an empty one when the file is missing).
func (f *hostsFile) get() *Hosts {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Now()
	if f.hosts != nil && now.Before(f.expire) && f.hosts.Len() > 0 {
		return f.hosts
	}
	fi, err := os.Stat(f.path)
	if err == nil && f.hosts != nil && fi.ModTime().Equal(f.mtime) && fi.Size() == f.size {
		f.expire = now.Add(hostsCacheMaxAge)
		return f.hosts
	}
	h := &Hosts{}
	if file, err := os.Open(f.path); err == nil {
		if parsed, err := ParseHosts(file); err == nil {
			h = parsed
		}
		file.Close()
	}
	f.hosts = h
	f.expire = now.Add(hostsCacheMaxAge)
	if fi != nil {
		f.mtime, f.size = fi.ModTime(), fi.Size()
	} else {
		f.mtime, f.size = time.Time{}, 0
	}
	return h
}
