// Package iface enumerates network interfaces and their addresses: netlink
// on Linux, routing sockets on the BSDs and macOS.
package iface
