package iface

import (
	"bytes"
	"errors"
	"os"
	"sort"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The fallback path, for systems that refuse netlink route dumps to
// unprivileged programs (Android 11 and later refuse RTM_GETLINK and
// bind(2) on netlink sockets to apps): interface names come from
// /proc/net/dev and their details from ioctl(2) on a datagram socket; IPv4
// addresses from SIOCGIFCONF, IPv6 addresses from /proc/net/if_inet6. The
// /proc files are read through /proc/thread-self, so that they describe the
// calling thread's network namespace, as netlink does.
//
// Differences from the netlink path, all documented in the package doc:
// interfaces are ordered by index; an IPv4 address shares the netmask of
// the first address with the same label; IPv6 addresses of one interface are
// ordered by scope (the kernel's list order within a scope is not
// available).

// FallbackError is returned when netlink was refused and the fallback
// failed too. It wraps both errors.
type FallbackError struct {
	What     string // "interfaces" or "addresses"
	Netlink  error  // why netlink could not be used
	Fallback error  // why the fallback failed
}

// Error returns a sentence naming both failures.
func (e *FallbackError) Error() string {
	return "cannot list " + e.What + ": netlink refused (" + e.Netlink.Error() +
		") and the fallback failed (" + e.Fallback.Error() + ")"
}

// Unwrap returns both errors, for errors.Is and errors.As.
func (e *FallbackError) Unwrap() []error { return []error{e.Netlink, e.Fallback} }

func fallbackError(what string, nl, fb error) error {
	return &FallbackError{What: what, Netlink: nl, Fallback: fb}
}

// readNetFile reads /proc/thread-self/net/<name>, or /proc/net/<name> on
// kernels without thread-self (before 3.17).
func readNetFile(name string) ([]byte, error) {
	if testDeny&denyProc != 0 {
		return nil, &os.PathError{Op: "open", Path: "/proc/thread-self/net/" + name, Err: unix.EACCES}
	}
	b, err := os.ReadFile("/proc/thread-self/net/" + name)
	if err != nil && errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat("/proc/thread-self"); serr != nil {
			b, err = os.ReadFile("/proc/net/" + name)
		}
	}
	return b, err
}

func ioctlSocket() (int, error) {
	if testDeny&denyIoctl != 0 {
		return -1, os.NewSyscallError("socket", unix.EACCES)
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		fd, err = unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	}
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	return fd, nil
}

// procNetDevNames returns the interface names in /proc/net/dev.
func procNetDevNames() ([][]byte, error) {
	b, err := readNetFile("dev")
	if err != nil {
		return nil, err
	}
	var names [][]byte
	for i, line := range bytes.Split(b, []byte{'\n'}) {
		if i < 2 { // two header lines
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			continue
		}
		if name := bytes.TrimSpace(line[:colon]); len(name) > 0 {
			names = append(names, name)
		}
	}
	return names, nil
}

// hwLen is the link-layer address length of the ARPHRD types whose length
// SIOCGIFHWADDR does not report.
func hwLen(arphrd uint16) int {
	switch arphrd {
	case unix.ARPHRD_ETHER, unix.ARPHRD_IEEE802, unix.ARPHRD_LOOPBACK,
		unix.ARPHRD_IEEE80211, unix.ARPHRD_IEEE80211_RADIOTAP:
		return 6
	case unix.ARPHRD_IEEE1394:
		return 8
	}
	return 0
}

func fallbackLinks(t *linkTable) error {
	names, err := procNetDevNames()
	if err != nil {
		return err
	}
	fd, err := ioctlSocket()
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	t.reset()
	for _, name := range names {
		ifr, err := unix.NewIfreq(string(name))
		if err != nil {
			continue
		}
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
			if err == unix.ENODEV {
				continue // went away since /proc/net/dev was read
			}
			return os.NewSyscallError("ioctl", err)
		}
		index := int32(ifr.Uint32())
		if t.only > 0 && index != t.only {
			continue
		}
		r := linkRec{index: index}
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err == nil {
			r.rawFlags = uint32(ifr.Uint16())
		}
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFMTU, ifr); err == nil {
			r.mtu = ifr.Uint32()
		}
		r.name = appendSpan(&t.text, name)
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFHWADDR, ifr); err == nil {
			raw := ifreqBytes(ifr)
			r.arphrd = ne.Uint16(raw[unix.IFNAMSIZ:])
			n := hwLen(r.arphrd)
			m := linkMsg{hw: raw[unix.IFNAMSIZ+2 : unix.IFNAMSIZ+2+n], arphrd: r.arphrd}
			if hw := m.hardwareAddr(); hw != nil {
				r.hw = appendSpan(&t.hw, hw)
			}
		}
		t.recs = append(t.recs, r)
		t.found = true
	}
	sort.SliceStable(t.recs, func(i, j int) bool { return t.recs[i].index < t.recs[j].index })
	return nil
}

// ifreqBytes exposes the raw ifreq (name, then a 24-byte union).
func ifreqBytes(ifr *unix.Ifreq) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(ifr)), unsafe.Sizeof(*ifr))
}

func fallbackAddrs(t *addrTable) error {
	t.reset()
	fd, err := ioctlSocket()
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	if err := ifconfAddrs(fd, t); err != nil {
		return err
	}
	if b, err := readNetFile("if_inet6"); err == nil {
		inet6Addrs(b, t)
	} else if !errors.Is(err, os.ErrNotExist) { // no file: IPv6 is disabled
		return err
	}
	return nil
}

// ifconfAddrs lists the IPv4 addresses with SIOCGIFCONF, in the kernel's
// order (by device, then the device's address list).
func ifconfAddrs(fd int, t *addrTable) error {
	size := int(unsafe.Sizeof(unix.Ifreq{}))
	buf := make([]byte, 64*size)
	for {
		// struct ifconf is {int ifc_len; char *ifc_buf}; the pointer is
		// aligned to its size, so the layout is right on 32 and 64 bits.
		ifc := struct {
			len int32
			buf unsafe.Pointer
		}{len: int32(len(buf)), buf: unsafe.Pointer(&buf[0])}
		_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SIOCGIFCONF, uintptr(unsafe.Pointer(&ifc)))
		if e != 0 {
			return os.NewSyscallError("ioctl", e)
		}
		if n := int(ifc.len); n <= len(buf)-size {
			return ifconfEntries(fd, t, buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

func ifconfEntries(fd int, t *addrTable, b []byte) error {
	size := int(unsafe.Sizeof(unix.Ifreq{}))
	for len(b) >= size {
		ent := b[:size]
		b = b[size:]
		label := cstring(ent[:unix.IFNAMSIZ])
		ifr, err := unix.NewIfreq(string(label))
		if err != nil {
			continue
		}
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
			continue
		}
		index := int32(ifr.Uint32())
		if !t.all && index != t.only {
			continue
		}
		r := addrRec{index: index, family: unix.AF_INET, scope: unix.RT_SCOPE_UNIVERSE, valid: infiniteLife, preferred: infiniteLife}
		// struct sockaddr_in: family, port, then the address.
		copy(r.ip[:4], ent[unix.IFNAMSIZ+4:unix.IFNAMSIZ+8])
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFNETMASK, ifr); err == nil {
			raw := ifreqBytes(ifr)
			r.prefixLen = uint8(maskOnes(raw[unix.IFNAMSIZ+4 : unix.IFNAMSIZ+8]))
		}
		if r.ip[0] == 127 {
			r.scope = unix.RT_SCOPE_HOST
		}
		if t.rich {
			r.label = appendSpan(&t.text, label)
		}
		t.recs = append(t.recs, r)
	}
	return nil
}

// maskOnes counts the leading one bits of a netmask.
func maskOnes(m []byte) int {
	n := 0
	for _, b := range m {
		if b != 0xff {
			for b&0x80 != 0 {
				n++
				b <<= 1
			}
			break
		}
		n += 8
	}
	return n
}

// inet6Addrs parses /proc/net/if_inet6: address, index, prefix length,
// scope, flags (all hex), name.
func inet6Addrs(b []byte, t *addrTable) {
	start := len(t.recs)
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		f := bytes.Fields(line)
		if len(f) < 6 || len(f[0]) != 32 {
			continue
		}
		index, ok1 := hexUint(f[1])
		plen, ok2 := hexUint(f[2])
		scope, ok3 := hexUint(f[3])
		flags, ok4 := hexUint(f[4])
		if !ok1 || !ok2 || !ok3 || !ok4 {
			continue
		}
		if !t.all && int32(index) != t.only {
			continue
		}
		r := addrRec{index: int32(index), family: unix.AF_INET6, prefixLen: uint8(plen), flags: uint32(flags), valid: infiniteLife, preferred: infiniteLife}
		// The file's scope is IPV6_ADDR_SCOPE_* (0 global, 0x20 link, 0x10 host, 0x40 site).
		switch scope {
		case 0x10:
			r.scope = unix.RT_SCOPE_HOST
		case 0x20:
			r.scope = unix.RT_SCOPE_LINK
		case 0x40:
			r.scope = unix.RT_SCOPE_SITE
		}
		ok := true
		for i := 0; i < 16; i++ {
			v, good := hexUint(f[0][2*i : 2*i+2])
			ok = ok && good
			r.ip[i] = byte(v)
		}
		if ok {
			t.recs = append(t.recs, r)
		}
	}
	v6 := t.recs[start:]
	sort.SliceStable(v6, func(i, j int) bool {
		if v6[i].index != v6[j].index {
			return v6[i].index < v6[j].index
		}
		return v6[i].scope < v6[j].scope
	})
}

func hexUint(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uint64(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uint64(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | uint64(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
