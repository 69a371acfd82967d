// Package netcompat provides a portable interface for network I/O, including
// TCP/IP, UDP, domain name resolution, and Unix domain sockets: the
// documented API of the standard library's net package, composed from the
// netkit modules (addr, poller, sockopt, iface, resolver, conn, pipe).
// Changing an import from "net" to "github.com/netkit-go/netkit/netcompat"
// is all a program needs; the interface types (Conn, Listener, PacketConn,
// Addr, Error) are the standard library's own, so netcompat connections plug
// into net/http, crypto/tls and every library that takes a net.Conn.
//
// Although the package provides access to low-level networking primitives,
// most clients will need only the basic interface provided by the Dial,
// Listen, and Accept functions and the associated Conn and Listener
// interfaces. The crypto/tls package uses the same interfaces and similar
// Dial and Listen functions.
//
// The Dial function connects to a server:
//
//	conn, err := netcompat.Dial("tcp", "golang.org:80")
//	if err != nil {
//		// handle error
//	}
//	fmt.Fprintf(conn, "GET / HTTP/1.0\r\n\r\n")
//	status, err := bufio.NewReader(conn).ReadString('\n')
//	// ...
//
// The Listen function creates servers:
//
//	ln, err := netcompat.Listen("tcp", ":8080")
//	if err != nil {
//		// handle error
//	}
//	for {
//		conn, err := ln.Accept()
//		if err != nil {
//			// handle error
//		}
//		go handleConnection(conn)
//	}
//
// # Name Resolution
//
// The method for resolving domain names, whether indirectly with functions
// like Dial or directly with functions like LookupHost and LookupAddr, is
// netkit's pure-Go resolver (package resolver) on every platform: it reads
// /etc/hosts, /etc/resolv.conf and /etc/nsswitch.conf (re-reading them when
// they change, with Go 1.26's defaults when a file is missing: with no
// nsswitch.conf the hosts file is consulted before DNS) and sends DNS
// queries directly to the servers listed in resolv.conf over UDP, retrying
// over TCP when an answer is truncated.
//
// netkit has no cgo resolver. The standard library switches to the C
// library's getaddrinfo when the LOCALDOMAIN environment variable is present,
// when RES_OPTIONS or HOSTALIASES is non-empty, when resolv.conf or
// nsswitch.conf ask for features the Go resolver does not implement, and for
// names ending in .local (mDNS). netkit makes the same decision and reports
// it: GODEBUG=netdns=1 (or netdns=go+1, netdns=cgo+2) prints the decision
// and its reason on standard error, and (*resolver.Resolver).Explain
// returns it as a value, but the lookup is always answered by the pure-Go path; where the
// standard library would have used cgo, the answer may differ (for example,
// mDNS names are not resolved).
//
// The decision can be overridden by setting the netdns value of the GODEBUG
// environment variable to go or cgo, as in:
//
//	export GODEBUG=netdns=go    # force pure Go resolver
//	export GODEBUG=netdns=cgo   # ask for the cgo resolver: reported, answered by Go
//
// # Differences from the Go 1.5 net documentation
//
// Where the Go 1.5 text and Go 1.26 differ, netcompat follows Go 1.26:
// IPv4 literals with leading zeros ("010.0.0.1") are rejected; a
// Dialer.KeepAlive of zero means the 15-second default and a negative value
// disables keep-alives; happy eyeballs (RFC 6555) races IPv4 and IPv6 whatever
// Dialer.DualStack says, and a negative FallbackDelay disables it.
//
// Where the standard library is documented as buggy, netkit does the right
// thing: ReadFrom on an "ip4" IPConn returns the payload without the IPv4
// header on every operating system.
//
// Two types cannot be plain aliases of a netkit module's type, because their
// documented methods name net.Addr or net.Conn and the modules that own the
// concept do not import package net: Interface (package iface returns
// addr.Addr values; netcompat converts them to net.Addr) and Resolver (its
// Dial field returns a net.Conn; it is conn.Resolver, which adapts the hook
// for package resolver).
package netcompat
