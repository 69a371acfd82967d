package iface_test

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"strings"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// A small encoder for netlink route messages, for seeds and round trips.

func nlAttr(typ uint16, val []byte) []byte {
	b := make([]byte, 4, 4+len(val)+3)
	binary.NativeEndian.PutUint16(b[0:2], uint16(4+len(val)))
	binary.NativeEndian.PutUint16(b[2:4], typ)
	b = append(b, val...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func nlMsg(typ uint16, body ...[]byte) []byte {
	b := make([]byte, 16)
	for _, p := range body {
		b = append(b, p...)
	}
	binary.NativeEndian.PutUint32(b[0:4], uint32(len(b)))
	binary.NativeEndian.PutUint16(b[4:6], typ)
	return b
}

func u32(v uint32) []byte { return binary.NativeEndian.AppendUint32(nil, v) }

func ifinfo(index int32, arphrd uint16, flags uint32) []byte {
	b := make([]byte, 16)
	binary.NativeEndian.PutUint16(b[2:4], arphrd)
	binary.NativeEndian.PutUint32(b[4:8], uint32(index))
	binary.NativeEndian.PutUint32(b[8:12], flags)
	return b
}

func ifaddr(family, plen, flags, scope uint8, index int32) []byte {
	b := []byte{family, plen, flags, scope, 0, 0, 0, 0}
	binary.NativeEndian.PutUint32(b[4:8], uint32(index))
	return b
}

func seedDump() []byte {
	var d []byte
	d = append(d, nlMsg(unix.RTM_NEWLINK, ifinfo(1, 772, unix.IFF_UP|unix.IFF_LOOPBACK|unix.IFF_RUNNING),
		nlAttr(unix.IFLA_IFNAME, []byte("lo\x00")), nlAttr(unix.IFLA_MTU, u32(65536)),
		nlAttr(unix.IFLA_ADDRESS, make([]byte, 6)), nlAttr(unix.IFLA_OPERSTATE, []byte{0}))...)
	d = append(d, nlMsg(unix.RTM_NEWLINK, ifinfo(2, 1, unix.IFF_UP|unix.IFF_BROADCAST|unix.IFF_MULTICAST),
		nlAttr(unix.IFLA_IFNAME, []byte("eth0\x00")), nlAttr(unix.IFLA_MTU, u32(1500)),
		nlAttr(unix.IFLA_ADDRESS, []byte{2, 0, 0x5e, 0, 0x53, 1}), nlAttr(unix.IFLA_IFALIAS, []byte("up\x00")),
		nlAttr(unix.IFLA_LINK, u32(7)), nlAttr(unix.IFLA_MASTER, u32(9)),
		nlAttr(unix.IFLA_LINKINFO|unix.NLA_F_NESTED, nlAttr(unix.IFLA_INFO_KIND, []byte("veth\x00"))))...)
	d = append(d, nlMsg(unix.RTM_NEWLINK, ifinfo(3, 776, unix.IFF_POINTOPOINT),
		nlAttr(unix.IFLA_IFNAME, []byte("sit0\x00")), nlAttr(unix.IFLA_ADDRESS, []byte{0, 0, 0, 0}))...)
	d = append(d, nlMsg(unix.RTM_NEWADDR, ifaddr(unix.AF_INET, 24, unix.IFA_F_SECONDARY, 0, 2),
		nlAttr(unix.IFA_ADDRESS, []byte{198, 51, 100, 1}), nlAttr(unix.IFA_LOCAL, []byte{198, 51, 100, 1}),
		nlAttr(unix.IFA_BROADCAST, []byte{198, 51, 100, 255}), nlAttr(unix.IFA_LABEL, []byte("eth0\x00")),
		nlAttr(unix.IFA_FLAGS, u32(0x80)), nlAttr(unix.IFA_CACHEINFO, make([]byte, 16)))...)
	v6 := netip.MustParseAddr("2001:db8::1").As16()
	d = append(d, nlMsg(unix.RTM_NEWADDR, ifaddr(unix.AF_INET6, 64, 0, 253, 2),
		nlAttr(unix.IFA_ADDRESS, v6[:]), nlAttr(unix.IFA_CACHEINFO, bytes.Repeat([]byte{0xff}, 16)))...)
	d = append(d, nlMsg(unix.NLMSG_DONE, u32(0))...)
	return d
}

// FuzzDecode feeds arbitrary bytes to the dump decoder: it must never
// panic and never read past the input (the input's capacity is cut to its
// length, so even a reslice beyond it panics), and what it returns must be
// well-formed.
func FuzzDecode(f *testing.F) {
	d := seedDump()
	f.Add(d)
	for _, n := range []int{1, 15, 16, 17, 20, 31, 40, len(d) / 2, len(d) - 1} {
		f.Add(d[:n])
	}
	bad := bytes.Clone(d)
	binary.NativeEndian.PutUint16(bad[32:34], 0xffff) // an attribute longer than the message
	f.Add(bad)
	bad = bytes.Clone(d)
	binary.NativeEndian.PutUint32(bad[0:4], 3) // a message shorter than its header
	f.Add(bad)
	f.Fuzz(func(t *testing.T, b []byte) {
		b = b[:len(b):len(b)]
		ifs, links, addrs, err := iface.DecodeForTest(b)
		if err != nil {
			require.Nil(t, ifs)
			return
		}
		require.Len(t, links, len(ifs))
		for i, ifi := range ifs {
			require.NotContains(t, ifi.Name, "\x00")
			require.Equal(t, len(ifi.HardwareAddr), cap(ifi.HardwareAddr), "a hardware address must not share spare capacity")
			if ifi.HardwareAddr != nil {
				require.NotEqual(t, 0, len(ifi.HardwareAddr))
			}
			require.Equal(t, ifi, links[i].Interface)
			require.False(t, strings.Contains(links[i].Alias, "\x00"))
		}
		for _, a := range addrs {
			require.True(t, a.Prefix.Addr().IsValid())
			if a.Prefix.IsValid() {
				ipn := a.IPNet()
				require.Equal(t, a.Prefix.String(), ipn.String())
			}
		}
	})
}

// FuzzLinkDifferential encodes a link message from fuzzed fields and
// checks netkit's decoding against the standard library's syscall parser
// and the rules of net's newLink.
func FuzzLinkDifferential(f *testing.F) {
	f.Add(int32(2), uint16(1), uint32(0x1043), "eth0", uint32(1500), []byte{2, 0, 0x5e, 0, 0x53, 1})
	f.Add(int32(1), uint16(772), uint32(0x49), "lo", uint32(65536), make([]byte, 6))
	f.Add(int32(9), uint16(778), uint32(0x91), "gre0", uint32(1476), []byte{0, 0, 0, 0})
	f.Add(int32(9), uint16(823), uint32(0x91), "ip6gre0", uint32(1448), make([]byte, 16))
	f.Fuzz(func(t *testing.T, index int32, arphrd uint16, flags uint32, name string, mtu uint32, hw []byte) {
		if strings.ContainsRune(name, 0) || len(hw) > 64 || len(name) > 64 {
			return
		}
		msg := nlMsg(unix.RTM_NEWLINK, ifinfo(index, arphrd, flags),
			nlAttr(unix.IFLA_IFNAME, append([]byte(name), 0)), nlAttr(unix.IFLA_MTU, u32(mtu)),
			nlAttr(unix.IFLA_ADDRESS, hw))
		msgs, err := syscall.ParseNetlinkMessage(msg)
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		attrs, err := syscall.ParseNetlinkRouteAttr(&msgs[0])
		require.NoError(t, err)
		// net's newLink, restated.
		var wantName string
		var wantMTU int
		var wantHW []byte
		for _, a := range attrs {
			switch a.Attr.Type {
			case syscall.IFLA_IFNAME:
				wantName = string(a.Value[:len(a.Value)-1])
			case syscall.IFLA_MTU:
				wantMTU = int(binary.NativeEndian.Uint32(a.Value))
			case syscall.IFLA_ADDRESS:
				tunnel := (len(a.Value) == 4 && (arphrd == 768 || arphrd == 778 || arphrd == 776)) ||
					(len(a.Value) == 16 && (arphrd == 769 || arphrd == 823))
				nonzero := false
				for _, c := range a.Value {
					nonzero = nonzero || c != 0
				}
				if !tunnel && nonzero {
					wantHW = a.Value
				}
			}
		}
		ifs, _, _, err := iface.DecodeForTest(msg)
		require.NoError(t, err)
		require.Len(t, ifs, 1)
		require.Equal(t, int(index), ifs[0].Index)
		require.Equal(t, wantName, ifs[0].Name)
		require.Equal(t, wantMTU, ifs[0].MTU)
		require.Equal(t, []byte(wantHW), []byte(ifs[0].HardwareAddr))
		require.Equal(t, flags&unix.IFF_UP != 0, ifs[0].Flags&iface.FlagUp != 0)
		require.Equal(t, flags&unix.IFF_RUNNING != 0, ifs[0].Flags&iface.FlagRunning != 0)
		require.Equal(t, flags&unix.IFF_POINTOPOINT != 0, ifs[0].Flags&iface.FlagPointToPoint != 0)
	})
}
