// Package netcompat is a drop-in replacement for the standard library's net
// package, composed from the netkit modules.
package netcompat
