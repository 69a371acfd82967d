// Package iface enumerates network interfaces and their addresses: the
// standard library's Interfaces, InterfaceByIndex, InterfaceByName,
// InterfaceAddrs, Interface.Addrs and Interface.MulticastAddrs, with the
// same results, plus a one-shot Snapshot, per-link and per-address details
// and a change feed (Watch). It imports no other netkit module than addr,
// and not the standard library's net.
//
// # Same results as net
//
// On the same machine, Interfaces returns the interfaces net.Interfaces
// returns, in the same order, with the same Index, MTU, Name,
// HardwareAddr (nil when all zero, none for IP tunnels) and Flags.
// Addresses are *addr.IPNet values built as net builds its *net.IPNet
// values (IPv4 in 16-byte form with a 4-byte mask; for a point-to-point
// address the local end), in the same order; multicast groups are
// *addr.IPAddr values. Errors are *addr.OpError values with Op "route"
// and Net "ip+net" around the standard library's texts ("no such network
// interface", "invalid network interface index", ...). The tests check all
// of this against net on the host and in network namespaces built with
// veth, macvlan, ifb, bridge and tun devices.
//
// Two deliberate differences: everything is read in the network namespace
// of the calling thread, MulticastAddrs included (net reads /proc/net/igmp
// of the process's main thread, which differs after setns(2) on a locked
// thread); and InterfaceByIndex and InterfaceByName ask the kernel for the
// one link instead of dumping all of them.
//
// # Snapshot
//
// net's Interface.Addrs dumps the whole address table and keeps one
// interface's part: listing the addresses of n interfaces costs n full
// dumps, quadratic in the number of interfaces (minutes with thousands of
// them). NewSnapshot takes one link dump and one address dump and answers
// Interfaces, InterfaceByIndex, InterfaceByName, InterfaceAddrs and Addrs
// from them, consistently (all from the same moment). The plain
// Interface.Addrs is also cheaper than net's: it asks the kernel for one
// interface's addresses (NETLINK_GET_STRICT_CHK, Linux 4.20 and later).
//
// # Details
//
// Snapshot.Links adds, per link, the operational state, the alias, the
// driver kind (veth, macvlan, bridge...), the link-layer type, the master
// and parent indexes, the queue length and the raw flags.
// Snapshot.Addresses adds, per address, the scope, the flags (tentative,
// deprecated, secondary, ...), the preferred and valid lifetimes, the
// label and the broadcast or peer address. They are decoded only when
// asked for.
//
// # Robustness
//
// A dump the kernel marks as interrupted by a concurrent change
// (NLM_F_DUMP_INTR) is restarted from the beginning, up to eight times,
// and its partial records are discarded: a result is always one whole,
// consistent dump, or an error. An interface that disappears between
// Interfaces and Addrs has no addresses (nil, no error), as with net.
//
// Where netlink is restricted, as for apps on Android 11 and later: the
// sockets that query the tables are never bound (the kernel binds them on
// their first send), so a refused bind(2) does not matter; when link
// dumps are refused the interfaces come from /proc/net/dev and ioctl(2)
// (SIOCGIFINDEX, SIOCGIFFLAGS, SIOCGIFMTU, SIOCGIFHWADDR); when address
// dumps are refused IPv4 addresses come from SIOCGIFCONF and IPv6 ones
// from /proc/net/if_inet6. In that fallback, interfaces are ordered by
// index, an IPv4 address takes the netmask of the first address with the
// same label, and IPv6 addresses of one interface are ordered by scope
// only. Only when every path fails is an error returned, a *FallbackError
// naming both failures.
//
// # Watch
//
// Watch delivers link and address changes from a netlink subscription,
// in the kernel's order, on a channel whose backpressure contract is
// described on Watch: netkit never drops an event; when the kernel has to,
// the consumer receives an Overflow event.
//
// # Platforms
//
// Linux uses netlink route sockets through golang.org/x/sys/unix and
// /proc for multicast groups. macOS and the BSDs use routing-socket
// sysctls and a routing socket through golang.org/x/net/route; there,
// Link carries the type, raw flags and an operational state derived from
// FlagRunning, and Address the prefix, broadcast or peer and a scope
// derived from the address. Other platforms return errors wrapping
// errors.ErrUnsupported.
package iface
