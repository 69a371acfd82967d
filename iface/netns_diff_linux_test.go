package iface_test

import (
	"net"
	"os"
	"strings"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// topology is a namespace with the kinds of links this kernel has (no
// dummy, no VLAN: see testenv/README.md): two veth pairs with different
// MTUs, several IPv4 and IPv6 addresses (primary and secondary, a
// point-to-point address with a peer, an explicit link-local one), a
// macvlan on a veth, an ifb, a bridge with a veth enslaved, a tun device,
// an alias.
const topology = `link set lo up
link add va0 mtu 1500 type veth peer name vb0 mtu 9000
link add va1 type veth peer name vb1
link set va1 mtu 1280
link set vb1 mtu 65535
addr add 198.51.100.1/25 dev va0
addr add 198.51.100.11/25 dev va0
addr add 198.51.100.200/24 dev va0
addr add 2001:db8:100::1/64 dev va0 nodad
addr add 2001:db8:100::11/64 dev va0 nodad
addr add fe80::1/64 dev va0 nodad
addr add 198.51.100.2/25 broadcast 198.51.100.127 dev vb0
addr add 2001:db8:100::2/64 dev vb0 nodad
addr add 10.9.0.1 peer 10.9.0.2/32 dev vb1
addr add 2001:db8:200::1/128 dev vb1 nodad
addr add 2001:db8:201::1 peer 2001:db8:201::2/128 dev vb1 nodad
link add mv0 link va0 type macvlan mode bridge
link set mv0 mtu 1400
addr add 203.0.113.1/24 dev mv0
addr add 2001:db8:102::1/64 dev mv0 nodad
link add ifb7 address 00:00:5e:00:53:01 type ifb
link set ifb7 multicast on
link set ifb7 mtu 1280
addr add 198.18.0.1/24 dev ifb7
addr add 198.18.0.2/24 dev ifb7
addr add 2001:db8:103::1/64 dev ifb7 nodad
addr add 2001:db8:103::2/64 dev ifb7 nodad
link add br0 type bridge
link set va1 master br0
tuntap add dev tun0 mode tun
addr add 192.0.0.8/32 dev tun0
link set va0 alias uplink
link property add dev va0 altname va0-alt
link set va0 up
link set vb0 up
link set va1 up
link set vb1 up
link set mv0 up
link set ifb7 up
link set br0 up
link set tun0 up
`

// groups are joined in the namespace before comparing MulticastAddrs.
var groups = []struct{ ifname, group string }{
	{"va0", "239.255.42.1"},
	{"va0", "239.255.42.2"},
	{"mv0", "239.1.2.3"},
	{"ifb7", "239.9.9.9"},
	{"va0", "ff05::4242"},
	{"ifb7", "ff15::4e4b"},
}

// TestNetnsDifferential compares every function with the standard
// library's inside a namespace built for the test: in this process, on a
// thread that joined the namespace (everything but MulticastAddrs, for
// which net reads /proc of the process's main thread), and in a child
// process run entirely in the namespace (everything, multicast included).
func TestNetnsDifferential(t *testing.T) {
	ns := newNetns(t, topology)
	var fds []int
	inNetns(t, ns, func() {
		waitStable(t)
		for _, g := range groups {
			fds = append(fds, joinGroup(t, g.ifname, g.group))
		}
		compareAll(t, false)

		// The kernel finds links by their alternative names too; net does
		// not, and neither does netkit.
		_, werr := net.InterfaceByName("va0-alt")
		gi, gerr := iface.InterfaceByName("va0-alt")
		require.Error(t, werr)
		require.Nil(t, gi)
		requireSameError(t, gerr, werr, "InterfaceByName(altname)")

		// netkit reads /proc/thread-self: the groups joined in this
		// namespace are visible from this thread.
		for _, g := range groups {
			ifi, err := iface.InterfaceByName(g.ifname)
			require.NoError(t, err)
			ma, err := ifi.MulticastAddrs()
			require.NoError(t, err)
			require.True(t, containsIP(ma, g.group), "%s not in MulticastAddrs of %s: %v", g.group, g.ifname, ma)
		}
	})
	defer func() {
		for _, fd := range fds {
			unix.Close(fd)
		}
	}()
	var want []string
	for _, g := range groups {
		want = append(want, g.ifname+"="+g.group)
	}
	runChild(t, ns, "TestNetnsChild", "NETKIT_IFACE_GROUPS="+strings.Join(want, ","))
}

func containsIP(addrs []addr.Addr, s string) bool {
	ip := net.ParseIP(s)
	for _, a := range addrs {
		if ia, ok := a.(*addr.IPAddr); ok && net.IP(ia.IP).Equal(ip) {
			return true
		}
	}
	return false
}

// TestNetnsChild is run by TestNetnsDifferential inside the namespace.
func TestNetnsChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("run by TestNetnsDifferential in a child process inside a network namespace")
	}
	compareAll(t, true)
	compareSnapshot(t)
	for _, g := range strings.Split(os.Getenv("NETKIT_IFACE_GROUPS"), ",") {
		if g == "" {
			continue
		}
		name, group, _ := strings.Cut(g, "=")
		ifi, err := iface.InterfaceByName(name)
		require.NoError(t, err)
		ma, err := ifi.MulticastAddrs()
		require.NoError(t, err)
		require.True(t, containsIP(ma, group), "%s not in MulticastAddrs of %s: %v", group, name, ma)
	}
}

// compareSnapshot checks that a Snapshot answers as the standard library
// does.
func compareSnapshot(t testing.TB) {
	t.Helper()
	s, err := iface.NewSnapshot()
	require.NoError(t, err)
	want, err := net.Interfaces()
	require.NoError(t, err)
	requireSameInterfaces(t, s.Interfaces(), want)
	wantAll, err := net.InterfaceAddrs()
	require.NoError(t, err)
	requireSameAddrs(t, s.InterfaceAddrs(), wantAll, "Snapshot.InterfaceAddrs")
	for i := range want {
		wa, err := want[i].Addrs()
		require.NoError(t, err)
		ga, err := s.Addrs(&s.Interfaces()[i])
		require.NoError(t, err)
		requireSameAddrs(t, ga, wa, "Snapshot.Addrs of "+want[i].Name)
		gi, err := s.InterfaceByIndex(want[i].Index)
		require.NoError(t, err)
		requireSameInterface(t, gi, &want[i])
		gi, err = s.InterfaceByName(want[i].Name)
		require.NoError(t, err)
		requireSameInterface(t, gi, &want[i])
	}
	for _, index := range []int{0, -1, 1 << 30} {
		_, werr := net.InterfaceByIndex(index)
		_, gerr := s.InterfaceByIndex(index)
		requireSameError(t, gerr, werr, "Snapshot.InterfaceByIndex")
	}
	for _, name := range []string{"", "nk-nonexistent0"} {
		_, werr := net.InterfaceByName(name)
		_, gerr := s.InterfaceByName(name)
		requireSameError(t, gerr, werr, "Snapshot.InterfaceByName")
	}
	_, werr := (*net.Interface)(nil).Addrs()
	_, gerr := s.Addrs(nil)
	requireSameError(t, gerr, werr, "Snapshot.Addrs(nil)")
	ga, err := s.Addrs(&iface.Interface{Index: 1 << 30})
	assert.NoError(t, err)
	assert.Nil(t, ga)
	// The detailed views agree with the plain ones.
	links := s.Links()
	require.Len(t, links, len(want))
	for i := range links {
		assert.Equal(t, s.Interfaces()[i], links[i].Interface)
	}
	details := s.Addresses()
	require.Len(t, details, len(wantAll))
	for i := range details {
		assert.Equal(t, wantAll[i].String(), details[i].IPNet().String(), "Addresses()[%d]", i)
	}
}

// TestNetnsSnapshotAndDetails checks the Snapshot against the standard
// library in the namespace, and the details against what the topology
// configured.
func TestNetnsSnapshotAndDetails(t *testing.T) {
	ns := newNetns(t, topology)
	inNetns(t, ns, func() {
		waitStable(t)
		compareSnapshot(t)
		s, err := iface.NewSnapshot()
		require.NoError(t, err)
		links := map[string]iface.Link{}
		for _, l := range s.Links() {
			links[l.Name] = l
		}
		byName := func(n string) iface.Link {
			l, ok := links[n]
			require.True(t, ok, "no link %s", n)
			return l
		}
		assert.Equal(t, "veth", byName("va0").Kind)
		assert.Equal(t, "uplink", byName("va0").Alias)
		assert.Equal(t, iface.OperUp, byName("va0").OperState)
		assert.Equal(t, 1, byName("va0").Type) // ARPHRD_ETHER
		assert.Equal(t, "macvlan", byName("mv0").Kind)
		assert.Equal(t, byName("va0").Index, byName("mv0").ParentIndex)
		assert.Equal(t, byName("vb0").Index, byName("va0").ParentIndex, "a veth's parent is its peer")
		assert.Equal(t, "ifb", byName("ifb7").Kind)
		assert.Equal(t, "bridge", byName("br0").Kind)
		assert.Equal(t, byName("br0").Index, byName("va1").MasterIndex)
		assert.Equal(t, 0, byName("va0").MasterIndex)
		assert.Equal(t, "tun", byName("tun0").Kind)
		assert.Equal(t, 65534, byName("tun0").Type) // ARPHRD_NONE
		assert.NotEqual(t, iface.OperUp, byName("tun0").OperState, "a tun without a reader has no carrier")
		assert.Equal(t, 772, byName("lo").Type) // ARPHRD_LOOPBACK
		assert.Equal(t, 1000, byName("va0").TxQueueLen)

		find := func(prefix string) iface.Address {
			for _, a := range s.Addresses() {
				if a.Prefix.String() == prefix {
					return a
				}
			}
			t.Fatalf("no address %s in %v", prefix, s.Addresses())
			return iface.Address{}
		}
		a := find("198.51.100.11/25")
		assert.Equal(t, iface.AddrSecondary|iface.AddrPermanent, a.Flags&(iface.AddrSecondary|iface.AddrPermanent), a.Flags.String())
		assert.Equal(t, "va0", a.Label)
		assert.Equal(t, iface.ScopeUniverse, a.Scope)
		assert.Equal(t, iface.Forever, a.ValidLifetime)
		a = find("198.51.100.1/25")
		assert.Zero(t, a.Flags&iface.AddrSecondary, a.Flags.String())
		assert.False(t, a.Broadcast.IsValid(), "no broadcast was set on 198.51.100.1")
		a = find("198.51.100.2/25")
		assert.Equal(t, "198.51.100.127", a.Broadcast.String())
		a = find("10.9.0.1/32")
		assert.Equal(t, "10.9.0.2", a.Peer.String())
		a = find("2001:db8:201::1/128")
		assert.Equal(t, "2001:db8:201::2", a.Peer.String())
		a = find("fe80::1/64")
		assert.Equal(t, iface.ScopeLink, a.Scope)
		assert.NotZero(t, a.Flags&iface.AddrNoDAD, a.Flags.String())
		a = find("127.0.0.1/8")
		assert.Equal(t, iface.ScopeHost, a.Scope)
		assert.Equal(t, byName("lo").Index, a.Index)
		require.Len(t, s.AddressesOf(byName("ifb7").Index), 4)
	})
}

// TestSharedNetns compares both implementations in namespace A of the
// project's test network (testenv/netns.sh), when it is up.
func TestSharedNetns(t *testing.T) {
	requireRoot(t)
	ns := os.Getenv("NETKIT_NETNS_A")
	if ns == "" {
		t.Skip(`NETKIT_NETNS_A not set: run eval "$(testenv/netns.sh up)" first (make test does it)`)
	}
	inNetns(t, ns, func() {
		waitStable(t)
		compareAll(t, false)
		compareSnapshot(t)
	})
}
