// Package sockopt sets and reads typed socket options on any
// syscall.RawConn: netkit's connections and the standard library's alike.
package sockopt
