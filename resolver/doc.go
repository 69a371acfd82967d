// Package resolver is a pure-Go DNS resolver that can be configured as a
// value: hosts file, resolv.conf, nsswitch.conf, services, RFC 6724 address
// selection, UDP/TCP transports and the documented Lookup functions.
package resolver
